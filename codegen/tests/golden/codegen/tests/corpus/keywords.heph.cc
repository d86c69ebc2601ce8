// Generated from codegen/tests/corpus/keywords.capnp by capnpc-heph. Do not edit.
// The out-of-line part of codegen/tests/corpus/keywords.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "codegen/tests/corpus/keywords.heph.h"

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

namespace corpus::keywords::actors {

// Replies to received calls of Register.
bool Register_DeleteCall::reply(Register_DeleteResults results) { return responder.respond(std::move(results)); }
bool Register_DeleteCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Register_NewCall::reply(Register_NewResults results) { return responder.respond(std::move(results)); }
bool Register_NewCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Register_ActorCall::reply(Register_ActorResults results) { return responder.respond(std::move(results)); }
bool Register_ActorCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Register.
Register_Message::Register_Message(::heph::RpcMessage<Register_DeleteParams, absl::StatusOr<Register_DeleteResults>> call)
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Register_Message::Register_Message(Register_RegisterParams params) : m1(std::move(params)), index_(1) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_NewParams, absl::StatusOr<Register_NewResults>> call)
    : m2{std::move(call.request), std::move(call.response)}, index_(2) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_ActorParams, absl::StatusOr<Register_ActorResults>> call)
    : m3{std::move(call.request), std::move(call.response)}, index_(3) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Register_DeleteCall>, "Register.delete: Register_DeleteCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Register_RegisterParams>, "Register.register: Register_RegisterParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Register_NewCall>, "Register.new: Register_NewCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Register_ActorCall>, "Register.actor: Register_ActorCall may throw when moved");

Register_Message::Register_Message(Register_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
    case 2: std::construct_at(&m2, std::move(other.m2)); break;
    case 3: std::construct_at(&m3, std::move(other.m3)); break;
  }
}
Register_Message& Register_Message::operator=(Register_Message&& other) noexcept {
  if (this != &other) {
    this->~Register_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Register_Message::~Register_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
    case 2: std::destroy_at(&m2); break;
    case 3: std::destroy_at(&m3); break;
  }
}

std::string_view Register_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Register.delete", "Register.register", "Register.new", "Register.actor"};
  return kNames[index_];
}

// RegisterRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Register_Message, Register_DeleteParams, Register_DeleteResults> RegisterRef::delete_(std::int32_t class_) const {
  return ::heph::codegen::RpcCall<Register_Message, Register_DeleteParams, Register_DeleteResults>(target_, Register_DeleteParams{class_}, "Register.delete");
}
::heph::codegen::RpcCall<Register_Message, Register_DeleteParams, Register_DeleteResults> RegisterRef::delete_(Register_DeleteParams params) const {
  return ::heph::codegen::RpcCall<Register_Message, Register_DeleteParams, Register_DeleteResults>(target_, std::move(params), "Register.delete");
}
::heph::codegen::SendCall<Register_Message> RegisterRef::register_(Keywords value) const {
  return ::heph::codegen::SendCall<Register_Message>(target_, Register_RegisterParams{std::move(value)}, "Register.register");
}
absl::Status RegisterRef::try_register(Keywords value) const {
  return ::heph::codegen::Annotate(target_.try_send(Register_Message(Register_RegisterParams{std::move(value)})).status(), "Register.register");
}
::heph::codegen::SendCall<Register_Message> RegisterRef::register_(Register_RegisterParams params) const {
  return ::heph::codegen::SendCall<Register_Message>(target_, std::move(params), "Register.register");
}
absl::Status RegisterRef::try_register(Register_RegisterParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Register_Message(std::move(params))).status(), "Register.register");
}
::heph::codegen::RpcCall<Register_Message, Register_NewParams, Register_NewResults> RegisterRef::new_() const {
  return ::heph::codegen::RpcCall<Register_Message, Register_NewParams, Register_NewResults>(target_, Register_NewParams{}, "Register.new");
}
::heph::codegen::RpcCall<Register_Message, Register_ActorParams, Register_ActorResults> RegisterRef::actor_() const {
  return ::heph::codegen::RpcCall<Register_Message, Register_ActorParams, Register_ActorResults>(target_, Register_ActorParams{}, "Register.actor");
}

// RegisterHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync RegisterHandler::Dispatch(Register_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(delete_(std::move(message.m0.params)));
    case 1: return ::heph::codegen::AnyAsync(register_(std::move(message.m1)));
    case 2: return ::heph::codegen::AnyAsync(new_(std::move(message.m2.params)));
    default: return ::heph::codegen::AnyAsync(actor_(std::move(message.m3.params)));
  }
}

absl::Status RegisterHandler::Complete(Register_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<Register_DeleteResults>>());
      return absl::OkStatus();
    case 1:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Register.register");
    case 2:
      message.m2.responder.respond(method.take<absl::StatusOr<Register_NewResults>>());
      return absl::OkStatus();
    default:
      message.m3.responder.respond(method.take<absl::StatusOr<Register_ActorResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> RegisterHandler::Handle(Register_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> RegisterHandler::Serve(::heph::Context<Register_Message> ctx) {
  while (::heph::Received<Register_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::keywords::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::SendCall<::corpus::keywords::actors::Register_Message>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Register_Message, ::corpus::keywords::actors::Register_DeleteParams, ::corpus::keywords::actors::Register_DeleteResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Register_Message, ::corpus::keywords::actors::Register_NewParams, ::corpus::keywords::actors::Register_NewResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Register_Message, ::corpus::keywords::actors::Register_ActorParams, ::corpus::keywords::actors::Register_ActorResults>;

#pragma GCC diagnostic pop
