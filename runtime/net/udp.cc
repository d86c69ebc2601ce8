#include "runtime/net/udp.h"

#include <sys/socket.h>

#include <cerrno>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"

namespace heph {

absl::StatusOr<UdpSocket> UdpSocket::Bind(const SocketAddress& address) {
  const std::string name = address.ToString();
  const int fd = ::socket(address.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoStatus(errno, "bind UDP socket to", name);
  UdpSocket s;
  s.reg_ = std::make_unique<IoRegistration>(fd);
  if (::bind(fd, address.sockaddr_ptr(), address.sockaddr_len()) < 0) {
    return ErrnoStatus(errno, "bind UDP socket to", name);
  }
  std::optional<SocketAddress> local = SocketAddress::LocalOf(fd);
  if (!local) return ErrnoStatus(errno, "getsockname of UDP socket on", name);
  s.local_ = *std::move(local);
  s.label_ = s.local_.ToString();
  return s;
}

absl::Status UdpSocket::connect(const SocketAddress& peer) {
  if (!reg_) return absl::FailedPreconditionError("UDP connect: the socket is closed");
  if (::connect(reg_->fd(), peer.sockaddr_ptr(), peer.sockaddr_len()) < 0) {
    return ErrnoStatus(errno, absl::StrCat("connect UDP socket ", label_, " to"), peer.ToString());
  }
  peer_label_ = peer.ToString();
  return absl::OkStatus();
}

Async<absl::StatusOr<std::size_t>> UdpSocket::send_impl(std::span<const char> data,
                                                        std::optional<SocketAddress> to) {
  if (!reg_) co_return absl::FailedPreconditionError("UDP send: the socket is closed");
  for (;;) {
    if (reg_->cancelled()) co_return absl::CancelledError(absl::StrCat("send from ", label_, ": cancelled"));
    const ssize_t n =
        to.has_value() ? ::sendto(reg_->fd(), data.data(), data.size(), MSG_NOSIGNAL,
                                 to->sockaddr_ptr(), to->sockaddr_len())
                      : ::send(reg_->fd(), data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) co_return static_cast<std::size_t>(n);
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) {
      co_return ErrnoStatus(err, absl::StrCat("send from ", label_, " to"),
                            to.has_value() ? to->ToString() : peer_label_);
    }
    if (absl::Status s = internal::PrepareWait(*reg_, 1); !s.ok()) co_return s;
    co_await reg_->writable();
  }
}

Async<absl::StatusOr<std::size_t>> UdpSocket::send_to(std::span<const char> data,
                                                      SocketAddress to) {
  return send_impl(data, std::move(to));
}

Async<absl::StatusOr<std::size_t>> UdpSocket::send(std::span<const char> data) {
  return send_impl(data, std::nullopt);
}

Async<absl::StatusOr<Datagram>> UdpSocket::recv_from(std::span<char> buf) {
  if (!reg_) co_return absl::FailedPreconditionError("UDP receive: the socket is closed");
  for (;;) {
    if (reg_->cancelled()) co_return absl::CancelledError(absl::StrCat("receive on ", label_, ": cancelled"));
    sockaddr_storage ss;
    socklen_t len = sizeof ss;
    const ssize_t n =
        ::recvfrom(reg_->fd(), buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&ss), &len);
    if (n >= 0) {
      co_return Datagram{static_cast<std::size_t>(n),
                         SocketAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&ss), len)};
    }
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) {
      co_return ErrnoStatus(err, "receive on", peer_label_.empty() ? label_ : absl::StrCat(label_, " from ", peer_label_));
    }
    if (absl::Status s = internal::PrepareWait(*reg_, 0); !s.ok()) co_return s;
    co_await reg_->readable();
  }
}

Async<absl::StatusOr<std::size_t>> UdpSocket::recv(std::span<char> buf) {
  absl::StatusOr<Datagram> d = co_await recv_from(buf);
  if (!d.ok()) co_return d.status();
  co_return d->size;
}

}  // namespace heph
