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
Register_Message::Register_Message(::heph::RpcMessage<Register_DeleteParams, absl::StatusOr<Register_DeleteResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Register_Message::Register_Message(Register_RegisterParams params) noexcept : m1(std::move(params)), index_(1) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_NewParams, absl::StatusOr<Register_NewResults>> call) noexcept
    : m2{std::move(call.request), std::move(call.response)}, index_(2) {}
Register_Message::Register_Message(::heph::RpcMessage<Register_ActorParams, absl::StatusOr<Register_ActorResults>> call) noexcept
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
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_ConceptParams, absl::StatusOr<Cpp20_ConceptResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Cpp20_Message::Cpp20_Message(Cpp20_RequiresParams params) noexcept : m1(std::move(params)), index_(1) {}
Cpp20_Message::Cpp20_Message(Cpp20_ConstevalParams params) noexcept : m2(std::move(params)), index_(2) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_ConstinitParams, absl::StatusOr<Cpp20_ConstinitResults>> call) noexcept
    : m3{std::move(call.request), std::move(call.response)}, index_(3) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_CoAwaitParams, absl::StatusOr<Cpp20_CoAwaitResults>> call) noexcept
    : m4{std::move(call.request), std::move(call.response)}, index_(4) {}
Cpp20_Message::Cpp20_Message(Cpp20_Char8TParams params) noexcept : m5(std::move(params)), index_(5) {}
Cpp20_Message::Cpp20_Message(::heph::RpcMessage<Cpp20_AssertParams, absl::StatusOr<Cpp20_AssertResults>> call) noexcept
    : m6{std::move(call.request), std::move(call.response)}, index_(6) {}
Cpp20_Message::Cpp20_Message(Cpp20_OffsetofParams params) noexcept : m7(std::move(params)), index_(7) {}
Cpp20_Message::Cpp20_Message(Cpp20_MakedevParams params) noexcept : m8(std::move(params)), index_(8) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Cpp20_ConceptCall>, "Cpp20.concept: Cpp20_ConceptCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_RequiresParams>, "Cpp20.requires: Cpp20_RequiresParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_ConstevalParams>, "Cpp20.consteval: Cpp20_ConstevalParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_ConstinitCall>, "Cpp20.constinit: Cpp20_ConstinitCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_CoAwaitCall>, "Cpp20.coAwait: Cpp20_CoAwaitCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_Char8TParams>, "Cpp20.char8T: Cpp20_Char8TParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_AssertCall>, "Cpp20.assert: Cpp20_AssertCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_OffsetofParams>, "Cpp20.offsetof: Cpp20_OffsetofParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Cpp20_MakedevParams>, "Cpp20.makedev: Cpp20_MakedevParams may throw when moved");

Cpp20_Message::Cpp20_Message(Cpp20_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
    case 2: std::construct_at(&m2, std::move(other.m2)); break;
    case 3: std::construct_at(&m3, std::move(other.m3)); break;
    case 4: std::construct_at(&m4, std::move(other.m4)); break;
    case 5: std::construct_at(&m5, std::move(other.m5)); break;
    case 6: std::construct_at(&m6, std::move(other.m6)); break;
    case 7: std::construct_at(&m7, std::move(other.m7)); break;
    case 8: std::construct_at(&m8, std::move(other.m8)); break;
  }
}
Cpp20_Message& Cpp20_Message::operator=(Cpp20_Message&& other) noexcept {
  if (this != &other) {
    this->~Cpp20_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Cpp20_Message::~Cpp20_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
    case 2: std::destroy_at(&m2); break;
    case 3: std::destroy_at(&m3); break;
    case 4: std::destroy_at(&m4); break;
    case 5: std::destroy_at(&m5); break;
    case 6: std::destroy_at(&m6); break;
    case 7: std::destroy_at(&m7); break;
    case 8: std::destroy_at(&m8); break;
  }
}

std::string_view Cpp20_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Cpp20.concept", "Cpp20.requires", "Cpp20.consteval", "Cpp20.constinit", "Cpp20.coAwait", "Cpp20.char8T", "Cpp20.assert", "Cpp20.offsetof", "Cpp20.makedev"};
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

// Cpp20Handler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync Cpp20Handler::Dispatch(Cpp20_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(concept_(std::move(message.m0.params)));
    case 1: return ::heph::codegen::AnyAsync(requires_(std::move(message.m1)));
    case 2: return ::heph::codegen::AnyAsync(consteval_(std::move(message.m2)));
    case 3: return ::heph::codegen::AnyAsync(constinit_(std::move(message.m3.params)));
    case 4: return ::heph::codegen::AnyAsync(co_await_(std::move(message.m4.params)));
    case 5: return ::heph::codegen::AnyAsync(char8_t_(std::move(message.m5)));
    case 6: return ::heph::codegen::AnyAsync(assert_(std::move(message.m6.params)));
    case 7: return ::heph::codegen::AnyAsync(offsetof_(std::move(message.m7)));
    default: return ::heph::codegen::AnyAsync(makedev_(std::move(message.m8)));
  }
}

absl::Status Cpp20Handler::Complete(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<Cpp20_ConceptResults>>());
      return absl::OkStatus();
    case 1:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.requires");
    case 2:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.consteval");
    case 3:
      message.m3.responder.respond(method.take<absl::StatusOr<Cpp20_ConstinitResults>>());
      return absl::OkStatus();
    case 4:
      message.m4.responder.respond(method.take<absl::StatusOr<Cpp20_CoAwaitResults>>());
      return absl::OkStatus();
    case 5:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.char8T");
    case 6:
      message.m6.responder.respond(method.take<absl::StatusOr<Cpp20_AssertResults>>());
      return absl::OkStatus();
    case 7:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.offsetof");
    default:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.makedev");
  }
}

::heph::Async<absl::Status> Cpp20Handler::Handle(Cpp20_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> Cpp20Handler::Serve(::heph::Context<Cpp20_Message> ctx) {
  while (::heph::Received<Cpp20_Message> message = co_await ctx.receive_next()) {
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
template class ::heph::codegen::SendCall<::corpus::keywords::actors::Cpp20_Message>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_ConceptParams, ::corpus::keywords::actors::Cpp20_ConceptResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_ConstinitParams, ::corpus::keywords::actors::Cpp20_ConstinitResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_CoAwaitParams, ::corpus::keywords::actors::Cpp20_CoAwaitResults>;
template class ::heph::codegen::RpcCall<::corpus::keywords::actors::Cpp20_Message, ::corpus::keywords::actors::Cpp20_AssertParams, ::corpus::keywords::actors::Cpp20_AssertResults>;

#pragma GCC diagnostic pop
