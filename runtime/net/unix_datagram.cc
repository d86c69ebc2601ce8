#include "runtime/net/unix_datagram.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "runtime/actor/errors.h"
#include "runtime/rt/timer.h"

namespace heph {
namespace {

struct UnixSockaddr {
  sockaddr_un addr{};
  socklen_t len = 0;
  const sockaddr* ptr() const { return reinterpret_cast<const sockaddr*>(&addr); }
};

// "/path" or, on Linux, "@name" (abstract: a leading NUL, no terminator).
absl::StatusOr<UnixSockaddr> ToSockaddr(const std::string& path, std::string_view op) {
  UnixSockaddr a;
  a.addr.sun_family = AF_UNIX;
  const bool abstract = !path.empty() && path[0] == '@';
#if !defined(__linux__)
  if (abstract) {
    return absl::UnimplementedError(absl::StrCat(AsAbsl(op), " ", path,
                                                 ": abstract socket addresses are Linux only"));
  }
#endif
  if (path.empty() || path.size() >= sizeof a.addr.sun_path) {
    return absl::InvalidArgumentError(absl::StrCat(AsAbsl(op), " ", path,
                                                   ": path empty or longer than ",
                                                   sizeof a.addr.sun_path - 1, " bytes"));
  }
  if (abstract) {
    a.addr.sun_path[0] = '\0';
    std::memcpy(a.addr.sun_path + 1, path.data() + 1, path.size() - 1);
    a.len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
  } else {
    std::memcpy(a.addr.sun_path, path.data(), path.size());
    a.len = static_cast<socklen_t>(sizeof a.addr);
  }
  return a;
}

// What recvfrom / getsockname filled in, as a path, "@name" or "".
std::string FromSockaddr(const sockaddr_un& a, socklen_t len) {
  const std::size_t base = offsetof(sockaddr_un, sun_path);
  if (len <= base) return "";
  const std::size_t n = std::min<std::size_t>(len - base, sizeof a.sun_path);
  if (a.sun_path[0] == '\0') return "@" + std::string(a.sun_path + 1, n - 1);
  return std::string(a.sun_path, strnlen(a.sun_path, n));
}

}  // namespace

UnixDatagram& UnixDatagram::operator=(UnixDatagram&& other) noexcept {
  if (this != &other) {
    close();
    reg_ = std::move(other.reg_);
    path_ = std::move(other.path_);
    peer_ = std::move(other.peer_);
    owns_file_ = std::exchange(other.owns_file_, false);
  }
  return *this;
}

void UnixDatagram::close() {
  if (reg_) {
    reg_.reset();
    if (owns_file_) ::unlink(path_.c_str());
  }
  owns_file_ = false;
}

absl::StatusOr<UnixDatagram> UnixDatagram::Open(std::string_view op, const std::string& target) {
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoStatus(errno, op, target);
  UnixDatagram s;
  s.reg_ = std::make_unique<IoRegistration>(fd);
  return s;
}

absl::StatusOr<UnixDatagram> UnixDatagram::Bind(std::string path) {
  absl::StatusOr<UnixSockaddr> addr = ToSockaddr(path, "bind to");
  if (!addr.ok()) return addr.status();
  absl::StatusOr<UnixDatagram> s = Open("bind to", path);
  if (!s.ok()) return s.status();
  if (::bind(s->fd(), addr->ptr(), addr->len) < 0) return ErrnoStatus(errno, "bind to", path);
  s->owns_file_ = path[0] != '@';  // from here on, close() removes the file
  s->path_ = std::move(path);
  return s;
}

absl::StatusOr<UnixDatagram> UnixDatagram::Autobind() {
#if defined(__linux__)
  absl::StatusOr<UnixDatagram> s = Open("autobind", "a Unix datagram socket");
  if (!s.ok()) return s.status();
  // An address of the family alone: the kernel picks an abstract name.
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (::bind(s->fd(), reinterpret_cast<const sockaddr*>(&a), sizeof(sa_family_t)) < 0) {
    return ErrnoStatus(errno, "autobind", "a Unix datagram socket");
  }
  socklen_t len = sizeof a;
  if (::getsockname(s->fd(), reinterpret_cast<sockaddr*>(&a), &len) < 0) {
    return ErrnoStatus(errno, "getsockname of", "an autobound Unix datagram socket");
  }
  s->path_ = FromSockaddr(a, len);
  return s;
#else
  return absl::UnimplementedError("autobind of a Unix datagram socket: Linux only; use Bind");
#endif
}

absl::StatusOr<UnixDatagram> UnixDatagram::Unbound() {
  return Open("open", "a Unix datagram socket");
}

std::string UnixDatagram::send_op() const {
  return path_.empty() ? std::string("send to") : absl::StrCat("send from ", path_, " to");
}

absl::Status UnixDatagram::connect(const std::string& path) {
  const std::string op = path_.empty() ? std::string("connect to")
                                       : absl::StrCat("connect ", path_, " to");
  if (!reg_) return absl::FailedPreconditionError(absl::StrCat(op, " ", path, ": the socket is closed"));
  absl::StatusOr<UnixSockaddr> addr = ToSockaddr(path, op);
  if (!addr.ok()) return addr.status();
  if (::connect(reg_->fd(), addr->ptr(), addr->len) < 0) return ErrnoStatus(errno, op, path);
  peer_ = path;
  return absl::OkStatus();
}

Async<absl::StatusOr<std::size_t>> UnixDatagram::send_impl(std::span<const char> data,
                                                           std::optional<std::string> to) {
  const std::string& target = to.has_value() ? *to : peer_;
  if (!reg_) co_return absl::FailedPreconditionError(absl::StrCat(send_op(), " ", target, ": the socket is closed"));
  std::optional<UnixSockaddr> addr;
  if (to.has_value()) {
    absl::StatusOr<UnixSockaddr> a = ToSockaddr(*to, send_op());
    if (!a.ok()) co_return a.status();
    addr = *a;
  }
  for (;;) {
    if (reg_->cancelled()) co_return absl::CancelledError(absl::StrCat(send_op(), " ", target, ": cancelled"));
    const ssize_t n = addr.has_value()
                          ? ::sendto(reg_->fd(), data.data(), data.size(), MSG_NOSIGNAL,
                                     addr->ptr(), addr->len)
                          : ::send(reg_->fd(), data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) co_return static_cast<std::size_t>(n);
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) co_return ErrnoStatus(err, send_op(), target);
    if (addr.has_value()) {
      // The receiver's queue is full and Linux will not tell an unconnected
      // sender when it drains (see the top of unix_datagram.h).
      co_await Sleep(absl::Milliseconds(1));
      continue;
    }
    if (absl::Status s = internal::PrepareWait(*reg_, 1); !s.ok()) co_return s;
    co_await reg_->writable();
  }
}

Async<absl::StatusOr<std::size_t>> UnixDatagram::send_to(std::span<const char> data,
                                                         std::string path) {
  return send_impl(data, std::move(path));
}

Async<absl::StatusOr<std::size_t>> UnixDatagram::send(std::span<const char> data) {
  return send_impl(data, std::nullopt);
}

Async<absl::StatusOr<UnixDatagram::Received>> UnixDatagram::recv_from(std::span<char> buf) {
  const std::string where = path_.empty() ? std::string("an unbound socket") : path_;
  const std::string label = peer_.empty() ? where : absl::StrCat(where, " from ", peer_);
  if (!reg_) co_return absl::FailedPreconditionError(absl::StrCat("receive on ", label, ": the socket is closed"));
  for (;;) {
    if (reg_->cancelled()) co_return absl::CancelledError(absl::StrCat("receive on ", label, ": cancelled"));
    sockaddr_un from{};
    socklen_t len = sizeof from;
    const ssize_t n = ::recvfrom(reg_->fd(), buf.data(), buf.size(), 0,
                                 reinterpret_cast<sockaddr*>(&from), &len);
    if (n >= 0) co_return Received{static_cast<std::size_t>(n), FromSockaddr(from, len)};
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) co_return ErrnoStatus(err, "receive on", label);
    if (absl::Status s = internal::PrepareWait(*reg_, 0); !s.ok()) co_return s;
    co_await reg_->readable();
  }
}

Async<absl::StatusOr<std::size_t>> UnixDatagram::recv(std::span<char> buf) {
  absl::StatusOr<Received> d = co_await recv_from(buf);
  if (!d.ok()) co_return d.status();
  co_return d->size;
}

}  // namespace heph
