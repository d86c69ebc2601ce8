// tcp.h — TCP listeners and streams for actors.
//
//   absl::StatusOr<heph::TcpListener> l = heph::TcpListener::Bind(addr);
//   absl::StatusOr<heph::TcpStream> c = co_await l->accept();
//   absl::StatusOr<heph::TcpStream> s = co_await heph::TcpStream::Connect(addr);
//   absl::Status w = co_await s->write_all(data);
//   absl::StatusOr<size_t> n = co_await s->send_file(file_fd, /*offset=*/0, size);
//
// Sockets are non-blocking and close-on-exec. Every status names the operation
// and the address ("connect to 127.0.0.1:9: Connection refused"). Binding may
// happen on any thread; awaiting happens on the worker that owns the socket.
#ifndef HEPH_RUNTIME_NET_TCP_H_
#define HEPH_RUNTIME_NET_TCP_H_

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/async.h"
#include "runtime/net/address.h"
#include "runtime/net/io.h"

namespace heph {

class TcpStream;
namespace internal {
Async<absl::StatusOr<std::size_t>> SendFileByCopy(TcpStream& stream, int file_fd, off_t offset,
                                                  std::size_t count);
}  // namespace internal

class TcpStream : public IoStream {
 public:
  TcpStream() = default;
  // Adopts a connected non-blocking socket.
  TcpStream(int fd, const SocketAddress& peer);

  // Connects (asynchronously; the result is checked with SO_ERROR).
  static Async<absl::StatusOr<TcpStream>> Connect(SocketAddress address);

  // The peer's address as known when connecting/accepting.
  const SocketAddress& peer_address() const { return peer_address_; }
  absl::StatusOr<SocketAddress> local_address() const;
  absl::Status set_nodelay(bool on = true);

  // Sends `count` bytes of the file `file_fd` starting at `offset`, from the
  // kernel's page cache to the socket without copying through user space
  // (sendfile(2) on Linux). Waits for writability whenever the socket's
  // buffer is full and loops until `count` bytes are sent or the file ends:
  // the result is the bytes sent, fewer than `count` only at the end of the
  // file. The file's own position is neither used nor moved, so one file may
  // be sent to several streams at once. Errors name the operation, the file
  // descriptor and the peer: "send file fd 7 to 127.0.0.1:53422: Broken
  // pipe"; bytes already sent before an error are not reported. Elsewhere
  // (BSD, macOS: sendfile(2) has another signature there) the same contract
  // is kept by pread(2) into a 64 KiB buffer and send(2)
  // (internal::SendFileByCopy, tested on Linux too).
  Async<absl::StatusOr<std::size_t>> send_file(int file_fd, off_t offset, std::size_t count);

 private:
  friend Async<absl::StatusOr<std::size_t>> internal::SendFileByCopy(TcpStream&, int, off_t,
                                                                     std::size_t);
  SocketAddress peer_address_;  // IoStream::peer_ is its text
};

namespace internal {
// send_file through user space: the portable fallback (see send_file).
Async<absl::StatusOr<std::size_t>> SendFileByCopy(TcpStream& stream, int file_fd, off_t offset,
                                                  std::size_t count);
}  // namespace internal

struct TcpListenOptions {
  bool reuse_address = true;  // SO_REUSEADDR
  bool reuse_port = false;    // SO_REUSEPORT: several listeners on one port
  int backlog = 1024;
  // SO_INCOMING_CPU: with SO_REUSEPORT, the kernel prefers this listener for
  // connections whose packets are processed on that CPU. Linux only; ignored
  // where the option does not exist (BSD, macOS).
  std::optional<int> incoming_cpu;
};

class TcpListener {
 public:
  TcpListener() = default;
  static absl::StatusOr<TcpListener> Bind(const SocketAddress& address,
                                          TcpListenOptions options = {});

  // The next connection; Cancelled after cancel().
  Async<absl::StatusOr<TcpStream>> accept();
  // One accept attempt that never waits: a connection, nullopt if none is
  // waiting, or the error (Cancelled after cancel()).
  absl::StatusOr<std::optional<TcpStream>> try_accept();

  // The bound address (port 0 resolved).
  const SocketAddress& local_address() const { return local_; }
  std::uint16_t port() const { return local_.port(); }
  int fd() const { return reg_ ? reg_->fd() : -1; }
  bool is_open() const { return reg_ != nullptr; }

  // Wakes a waiting accept(), which returns Cancelled (same worker only).
  void cancel() {
    if (reg_) reg_->cancel();
  }
  void close() { reg_.reset(); }

 private:
  std::unique_ptr<IoRegistration> reg_;
  SocketAddress local_;
  std::string label_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_TCP_H_
