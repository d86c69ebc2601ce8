// unix_datagram.h — Unix domain datagram sockets for actors, with UdpSocket's
// API (udp.h): unconnected (send_to / recv_from) and connected (connect, then
// send / recv). Addresses are socket paths.
//
//   absl::StatusOr<heph::UnixDatagram> server = heph::UnixDatagram::Bind("/tmp/x.sock");
//   absl::StatusOr<heph::UnixDatagram> client = heph::UnixDatagram::Autobind();  // or Bind, Unbound
//   co_await client->send_to(data, "/tmp/x.sock");
//   absl::StatusOr<heph::UnixDatagram::Received> d = co_await server->recv_from(buf);
//   co_await server->send_to(reply, d->from);                  // d->size, d->from
//
// Message boundaries are kept: each send is one datagram, each receive returns
// one (a longer datagram is truncated to the buffer, the rest dropped; empty
// datagrams exist). Delivery is reliable and ordered (a local socket never
// drops): when the receiver's queue is full a send waits.
//
// Addresses: a filesystem path ("/tmp/x.sock", at most 107 bytes); on Linux
// "@name" is `name` in the abstract namespace (no file, gone with the socket).
// A receiver sees the sender's address in Received::from: its path, "@..."
// for an abstract or autobound sender, "" for an unbound one (which cannot be
// answered). Bind refuses an existing path ("bind to /tmp/x.sock: Address
// already in use"; remove a stale socket first) and close() removes the file
// it created.
//
// Waiting: a receive waits for readability. A connected send that finds the
// peer's queue full waits until the peer reads (the kernel signals it); an
// unconnected send_to gets no such signal from Linux, so it retries every
// millisecond until the datagram fits.
//
// Every status names the operation and the paths: "send from /tmp/c.sock to
// /tmp/nobody.sock: No such file or directory" ("send to ..." when unbound).
// Threads as for every fd (io.h): created anywhere, awaited on one worker.
#ifndef HEPH_RUNTIME_NET_UNIX_DATAGRAM_H_
#define HEPH_RUNTIME_NET_UNIX_DATAGRAM_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/async.h"
#include "runtime/net/io.h"

namespace heph {

class UnixDatagram {
 public:
  struct Received {
    std::size_t size = 0;  // bytes received (truncated to the buffer)
    std::string from;      // the sender's path, "@name" (abstract), "" (unbound)
  };

  UnixDatagram() = default;
  UnixDatagram(UnixDatagram&&) noexcept = default;
  UnixDatagram& operator=(UnixDatagram&& other) noexcept;
  ~UnixDatagram() { close(); }

  // Bound to `path` ("@name": abstract, Linux).
  static absl::StatusOr<UnixDatagram> Bind(std::string path);
  // Bound to an abstract address the kernel picks (path() tells it), so that
  // receivers can answer. Linux only: Unimplemented elsewhere.
  static absl::StatusOr<UnixDatagram> Autobind();
  // Not bound: it can send, but nobody can answer it.
  static absl::StatusOr<UnixDatagram> Unbound();

  // Fixes the peer: send/recv then talk to it only (and receive from it only).
  absl::Status connect(const std::string& path);

  Async<absl::StatusOr<std::size_t>> send_to(std::span<const char> data, std::string path);
  Async<absl::StatusOr<Received>> recv_from(std::span<char> buf);
  // After connect().
  Async<absl::StatusOr<std::size_t>> send(std::span<const char> data);
  Async<absl::StatusOr<std::size_t>> recv(std::span<char> buf);

  // The bound address: a path, "@name", or "" when unbound.
  const std::string& path() const { return path_; }
  // The connected peer's path ("" before connect()).
  const std::string& peer_path() const { return peer_; }
  int fd() const { return reg_ ? reg_->fd() : -1; }
  bool is_open() const { return reg_ != nullptr; }
  // Wakes waiting operations, which return Cancelled (same worker only).
  void cancel() {
    if (reg_) reg_->cancel();
  }
  // Closes the socket and removes the file it bound, if any.
  void close();

 private:
  static absl::StatusOr<UnixDatagram> Open(std::string_view op, const std::string& target);
  // send_to and send forward here; `to` empty: the connected peer.
  Async<absl::StatusOr<std::size_t>> send_impl(std::span<const char> data,
                                               std::optional<std::string> to);
  // "send from <path> to" or "send to" when unbound.
  std::string send_op() const;

  std::unique_ptr<IoRegistration> reg_;
  std::string path_;
  std::string peer_;
  bool owns_file_ = false;  // bound a filesystem path: close() unlinks it
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_UNIX_DATAGRAM_H_
