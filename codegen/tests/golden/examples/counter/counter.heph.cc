// Generated from examples/counter/counter.capnp by capnpc-heph. Do not edit.
// The out-of-line part of examples/counter/counter.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "examples/counter/counter.heph.h"

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

namespace examples::counter::actors {

// Replies to received calls of Counter.
bool Counter_GetCall::reply(Counter_GetResults results) { return responder.respond(std::move(results)); }
bool Counter_GetCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Counter.
Counter_Message::Counter_Message(Variant v) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::move(v)) {}
Counter_Message::Counter_Message(Counter_AddParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<0>, std::move(params)) {}
Counter_Message::Counter_Message(::heph::RpcMessage<Counter_GetParams, absl::StatusOr<Counter_GetResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<1>, std::move(call.request), std::move(call.response)) {}
Counter_Message::Counter_Message(Counter_Message&& other) noexcept(std::is_nothrow_move_constructible_v<Variant>) = default;
Counter_Message& Counter_Message::operator=(Counter_Message&& other) noexcept(std::is_nothrow_move_assignable_v<Variant>) = default;
Counter_Message::~Counter_Message() = default;

std::string_view Counter_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Counter.add", "Counter.get"};
  return kNames[value.index()];
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

// CounterHandler: the dispatch to the methods, and the serve loop (which
// dispatches inline: no coroutine frame per message besides the method's).
::heph::Async<absl::Status> CounterHandler::Handle(Counter_Message message) {
  switch (message.value.index()) {
    case 0: {
      absl::Status status = co_await add(std::get<0>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Counter.add");
    }
    case 1: {
      auto& call = std::get<1>(message.value);
      auto results = co_await get(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
  }
  co_return absl::OkStatus();
}

::heph::Async<absl::Status> CounterHandler::Serve(::heph::Context<Counter_Message> ctx) {
  while (::heph::Received<Counter_Message> message = co_await ctx.receive_next()) {
    switch (message->value.index()) {
      case 0: {
        absl::Status status = co_await add(std::get<0>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Counter.add");
        break;
      }
      case 1: {
        auto& call = std::get<1>(message->value);
        auto results = co_await get(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
    }
  }
  co_return absl::OkStatus();
}

}  // namespace examples::counter::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::SendCall<::examples::counter::actors::Counter_Message>;
template class ::heph::codegen::RpcCall<::examples::counter::actors::Counter_Message, ::examples::counter::actors::Counter_GetParams, ::examples::counter::actors::Counter_GetResults>;

#pragma GCC diagnostic pop
