#include "runtime/net/tcp.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/sendfile.h>
#endif

#include <algorithm>
#include <cerrno>
#include <vector>

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

namespace {

absl::Status SendFileError(int err, int file_fd, const std::string& peer) {
  return ErrnoStatus(err, absl::StrCat("send file fd ", file_fd, " to"), peer);
}

absl::Status SendFileCancelled(int file_fd, const std::string& peer) {
  return absl::CancelledError(absl::StrCat("send file fd ", file_fd, " to ", peer, ": cancelled"));
}

// At most this much per sendfile call (Linux caps one call near 2 GiB).
constexpr std::size_t kMaxSendFileChunk = std::size_t{1} << 30;

}  // namespace

Async<absl::StatusOr<std::size_t>> TcpStream::send_file(int file_fd, off_t offset,
                                                        std::size_t count) {
#if defined(__linux__)
  if (!reg_) co_return NotOpen(absl::StrCat("send file fd ", file_fd, " to"));
  if (offset < 0) {
    co_return absl::InvalidArgumentError(
        absl::StrCat("send file fd ", file_fd, " to ", peer_, ": negative offset ", offset));
  }
  std::size_t sent = 0;
  while (sent < count) {
    if (reg_->cancelled()) co_return SendFileCancelled(file_fd, peer_);
    off_t at = offset + static_cast<off_t>(sent);
    const std::size_t chunk = std::min(count - sent, kMaxSendFileChunk);
    const ssize_t n =
        internal::WithoutSigpipe([&] { return ::sendfile(reg_->fd(), file_fd, &at, chunk); });
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) break;  // end of the file
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) co_return SendFileError(err, file_fd, peer_);
    if (absl::Status s = internal::PrepareWait(*reg_, 1); !s.ok()) co_return s;
    co_await reg_->writable();
  }
  co_return sent;
#else
  co_return co_await internal::SendFileByCopy(*this, file_fd, offset, count);
#endif
}

namespace internal {

Async<absl::StatusOr<std::size_t>> SendFileByCopy(TcpStream& stream, int file_fd, off_t offset,
                                                  std::size_t count) {
  const std::string& peer = stream.peer_;
  if (!stream.reg_) co_return stream.NotOpen(absl::StrCat("send file fd ", file_fd, " to"));
  if (offset < 0) {
    co_return absl::InvalidArgumentError(
        absl::StrCat("send file fd ", file_fd, " to ", peer, ": negative offset ", offset));
  }
  IoRegistration& reg = *stream.reg_;
  std::vector<char> buf(std::min<std::size_t>(count, 64 * 1024));
  std::size_t sent = 0;
  // buf[begin, end) holds the file's bytes from offset + sent on.
  std::size_t begin = 0;
  std::size_t end = 0;
  while (sent < count) {
    if (reg.cancelled()) co_return SendFileCancelled(file_fd, peer);
    if (begin == end) {
      const ssize_t r = ::pread(file_fd, buf.data(), std::min(buf.size(), count - sent),
                                offset + static_cast<off_t>(sent));
      if (r == 0) break;  // end of the file
      if (r < 0) {
        if (errno == EINTR) continue;
        co_return SendFileError(errno, file_fd, peer);
      }
      begin = 0;
      end = static_cast<std::size_t>(r);
    }
    const ssize_t n = ::send(reg.fd(), buf.data() + begin, end - begin, MSG_NOSIGNAL);
    if (n >= 0) {
      begin += static_cast<std::size_t>(n);
      sent += static_cast<std::size_t>(n);
      continue;
    }
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) co_return SendFileError(err, file_fd, peer);
    if (absl::Status s = PrepareWait(reg, 1); !s.ok()) co_return s;
    co_await reg.writable();
  }
  co_return sent;
}

}  // namespace internal

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
