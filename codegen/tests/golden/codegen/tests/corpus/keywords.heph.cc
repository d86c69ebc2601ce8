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

// Replies to received calls of Job.
bool Job_StatusCall::reply(Job_StatusResults results) { return responder.respond(std::move(results)); }
bool Job_StatusCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Job_MethodCall::reply(Job_MethodResults results) { return responder.respond(std::move(results)); }
bool Job_MethodCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Job.
Job_Message::Job_Message(::heph::RpcMessage<Job_StatusParams, absl::StatusOr<Job_StatusResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Job_Message::Job_Message(Job_MessageParams params) noexcept : m1(std::move(params)), index_(1) {}
Job_Message::Job_Message(::heph::RpcMessage<Job_MethodParams, absl::StatusOr<Job_MethodResults>> call) noexcept
    : m2{std::move(call.request), std::move(call.response)}, index_(2) {}
Job_Message::Job_Message(Job_CallParams params) noexcept : m3(std::move(params)), index_(3) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Job_StatusCall>, "Job.status: Job_StatusCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Job_MessageParams>, "Job.message: Job_MessageParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Job_MethodCall>, "Job.method: Job_MethodCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Job_CallParams>, "Job.call: Job_CallParams may throw when moved");

Job_Message::Job_Message(Job_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
    case 2: std::construct_at(&m2, std::move(other.m2)); break;
    case 3: std::construct_at(&m3, std::move(other.m3)); break;
  }
}
Job_Message& Job_Message::operator=(Job_Message&& other) noexcept {
  if (this != &other) {
    this->~Job_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Job_Message::~Job_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
    case 2: std::destroy_at(&m2); break;
    case 3: std::destroy_at(&m3); break;
  }
}

std::string_view Job_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Job.status", "Job.message", "Job.method", "Job.call"};
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

// JobRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Job_Message, Job_StatusParams, Job_StatusResults> JobRef::status() const {
  return ::heph::codegen::RpcCall<Job_Message, Job_StatusParams, Job_StatusResults>(target_, Job_StatusParams{}, "Job.status");
}
::heph::codegen::SendCall<Job_Message> JobRef::message(std::string ctx) const {
  return ::heph::codegen::SendCall<Job_Message>(target_, Job_MessageParams{std::move(ctx)}, "Job.message");
}
absl::Status JobRef::try_message(std::string ctx) const {
  return ::heph::codegen::Annotate(target_.try_send(Job_Message(Job_MessageParams{std::move(ctx)})).status(), "Job.message");
}
::heph::codegen::SendCall<Job_Message> JobRef::message(Job_MessageParams params) const {
  return ::heph::codegen::SendCall<Job_Message>(target_, std::move(params), "Job.message");
}
absl::Status JobRef::try_message(Job_MessageParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Job_Message(std::move(params))).status(), "Job.message");
}
::heph::codegen::RpcCall<Job_Message, Job_MethodParams, Job_MethodResults> JobRef::method(std::uint32_t done) const {
  return ::heph::codegen::RpcCall<Job_Message, Job_MethodParams, Job_MethodResults>(target_, Job_MethodParams{done}, "Job.method");
}
::heph::codegen::RpcCall<Job_Message, Job_MethodParams, Job_MethodResults> JobRef::method(Job_MethodParams params) const {
  return ::heph::codegen::RpcCall<Job_Message, Job_MethodParams, Job_MethodResults>(target_, std::move(params), "Job.method");
}
::heph::codegen::SendCall<Job_Message> JobRef::call(std::uint32_t h) const {
  return ::heph::codegen::SendCall<Job_Message>(target_, Job_CallParams{h}, "Job.call");
}
absl::Status JobRef::try_call(std::uint32_t h) const {
  return ::heph::codegen::Annotate(target_.try_send(Job_Message(Job_CallParams{h})).status(), "Job.call");
}
::heph::codegen::SendCall<Job_Message> JobRef::call(Job_CallParams params) const {
  return ::heph::codegen::SendCall<Job_Message>(target_, std::move(params), "Job.call");
}
absl::Status JobRef::try_call(Job_CallParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Job_Message(std::move(params))).status(), "Job.call");
}

// RegisterHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status RegisterHandler::delete_(Register_DeleteParams&, Register_DeleteResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Register_DeleteResults>> RegisterHandler::delete_(Register_DeleteParams) { return {}; }
absl::Status RegisterHandler::register_(Register_RegisterParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> RegisterHandler::register_(Register_RegisterParams) { return {}; }
absl::Status RegisterHandler::new_(Register_NewParams&, Register_NewResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Register_NewResults>> RegisterHandler::new_(Register_NewParams) { return {}; }
absl::Status RegisterHandler::actor_(Register_ActorParams&, Register_ActorResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Register_ActorResults>> RegisterHandler::actor_(Register_ActorParams) { return {}; }

struct RegisterHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(RegisterHandler& h, Register_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Register_Message& message, ::heph::codegen::AnyAsync& method);

  // Register.delete
  static ::heph::codegen::AnyAsync Run0(RegisterHandler& h, Register_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Register_DeleteResults results;
      absl::Status status = h.delete_(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.delete_(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither delete_(Register_DeleteParams&, Register_DeleteResults&) nor delete_(Register_DeleteParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Register_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Register_DeleteResults>>());
    return absl::OkStatus();
  }
  // Register.register
  static ::heph::codegen::AnyAsync Run1(RegisterHandler& h, Register_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (RegisterHandler::*)(Register_RegisterParams&)>(&RegisterHandler::register_))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Register.register");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.register_(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Register.register: " "not implemented: the handler overrides neither register_(Register_RegisterParams&) nor register_(Register_RegisterParams)");
    return method;
  }
  static absl::Status Complete1(Register_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Register.register");
  }
  // Register.new
  static ::heph::codegen::AnyAsync Run2(RegisterHandler& h, Register_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Register_NewResults results;
      absl::Status status = h.new_(message.m2.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m2.responder.respond(std::move(results));
        } else {
          message.m2.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.new_(std::move(message.m2.params)));
    if (!method) message.m2.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither new_(Register_NewParams&, Register_NewResults&) nor new_(Register_NewParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete2(Register_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m2.responder.respond(method.take<absl::StatusOr<Register_NewResults>>());
    return absl::OkStatus();
  }
  // Register.actor
  static ::heph::codegen::AnyAsync Run3(RegisterHandler& h, Register_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Register_ActorResults results;
      absl::Status status = h.actor_(message.m3.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m3.responder.respond(std::move(results));
        } else {
          message.m3.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.actor_(std::move(message.m3.params)));
    if (!method) message.m3.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither actor_(Register_ActorParams&, Register_ActorResults&) nor actor_(Register_ActorParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete3(Register_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m3.responder.respond(method.take<absl::StatusOr<Register_ActorResults>>());
    return absl::OkStatus();
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
      &Run2,
      &Run3,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
      &Complete2,
      &Complete3,
  };
  static ::heph::codegen::AnyAsync Run(RegisterHandler& h, Register_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Register_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> RegisterHandler::Handle(Register_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = RegisterHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = RegisterHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> RegisterHandler::Serve(::heph::Context<Register_Message> ctx) {
  while (::heph::Received<Register_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = RegisterHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = RegisterHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// Cpp20Handler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status Cpp20Handler::concept_(Cpp20_ConceptParams&, Cpp20_ConceptResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Cpp20_ConceptResults>> Cpp20Handler::concept_(Cpp20_ConceptParams) { return {}; }
absl::Status Cpp20Handler::requires_(Cpp20_RequiresParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> Cpp20Handler::requires_(Cpp20_RequiresParams) { return {}; }
absl::Status Cpp20Handler::consteval_(Cpp20_ConstevalParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> Cpp20Handler::consteval_(Cpp20_ConstevalParams) { return {}; }
absl::Status Cpp20Handler::constinit_(Cpp20_ConstinitParams&, Cpp20_ConstinitResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Cpp20_ConstinitResults>> Cpp20Handler::constinit_(Cpp20_ConstinitParams) { return {}; }
absl::Status Cpp20Handler::co_await_(Cpp20_CoAwaitParams&, Cpp20_CoAwaitResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Cpp20_CoAwaitResults>> Cpp20Handler::co_await_(Cpp20_CoAwaitParams) { return {}; }
absl::Status Cpp20Handler::char8_t_(Cpp20_Char8TParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> Cpp20Handler::char8_t_(Cpp20_Char8TParams) { return {}; }
absl::Status Cpp20Handler::assert_(Cpp20_AssertParams&, Cpp20_AssertResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Cpp20_AssertResults>> Cpp20Handler::assert_(Cpp20_AssertParams) { return {}; }
absl::Status Cpp20Handler::offsetof_(Cpp20_OffsetofParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> Cpp20Handler::offsetof_(Cpp20_OffsetofParams) { return {}; }
absl::Status Cpp20Handler::makedev_(Cpp20_MakedevParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> Cpp20Handler::makedev_(Cpp20_MakedevParams) { return {}; }

struct Cpp20Handler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Cpp20_Message& message, ::heph::codegen::AnyAsync& method);

  // Cpp20.concept
  static ::heph::codegen::AnyAsync Run0(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Cpp20_ConceptResults results;
      absl::Status status = h.concept_(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.concept_(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither concept_(Cpp20_ConceptParams&, Cpp20_ConceptResults&) nor concept_(Cpp20_ConceptParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Cpp20_ConceptResults>>());
    return absl::OkStatus();
  }
  // Cpp20.requires
  static ::heph::codegen::AnyAsync Run1(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (Cpp20Handler::*)(Cpp20_RequiresParams&)>(&Cpp20Handler::requires_))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Cpp20.requires");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.requires_(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Cpp20.requires: " "not implemented: the handler overrides neither requires_(Cpp20_RequiresParams&) nor requires_(Cpp20_RequiresParams)");
    return method;
  }
  static absl::Status Complete1(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.requires");
  }
  // Cpp20.consteval
  static ::heph::codegen::AnyAsync Run2(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (Cpp20Handler::*)(Cpp20_ConstevalParams&)>(&Cpp20Handler::consteval_))(message.m2);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Cpp20.consteval");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.consteval_(std::move(message.m2)));
    if (!method) done = absl::UnimplementedError("Cpp20.consteval: " "not implemented: the handler overrides neither consteval_(Cpp20_ConstevalParams&) nor consteval_(Cpp20_ConstevalParams)");
    return method;
  }
  static absl::Status Complete2(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.consteval");
  }
  // Cpp20.constinit
  static ::heph::codegen::AnyAsync Run3(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Cpp20_ConstinitResults results;
      absl::Status status = h.constinit_(message.m3.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m3.responder.respond(std::move(results));
        } else {
          message.m3.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.constinit_(std::move(message.m3.params)));
    if (!method) message.m3.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither constinit_(Cpp20_ConstinitParams&, Cpp20_ConstinitResults&) nor constinit_(Cpp20_ConstinitParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete3(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m3.responder.respond(method.take<absl::StatusOr<Cpp20_ConstinitResults>>());
    return absl::OkStatus();
  }
  // Cpp20.coAwait
  static ::heph::codegen::AnyAsync Run4(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Cpp20_CoAwaitResults results;
      absl::Status status = h.co_await_(message.m4.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m4.responder.respond(std::move(results));
        } else {
          message.m4.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.co_await_(std::move(message.m4.params)));
    if (!method) message.m4.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither co_await_(Cpp20_CoAwaitParams&, Cpp20_CoAwaitResults&) nor co_await_(Cpp20_CoAwaitParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete4(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m4.responder.respond(method.take<absl::StatusOr<Cpp20_CoAwaitResults>>());
    return absl::OkStatus();
  }
  // Cpp20.char8T
  static ::heph::codegen::AnyAsync Run5(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (Cpp20Handler::*)(Cpp20_Char8TParams&)>(&Cpp20Handler::char8_t_))(message.m5);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Cpp20.char8T");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.char8_t_(std::move(message.m5)));
    if (!method) done = absl::UnimplementedError("Cpp20.char8T: " "not implemented: the handler overrides neither char8_t_(Cpp20_Char8TParams&) nor char8_t_(Cpp20_Char8TParams)");
    return method;
  }
  static absl::Status Complete5(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.char8T");
  }
  // Cpp20.assert
  static ::heph::codegen::AnyAsync Run6(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Cpp20_AssertResults results;
      absl::Status status = h.assert_(message.m6.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m6.responder.respond(std::move(results));
        } else {
          message.m6.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.assert_(std::move(message.m6.params)));
    if (!method) message.m6.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither assert_(Cpp20_AssertParams&, Cpp20_AssertResults&) nor assert_(Cpp20_AssertParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete6(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m6.responder.respond(method.take<absl::StatusOr<Cpp20_AssertResults>>());
    return absl::OkStatus();
  }
  // Cpp20.offsetof
  static ::heph::codegen::AnyAsync Run7(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (Cpp20Handler::*)(Cpp20_OffsetofParams&)>(&Cpp20Handler::offsetof_))(message.m7);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Cpp20.offsetof");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.offsetof_(std::move(message.m7)));
    if (!method) done = absl::UnimplementedError("Cpp20.offsetof: " "not implemented: the handler overrides neither offsetof_(Cpp20_OffsetofParams&) nor offsetof_(Cpp20_OffsetofParams)");
    return method;
  }
  static absl::Status Complete7(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.offsetof");
  }
  // Cpp20.makedev
  static ::heph::codegen::AnyAsync Run8(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (Cpp20Handler::*)(Cpp20_MakedevParams&)>(&Cpp20Handler::makedev_))(message.m8);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Cpp20.makedev");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.makedev_(std::move(message.m8)));
    if (!method) done = absl::UnimplementedError("Cpp20.makedev: " "not implemented: the handler overrides neither makedev_(Cpp20_MakedevParams&) nor makedev_(Cpp20_MakedevParams)");
    return method;
  }
  static absl::Status Complete8(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Cpp20.makedev");
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
      &Run2,
      &Run3,
      &Run4,
      &Run5,
      &Run6,
      &Run7,
      &Run8,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
      &Complete2,
      &Complete3,
      &Complete4,
      &Complete5,
      &Complete6,
      &Complete7,
      &Complete8,
  };
  static ::heph::codegen::AnyAsync Run(Cpp20Handler& h, Cpp20_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Cpp20_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> Cpp20Handler::Handle(Cpp20_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = Cpp20Handler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = Cpp20Handler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> Cpp20Handler::Serve(::heph::Context<Cpp20_Message> ctx) {
  while (::heph::Received<Cpp20_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = Cpp20Handler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = Cpp20Handler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// JobHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status JobHandler::status(Job_StatusParams&, Job_StatusResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Job_StatusResults>> JobHandler::status(Job_StatusParams) { return {}; }
absl::Status JobHandler::message(Job_MessageParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> JobHandler::message(Job_MessageParams) { return {}; }
absl::Status JobHandler::method(Job_MethodParams&, Job_MethodResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Job_MethodResults>> JobHandler::method(Job_MethodParams) { return {}; }
absl::Status JobHandler::call(Job_CallParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> JobHandler::call(Job_CallParams) { return {}; }

struct JobHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(JobHandler& h, Job_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Job_Message& message, ::heph::codegen::AnyAsync& method);

  // Job.status
  static ::heph::codegen::AnyAsync Run0(JobHandler& h, Job_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Job_StatusResults results;
      absl::Status status = h.status(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.status(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither status(Job_StatusParams&, Job_StatusResults&) nor status(Job_StatusParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Job_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Job_StatusResults>>());
    return absl::OkStatus();
  }
  // Job.message
  static ::heph::codegen::AnyAsync Run1(JobHandler& h, Job_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (JobHandler::*)(Job_MessageParams&)>(&JobHandler::message))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Job.message");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.message(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Job.message: " "not implemented: the handler overrides neither message(Job_MessageParams&) nor message(Job_MessageParams)");
    return method;
  }
  static absl::Status Complete1(Job_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Job.message");
  }
  // Job.method
  static ::heph::codegen::AnyAsync Run2(JobHandler& h, Job_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Job_MethodResults results;
      absl::Status status = h.method(message.m2.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m2.responder.respond(std::move(results));
        } else {
          message.m2.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.method(std::move(message.m2.params)));
    if (!method) message.m2.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither method(Job_MethodParams&, Job_MethodResults&) nor method(Job_MethodParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete2(Job_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m2.responder.respond(method.take<absl::StatusOr<Job_MethodResults>>());
    return absl::OkStatus();
  }
  // Job.call
  static ::heph::codegen::AnyAsync Run3(JobHandler& h, Job_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (JobHandler::*)(Job_CallParams&)>(&JobHandler::call))(message.m3);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Job.call");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.call(std::move(message.m3)));
    if (!method) done = absl::UnimplementedError("Job.call: " "not implemented: the handler overrides neither call(Job_CallParams&) nor call(Job_CallParams)");
    return method;
  }
  static absl::Status Complete3(Job_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Job.call");
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
      &Run2,
      &Run3,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
      &Complete2,
      &Complete3,
  };
  static ::heph::codegen::AnyAsync Run(JobHandler& h, Job_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Job_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> JobHandler::Handle(Job_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = JobHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = JobHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> JobHandler::Serve(::heph::Context<Job_Message> ctx) {
  while (::heph::Received<Job_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = JobHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = JobHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::keywords::actors

#pragma GCC diagnostic pop
