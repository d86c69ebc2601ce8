// rpc.h — Cap'n Proto RPC (libcapnp-rpc's two-party protocol) served and
// called on the runtime's own workers.
//
// Server: a bootstrap capability exported on an address, one listener per
// worker (TCP: SO_REUSEPORT, the kernel spreads connections; Unix: one
// listener, on worker 0); each accepted connection lives on the worker that
// accepted it, its bytes moved by that worker's poller (KjStream).
//
//   absl::StatusOr<std::unique_ptr<heph::remote::RpcServer>> server =
//       heph::remote::RpcServer::Start(runtime, "127.0.0.1:0",
//           [] { return capnp::Capability::Client(kj::heap<CalcImpl>()); });
//   (*server)->address();   // "127.0.0.1:41234"
//   (*server)->stop();      // or receive_signals(runtime)
//
// The factory runs on each worker (a capability belongs to one KJ loop), once,
// when that worker's listener starts; every connection on that worker gets
// (a reference to) the same capability.
//
// Client, inside an actor (or task) on a worker:
//
//   absl::StatusOr<std::unique_ptr<heph::remote::RpcConnection>> c =
//       co_await heph::remote::Connect("127.0.0.1:4000");
//   Calc::Client calc = (*c)->bootstrap<Calc>();
//   auto r = co_await heph::remote::Await(calc.addRequest().send(), (*c)->peer());
//
// The connection (and every capability obtained through it) belongs to the
// worker it was made on; destroy it there. Dropping it disconnects: calls in
// flight fail with DISCONNECTED (Unavailable).
#ifndef HEPH_RUNTIME_REMOTE_RPC_H_
#define HEPH_RUNTIME_REMOTE_RPC_H_

#include <capnp/capability.h>
#include <capnp/message.h>
#include <capnp/rpc-twoparty.h>
#include <capnp/rpc.h>
#include <capnp/serialize-async.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/actor/async.h"
#include "runtime/remote/kj_stream.h"
#include "runtime/rt/runtime.h"

namespace heph::remote {

struct RpcOptions {
  // Limits on each received message (capnp's defaults: 64 Mi words of
  // traversal, nesting 64).
  capnp::ReaderOptions reader;
};

// One two-party RPC connection on the current worker: a KjStream, capnp's
// TwoPartyVatNetwork and RpcSystem.
class RpcConnection {
 public:
  // `side`: SERVER for an accepted connection, CLIENT for a connected one.
  // `bootstrap` is what the peer gets from its bootstrap() (may be null:
  // capnp::Capability::Client(nullptr) gives the peer a broken capability).
  RpcConnection(kj::Own<KjStream> stream, capnp::rpc::twoparty::Side side,
                capnp::Capability::Client bootstrap, const RpcOptions& options = {});
  ~RpcConnection();
  RpcConnection(const RpcConnection&) = delete;
  RpcConnection& operator=(const RpcConnection&) = delete;

  // The peer's bootstrap capability.
  capnp::Capability::Client bootstrap();
  template <class T>
  typename T::Client bootstrap() {
    return bootstrap().castAs<T>();
  }

  // Resolves when the connection is gone (the peer closed it, it failed, or
  // it was shut down). Calls pending then, and later ones, fail with
  // DISCONNECTED naming the peer ("connection to 127.0.0.1:4000: peer
  // disconnected", or the read error, e.g. "read from ...: Connection reset").
  kj::Promise<void> on_disconnect();
  bool is_connected() const { return state_->connected; }
  // Why the connection failed, if it did: reading from the peer failed (a
  // reset, a malformed frame), or RPC aborted it (its Abort message's reason,
  // e.g. a malformed message). OK while none (and after a clean close).
  const absl::Status& failure() const { return state_->failure; }
  // What errors name: "127.0.0.1:4000", "unix:/tmp/x.sock".
  const std::string& peer() const { return peer_; }

 private:
  struct State {
    std::string peer;
    bool connected = true;
    absl::Status failure;
  };
  // capnp's AsyncIoMessageStream, remembering the first read failure (RPC
  // itself only tells the peer, in an Abort message).
  class MessageStream final : public capnp::MessageStream {
   public:
    MessageStream(kj::AsyncIoStream& stream, std::shared_ptr<State> state)
        : inner_(stream), state_(std::move(state)) {}
    kj::Promise<kj::Maybe<capnp::MessageReaderAndFds>> tryReadMessage(
        kj::ArrayPtr<kj::AutoCloseFd> fdSpace, capnp::ReaderOptions options,
        kj::ArrayPtr<capnp::word> scratchSpace) override;
    kj::Promise<void> writeMessage(kj::ArrayPtr<const int> fds,
                                   kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments)
        override {
      note_outgoing(segments);
      return inner_.writeMessage(fds, segments);
    }
    kj::Promise<void> writeMessages(
        kj::ArrayPtr<kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>>> messages) override {
      for (auto segments : messages) note_outgoing(segments);
      return inner_.writeMessages(messages);
    }
    kj::Maybe<int> getSendBufferSize() override { return inner_.getSendBufferSize(); }
    kj::Promise<void> end() override { return inner_.end(); }

   private:
    // An outgoing Abort carries the reason RPC drops the connection.
    void note_outgoing(kj::ArrayPtr<const kj::ArrayPtr<const capnp::word>> segments);
    capnp::AsyncIoMessageStream inner_;
    std::shared_ptr<State> state_;
  };

  std::string peer_;
  capnp::rpc::twoparty::Side side_;
  std::shared_ptr<State> state_;
  kj::Own<KjStream> stream_;
  MessageStream messages_;
  capnp::TwoPartyVatNetwork network_;
  capnp::RpcSystem<capnp::rpc::twoparty::VatId> rpc_;
  kj::ForkedPromise<void> disconnected_;
};

struct ConnectOptions {
  // How long connecting may take before Connect gives up with
  // DeadlineExceeded naming the address ("connect to 10.0.0.1:4000: not
  // connected within 30s"); the half-open socket is closed. Infinite: the
  // kernel's own SYN retries decide (minutes). Connect also works inside
  // heph::WithDeadline, which cancels it the same way.
  absl::Duration timeout = absl::Seconds(30);
  RpcOptions rpc;
};

// Connects to `address` (see RemoteAddress) on the current worker. The KJ
// form for KJ code (no timeout: exclusiveJoin it with Delay()); the Async
// form for actors: statuses name the address ("connect to 127.0.0.1:9:
// Connection refused", Unavailable).
kj::Promise<kj::Own<RpcConnection>> ConnectKj(const RemoteAddress& address,
                                              capnp::Capability::Client bootstrap = nullptr,
                                              RpcOptions options = {});
Async<absl::StatusOr<std::unique_ptr<RpcConnection>>> Connect(
    std::string address, capnp::Capability::Client bootstrap = nullptr, ConnectOptions options = {});

struct RpcServerOptions {
  // Names the listener actors and appears in logged connection failures.
  std::string_view name = "rpc_server";
  int backlog = 1024;
  RpcOptions rpc;
};

class RpcServer {
 public:
  // Makes the bootstrap capability on a worker (called once per listener).
  using BootstrapFactory = std::function<capnp::Capability::Client()>;

  // Binds (on the calling thread: errors come back here, naming the address)
  // and spawns the listeners. Port 0 is resolved by the first bind.
  static absl::StatusOr<std::unique_ptr<RpcServer>> Start(Runtime& runtime,
                                                          std::string_view address,
                                                          BootstrapFactory bootstrap,
                                                          RpcServerOptions options = {});
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // The bound address: "127.0.0.1:41234" (port resolved), "unix:/path".
  const std::string& address() const { return address_; }
  std::uint16_t port() const { return port_; }

  // Any thread: every listener closes its socket and drops its connections.
  void stop();
  // Exit signals the Runtime receives stop the server.
  void receive_signals(Runtime& runtime);

  // Per listener (worker i, or 0 for Unix addresses); any thread.
  std::uint64_t accepted_on(std::uint32_t listener) const;
  std::uint64_t open_on(std::uint32_t listener) const;
  std::uint64_t accepted() const;
  std::uint32_t listener_count() const { return static_cast<std::uint32_t>(listeners_.size()); }

  struct Stats {
    explicit Stats(std::size_t n) : accepted(n), open(n) {}
    std::vector<std::atomic<std::uint64_t>> accepted;
    std::vector<std::atomic<std::uint64_t>> open;
  };

 private:
  RpcServer() = default;

  std::string address_;
  std::uint16_t port_ = 0;
  std::vector<ActorRef<Signal>> listeners_;
  std::shared_ptr<Stats> stats_;
};

}  // namespace heph::remote

#endif  // HEPH_RUNTIME_REMOTE_RPC_H_
