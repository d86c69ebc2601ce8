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
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/actor/async.h"
#include "runtime/remote/kj_stream.h"
#include "runtime/remote/tls.h"
#include "runtime/rt/runtime.h"

namespace heph::remote {

// Limits of one connection, the same for both sides. Every received message
// is checked in full before RPC sees it; one over a limit fails the
// connection (RpcConnection::failure(); RpcServer reports it naming the
// peer), never the process or the other connections.
struct RpcOptions {
  // Words (8 bytes) of one received message, counted as they are reached
  // from its root (a word reached twice counts twice, so a message cannot
  // amplify). Also caps a frame's size: a segment table claiming more is
  // refused before anything is allocated. Default: capnp's, 8 Mi words
  // (64 MiB).
  std::uint64_t traversal_limit_words = 8 * 1024 * 1024;
  // Pointer depth of a received message, from its root. RPC's envelope
  // takes 4 levels (message, call, payload, parameters), so parameters nest
  // up to 60 deep by default. Default: capnp's, 64.
  int nesting_limit = 64;
  // Segments in one frame. Default: capnp's, 512.
  std::uint32_t max_segments = 512;
  // Calls (and bootstrap requests) the peer may have in flight on this
  // connection: received, not yet answered. At the limit the connection
  // stops reading until one is answered, so the peer is slowed by TCP flow
  // control, not failed. While stopped it reads nothing, cancellations
  // included: a handler that never answers holds its slot until the
  // connection closes. 0: no limit. Default 1024.
  std::uint32_t max_calls_in_flight = 1024;
  // The same in words: the total size of those calls' messages (capnp's
  // RpcSystem::setFlowLimit; a call bigger than the limit alone still
  // passes). 0: no limit. Default 8 Mi words (64 MiB).
  std::uint64_t max_call_words_in_flight = 8 * 1024 * 1024;
};

// One two-party RPC connection on the current worker: a stream (a KjStream,
// or TLS over one), capnp's TwoPartyVatNetwork and RpcSystem.
class RpcConnection {
 public:
  // `side`: SERVER for an accepted connection, CLIENT for a connected one.
  // `bootstrap` is what the peer gets from its bootstrap() (may be null:
  // capnp::Capability::Client(nullptr) gives the peer a broken capability).
  RpcConnection(kj::Own<KjStream> stream, capnp::rpc::twoparty::Side side,
                capnp::Capability::Client bootstrap, const RpcOptions& options = {});
  // Over any stream of this worker (e.g. TLS over a KjStream); `peer` names
  // it in errors.
  RpcConnection(kj::Own<kj::AsyncIoStream> stream, std::string peer,
                capnp::rpc::twoparty::Side side, capnp::Capability::Client bootstrap,
                const RpcOptions& options = {});
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
  // reset, a malformed or truncated frame, a message over a limit), or RPC
  // aborted it (its Abort message's reason, e.g. a malformed message). OK
  // while none (and after a clean close).
  const absl::Status& failure() const { return state_->failure; }
  // What errors name: "127.0.0.1:4000", "unix:/tmp/x.sock".
  const std::string& peer() const { return peer_; }
  // Calls of the peer received and not yet answered (see RpcOptions).
  std::uint32_t calls_in_flight() const { return state_->calls_in_flight; }

 private:
  struct Named {
    kj::Own<kj::AsyncIoStream> stream;
    std::string peer;
  };
  static Named NameOf(kj::Own<KjStream> stream);
  RpcConnection(Named stream, capnp::rpc::twoparty::Side side,
                capnp::Capability::Client bootstrap, const RpcOptions& options);

  struct State {
    std::string peer;
    bool connected = true;
    absl::Status failure;
    std::uint32_t calls_in_flight = 0;
  };
  // Frames and checks received messages, counts calls in flight (rpc.cc).
  class MessageStream;

  std::string peer_;
  capnp::rpc::twoparty::Side side_;
  std::shared_ptr<State> state_;
  kj::Own<kj::AsyncIoStream> stream_;
  kj::Own<MessageStream> messages_;
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
  // TLS (tls.h): the server's certificate is verified; the timeout covers
  // the handshake too. Null: plain TCP or Unix socket. Borrowed: it must
  // outlive the co_await of Connect. A pointer, so that ConnectOptions stays
  // trivially destructible: g++ 12 destroys an aggregate temporary with a
  // non-trivial destructor twice when it appears in a co_await expression
  // (as `{.tls = ...}` in `co_await Connect(a, nullptr, {.tls = ...})` would).
  const TlsClientOptions* tls = nullptr;
};
static_assert(std::is_trivially_destructible_v<ConnectOptions>,
              "ConnectOptions is built as a temporary inside co_await (see tls above)");

// Connects to `address` (see RemoteAddress) on the current worker. The KJ
// form for KJ code (no timeout: exclusiveJoin it with Delay()); the Async
// form for actors: statuses name the address ("connect to 127.0.0.1:9:
// Connection refused", Unavailable).
kj::Promise<kj::Own<RpcConnection>> ConnectKj(const RemoteAddress& address,
                                              capnp::Capability::Client bootstrap = nullptr,
                                              RpcOptions options = {});
Async<absl::StatusOr<std::unique_ptr<RpcConnection>>> Connect(
    std::string address, capnp::Capability::Client bootstrap = nullptr,
    ConnectOptions options = {});

struct RpcServerOptions {
  // Names the listener actors and appears in logged connection failures.
  std::string_view name = "rpc_server";
  int backlog = 1024;
  RpcOptions rpc;
  // Told why the server closed a connection (a malformed, truncated or
  // over-limit frame; RPC aborting it), naming the listener, the address and
  // the peer: "rpc_server on 127.0.0.1:4000: closed the connection from
  // 127.0.0.1:51234: read from 127.0.0.1:51234: ...", with the failure's
  // code. Not told of peers that close or reset. Called on the listener's
  // worker. Default (empty): a line on stderr, "heph::remote: " and that.
  std::function<void(const absl::Status&)> on_connection_failure;
  // TLS (tls.h) on every accepted connection; its files are read (and
  // checked) by Start. None: plain TCP or Unix socket.
  std::optional<TlsServerOptions> tls;
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
