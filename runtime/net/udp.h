// udp.h — UDP sockets for actors: unconnected (send_to / recv_from) and
// connected (connect, then send / recv).
//
//   absl::StatusOr<heph::UdpSocket> s = heph::UdpSocket::Bind(heph::SocketAddress::Loopback(0));
//   co_await s->send_to(data, peer);
//   absl::StatusOr<heph::Datagram> d = co_await s->recv_from(buf);   // d->size, d->from
#ifndef HEPH_RUNTIME_NET_UDP_H_
#define HEPH_RUNTIME_NET_UDP_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/async.h"
#include "runtime/net/address.h"
#include "runtime/net/io.h"

namespace heph {

struct Datagram {
  std::size_t size = 0;  // bytes received (a longer datagram is truncated to the buffer)
  SocketAddress from;
};

class UdpSocket {
 public:
  UdpSocket() = default;
  static absl::StatusOr<UdpSocket> Bind(const SocketAddress& address);

  // Fixes the peer: send/recv then talk to it only.
  absl::Status connect(const SocketAddress& peer);

  Async<absl::StatusOr<std::size_t>> send_to(std::span<const char> data, SocketAddress to);
  Async<absl::StatusOr<Datagram>> recv_from(std::span<char> buf);
  // After connect().
  Async<absl::StatusOr<std::size_t>> send(std::span<const char> data);
  Async<absl::StatusOr<std::size_t>> recv(std::span<char> buf);

  const SocketAddress& local_address() const { return local_; }
  int fd() const { return reg_ ? reg_->fd() : -1; }
  void cancel() {
    if (reg_) reg_->cancel();
  }
  void close() { reg_.reset(); }

 private:
  // send_to and send forward here (one coroutine frame per send); `to`
  // empty: the connected peer.
  Async<absl::StatusOr<std::size_t>> send_impl(std::span<const char> data,
                                               std::optional<SocketAddress> to);

  std::unique_ptr<IoRegistration> reg_;
  SocketAddress local_;
  std::string label_;
  std::string peer_label_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_UDP_H_
