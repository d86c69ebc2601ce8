// Generated from codegen/tests/corpus/imported.capnp by capnpc-heph. Do not edit.
// The out-of-line part of codegen/tests/corpus/imported.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "codegen/tests/corpus/imported.heph.h"

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

namespace corpus::imported::actors {

// Replies to received calls of Named.
bool Named_NameCall::reply(Named_NameResults results) { return responder.respond(std::move(results)); }
bool Named_NameCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Named.
Named_Message::Named_Message(::heph::RpcMessage<Named_NameParams, absl::StatusOr<Named_NameResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Named_NameCall>, "Named.name: Named_NameCall may throw when moved");

Named_Message::Named_Message(Named_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
  }
}
Named_Message& Named_Message::operator=(Named_Message&& other) noexcept {
  if (this != &other) {
    this->~Named_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Named_Message::~Named_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
  }
}

std::string_view Named_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Named.name"};
  return kNames[index_];
}

// NamedRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Named_Message, Named_NameParams, Named_NameResults> NamedRef::name() const {
  return ::heph::codegen::RpcCall<Named_Message, Named_NameParams, Named_NameResults>(target_, Named_NameParams{}, "Named.name");
}

// NamedHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status NamedHandler::name(Named_NameParams&, Named_NameResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Named_NameResults>> NamedHandler::name(Named_NameParams) { return {}; }

struct NamedHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(NamedHandler& h, Named_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Named_Message& message, ::heph::codegen::AnyAsync& method);

  // Named.name
  static ::heph::codegen::AnyAsync Run0(NamedHandler& h, Named_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Named_NameResults results;
      absl::Status status = h.name(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.name(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither name(Named_NameParams&, Named_NameResults&) nor name(Named_NameParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Named_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Named_NameResults>>());
    return absl::OkStatus();
  }

  static constexpr RunFn kRun[] = {
      &Run0,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
  };
  static ::heph::codegen::AnyAsync Run(NamedHandler& h, Named_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Named_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> NamedHandler::Handle(Named_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = NamedHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = NamedHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> NamedHandler::Serve(::heph::Context<Named_Message> ctx) {
  while (::heph::Received<Named_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = NamedHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = NamedHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::imported::actors

#pragma GCC diagnostic pop
