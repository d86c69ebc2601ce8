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

// WalkerHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status WalkerHandler::step(Walker_StepParams&, Walker_StepResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Walker_StepResults>> WalkerHandler::step(Walker_StepParams) { return {}; }
absl::Status WalkerHandler::turn(Walker_TurnParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> WalkerHandler::turn(Walker_TurnParams) { return {}; }
absl::Status WalkerHandler::stop(Walker_StopParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> WalkerHandler::stop(Walker_StopParams) { return {}; }

struct WalkerHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(WalkerHandler& h, Walker_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Walker_Message& message, ::heph::codegen::AnyAsync& method);

  // Walker.step
  static ::heph::codegen::AnyAsync Run0(WalkerHandler& h, Walker_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Walker_StepResults results;
      absl::Status status = h.step(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.step(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither step(Walker_StepParams&, Walker_StepResults&) nor step(Walker_StepParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Walker_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Walker_StepResults>>());
    return absl::OkStatus();
  }
  // Walker.turn
  static ::heph::codegen::AnyAsync Run1(WalkerHandler& h, Walker_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (WalkerHandler::*)(Walker_TurnParams&)>(&WalkerHandler::turn))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Walker.turn");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.turn(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Walker.turn: " "not implemented: the handler overrides neither turn(Walker_TurnParams&) nor turn(Walker_TurnParams)");
    return method;
  }
  static absl::Status Complete1(Walker_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Walker.turn");
  }
  // Walker.stop
  static ::heph::codegen::AnyAsync Run2(WalkerHandler& h, Walker_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (WalkerHandler::*)(Walker_StopParams&)>(&WalkerHandler::stop))(message.m2);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Walker.stop");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.stop(std::move(message.m2)));
    if (!method) done = absl::UnimplementedError("Walker.stop: " "not implemented: the handler overrides neither stop(Walker_StopParams&) nor stop(Walker_StopParams)");
    return method;
  }
  static absl::Status Complete2(Walker_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Walker.stop");
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
      &Run2,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
      &Complete2,
  };
  static ::heph::codegen::AnyAsync Run(WalkerHandler& h, Walker_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Walker_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> WalkerHandler::Handle(Walker_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = WalkerHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = WalkerHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> WalkerHandler::Serve(::heph::Context<Walker_Message> ctx) {
  while (::heph::Received<Walker_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = WalkerHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = WalkerHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::comments::actors

#pragma GCC diagnostic pop
