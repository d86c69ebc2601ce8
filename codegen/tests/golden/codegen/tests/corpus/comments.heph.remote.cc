// Generated from codegen/tests/corpus/comments.capnp by capnpc-heph. Do not edit.
// The remote bridge of codegen/tests/corpus/comments.heph.h (declared in codegen/tests/corpus/comments.heph.remote.h).
// g++ 12 at -O1 (the sanitizer configs) reports false maybe-uninitialized
// warnings in KJ's templates (a null kj::Maybe, a rejected promise's value).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "codegen/tests/corpus/comments.heph.remote.h"

#include <capnp/capability.h>
#include <kj/async.h>

#include <memory>
#include <string>
#include <utility>

#include "codegen/tests/corpus/comments.capnp.h"
#include "codegen/tests/corpus/comments.heph.convert.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/remote/bridge.h"

namespace corpus::comments::actors {
namespace {

// Walker served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Walker_StepResults>> Walker_RemoteStep(WalkerRef ref, Walker_StepParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.step(std::move(params)), "Walker.step");
}
::heph::Async<absl::Status> Walker_RemoteTurn(WalkerRef ref, Walker_TurnParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.turn(std::move(params)), "Walker.turn");
}
::heph::Async<absl::Status> Walker_RemoteStop(WalkerRef ref, Walker_StopParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.stop(), "Walker.stop");
}

class WalkerRemoteServer final : public ::corpus::comments::Walker::Server {
 public:
  explicit WalkerRemoteServer(WalkerRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> step(::corpus::comments::Walker::Server::StepContext context) override {
    Walker_StepParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Walker_RemoteStep(ref_, std::move(params)))
        .then([context](Walker_StepResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> turn(::corpus::comments::Walker::Server::TurnContext context) override {
    Walker_TurnParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Walker_RemoteTurn(ref_, std::move(params)));
  }
  ::kj::Promise<void> stop(::corpus::comments::Walker::Server::StopContext context) override {
    Walker_StopParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Walker_RemoteStop(ref_, std::move(params)));
  }

 private:
  WalkerRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Walker_Forward(::capnp::Capability::Client& client, Walker_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::comments::Walker>();
  switch (message.index()) {
    case 0: {
      auto request = capability.stepRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Walker_StepCall>(std::move(message.m0));
      Walker_StepCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::comments::Walker::StepResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 1: {
      auto request = capability.turnRequest();
      ToCapnp(message.m1, request);
      return request.send().ignoreResult();
    }
    default: {
      auto request = capability.stopRequest();
      ToCapnp(message.m2, request);
      return request.send().ignoreResult();
    }
  }
}

}  // namespace

::capnp::Capability::Client HephRemoteExport(const WalkerRef& ref) {
  return ::kj::heap<WalkerRemoteServer>(ref);
}

WalkerRef HephRemoteConnect(::heph::remote::ProtocolTag<Walker>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return WalkerRef(::heph::remote::SpawnProxy<Walker_Message>(std::move(connection), &Walker_Forward, Walker::kName,
      Walker::kDefaultInboxCapacity, options));
}

WalkerRef HephRemoteReceive(::heph::remote::ProtocolTag<Walker>, ::capnp::Capability::Client capability,
    std::string peer) {
  return WalkerRef(::heph::remote::SpawnCapabilityProxy<Walker_Message>(std::move(capability), std::move(peer), &Walker_Forward,
      Walker::kName, Walker::kDefaultInboxCapacity));
}

}  // namespace corpus::comments::actors
