// Generated from codegen/tests/corpus/types.capnp by capnpc-heph. Do not edit.
// The remote bridge of codegen/tests/corpus/types.heph.h (declared in codegen/tests/corpus/types.heph.remote.h).
// g++ 12 at -O1 (the sanitizer configs) reports false maybe-uninitialized
// warnings in KJ's templates (a null kj::Maybe, a rejected promise's value).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "codegen/tests/corpus/types.heph.remote.h"

#include <capnp/capability.h>
#include <kj/async.h>

#include <memory>
#include <string>
#include <utility>

#include "codegen/tests/corpus/types.capnp.h"
#include "codegen/tests/corpus/types.heph.convert.h"
#include "codegen/tests/corpus/imported.heph.remote.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/remote/bridge.h"

namespace corpus::actors {
namespace {

// Conversions of the structs that carry references (the plain ones, then the
// references as capabilities).
Registry_PutParams BridgeFromCapnp(::corpus::Registry::PutParams::Reader from, const std::string& peer);
void BridgeToCapnp(const Registry_PutParams& from, ::corpus::Registry::PutParams::Builder to);
Registry_FindResults BridgeFromCapnp(::corpus::Registry::FindResults::Reader from, const std::string& peer);
void BridgeToCapnp(const Registry_FindResults& from, ::corpus::Registry::FindResults::Builder to);
Registry_NamedParams BridgeFromCapnp(::corpus::Registry::NamedParams::Reader from, const std::string& peer);
void BridgeToCapnp(const Registry_NamedParams& from, ::corpus::Registry::NamedParams::Builder to);

Registry_PutParams BridgeFromCapnp(::corpus::Registry::PutParams::Reader from, const std::string& peer) {
  Registry_PutParams to = FromCapnp(from);
  if (from.hasEcho()) to.echo = HephRemoteReceive(::heph::remote::ProtocolTag<Echo>{}, from.getEcho(), peer);
  return to;
}
void BridgeToCapnp(const Registry_PutParams& from, ::corpus::Registry::PutParams::Builder to) {
  ToCapnp(from, to);
  if (from.echo) to.setEcho(HephRemoteExport(from.echo).castAs<::corpus::Echo>());
}

Registry_FindResults BridgeFromCapnp(::corpus::Registry::FindResults::Reader from, const std::string& peer) {
  Registry_FindResults to = FromCapnp(from);
  if (from.hasEcho()) to.echo = HephRemoteReceive(::heph::remote::ProtocolTag<Echo>{}, from.getEcho(), peer);
  return to;
}
void BridgeToCapnp(const Registry_FindResults& from, ::corpus::Registry::FindResults::Builder to) {
  ToCapnp(from, to);
  if (from.echo) to.setEcho(HephRemoteExport(from.echo).castAs<::corpus::Echo>());
}

Registry_NamedParams BridgeFromCapnp(::corpus::Registry::NamedParams::Reader from, const std::string& peer) {
  Registry_NamedParams to = FromCapnp(from);
  if (from.hasNamed()) to.named = HephRemoteReceive(::heph::remote::ProtocolTag<::corpus::imported::actors::Named>{}, from.getNamed(), peer);
  return to;
}
void BridgeToCapnp(const Registry_NamedParams& from, ::corpus::Registry::NamedParams::Builder to) {
  ToCapnp(from, to);
  if (from.named) to.setNamed(HephRemoteExport(from.named).castAs<::corpus::imported::Named>());
}

// Echo served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<::corpus::imported::actors::Named_NameResults>> Echo_RemoteName(EchoRef ref, ::corpus::imported::actors::Named_NameParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.name(), "Named.name");
}
::heph::Async<absl::StatusOr<Echo_ScalarsResults>> Echo_RemoteScalars(EchoRef ref, Echo_ScalarsParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.scalars(std::move(params)), "Echo.scalars");
}
::heph::Async<absl::StatusOr<Echo_ListsResults>> Echo_RemoteLists(EchoRef ref, Echo_ListsParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.lists(std::move(params)), "Echo.lists");
}
::heph::Async<absl::StatusOr<Shape>> Echo_RemoteShape(EchoRef ref, Shape params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.shape(std::move(params)), "Echo.shape");
}
::heph::Async<absl::StatusOr<Echo_MoodResults>> Echo_RemoteMood(EchoRef ref, Echo_MoodParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.mood(std::move(params)), "Echo.mood");
}
::heph::Async<absl::StatusOr<Echo_OuterResults>> Echo_RemoteOuter(EchoRef ref, Echo_OuterParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.outer(std::move(params)), "Echo.outer");
}
::heph::Async<absl::Status> Echo_RemoteNotify(EchoRef ref, Echo_NotifyParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.notify(std::move(params)), "Echo.notify");
}
::heph::Async<absl::Status> Echo_RemoteDelete(EchoRef ref, Echo_DeleteParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.delete_(), "Echo.delete");
}
::heph::Async<absl::StatusOr<Echo_RegisterResults>> Echo_RemoteRegister(EchoRef ref, Echo_RegisterParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.register_(std::move(params)), "Echo.register");
}

class EchoRemoteServer final : public ::corpus::Echo::Server {
 public:
  explicit EchoRemoteServer(EchoRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> name(::corpus::imported::Named::Server::NameContext context) override {
    ::corpus::imported::actors::Named_NameParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteName(ref_, std::move(params)))
        .then([context](::corpus::imported::actors::Named_NameResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> scalars(::corpus::Echo::Server::ScalarsContext context) override {
    Echo_ScalarsParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteScalars(ref_, std::move(params)))
        .then([context](Echo_ScalarsResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> lists(::corpus::Echo::Server::ListsContext context) override {
    Echo_ListsParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteLists(ref_, std::move(params)))
        .then([context](Echo_ListsResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> shape(::corpus::Echo::Server::ShapeContext context) override {
    Shape params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteShape(ref_, std::move(params)))
        .then([context](Shape results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> mood(::corpus::Echo::Server::MoodContext context) override {
    Echo_MoodParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteMood(ref_, std::move(params)))
        .then([context](Echo_MoodResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> outer(::corpus::Echo::Server::OuterContext context) override {
    Echo_OuterParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteOuter(ref_, std::move(params)))
        .then([context](Echo_OuterResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> notify(::corpus::Echo::Server::NotifyContext context) override {
    Echo_NotifyParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteNotify(ref_, std::move(params)));
  }
  ::kj::Promise<void> delete_(::corpus::Echo::Server::DeleteContext context) override {
    Echo_DeleteParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteDelete(ref_, std::move(params)));
  }
  ::kj::Promise<void> register_(::corpus::Echo::Server::RegisterContext context) override {
    Echo_RegisterParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Echo_RemoteRegister(ref_, std::move(params)))
        .then([context](Echo_RegisterResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  EchoRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Echo_Forward(::capnp::Capability::Client& client, Echo_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Echo>();
  switch (message.index()) {
    case 0: {
      auto request = capability.nameRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<::corpus::imported::actors::Named_NameCall>(std::move(message.m0));
      ::corpus::imported::actors::Named_NameCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::imported::Named::NameResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 1: {
      auto request = capability.scalarsRequest();
      ToCapnp(message.m1.params, request);
      auto call = ::kj::heap<Echo_ScalarsCall>(std::move(message.m1));
      Echo_ScalarsCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Echo::ScalarsResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 2: {
      auto request = capability.listsRequest();
      ToCapnp(message.m2.params, request);
      auto call = ::kj::heap<Echo_ListsCall>(std::move(message.m2));
      Echo_ListsCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Echo::ListsResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 3: {
      auto request = capability.shapeRequest();
      ToCapnp(message.m3.params, request);
      auto call = ::kj::heap<Echo_ShapeCall>(std::move(message.m3));
      Echo_ShapeCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Shape> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 4: {
      auto request = capability.moodRequest();
      ToCapnp(message.m4.params, request);
      auto call = ::kj::heap<Echo_MoodCall>(std::move(message.m4));
      Echo_MoodCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Echo::MoodResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 5: {
      auto request = capability.outerRequest();
      ToCapnp(message.m5.params, request);
      auto call = ::kj::heap<Echo_OuterCall>(std::move(message.m5));
      Echo_OuterCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Echo::OuterResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 6: {
      auto request = capability.notifyRequest();
      ToCapnp(message.m6, request);
      return request.send().ignoreResult();
    }
    case 7: {
      auto request = capability.deleteRequest();
      ToCapnp(message.m7, request);
      return request.send().ignoreResult();
    }
    default: {
      auto request = capability.registerRequest();
      ToCapnp(message.m8.params, request);
      auto call = ::kj::heap<Echo_RegisterCall>(std::move(message.m8));
      Echo_RegisterCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Echo::RegisterResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

// Plotter served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<::corpus::imported::actors::Point>> Plotter_RemotePlot(PlotterRef ref, ::corpus::imported::actors::Point params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.plot(std::move(params)), "Plotter.plot");
}

class PlotterRemoteServer final : public ::corpus::Plotter::Server {
 public:
  explicit PlotterRemoteServer(PlotterRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> plot(::corpus::Plotter::Server::PlotContext context) override {
    ::corpus::imported::actors::Point params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Plotter_RemotePlot(ref_, std::move(params)))
        .then([context](::corpus::imported::actors::Point results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  PlotterRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Plotter_Forward(::capnp::Capability::Client& client, Plotter_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Plotter>();
  switch (message.index()) {
    default: {
      auto request = capability.plotRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Plotter_PlotCall>(std::move(message.m0));
      Plotter_PlotCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::imported::Point> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

// Params served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Params_GetResults>> Params_RemoteGet(ParamsRef ref, Params_GetParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.get(), "Params.get");
}

class ParamsRemoteServer final : public ::corpus::Params::Server {
 public:
  explicit ParamsRemoteServer(ParamsRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> get(::corpus::Params::Server::GetContext context) override {
    Params_GetParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Params_RemoteGet(ref_, std::move(params)))
        .then([context](Params_GetResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  ParamsRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Params_Forward(::capnp::Capability::Client& client, Params_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Params>();
  switch (message.index()) {
    default: {
      auto request = capability.getRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Params_GetCall>(std::move(message.m0));
      Params_GetCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Params::GetResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

// Registry served: one coroutine per method calls the actor.
::heph::Async<absl::Status> Registry_RemotePut(RegistryRef ref, Registry_PutParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.put(std::move(params)), "Registry.put");
}
::heph::Async<absl::StatusOr<Registry_FindResults>> Registry_RemoteFind(RegistryRef ref, Registry_FindParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.find(std::move(params)), "Registry.find");
}
::heph::Async<absl::StatusOr<Registry_NamedResults>> Registry_RemoteNamed(RegistryRef ref, Registry_NamedParams params) {
  co_return ::heph::remote::WithoutMethod(co_await ref.named(std::move(params)), "Registry.named");
}

class RegistryRemoteServer final : public ::corpus::Registry::Server {
 public:
  explicit RegistryRemoteServer(RegistryRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> put(::corpus::Registry::Server::PutContext context) override {
    Registry_PutParams params = BridgeFromCapnp(context.getParams(), "remote caller");
    context.releaseParams();
    return ::heph::remote::RunOnActor(Registry_RemotePut(ref_, std::move(params)));
  }
  ::kj::Promise<void> find(::corpus::Registry::Server::FindContext context) override {
    Registry_FindParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Registry_RemoteFind(ref_, std::move(params)))
        .then([context](Registry_FindResults results) mutable { BridgeToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> named(::corpus::Registry::Server::NamedContext context) override {
    Registry_NamedParams params = BridgeFromCapnp(context.getParams(), "remote caller");
    context.releaseParams();
    return ::heph::remote::RunOnActor(Registry_RemoteNamed(ref_, std::move(params)))
        .then([context](Registry_NamedResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  RegistryRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Registry_Forward(::capnp::Capability::Client& client, Registry_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Registry>();
  switch (message.index()) {
    case 0: {
      auto request = capability.putRequest();
      BridgeToCapnp(message.m0, request);
      return request.send().ignoreResult();
    }
    case 1: {
      auto request = capability.findRequest();
      ToCapnp(message.m1.params, request);
      auto call = ::kj::heap<Registry_FindCall>(std::move(message.m1));
      Registry_FindCall& pending = *call;
      return request.send()
          .then([&pending, &peer](::capnp::Response<::corpus::Registry::FindResults> response) { pending.reply(BridgeFromCapnp(response, peer)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    default: {
      auto request = capability.namedRequest();
      BridgeToCapnp(message.m2.params, request);
      auto call = ::kj::heap<Registry_NamedCall>(std::move(message.m2));
      Registry_NamedCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Registry::NamedResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

// Base served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Base_PingResults>> Base_RemotePing(BaseRef ref, Base_PingParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.ping(), "Base.ping");
}

class BaseRemoteServer final : public ::corpus::Base::Server {
 public:
  explicit BaseRemoteServer(BaseRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> ping(::corpus::Base::Server::PingContext context) override {
    Base_PingParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Base_RemotePing(ref_, std::move(params)))
        .then([context](Base_PingResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  BaseRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Base_Forward(::capnp::Capability::Client& client, Base_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Base>();
  switch (message.index()) {
    default: {
      auto request = capability.pingRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Base_PingCall>(std::move(message.m0));
      Base_PingCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Base::PingResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

// Left served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Base_PingResults>> Left_RemotePing(LeftRef ref, Base_PingParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.ping(), "Base.ping");
}
::heph::Async<absl::Status> Left_RemoteLeft(LeftRef ref, Left_LeftParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.left(), "Left.left");
}

class LeftRemoteServer final : public ::corpus::Left::Server {
 public:
  explicit LeftRemoteServer(LeftRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> ping(::corpus::Base::Server::PingContext context) override {
    Base_PingParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Left_RemotePing(ref_, std::move(params)))
        .then([context](Base_PingResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> left(::corpus::Left::Server::LeftContext context) override {
    Left_LeftParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Left_RemoteLeft(ref_, std::move(params)));
  }

 private:
  LeftRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Left_Forward(::capnp::Capability::Client& client, Left_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Left>();
  switch (message.index()) {
    case 0: {
      auto request = capability.pingRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Base_PingCall>(std::move(message.m0));
      Base_PingCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Base::PingResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    default: {
      auto request = capability.leftRequest();
      ToCapnp(message.m1, request);
      return request.send().ignoreResult();
    }
  }
}

// Right served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Base_PingResults>> Right_RemotePing(RightRef ref, Base_PingParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.ping(), "Base.ping");
}
::heph::Async<absl::Status> Right_RemoteRight(RightRef ref, Right_RightParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.right(), "Right.right");
}

class RightRemoteServer final : public ::corpus::Right::Server {
 public:
  explicit RightRemoteServer(RightRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> ping(::corpus::Base::Server::PingContext context) override {
    Base_PingParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Right_RemotePing(ref_, std::move(params)))
        .then([context](Base_PingResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> right(::corpus::Right::Server::RightContext context) override {
    Right_RightParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Right_RemoteRight(ref_, std::move(params)));
  }

 private:
  RightRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Right_Forward(::capnp::Capability::Client& client, Right_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Right>();
  switch (message.index()) {
    case 0: {
      auto request = capability.pingRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Base_PingCall>(std::move(message.m0));
      Base_PingCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Base::PingResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    default: {
      auto request = capability.rightRequest();
      ToCapnp(message.m1, request);
      return request.send().ignoreResult();
    }
  }
}

// Diamond served: one coroutine per method calls the actor.
::heph::Async<absl::StatusOr<Base_PingResults>> Diamond_RemotePing(DiamondRef ref, Base_PingParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.ping(), "Base.ping");
}
::heph::Async<absl::Status> Diamond_RemoteLeft(DiamondRef ref, Left_LeftParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.left(), "Left.left");
}
::heph::Async<absl::Status> Diamond_RemoteRight(DiamondRef ref, Right_RightParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.right(), "Right.right");
}
::heph::Async<absl::StatusOr<Diamond_BothResults>> Diamond_RemoteBoth(DiamondRef ref, Diamond_BothParams params) {
  (void)params;
  co_return ::heph::remote::WithoutMethod(co_await ref.both(), "Diamond.both");
}

class DiamondRemoteServer final : public ::corpus::Diamond::Server {
 public:
  explicit DiamondRemoteServer(DiamondRef ref) : ref_(std::move(ref)) {}

  ::kj::Promise<void> ping(::corpus::Base::Server::PingContext context) override {
    Base_PingParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Diamond_RemotePing(ref_, std::move(params)))
        .then([context](Base_PingResults results) mutable { ToCapnp(results, context.getResults()); });
  }
  ::kj::Promise<void> left(::corpus::Left::Server::LeftContext context) override {
    Left_LeftParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Diamond_RemoteLeft(ref_, std::move(params)));
  }
  ::kj::Promise<void> right(::corpus::Right::Server::RightContext context) override {
    Right_RightParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Diamond_RemoteRight(ref_, std::move(params)));
  }
  ::kj::Promise<void> both(::corpus::Diamond::Server::BothContext context) override {
    Diamond_BothParams params = FromCapnp(context.getParams());
    context.releaseParams();
    return ::heph::remote::RunOnActor(Diamond_RemoteBoth(ref_, std::move(params)))
        .then([context](Diamond_BothResults results) mutable { ToCapnp(results, context.getResults()); });
  }

 private:
  DiamondRef ref_;
};

// A proxy's message becomes a request to the peer; its reply (or error) goes to the caller.
::kj::Promise<void> Diamond_Forward(::capnp::Capability::Client& client, Diamond_Message& message, const std::string& peer) {
  auto capability = client.castAs<::corpus::Diamond>();
  switch (message.index()) {
    case 0: {
      auto request = capability.pingRequest();
      ToCapnp(message.m0.params, request);
      auto call = ::kj::heap<Base_PingCall>(std::move(message.m0));
      Base_PingCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Base::PingResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
    case 1: {
      auto request = capability.leftRequest();
      ToCapnp(message.m1, request);
      return request.send().ignoreResult();
    }
    case 2: {
      auto request = capability.rightRequest();
      ToCapnp(message.m2, request);
      return request.send().ignoreResult();
    }
    default: {
      auto request = capability.bothRequest();
      ToCapnp(message.m3.params, request);
      auto call = ::kj::heap<Diamond_BothCall>(std::move(message.m3));
      Diamond_BothCall& pending = *call;
      return request.send()
          .then([&pending](::capnp::Response<::corpus::Diamond::BothResults> response) { pending.reply(FromCapnp(response)); },
                [&pending, &peer](::kj::Exception&& e) {
                  pending.fail(::heph::remote::ForwardedCallError(e, peer));
                })
          .attach(::kj::mv(call));
    }
  }
}

}  // namespace

::capnp::Capability::Client HephRemoteExport(const EchoRef& ref) {
  return ::kj::heap<EchoRemoteServer>(ref);
}

EchoRef HephRemoteConnect(::heph::remote::ProtocolTag<Echo>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return EchoRef(::heph::remote::SpawnProxy<Echo_Message>(std::move(connection), &Echo_Forward, Echo::kName,
      Echo::kDefaultInboxCapacity, options));
}

EchoRef HephRemoteReceive(::heph::remote::ProtocolTag<Echo>, ::capnp::Capability::Client capability,
    std::string peer) {
  return EchoRef(::heph::remote::SpawnCapabilityProxy<Echo_Message>(std::move(capability), std::move(peer), &Echo_Forward,
      Echo::kName, Echo::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const PlotterRef& ref) {
  return ::kj::heap<PlotterRemoteServer>(ref);
}

PlotterRef HephRemoteConnect(::heph::remote::ProtocolTag<Plotter>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return PlotterRef(::heph::remote::SpawnProxy<Plotter_Message>(std::move(connection), &Plotter_Forward, Plotter::kName,
      Plotter::kDefaultInboxCapacity, options));
}

PlotterRef HephRemoteReceive(::heph::remote::ProtocolTag<Plotter>, ::capnp::Capability::Client capability,
    std::string peer) {
  return PlotterRef(::heph::remote::SpawnCapabilityProxy<Plotter_Message>(std::move(capability), std::move(peer), &Plotter_Forward,
      Plotter::kName, Plotter::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const ParamsRef& ref) {
  return ::kj::heap<ParamsRemoteServer>(ref);
}

ParamsRef HephRemoteConnect(::heph::remote::ProtocolTag<Params>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return ParamsRef(::heph::remote::SpawnProxy<Params_Message>(std::move(connection), &Params_Forward, Params::kName,
      Params::kDefaultInboxCapacity, options));
}

ParamsRef HephRemoteReceive(::heph::remote::ProtocolTag<Params>, ::capnp::Capability::Client capability,
    std::string peer) {
  return ParamsRef(::heph::remote::SpawnCapabilityProxy<Params_Message>(std::move(capability), std::move(peer), &Params_Forward,
      Params::kName, Params::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const RegistryRef& ref) {
  return ::kj::heap<RegistryRemoteServer>(ref);
}

RegistryRef HephRemoteConnect(::heph::remote::ProtocolTag<Registry>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return RegistryRef(::heph::remote::SpawnProxy<Registry_Message>(std::move(connection), &Registry_Forward, Registry::kName,
      Registry::kDefaultInboxCapacity, options));
}

RegistryRef HephRemoteReceive(::heph::remote::ProtocolTag<Registry>, ::capnp::Capability::Client capability,
    std::string peer) {
  return RegistryRef(::heph::remote::SpawnCapabilityProxy<Registry_Message>(std::move(capability), std::move(peer), &Registry_Forward,
      Registry::kName, Registry::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const BaseRef& ref) {
  return ::kj::heap<BaseRemoteServer>(ref);
}

BaseRef HephRemoteConnect(::heph::remote::ProtocolTag<Base>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return BaseRef(::heph::remote::SpawnProxy<Base_Message>(std::move(connection), &Base_Forward, Base::kName,
      Base::kDefaultInboxCapacity, options));
}

BaseRef HephRemoteReceive(::heph::remote::ProtocolTag<Base>, ::capnp::Capability::Client capability,
    std::string peer) {
  return BaseRef(::heph::remote::SpawnCapabilityProxy<Base_Message>(std::move(capability), std::move(peer), &Base_Forward,
      Base::kName, Base::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const LeftRef& ref) {
  return ::kj::heap<LeftRemoteServer>(ref);
}

LeftRef HephRemoteConnect(::heph::remote::ProtocolTag<Left>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return LeftRef(::heph::remote::SpawnProxy<Left_Message>(std::move(connection), &Left_Forward, Left::kName,
      Left::kDefaultInboxCapacity, options));
}

LeftRef HephRemoteReceive(::heph::remote::ProtocolTag<Left>, ::capnp::Capability::Client capability,
    std::string peer) {
  return LeftRef(::heph::remote::SpawnCapabilityProxy<Left_Message>(std::move(capability), std::move(peer), &Left_Forward,
      Left::kName, Left::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const RightRef& ref) {
  return ::kj::heap<RightRemoteServer>(ref);
}

RightRef HephRemoteConnect(::heph::remote::ProtocolTag<Right>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return RightRef(::heph::remote::SpawnProxy<Right_Message>(std::move(connection), &Right_Forward, Right::kName,
      Right::kDefaultInboxCapacity, options));
}

RightRef HephRemoteReceive(::heph::remote::ProtocolTag<Right>, ::capnp::Capability::Client capability,
    std::string peer) {
  return RightRef(::heph::remote::SpawnCapabilityProxy<Right_Message>(std::move(capability), std::move(peer), &Right_Forward,
      Right::kName, Right::kDefaultInboxCapacity));
}

::capnp::Capability::Client HephRemoteExport(const DiamondRef& ref) {
  return ::kj::heap<DiamondRemoteServer>(ref);
}

DiamondRef HephRemoteConnect(::heph::remote::ProtocolTag<Diamond>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options) {
  return DiamondRef(::heph::remote::SpawnProxy<Diamond_Message>(std::move(connection), &Diamond_Forward, Diamond::kName,
      Diamond::kDefaultInboxCapacity, options));
}

DiamondRef HephRemoteReceive(::heph::remote::ProtocolTag<Diamond>, ::capnp::Capability::Client capability,
    std::string peer) {
  return DiamondRef(::heph::remote::SpawnCapabilityProxy<Diamond_Message>(std::move(capability), std::move(peer), &Diamond_Forward,
      Diamond::kName, Diamond::kDefaultInboxCapacity));
}

}  // namespace corpus::actors
