// Generated from examples/counter/counter.capnp by capnpc-heph. Do not edit.
// The out-of-line part of examples/counter/counter.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "examples/counter/counter.heph.h"

#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codegen/support/protocol_support.h"
#include "runtime/actor/async.h"
#include "runtime/actor/context.h"
#include "runtime/actor/rpc.h"

// See the header: g++ 12 follows the union's inactive members when it
// inlines a message's move.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace examples::counter::actors {

// Replies to received calls of Counter.
bool Counter_GetCall::reply(Counter_GetResults results) { return responder.respond(std::move(results)); }
bool Counter_GetCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Counter.
Counter_Message::Counter_Message(Counter_AddParams params) noexcept : m0(std::move(params)), index_(0) {}
Counter_Message::Counter_Message(::heph::RpcMessage<Counter_GetParams, absl::StatusOr<Counter_GetResults>> call) noexcept
    : m1{std::move(call.request), std::move(call.response)}, index_(1) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Counter_AddParams>, "Counter.add: Counter_AddParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Counter_GetCall>, "Counter.get: Counter_GetCall may throw when moved");

Counter_Message::Counter_Message(Counter_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
  }
}
Counter_Message& Counter_Message::operator=(Counter_Message&& other) noexcept {
  if (this != &other) {
    this->~Counter_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Counter_Message::~Counter_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
  }
}

std::string_view Counter_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Counter.add", "Counter.get"};
  return kNames[index_];
}

// CounterRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::SendCall<Counter_Message> CounterRef::add(std::uint64_t amount) const {
  return ::heph::codegen::SendCall<Counter_Message>(target_, Counter_AddParams{amount}, "Counter.add");
}
absl::Status CounterRef::try_add(std::uint64_t amount) const {
  return ::heph::codegen::Annotate(target_.try_send(Counter_Message(Counter_AddParams{amount})).status(), "Counter.add");
}
::heph::codegen::SendCall<Counter_Message> CounterRef::add(Counter_AddParams params) const {
  return ::heph::codegen::SendCall<Counter_Message>(target_, std::move(params), "Counter.add");
}
absl::Status CounterRef::try_add(Counter_AddParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Counter_Message(std::move(params))).status(), "Counter.add");
}
::heph::codegen::RpcCall<Counter_Message, Counter_GetParams, Counter_GetResults> CounterRef::get() const {
  return ::heph::codegen::RpcCall<Counter_Message, Counter_GetParams, Counter_GetResults>(target_, Counter_GetParams{}, "Counter.get");
}

// CounterHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status CounterHandler::add(Counter_AddParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> CounterHandler::add(Counter_AddParams) { return {}; }
absl::Status CounterHandler::get(Counter_GetParams&, Counter_GetResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Counter_GetResults>> CounterHandler::get(Counter_GetParams) { return {}; }

struct CounterHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(CounterHandler& h, Counter_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Counter_Message& message, ::heph::codegen::AnyAsync& method);

  // Counter.add
  static ::heph::codegen::AnyAsync Run0(CounterHandler& h, Counter_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (CounterHandler::*)(Counter_AddParams&)>(&CounterHandler::add))(message.m0);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Counter.add");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.add(std::move(message.m0)));
    if (!method) done = absl::UnimplementedError("Counter.add: " "not implemented: the handler overrides neither add(Counter_AddParams&) nor add(Counter_AddParams)");
    return method;
  }
  static absl::Status Complete0(Counter_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Counter.add");
  }
  // Counter.get
  static ::heph::codegen::AnyAsync Run1(CounterHandler& h, Counter_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Counter_GetResults results;
      absl::Status status = h.get(message.m1.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m1.responder.respond(std::move(results));
        } else {
          message.m1.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.get(std::move(message.m1.params)));
    if (!method) message.m1.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither get(Counter_GetParams&, Counter_GetResults&) nor get(Counter_GetParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete1(Counter_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m1.responder.respond(method.take<absl::StatusOr<Counter_GetResults>>());
    return absl::OkStatus();
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
  };
  static ::heph::codegen::AnyAsync Run(CounterHandler& h, Counter_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Counter_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> CounterHandler::Handle(Counter_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = CounterHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = CounterHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> CounterHandler::Serve(::heph::Context<Counter_Message> ctx) {
  while (::heph::Received<Counter_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = CounterHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = CounterHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace examples::counter::actors

#pragma GCC diagnostic pop
