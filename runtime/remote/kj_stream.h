// kj_stream.h — KJ streams over the worker's poller: a kj::AsyncIoStream over
// a connected non-blocking socket (TCP or Unix), a kj::ConnectionReceiver over
// a listening one, and connecting.
//
//   kj::Promise<kj::Own<KjStream>> s = KjStream::Connect(*RemoteAddress::Parse("127.0.0.1:4000"));
//   s.then([](kj::Own<KjStream> s) { return s->write("hi", 2).attach(kj::mv(s)); });
//
// Each object registers its descriptor with the CURRENT worker's poller
// (read + write interest, edge-triggered) and must be used and destroyed on
// that worker. Operations first try the system call; only when it would block
// do they wait for the poller's next edge, whose event (dispatched by the
// worker's poll()) fulfils the KJ promise on the same thread.
//
// Errors are kj::Exceptions naming the operation and the peer, e.g.
// "read from 127.0.0.1:4000: Connection reset by peer": DISCONNECTED for
// ECONNRESET, EPIPE (and ENOTCONN, ETIMEDOUT, ECONNABORTED), FAILED otherwise.
// Connect failures (refused, unreachable) are DISCONNECTED too and name the
// address, e.g. "connect to 127.0.0.1:9: Connection refused".
#ifndef HEPH_RUNTIME_REMOTE_KJ_STREAM_H_
#define HEPH_RUNTIME_REMOTE_KJ_STREAM_H_

#include <kj/async-io.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "runtime/net/address.h"
#include "runtime/rt/worker.h"

namespace heph::remote {

// Where to listen or connect: "127.0.0.1:4000", "[::1]:4000" (numeric, port 0
// allowed when listening) or "unix:/path/to/socket".
class RemoteAddress {
 public:
  static absl::StatusOr<RemoteAddress> Parse(std::string_view text);

  bool is_unix() const { return is_unix_; }
  const SocketAddress& inet() const { return inet_; }
  const std::string& path() const { return path_; }
  void set_port(std::uint16_t port) { inet_.set_port(port); }
  // "127.0.0.1:4000" or "unix:/path".
  std::string ToString() const;

 private:
  bool is_unix_ = false;
  SocketAddress inet_;
  std::string path_;
};

// The kj::Exception for errno `err` of `op` on `target` (see above).
kj::Exception ErrnoException(int err, std::string_view op, std::string_view target);

class KjStream final : public kj::AsyncIoStream, private IoSource {
 public:
  // Takes ownership of the connected non-blocking `fd` and registers it with
  // the current worker's poller (whose KJ loop is created if needed); `peer`
  // names it in errors. Throws a kj::Exception if registration fails.
  KjStream(int fd, std::string peer);
  // Connects asynchronously (a non-blocking connect completed by the poller).
  static kj::Promise<kj::Own<KjStream>> Connect(const RemoteAddress& address);
  ~KjStream() noexcept(false);
  KjStream(const KjStream&) = delete;
  KjStream& operator=(const KjStream&) = delete;

  const std::string& peer() const { return peer_; }
  int fd() const { return fd_; }

  // kj::AsyncInputStream: at least minBytes unless the stream ends (fewer,
  // possibly 0, then), at most maxBytes. One read at a time.
  kj::Promise<std::size_t> tryRead(void* buffer, std::size_t minBytes,
                                   std::size_t maxBytes) override;
  // kj::AsyncOutputStream: all bytes, however many writes it takes. One
  // write at a time; the buffers (and the pieces array) must stay valid
  // until the promise resolves.
  kj::Promise<void> write(const void* buffer, std::size_t size) override;
  kj::Promise<void> write(kj::ArrayPtr<const kj::ArrayPtr<const kj::byte>> pieces) override;
  // Resolves once a write failed with DISCONNECTED or the poller reported an
  // error on the socket (a peer's half-close alone does not count).
  kj::Promise<void> whenWriteDisconnected() override;
  // kj::AsyncIoStream.
  void shutdownWrite() override;
  void abortRead() override;
  void getsockopt(int level, int option, void* value, kj::uint* length) override;
  void setsockopt(int level, int option, const void* value, kj::uint length) override;
  void getsockname(struct sockaddr* addr, kj::uint* length) override;
  void getpeername(struct sockaddr* addr, kj::uint* length) override;
  kj::Maybe<int> getFd() const override { return fd_; }

 private:
  class ReadOp;
  class WriteOp;
  class ConnectOp;
  static void OnEvent(IoSource* self, const PollEvent& event);
  void note_disconnected();
  kj::Exception write_failed(int err);

  int fd_;
  Worker* worker_;
  std::string peer_;
  ReadOp* reader_ = nullptr;
  WriteOp* writer_ = nullptr;
  ConnectOp* connecting_ = nullptr;
  bool hung_up_ = false;
  kj::Maybe<kj::Own<kj::PromiseFulfiller<void>>> disconnect_fulfiller_;
  kj::Maybe<kj::ForkedPromise<void>> disconnected_;
};

// A listening socket on the current worker's poller.
class KjListener final : public kj::ConnectionReceiver, private IoSource {
 public:
  // Binds and listens on `address` (SO_REUSEADDR; `reuse_port`: SO_REUSEPORT,
  // so every worker can have its own listener on one TCP port). For Unix
  // addresses a stale socket file is NOT removed (AlreadyExists). Any thread.
  static absl::StatusOr<int> BindFd(const RemoteAddress& address, bool reuse_port, int backlog);
  // Adopts a listening non-blocking fd (from BindFd) on the current worker.
  // `name` (the address) appears in errors; for Unix addresses `unlink_path`
  // is removed when the listener closes.
  KjListener(int fd, std::string name, std::string unlink_path = {});
  ~KjListener() noexcept(false);

  // The next connection. Transient accept errors (ECONNABORTED, EINTR) are
  // retried; others reject the promise (the caller decides to retry).
  kj::Promise<kj::Own<kj::AsyncIoStream>> accept() override;
  kj::Promise<kj::Own<KjStream>> accept_stream();
  kj::uint getPort() override;
  const std::string& name() const { return name_; }

 private:
  class AcceptOp;
  static void OnEvent(IoSource* self, const PollEvent& event);
  // One accept attempt: false on EAGAIN, else a stream or an error.
  bool try_accept(kj::Maybe<kj::Own<KjStream>>* stream, kj::Maybe<kj::Exception>* error);

  int fd_;
  Worker* worker_;
  std::string name_;
  std::string unlink_path_;
  AcceptOp* acceptor_ = nullptr;
};

}  // namespace heph::remote

#endif  // HEPH_RUNTIME_REMOTE_KJ_STREAM_H_
