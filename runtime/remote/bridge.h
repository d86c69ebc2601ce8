// bridge.h — the runtime half of the remote bridge capnpc-heph generates
// (x.heph.remote.h): a protocol's actor served to Cap'n Proto RPC peers, and a
// protocol reference (CounterRef) whose actor is a proxy for a remote one.
//
//   // Server: export a local actor as the bootstrap capability of an address.
//   absl::StatusOr<std::unique_ptr<heph::remote::RpcServer>> server =
//       heph::remote::Serve(runtime, "127.0.0.1:4000", counter_ref);
//
//   // Client, inside an actor: the same generated reference type.
//   absl::StatusOr<CounterRef> counter =
//       co_await heph::remote::Connect<Counter>("127.0.0.1:4000");
//   co_await counter->add(5);
//
// Errors cross the wire as capnp exceptions whose description starts with
// the absl code's name ("NOT_FOUND: no such key"), read back into the same
// code and message (StatusFromKj); a peer that is not Heph sees a readable
// description. Unimplemented and ResourceExhausted also set capnp's
// UNIMPLEMENTED and OVERLOADED types.
#ifndef HEPH_RUNTIME_REMOTE_BRIDGE_H_
#define HEPH_RUNTIME_REMOTE_BRIDGE_H_

#include <capnp/capability.h>
#include <kj/async.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/actor.h"
#include "runtime/actor/async.h"
#include "runtime/actor/context.h"
#include "runtime/actor/rpc.h"
#include "runtime/remote/await.h"
#include "runtime/remote/rpc.h"

namespace heph::remote {

// The exception a bridged call fails with: "<CODE>: <message>" (see above).
kj::Exception KjFromStatus(const absl::Status& status);

// --- server side: a capnp call becomes a send or call to an actor ---

namespace internal {
template <class T>
Async<absl::Status> RunBridgeCall(Context<NoMessages>, Async<absl::StatusOr<T>> call,
                                  kj::Own<kj::PromiseFulfiller<T>> done) {
  absl::StatusOr<T> result = co_await std::move(call);
  if (done->isWaiting()) {
    if (result.ok()) {
      done->fulfill(std::move(*result));
    } else {
      done->reject(KjFromStatus(result.status()));
    }
  }
  co_return absl::OkStatus();
}
Async<absl::Status> RunBridgeSend(Context<NoMessages>, Async<absl::Status> send,
                                  kj::Own<kj::PromiseFulfiller<void>> done);
}  // namespace internal

// Runs `call` (a coroutine that calls an actor) in a small actor of its own
// on this worker; the promise settles with its result once it ends. So a
// capnp server method can await actors, and many calls run at once.
template <class T>
kj::Promise<T> RunOnActor(Async<absl::StatusOr<T>> call) {
  auto paf = kj::newPromiseAndFulfiller<T>();
  Spawn(*Scheduler::current(), SpawnOptions{.name = "remote call"}, SilentStopSupervisor{},
        &internal::RunBridgeCall<T>, std::move(call), kj::mv(paf.fulfiller));
  return kj::mv(paf.promise);
}
kj::Promise<void> RunOnActor(Async<absl::Status> send);

// An actor call's error without the "Protocol.method: " a generated
// reference put in front (the remote caller's own reference adds it again).
absl::Status WithoutMethod(const absl::Status& status, std::string_view method);
template <class T>
absl::StatusOr<T> WithoutMethod(absl::StatusOr<T> result, std::string_view method) {
  if (result.ok()) return result;
  return WithoutMethod(result.status(), method);
}

// --- client side: a proxy actor forwards a protocol's messages ---

// A one-way message the bridge cannot send (why names the method): one line
// on stderr, "heph::remote: dropped a message to <peer>: <why>".
void DropOneWay(std::string_view why, const std::string& peer);

// Per protocol (generated): forwards one message over `client`; the call's
// reply (or failure) reaches the message's responder when the promise
// settles. `peer` names the connection in errors.
template <class M>
using ForwardFn = kj::Promise<void> (*)(capnp::Capability::Client& client, M& message,
                                        const std::string& peer);

// The status a forwarded call fails with: a dropped connection names it
// ("connection to 127.0.0.1:4000: peer disconnected", Unavailable); an
// error from the peer keeps its code and names the peer ("127.0.0.1:4000:
// no such key"). The caller's reference prefixes the method.
absl::Status ForwardedCallError(const kj::Exception& e, const std::string& peer);

struct ProxyOptions {
  // Calls (one-way ones too) the proxy has in flight before it stops taking
  // messages: its inbox then fills and senders wait (end-to-end flow control).
  std::uint32_t max_calls_in_flight = 256;
};

namespace internal {
// The proxy loop's bookkeeping (bridge.cc): the forwarded calls in flight,
// and why the proxy stops taking messages: the connection dropped, or the
// peer refused a one-way message (its actor ended), so that the proxy ends
// and its references report is_connected() false, as a local actor's do.
class ProxyState {
 public:
  // `connection`: watched for a drop (null for a capability received in a
  // message, which learns of a drop from its calls' failures).
  ProxyState(RpcConnection* connection, std::uint32_t limit, std::function<void()> on_stop);
  ~ProxyState();
  ProxyState(const ProxyState&) = delete;
  ProxyState& operator=(const ProxyState&) = delete;

  // A forwarded call: calls with results settle their responder in the
  // promise; a rejected promise is a refused one-way message (stops).
  void add(kj::Promise<void> call);
  bool full() const { return in_flight_ >= limit_; }
  // Resolves when a call ends (room for another) or the proxy stops.
  kj::Promise<void> room();
  // Resolves when no call is in flight.
  kj::Promise<void> all_done();
  bool stopped() const { return stopped_; }

 private:
  class Errors;
  void call_ended();
  void stop();

  std::uint32_t in_flight_ = 0;
  std::uint32_t limit_;
  bool stopped_ = false;
  std::function<void()> on_stop_;
  std::unique_ptr<Errors> errors_;
  kj::Own<kj::PromiseFulfiller<void>> room_;
  kj::Own<kj::TaskSet> tasks_;
  kj::Promise<void> watch_ = nullptr;
};
}  // namespace internal

// The proxy actor: owns the connection; forwards every message until no
// reference remains (then waits for calls in flight and closes) or it stops
// (the connection dropped: what is queued fails with the connection's
// error; the peer refused a one-way message: what is queued is still sent,
// and fails there), then ends, so references report is_connected() false
// and later sends fail.
template <class M>
Async<absl::Status> ServeProxy(Context<M> ctx, std::shared_ptr<RpcConnection> connection,
                               capnp::Capability::Client client, std::string peer,
                               ForwardFn<M> forward, ProxyOptions options) {
  internal::ProxyState state(connection.get(), options.max_calls_in_flight,
                             [&ctx] { ctx.interrupt_receive(); });
  while (!state.stopped()) {
    Received<M> message = co_await ctx.receive_next();
    if (!message) break;  // no reference left, or stopped
    state.add(forward(client, *message, peer));
    if (state.full()) (void)co_await Await(state.room());
  }
  if (state.stopped()) {
    while (true) {
      TryReceiveResult<M> m = ctx.try_receive_next();
      if (!m) break;
      state.add(forward(client, *m, peer));
    }
  }
  (void)co_await Await(state.all_done());
  co_return absl::OkStatus();
}

// Spawns the proxy for an established connection on the current worker: it
// forwards to the peer's bootstrap capability.
template <class M>
ActorRef<M> SpawnProxy(std::unique_ptr<RpcConnection> connection, ForwardFn<M> forward,
                       std::string_view protocol, std::uint32_t inbox_capacity,
                       ProxyOptions options = {}) {
  std::shared_ptr<RpcConnection> shared(std::move(connection));
  capnp::Capability::Client client = shared->bootstrap();
  std::string peer = shared->peer();
  return Spawn(*Scheduler::current(),
               SpawnOptions{.name = protocol, .inbox_capacity = inbox_capacity},
               SilentStopSupervisor{}, &ServeProxy<M>, std::move(shared), std::move(client),
               std::move(peer), forward, options);
}

// Spawns a proxy, on the current worker (the capability's), for a capability
// that is not a connection's bootstrap (e.g. one received in a message).
// `peer` names it in errors.
template <class M>
ActorRef<M> SpawnCapabilityProxy(capnp::Capability::Client client, std::string peer,
                                 ForwardFn<M> forward, std::string_view protocol,
                                 std::uint32_t inbox_capacity, ProxyOptions options = {}) {
  return Spawn(*Scheduler::current(),
               SpawnOptions{.name = protocol, .inbox_capacity = inbox_capacity},
               SilentStopSupervisor{}, &ServeProxy<M>, std::shared_ptr<RpcConnection>(),
               std::move(client), std::move(peer), forward, options);
}

// Tag for the generated connect hook: HephRemoteConnect(ProtocolTag<P>, ...)
// is found by argument-dependent lookup in P's namespace.
template <class Protocol>
struct ProtocolTag {};

// Exports `ref` (a generated reference, e.g. CounterRef) as the bootstrap
// capability of `address` on every worker (RpcServer::Start's rules).
template <class Ref>
absl::StatusOr<std::unique_ptr<RpcServer>> Serve(Runtime& runtime, std::string_view address,
                                                 Ref ref, RpcServerOptions options = {}) {
  return RpcServer::Start(
      runtime, address, [ref = std::move(ref)] { return HephRemoteExport(ref); },
      std::move(options));
}

// Connects to a peer serving Protocol as its bootstrap capability, from an
// actor; the reference's actor is a proxy on this worker owning the
// connection. Statuses name the address ("connect to 127.0.0.1:9: ...").
template <class Protocol>
Async<absl::StatusOr<typename Protocol::Ref>> Connect(std::string address, ConnectOptions options = {},
                                                     ProxyOptions proxy = {}) {
  absl::StatusOr<std::unique_ptr<RpcConnection>> connection =
      co_await ::heph::remote::Connect(std::move(address), nullptr, options);
  if (!connection.ok()) co_return connection.status();
  co_return HephRemoteConnect(ProtocolTag<Protocol>{}, std::move(*connection), proxy);
}

}  // namespace heph::remote

#endif  // HEPH_RUNTIME_REMOTE_BRIDGE_H_
