// Generated from codegen/tests/corpus/comments.capnp by capnpc-heph. Do not edit.
// The out-of-line part of codegen/tests/corpus/comments.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "codegen/tests/corpus/comments.heph.h"

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

namespace corpus::comments::actors {

// Replies to received calls of Walker.
bool Walker_StepCall::reply(Walker_StepResults results) { return responder.respond(std::move(results)); }
bool Walker_StepCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Walker.
Walker_Message::Walker_Message(Variant v) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::move(v)) {}
Walker_Message::Walker_Message(::heph::RpcMessage<Walker_StepParams, absl::StatusOr<Walker_StepResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<0>, std::move(call.request), std::move(call.response)) {}
Walker_Message::Walker_Message(Walker_TurnParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<1>, std::move(params)) {}
Walker_Message::Walker_Message(Walker_StopParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<2>, std::move(params)) {}
Walker_Message::Walker_Message(Walker_Message&& other) noexcept(std::is_nothrow_move_constructible_v<Variant>) = default;
Walker_Message& Walker_Message::operator=(Walker_Message&& other) noexcept(std::is_nothrow_move_assignable_v<Variant>) = default;
Walker_Message::~Walker_Message() = default;

std::string_view Walker_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Walker.step", "Walker.turn", "Walker.stop"};
  return kNames[value.index()];
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

// WalkerHandler: the dispatch to the methods, and the serve loop (which
// dispatches inline: no coroutine frame per message besides the method's).
::heph::Async<absl::Status> WalkerHandler::Handle(Walker_Message message) {
  switch (message.value.index()) {
    case 0: {
      auto& call = std::get<0>(message.value);
      auto results = co_await step(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 1: {
      absl::Status status = co_await turn(std::get<1>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Walker.turn");
    }
    case 2: {
      absl::Status status = co_await stop(std::get<2>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Walker.stop");
    }
  }
  co_return absl::OkStatus();
}

::heph::Async<absl::Status> WalkerHandler::Serve(::heph::Context<Walker_Message> ctx) {
  while (::heph::Received<Walker_Message> message = co_await ctx.receive_next()) {
    switch (message->value.index()) {
      case 0: {
        auto& call = std::get<0>(message->value);
        auto results = co_await step(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 1: {
        absl::Status status = co_await turn(std::get<1>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Walker.turn");
        break;
      }
      case 2: {
        absl::Status status = co_await stop(std::get<2>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Walker.stop");
        break;
      }
    }
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::comments::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::SendCall<::corpus::comments::actors::Walker_Message>;
template class ::heph::codegen::RpcCall<::corpus::comments::actors::Walker_Message, ::corpus::comments::actors::Walker_StepParams, ::corpus::comments::actors::Walker_StepResults>;

#pragma GCC diagnostic pop
