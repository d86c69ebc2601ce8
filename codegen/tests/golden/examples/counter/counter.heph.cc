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

// CounterHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync CounterHandler::Dispatch(Counter_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(add(std::move(message.m0)));
    default: return ::heph::codegen::AnyAsync(get(std::move(message.m1.params)));
  }
}

absl::Status CounterHandler::Complete(Counter_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Counter.add");
    default:
      message.m1.responder.respond(method.take<absl::StatusOr<Counter_GetResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> CounterHandler::Handle(Counter_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> CounterHandler::Serve(::heph::Context<Counter_Message> ctx) {
  while (::heph::Received<Counter_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace examples::counter::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::SendCall<::examples::counter::actors::Counter_Message>;
template class ::heph::codegen::RpcCall<::examples::counter::actors::Counter_Message, ::examples::counter::actors::Counter_GetParams, ::examples::counter::actors::Counter_GetResults>;

#pragma GCC diagnostic pop
