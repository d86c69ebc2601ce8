#include "runtime/net/tcp.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"

namespace heph {

TcpStream::TcpStream(int fd, const SocketAddress& peer)
    : IoStream(fd, peer.ToString(), Kind::kSocket), peer_address_(peer) {}

Async<absl::StatusOr<TcpStream>> TcpStream::Connect(SocketAddress address) {
  const std::string name = address.ToString();
  const int fd = ::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) co_return ErrnoStatus(errno, "connect to", name);
  TcpStream stream(fd, address);
  int r;
  do {
    r = ::connect(fd, address.sockaddr_ptr(), address.sockaddr_len());
  } while (r < 0 && errno == EINTR);
  if (r < 0) {
    if (errno != EINPROGRESS) co_return ErrnoStatus(errno, "connect to", name);
    for (;;) {
      if (absl::Status s = internal::PrepareWait(*stream.reg_, 1); !s.ok()) co_return s;
      co_await stream.reg_->writable();
      if (stream.reg_->cancelled()) co_return absl::CancelledError(absl::StrCat("connect to ", name, ": cancelled"));
      int err = 0;
      socklen_t len = sizeof err;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
      if (err != 0) co_return ErrnoStatus(err, "connect to", name);
      // Writable without error: connected, unless the event was for
      // something else (then getpeername fails with ENOTCONN: wait again).
      sockaddr_storage ss;
      socklen_t sl = sizeof ss;
      if (::getpeername(fd, reinterpret_cast<sockaddr*>(&ss), &sl) == 0) break;
      if (errno != ENOTCONN) co_return ErrnoStatus(errno, "connect to", name);
    }
  }
  co_return std::move(stream);
}

absl::StatusOr<SocketAddress> TcpStream::local_address() const {
  if (!is_open()) return NotOpen("local address of connection to");
  std::optional<SocketAddress> local = SocketAddress::LocalOf(fd());
  if (!local) return ErrnoStatus(errno, "local address of connection to", peer_name());
  return *std::move(local);
}

absl::Status TcpStream::set_nodelay(bool on) {
  if (!is_open()) return NotOpen("set TCP_NODELAY on connection to");
  const int v = on ? 1 : 0;
  if (::setsockopt(fd(), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) < 0) {
    return ErrnoStatus(errno, "set TCP_NODELAY on connection to", peer_name());
  }
  return absl::OkStatus();
}

absl::StatusOr<TcpListener> TcpListener::Bind(const SocketAddress& address,
                                              TcpListenOptions options) {
  const std::string name = address.ToString();
  const int fd = ::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoStatus(errno, "listen on", name);
  TcpListener l;
  l.reg_ = std::make_unique<IoRegistration>(fd);
  const int one = 1;
  if (options.reuse_address && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
    return ErrnoStatus(errno, "set SO_REUSEADDR to listen on", name);
  }
  if (options.reuse_port && ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) {
    return ErrnoStatus(errno, "set SO_REUSEPORT to listen on", name);
  }
#ifdef SO_INCOMING_CPU
  if (options.incoming_cpu.has_value() &&
      ::setsockopt(fd, SOL_SOCKET, SO_INCOMING_CPU, &*options.incoming_cpu,
                   sizeof *options.incoming_cpu) < 0) {
    return ErrnoStatus(errno, absl::StrCat("set SO_INCOMING_CPU ", *options.incoming_cpu,
                                           " to listen on"),
                       name);
  }
#endif
  if (::bind(fd, address.sockaddr_ptr(), address.sockaddr_len()) < 0) {
    return ErrnoStatus(errno, "bind to", name);
  }
  if (::listen(fd, options.backlog) < 0) return ErrnoStatus(errno, "listen on", name);
  std::optional<SocketAddress> local = SocketAddress::LocalOf(fd);
  if (!local) return ErrnoStatus(errno, "getsockname of listener on", name);
  l.local_ = *std::move(local);
  l.label_ = l.local_.ToString();
  return l;
}

absl::StatusOr<std::optional<TcpStream>> TcpListener::try_accept() {
  if (!reg_) return absl::FailedPreconditionError("accept: the listener is closed");
  for (;;) {
    if (reg_->cancelled()) return absl::CancelledError(absl::StrCat("accept on ", label_, ": cancelled"));
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    const int fd = ::accept4(reg_->fd(), reinterpret_cast<sockaddr*>(&ss), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      return TcpStream(fd, SocketAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&ss), len));
    }
    const int err = errno;
    // A connection that died in the backlog: take the next one.
    if (err == EINTR || err == ECONNABORTED || err == EPROTO) continue;
    if (err == EAGAIN || err == EWOULDBLOCK) return std::nullopt;
    return ErrnoStatus(err, "accept on", label_);
  }
}

Async<absl::StatusOr<TcpStream>> TcpListener::accept() {
  for (;;) {
    absl::StatusOr<std::optional<TcpStream>> s = try_accept();
    if (!s.ok()) co_return s.status();
    if (*s) co_return std::move(**s);
    if (absl::Status p = internal::PrepareWait(*reg_, 0); !p.ok()) co_return p;
    co_await reg_->readable();
  }
}

}  // namespace heph
