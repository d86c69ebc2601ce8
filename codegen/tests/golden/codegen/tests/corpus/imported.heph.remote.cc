// Generated from codegen/tests/corpus/imported.capnp by capnpc-heph. Do not edit.
// The remote bridge of codegen/tests/corpus/imported.heph.h (declared in codegen/tests/corpus/imported.heph.remote.h).
// g++ 12 at -O1 (the sanitizer configs) reports false maybe-uninitialized
// warnings in KJ's templates (a null kj::Maybe, a rejected promise's value).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "codegen/tests/corpus/imported.heph.remote.h"

#include <capnp/capability.h>
#include <kj/async.h>

#include <memory>
#include <string>
#include <utility>

#include "codegen/tests/corpus/imported.capnp.h"
#include "codegen/tests/corpus/imported.heph.convert.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/remote/bridge.h"

namespace corpus::imported::actors {
namespace {

// Named served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Named_NameResults>> Named_RemoteName(NamedRef ref, Named_NameParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.name(), "Named.name");
}

class NamedRemoteServer final : public ::corpus::imported::Named::Server {
 public:
  explicit NamedRemoteServer(NamedRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> name(::corpus::imported::Named::Server::NameContext context) override {
    Named_NameParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Named_RemoteName(ref_, std::move(params)))
        .then([context](Named_NameResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  NamedRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Named_Forward(::capnp::Capability::Client& client, Named_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::imported::Named>();
  switch (message.index()) {
    default: {
      auto request = capability.nameRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Named_NameCall>(std::move(message.m0));
      Named_NameCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::imported::Named::NameResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

}  // namespace

::capnp::Capability::Client HephRemoteExport(const NamedRef& ref) {
  return ::kj::heap<NamedRemoteServer>(ref);
}

NamedRef HephRemoteConnect(::heph::remote::ProtocolTag<Named>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return NamedRef(::heph::remote::SpawnProxy<Named_Message>(std::move(connection), &Named_Forward, Named::kName,
      Named::kDefaultInboxCapacity, options));
}

NamedRef HephRemoteReceive(::heph::remote::ProtocolTag<Named>, ::capnp::Capability::Client capability,
    std::string peer) {
  return NamedRef(::heph::remote::SpawnCapabilityProxy<Named_Message>(std::move(capability), std::move(peer), &Named_Forward,
      Named::kName, Named::kDefaultInboxCapacity));
}

}  // namespace corpus::imported::actors
