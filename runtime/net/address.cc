#include "runtime/net/address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"

namespace heph {

SocketAddress::SocketAddress() {
  auto* in = reinterpret_cast<sockaddr_in*>(&storage_);
  in->sin_family = AF_INET;
  len_ = sizeof(sockaddr_in);
}

absl::StatusOr<SocketAddress> SocketAddress::Parse(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad socket address '", AsAbsl(text), "': ", AsAbsl(why)));
  };
  std::string_view host;
  std::string_view port_text;
  bool v6 = false;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return bad("missing ']'");
    host = text.substr(1, close - 1);
    if (close + 1 >= text.size() || text[close + 1] != ':') return bad("expected ':port' after ']'");
    port_text = text.substr(close + 2);
    v6 = true;
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad("expected host:port");
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return bad("IPv6 addresses go in brackets");
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return bad("bad port");
  }
  const std::string host_z(host);
  SocketAddress a;
  if (v6) {
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    if (inet_pton(AF_INET6, host_z.c_str(), &in6.sin6_addr) != 1) return bad("bad IPv6 address");
    in6.sin6_port = htons(static_cast<std::uint16_t>(port));
    std::memcpy(&a.storage_, &in6, sizeof in6);
    a.len_ = sizeof in6;
  } else {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    if (inet_pton(AF_INET, host_z.c_str(), &in.sin_addr) != 1) return bad("bad IPv4 address");
    in.sin_port = htons(static_cast<std::uint16_t>(port));
    std::memcpy(&a.storage_, &in, sizeof in);
    a.len_ = sizeof in;
  }
  return a;
}

SocketAddress SocketAddress::Loopback(std::uint16_t port) {
  SocketAddress a;
  auto* in = reinterpret_cast<sockaddr_in*>(&a.storage_);
  in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  in->sin_port = htons(port);
  return a;
}

SocketAddress SocketAddress::LoopbackV6(std::uint16_t port) {
  SocketAddress a;
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_addr = in6addr_loopback;
  in6.sin6_port = htons(port);
  std::memcpy(&a.storage_, &in6, sizeof in6);
  a.len_ = sizeof in6;
  return a;
}

std::optional<SocketAddress> SocketAddress::LocalOf(int fd) {
  sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) < 0) return std::nullopt;
  return FromSockaddr(reinterpret_cast<sockaddr*>(&ss), len);
}

SocketAddress SocketAddress::FromSockaddr(const sockaddr* sa, socklen_t len) {
  SocketAddress a;
  if (len > static_cast<socklen_t>(sizeof a.storage_)) len = sizeof a.storage_;
  if (sa != nullptr && len > 0 && (sa->sa_family == AF_INET || sa->sa_family == AF_INET6)) {
    std::memset(&a.storage_, 0, sizeof a.storage_);
    std::memcpy(&a.storage_, sa, len);
    a.len_ = len;
  }
  return a;
}

std::uint16_t SocketAddress::port() const {
  if (is_v6()) return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
  return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
}

void SocketAddress::set_port(std::uint16_t port) {
  if (is_v6()) {
    reinterpret_cast<sockaddr_in6*>(&storage_)->sin6_port = htons(port);
  } else {
    reinterpret_cast<sockaddr_in*>(&storage_)->sin_port = htons(port);
  }
}

std::string SocketAddress::HostString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_v6()) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, buf,
              sizeof buf);
  } else {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, buf, sizeof buf);
  }
  return buf;
}

std::string SocketAddress::ToString() const {
  if (is_v6()) return absl::StrCat("[", HostString(), "]:", port());
  return absl::StrCat(HostString(), ":", port());
}

bool operator==(const SocketAddress& a, const SocketAddress& b) {
  return a.family() == b.family() && a.port() == b.port() && a.HostString() == b.HostString();
}

}  // namespace heph
