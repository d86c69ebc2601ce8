// Generated from codegen/tests/corpus/comments.capnp by capnpc-heph. Do not edit.
// The out-of-line part of codegen/tests/corpus/comments.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "codegen/tests/corpus/comments.heph.h"

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

namespace corpus::comments::actors {

// Replies to received calls of Walker.
bool Walker_StepCall::reply(Walker_StepResults results) { return responder.respond(std::move(results)); }
bool Walker_StepCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Walker.
Walker_Message::Walker_Message(::heph::RpcMessage<Walker_StepParams, absl::StatusOr<Walker_StepResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Walker_Message::Walker_Message(Walker_TurnParams params) noexcept : m1(std::move(params)), index_(1) {}
Walker_Message::Walker_Message(Walker_StopParams params) noexcept : m2(std::move(params)), index_(2) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Walker_StepCall>, "Walker.step: Walker_StepCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Walker_TurnParams>, "Walker.turn: Walker_TurnParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Walker_StopParams>, "Walker.stop: Walker_StopParams may throw when moved");

Walker_Message::Walker_Message(Walker_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
    case 2: std::construct_at(&m2, std::move(other.m2)); break;
  }
}
Walker_Message& Walker_Message::operator=(Walker_Message&& other) noexcept {
  if (this != &other) {
    this->~Walker_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Walker_Message::~Walker_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
    case 2: std::destroy_at(&m2); break;
  }
}

std::string_view Walker_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Walker.step", "Walker.turn", "Walker.stop"};
  return kNames[index_];
}

// WalkerRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Walker_Message, Walker_StepParams, Walker_StepResults> WalkerRef::step(Path path) const {
  return ::heph::codegen::RpcCall<Walker_Message, Walker_StepParams, Walker_StepResults>(target_, Walker_StepParams{std::move(path)}, "Walker.step");
}
::heph::codegen::RpcCall<Walker_Message, Walker_StepParams, Walker_StepResults> WalkerRef::step(Walker_StepParams params) const {
  return ::heph::codegen::RpcCall<Walker_Message, Walker_StepParams, Walker_StepResults>(target_, std::move(params), "Walker.step");
}
::heph::codegen::SendCall<Walker_Message> WalkerRef::turn(Slash slash) const {
  return ::heph::codegen::SendCall<Walker_Message>(target_, Walker_TurnParams{slash}, "Walker.turn");
}
absl::Status WalkerRef::try_turn(Slash slash) const {
  return ::heph::codegen::Annotate(target_.try_send(Walker_Message(Walker_TurnParams{slash})).status(), "Walker.turn");
}
::heph::codegen::SendCall<Walker_Message> WalkerRef::turn(Walker_TurnParams params) const {
  return ::heph::codegen::SendCall<Walker_Message>(target_, std::move(params), "Walker.turn");
}
absl::Status WalkerRef::try_turn(Walker_TurnParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Walker_Message(std::move(params))).status(), "Walker.turn");
}
::heph::codegen::SendCall<Walker_Message> WalkerRef::stop() const {
  return ::heph::codegen::SendCall<Walker_Message>(target_, Walker_StopParams{}, "Walker.stop");
}
absl::Status WalkerRef::try_stop() const {
  return ::heph::codegen::Annotate(target_.try_send(Walker_Message(Walker_StopParams{})).status(), "Walker.stop");
}

// WalkerHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync WalkerHandler::Dispatch(Walker_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(step(std::move(message.m0.params)));
    case 1: return ::heph::codegen::AnyAsync(turn(std::move(message.m1)));
    default: return ::heph::codegen::AnyAsync(stop(std::move(message.m2)));
  }
}

absl::Status WalkerHandler::Complete(Walker_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<Walker_StepResults>>());
      return absl::OkStatus();
    case 1:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Walker.turn");
    default:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Walker.stop");
  }
}

::heph::Async<absl::Status> WalkerHandler::Handle(Walker_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> WalkerHandler::Serve(::heph::Context<Walker_Message> ctx) {
  while (::heph::Received<Walker_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::comments::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::SendCall<::corpus::comments::actors::Walker_Message>;
template class ::heph::codegen::RpcCall<::corpus::comments::actors::Walker_Message, ::corpus::comments::actors::Walker_StepParams, ::corpus::comments::actors::Walker_StepResults>;

#pragma GCC diagnostic pop
