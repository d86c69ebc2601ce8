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

// Replies to received calls of Cpp20.
bool Cpp20_ConceptCall::reply(Cpp20_ConceptResults results) { return responder.respond(std::move(results)); }
bool Cpp20_ConceptCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Cpp20_ConstinitCall::reply(Cpp20_ConstinitResults results) { return responder.respond(std::move(results)); }
bool Cpp20_ConstinitCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Cpp20_CoAwaitCall::reply(Cpp20_CoAwaitResults results) { return responder.respond(std::move(results)); }
bool Cpp20_CoAwaitCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Cpp20_AssertCall::reply(Cpp20_AssertResults results) { return responder.respond(std::move(results)); }
bool Cpp20_AssertCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Cpp20.
Cpp20_Message::Cpp20_Message(Variant v) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::move(v)) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_ConceptParams, absl::StatusOr<Cpp20_ConceptResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<0>, std::move(call.request), std::move(call.response)) {}
Cpp20_Message::Cpp20_Message(Cpp20_RequiresParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<1>, std::move(params)) {}
Cpp20_Message::Cpp20_Message(Cpp20_ConstevalParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<2>, std::move(params)) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_ConstinitParams, absl::StatusOr<Cpp20_ConstinitResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<3>, std::move(call.request), std::move(call.response)) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_CoAwaitParams, absl::StatusOr<Cpp20_CoAwaitResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<4>, std::move(call.request), std::move(call.response)) {}
Cpp20_Message::Cpp20_Message(Cpp20_Char8TParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<5>, std::move(params)) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_AssertParams, absl::StatusOr<Cpp20_AssertResults>> call) noexcept(std::is_nothrow_move_constructible_v<Variant>)
    : value(std::in_place_index<6>, std::move(call.request), std::move(call.response)) {}
Cpp20_Message::Cpp20_Message(Cpp20_OffsetofParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<7>, std::move(params)) {}
Cpp20_Message::Cpp20_Message(Cpp20_MakedevParams params) noexcept(std::is_nothrow_move_constructible_v<Variant>) : value(std::in_place_index<8>, std::move(params)) {}
Cpp20_Message::Cpp20_Message(Cpp20_Message&& other) noexcept(std::is_nothrow_move_constructible_v<Variant>) = default;
Cpp20_Message& Cpp20_Message::operator=(Cpp20_Message&& other) noexcept(std::is_nothrow_move_assignable_v<Variant>) = default;
Cpp20_Message::~Cpp20_Message() = default;

std::string_view Cpp20_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Cpp20.concept", "Cpp20.requires", "Cpp20.consteval", "Cpp20.constinit", "Cpp20.coAwait", "Cpp20.char8T", "Cpp20.assert", "Cpp20.offsetof", "Cpp20.makedev"};
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

// Cpp20Ref: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_ConceptParams, Cpp20_ConceptResults> Cpp20Ref::concept_(std::int32_t requires_) const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_ConceptParams, Cpp20_ConceptResults>(target_, Cpp20_ConceptParams{requires_}, "Cpp20.concept");
}
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_ConceptParams, Cpp20_ConceptResults> Cpp20Ref::concept_(Cpp20_ConceptParams params) const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_ConceptParams, Cpp20_ConceptResults>(target_, std::move(params), "Cpp20.concept");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::requires_(std::int32_t constinit_) const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, Cpp20_RequiresParams{constinit_}, "Cpp20.requires");
}
absl::Status Cpp20Ref::try_requires(std::int32_t constinit_) const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(Cpp20_RequiresParams{constinit_})).status(), "Cpp20.requires");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::requires_(Cpp20_RequiresParams params) const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, std::move(params), "Cpp20.requires");
}
absl::Status Cpp20Ref::try_requires(Cpp20_RequiresParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(std::move(params))).status(), "Cpp20.requires");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::consteval_() const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, Cpp20_ConstevalParams{}, "Cpp20.consteval");
}
absl::Status Cpp20Ref::try_consteval() const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(Cpp20_ConstevalParams{})).status(), "Cpp20.consteval");
}
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_ConstinitParams, Cpp20_ConstinitResults> Cpp20Ref::constinit_() const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_ConstinitParams, Cpp20_ConstinitResults>(target_, Cpp20_ConstinitParams{}, "Cpp20.constinit");
}
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_CoAwaitParams, Cpp20_CoAwaitResults> Cpp20Ref::co_await_(std::int32_t co_return_) const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_CoAwaitParams, Cpp20_CoAwaitResults>(target_, Cpp20_CoAwaitParams{co_return_}, "Cpp20.coAwait");
}
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_CoAwaitParams, Cpp20_CoAwaitResults> Cpp20Ref::co_await_(Cpp20_CoAwaitParams params) const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_CoAwaitParams, Cpp20_CoAwaitResults>(target_, std::move(params), "Cpp20.coAwait");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::char8_t_(std::string static_assert_) const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, Cpp20_Char8TParams{std::move(static_assert_)}, "Cpp20.char8T");
}
absl::Status Cpp20Ref::try_char8_t(std::string static_assert_) const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(Cpp20_Char8TParams{std::move(static_assert_)})).status(), "Cpp20.char8T");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::char8_t_(Cpp20_Char8TParams params) const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, std::move(params), "Cpp20.char8T");
}
absl::Status Cpp20Ref::try_char8_t(Cpp20_Char8TParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(std::move(params))).status(), "Cpp20.char8T");
}
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_AssertParams, Cpp20_AssertResults> Cpp20Ref::assert_(std::int32_t offsetof_) const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_AssertParams, Cpp20_AssertResults>(target_, Cpp20_AssertParams{offsetof_}, "Cpp20.assert");
}
::heph::codegen::RpcCall<Cpp20_Message, Cpp20_AssertParams, Cpp20_AssertResults> Cpp20Ref::assert_(Cpp20_AssertParams params) const {
  return ::heph::codegen::RpcCall<Cpp20_Message, Cpp20_AssertParams, Cpp20_AssertResults>(target_, std::move(params), "Cpp20.assert");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::offsetof_() const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, Cpp20_OffsetofParams{}, "Cpp20.offsetof");
}
absl::Status Cpp20Ref::try_offsetof() const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(Cpp20_OffsetofParams{})).status(), "Cpp20.offsetof");
}
::heph::codegen::SendCall<Cpp20_Message> Cpp20Ref::makedev_() const {
  return ::heph::codegen::SendCall<Cpp20_Message>(target_, Cpp20_MakedevParams{}, "Cpp20.makedev");
}
absl::Status Cpp20Ref::try_makedev() const {
  return ::heph::codegen::Annotate(target_.try_send(Cpp20_Message(Cpp20_MakedevParams{})).status(), "Cpp20.makedev");
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

// Cpp20Handler: the dispatch to the methods, and the serve loop (which
// dispatches inline: no coroutine frame per message besides the method's).
::heph::Async<absl::Status> Cpp20Handler::Handle(Cpp20_Message message) {
  switch (message.value.index()) {
    case 0: {
      auto& call = std::get<0>(message.value);
      auto results = co_await concept_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 1: {
      absl::Status status = co_await requires_(std::get<1>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Cpp20.requires");
    }
    case 2: {
      absl::Status status = co_await consteval_(std::get<2>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Cpp20.consteval");
    }
    case 3: {
      auto& call = std::get<3>(message.value);
      auto results = co_await constinit_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 4: {
      auto& call = std::get<4>(message.value);
      auto results = co_await co_await_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 5: {
      absl::Status status = co_await char8_t_(std::get<5>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Cpp20.char8T");
    }
    case 6: {
      auto& call = std::get<6>(message.value);
      auto results = co_await assert_(std::move(call.params));
      call.responder.respond(std::move(results));
      co_return absl::OkStatus();
    }
    case 7: {
      absl::Status status = co_await offsetof_(std::get<7>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Cpp20.offsetof");
    }
    case 8: {
      absl::Status status = co_await makedev_(std::get<8>(std::move(message.value)));
      co_return ::heph::codegen::Annotate(status, "Cpp20.makedev");
    }
  }
  co_return absl::OkStatus();
}

::heph::Async<absl::Status> Cpp20Handler::Serve(::heph::Context<Cpp20_Message> ctx) {
  while (::heph::Received<Cpp20_Message> message = co_await ctx.receive_next()) {
    switch (message->value.index()) {
      case 0: {
        auto& call = std::get<0>(message->value);
        auto results = co_await concept_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 1: {
        absl::Status status = co_await requires_(std::get<1>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Cpp20.requires");
        break;
      }
      case 2: {
        absl::Status status = co_await consteval_(std::get<2>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Cpp20.consteval");
        break;
      }
      case 3: {
        auto& call = std::get<3>(message->value);
        auto results = co_await constinit_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 4: {
        auto& call = std::get<4>(message->value);
        auto results = co_await co_await_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 5: {
        absl::Status status = co_await char8_t_(std::get<5>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Cpp20.char8T");
        break;
      }
      case 6: {
        auto& call = std::get<6>(message->value);
        auto results = co_await assert_(std::move(call.params));
        call.responder.respond(std::move(results));
        break;
      }
      case 7: {
        absl::Status status = co_await offsetof_(std::get<7>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Cpp20.offsetof");
        break;
      }
      case 8: {
        absl::Status status = co_await makedev_(std::get<8>(std::move(message->value)));
        if (!status.ok()) co_return ::heph::codegen::Annotate(status, "Cpp20.makedev");
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
template class ::heph::codegen::SendCall<::corpus::keywords::actors::Cpp20_Message>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_ConceptParams, ::corpus::keywords::actors::Cpp20_ConceptResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_ConstinitParams, ::corpus::keywords::actors::Cpp20_ConstinitResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_CoAwaitParams, ::corpus::keywords::actors::Cpp20_CoAwaitResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_AssertParams, ::corpus::keywords::actors::Cpp20_AssertResults>;

#pragma GCC diagnostic pop
