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

// NamedHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync NamedHandler::Dispatch(Named_Message& message) {
  switch (message.index()) {
    default: return ::heph::codegen::AnyAsync(name(std::move(message.m0.params)));
  }
}

absl::Status NamedHandler::Complete(Named_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    default:
      message.m0.responder.respond(method.take<absl::StatusOr<Named_NameResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> NamedHandler::Handle(Named_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> NamedHandler::Serve(::heph::Context<Named_Message> ctx) {
  while (::heph::Received<Named_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::imported::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::RpcCall<::corpus::imported::actors::Named_Message, ::corpus::imported::actors::Named_NameParams, ::corpus::imported::actors::Named_NameResults>;

#pragma GCC diagnostic pop
