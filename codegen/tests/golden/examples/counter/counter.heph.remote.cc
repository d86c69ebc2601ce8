// Generated from examples/counter/counter.capnp by capnpc-heph. Do not edit.
// The remote bridge of examples/counter/counter.heph.h (declared in examples/counter/counter.heph.remote.h).
// g++ 12 at -O1 (the sanitizer configs) reports false maybe-uninitialized
// warnings in KJ's templates (a null kj::Maybe, a rejected promise's value).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "examples/counter/counter.heph.remote.h"

#include <capnp/capability.h>
#include <kj/async.h>

#include <memory>
#include <string>
#include <utility>

#include "examples/counter/counter.capnp.h"
#include "examples/counter/counter.heph.convert.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/remote/bridge.h"

namespace examples::counter::actors {
namespace {

// Counter served: one coroutine per method calls the actor.
::heph::Async<absl::Status> Counter_RemoteAdd(CounterRef ref, Counter_AddParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.add(std::move(params)), "Counter.add");
}
::heph::Async<absl::StatusOr<Counter_GetResults>> Counter_RemoteGet(CounterRef ref, Counter_GetParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.get(), "Counter.get");
}

class CounterRemoteServer final : public ::examples::counter::Counter::Server {
 public:
  explicit CounterRemoteServer(CounterRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> add(::examples::counter::Counter::Server::AddContext context) override {
    Counter_AddParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Counter_RemoteAdd(ref_, std::move(params)));
  }
  ::kj::Promise<void> get(::examples::counter::Counter::Server::GetContext context) override {
    Counter_GetParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Counter_RemoteGet(ref_, std::move(params)))
        .then([context](Counter_GetResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  CounterRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Counter_Forward(::capnp::Capability::Client& client, Counter_Message& message, const std::string& peer) {
  auto capability = client.castAs<::examples::counter::Counter>();
  switch (message.index()) {
    case 0: {
      auto request = capability.addRequest();
      ToCapnp(message.m0, request);
      return request.send().ignoreResult();
    }
    default: {
      auto request = capability.getRequest();
      ToCapnp(message.m1.params, request);
      auto call = ::kj::heap<Counter_GetCall>(std::move(message.m1));
      Counter_GetCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::examples::counter::Counter::GetResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

}  // namespace

::capnp::Capability::Client HephRemoteExport(const CounterRef& ref) {
  return ::kj::heap<CounterRemoteServer>(ref);
}

CounterRef HephRemoteConnect(::heph::remote::ProtocolTag<Counter>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return CounterRef(::heph::remote::SpawnProxy<Counter_Message>(std::move(connection), &Counter_Forward, Counter::kName,
      Counter::kDefaultInboxCapacity, options));
}

CounterRef HephRemoteReceive(::heph::remote::ProtocolTag<Counter>, ::capnp::Capability::Client capability,
    std::string peer) {
  return CounterRef(::heph::remote::SpawnCapabilityProxy<Counter_Message>(std::move(capability), std::move(peer), &Counter_Forward,
      Counter::kName, Counter::kDefaultInboxCapacity));
}

}  // namespace examples::counter::actors
