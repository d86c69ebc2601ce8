// Generated from codegen/tests/corpus/keywords.capnp by capnpc-heph. Do not edit.
// The out-of-line part of codegen/tests/corpus/keywords.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "codegen/tests/corpus/keywords.heph.h"

#include <optional>
#include <string_view>
#include <utility>
#include <variant>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codegen/support/protocol_support.h"
#include "runtime/actor/async.h"
#include "runtime/actor/context.h"
#include "runtime/actor/rpc.h"

// See the header: g++ 12 follows the variant's inactive alternatives when it
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
Register_Message::Register_Message(Variant v) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::move(v)) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_DeleteParams, absl::StatusOr<Register_DeleteResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<0>, std::move(call.request), std::move(call.response)) {}
Register_Message::Register_Message(Register_RegisterParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<1>, std::move(params)) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_NewParams, absl::StatusOr<Register_NewResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<2>, std::move(call.request), std::move(call.response)) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_ActorParams, absl::StatusOr<Register_ActorResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<3>, std::move(call.request), std::move(call.response)) {}
Register_Message::Register_Message(Register_Message&& other) noexcept(std::is_nothrow_move_constructible_v<Variant>) = default;
Register_Message& Register_Message::operator=(Register_Message&& other) noexcept(std::is_nothrow_move_assignable_v<Variant>) = default;
Register_Message::~Register_Message() = default;

std::string_view Register_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Register.delete", "Register.register", "Register.new", "Register.actor"};
  return kNames[value.index()];
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

// RegisterHandler: the dispatch to the methods, and the serve loop (which
// dispatches inline: no coroutine frame per message besides the method's).
::heph::Async<absl::Status> RegisterHandler::Handle(Register_Message message) {
  switch (message.value.index()) {
    case 0: {
      auto& call = std::get<0>(message.value);
      auto results = co_await delete_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 1: {
      absl::Status status = co_await register_(std::get<1>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Register.register");
    }
    case 2: {
      auto& call = std::get<2>(message.value);
      auto results = co_await new_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 3: {
      auto& call = std::get<3>(message.value);
      auto results = co_await actor_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
  }
  co_return absl::OkStatus();
}

::heph::Async<absl::Status> RegisterHandler::Serve(::heph::Context<Register_Message> ctx) {
  while (::heph::Received<Register_Message> message = co_await ctx.receive_next()) {
    switch (message->value.index()) {
      case 0: {
        auto& call = std::get<0>(message->value);
        auto results = co_await delete_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 1: {
        absl::Status status = co_await register_(std::get<1>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Register.register");
        break;
      }
      case 2: {
        auto& call = std::get<2>(message->value);
        auto results = co_await new_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 3: {
        auto& call = std::get<3>(message->value);
        auto results = co_await actor_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
    }
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
