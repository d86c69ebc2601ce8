// address.h — a socket address: IPv4 or IPv6 plus a port.
//
//   absl::StatusOr<heph::SocketAddress> a = heph::SocketAddress::Parse("127.0.0.1:8080");
//   absl::StatusOr<heph::SocketAddress> b = heph::SocketAddress::Parse("[::1]:80");
//   a->ToString();   // "127.0.0.1:8080"; IPv6 as "[::1]:80"
//
// Numeric addresses only (no name resolution: that would block).
#ifndef HEPH_RUNTIME_NET_ADDRESS_H_
#define HEPH_RUNTIME_NET_ADDRESS_H_

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace heph {

class SocketAddress {
 public:
  // 0.0.0.0:0
  SocketAddress();

  // "a.b.c.d:port" or "[ipv6]:port".
  static absl::StatusOr<SocketAddress> Parse(std::string_view text);
  // 127.0.0.1:port and [::1]:port.
  static SocketAddress Loopback(std::uint16_t port);
  static SocketAddress LoopbackV6(std::uint16_t port);
  // From what accept/getsockname/recvfrom filled in (AF_INET or AF_INET6).
  static SocketAddress FromSockaddr(const sockaddr* sa, socklen_t len);
  // The local address a socket is bound to (getsockname); nullopt with errno
  // set on failure.
  static std::optional<SocketAddress> LocalOf(int fd);

  int family() const { return storage_.ss_family; }
  bool is_v6() const { return family() == AF_INET6; }
  std::uint16_t port() const;
  void set_port(std::uint16_t port);

  const sockaddr* sockaddr_ptr() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t sockaddr_len() const { return len_; }

  // "127.0.0.1:8080", "[::1]:80".
  std::string ToString() const;
  // The host part only: "127.0.0.1", "::1".
  std::string HostString() const;

  friend bool operator==(const SocketAddress& a, const SocketAddress& b);

 private:
  sockaddr_storage storage_{};
  socklen_t len_ = 0;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_ADDRESS_H_
