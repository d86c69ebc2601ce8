// Generated from codegen/tests/corpus/types.capnp by capnpc-heph. Do not edit.
// The out-of-line part of codegen/tests/corpus/types.heph.h: messages' constructors, the calls of
// typed references and the handlers' dispatch. heph_cc_actor_library compiles it
// once, instead of every file that includes the header compiling all of it.
#include "codegen/tests/corpus/types.heph.h"

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

namespace corpus::actors {

// Replies to received calls of Echo.
bool Echo_ScalarsCall::reply(Echo_ScalarsResults results) { return responder.respond(std::move(results)); }
bool Echo_ScalarsCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Echo_ListsCall::reply(Echo_ListsResults results) { return responder.respond(std::move(results)); }
bool Echo_ListsCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Echo_ShapeCall::reply(Shape results) { return responder.respond(std::move(results)); }
bool Echo_ShapeCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Echo_MoodCall::reply(Echo_MoodResults results) { return responder.respond(std::move(results)); }
bool Echo_MoodCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Echo_OuterCall::reply(Echo_OuterResults results) { return responder.respond(std::move(results)); }
bool Echo_OuterCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Echo_RegisterCall::reply(Echo_RegisterResults results) { return responder.respond(std::move(results)); }
bool Echo_RegisterCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Echo.
Echo_Message::Echo_Message(::heph::RpcMessage<::corpus::imported::actors::Named_NameParams, absl::StatusOr<::corpus::imported::actors::Named_NameResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Echo_Message::Echo_Message(::heph::RpcMessage<Echo_ScalarsParams, absl::StatusOr<Echo_ScalarsResults>> call) noexcept
    : m1{std::move(call.request), std::move(call.response)}, index_(1) {}
Echo_Message::Echo_Message(::heph::RpcMessage<Echo_ListsParams, absl::StatusOr<Echo_ListsResults>> call) noexcept
    : m2{std::move(call.request), std::move(call.response)}, index_(2) {}
Echo_Message::Echo_Message(::heph::RpcMessage<Shape, absl::StatusOr<Shape>> call) noexcept
    : m3{std::move(call.request), std::move(call.response)}, index_(3) {}
Echo_Message::Echo_Message(::heph::RpcMessage<Echo_MoodParams, absl::StatusOr<Echo_MoodResults>> call) noexcept
    : m4{std::move(call.request), std::move(call.response)}, index_(4) {}
Echo_Message::Echo_Message(::heph::RpcMessage<Echo_OuterParams, absl::StatusOr<Echo_OuterResults>> call) noexcept
    : m5{std::move(call.request), std::move(call.response)}, index_(5) {}
Echo_Message::Echo_Message(Echo_NotifyParams params) noexcept : m6(std::move(params)), index_(6) {}
Echo_Message::Echo_Message(Echo_DeleteParams params) noexcept : m7(std::move(params)), index_(7) {}
Echo_Message::Echo_Message(::heph::RpcMessage<Echo_RegisterParams, absl::StatusOr<Echo_RegisterResults>> call) noexcept
    : m8{std::move(call.request), std::move(call.response)}, index_(8) {}
Echo_Message::Echo_Message(::corpus::imported::actors::Named_Message base) noexcept {
  switch (base.index()) {
    default:  // Named.name
      std::construct_at(&m0, std::move(base.m0));
      index_ = 0;
      break;
  }
}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<::corpus::imported::actors::Named_NameCall>, "Named.name: ::corpus::imported::actors::Named_NameCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_ScalarsCall>, "Echo.scalars: Echo_ScalarsCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_ListsCall>, "Echo.lists: Echo_ListsCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_ShapeCall>, "Echo.shape: Echo_ShapeCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_MoodCall>, "Echo.mood: Echo_MoodCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_OuterCall>, "Echo.outer: Echo_OuterCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_NotifyParams>, "Echo.notify: Echo_NotifyParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_DeleteParams>, "Echo.delete: Echo_DeleteParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Echo_RegisterCall>, "Echo.register: Echo_RegisterCall may throw when moved");

Echo_Message::Echo_Message(Echo_Message&& other) noexcept : index_(other.index_) {
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
Echo_Message& Echo_Message::operator=(Echo_Message&& other) noexcept {
  if (this != &other) {
    this->~Echo_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Echo_Message::~Echo_Message() {
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

std::string_view Echo_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Named.name", "Echo.scalars", "Echo.lists", "Echo.shape", "Echo.mood", "Echo.outer", "Echo.notify", "Echo.delete", "Echo.register"};
  return kNames[index_];
}

// Replies to received calls of Plotter.
bool Plotter_PlotCall::reply(::corpus::imported::actors::Point results) { return responder.respond(std::move(results)); }
bool Plotter_PlotCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Plotter.
Plotter_Message::Plotter_Message(::heph::RpcMessage<::corpus::imported::actors::Point, absl::StatusOr<::corpus::imported::actors::Point>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Plotter_PlotCall>, "Plotter.plot: Plotter_PlotCall may throw when moved");

Plotter_Message::Plotter_Message(Plotter_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
  }
}
Plotter_Message& Plotter_Message::operator=(Plotter_Message&& other) noexcept {
  if (this != &other) {
    this->~Plotter_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Plotter_Message::~Plotter_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
  }
}

std::string_view Plotter_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Plotter.plot"};
  return kNames[index_];
}

// Replies to received calls of Params.
bool Params_GetCall::reply(Params_GetResults results) { return responder.respond(std::move(results)); }
bool Params_GetCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Params.
Params_Message::Params_Message(::heph::RpcMessage<Params_GetParams, absl::StatusOr<Params_GetResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Params_GetCall>, "Params.get: Params_GetCall may throw when moved");

Params_Message::Params_Message(Params_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
  }
}
Params_Message& Params_Message::operator=(Params_Message&& other) noexcept {
  if (this != &other) {
    this->~Params_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Params_Message::~Params_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
  }
}

std::string_view Params_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Params.get"};
  return kNames[index_];
}

// Replies to received calls of Registry.
bool Registry_FindCall::reply(Registry_FindResults results) { return responder.respond(std::move(results)); }
bool Registry_FindCall::fail(absl::Status status) { return responder.respond(std::move(status)); }
bool Registry_NamedCall::reply(Registry_NamedResults results) { return responder.respond(std::move(results)); }
bool Registry_NamedCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Registry.
Registry_Message::Registry_Message(Registry_PutParams params) noexcept : m0(std::move(params)), index_(0) {}
Registry_Message::Registry_Message(::heph::RpcMessage<Registry_FindParams, absl::StatusOr<Registry_FindResults>> call) noexcept
    : m1{std::move(call.request), std::move(call.response)}, index_(1) {}
Registry_Message::Registry_Message(::heph::RpcMessage<Registry_NamedParams, absl::StatusOr<Registry_NamedResults>> call) noexcept
    : m2{std::move(call.request), std::move(call.response)}, index_(2) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Registry_PutParams>, "Registry.put: Registry_PutParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Registry_FindCall>, "Registry.find: Registry_FindCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Registry_NamedCall>, "Registry.named: Registry_NamedCall may throw when moved");

Registry_Message::Registry_Message(Registry_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
    case 2: std::construct_at(&m2, std::move(other.m2)); break;
  }
}
Registry_Message& Registry_Message::operator=(Registry_Message&& other) noexcept {
  if (this != &other) {
    this->~Registry_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Registry_Message::~Registry_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
    case 2: std::destroy_at(&m2); break;
  }
}

std::string_view Registry_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Registry.put", "Registry.find", "Registry.named"};
  return kNames[index_];
}

// Replies to received calls of Base.
bool Base_PingCall::reply(Base_PingResults results) { return responder.respond(std::move(results)); }
bool Base_PingCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Base.
Base_Message::Base_Message(::heph::RpcMessage<Base_PingParams, absl::StatusOr<Base_PingResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Base_PingCall>, "Base.ping: Base_PingCall may throw when moved");

Base_Message::Base_Message(Base_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
  }
}
Base_Message& Base_Message::operator=(Base_Message&& other) noexcept {
  if (this != &other) {
    this->~Base_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Base_Message::~Base_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
  }
}

std::string_view Base_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Base.ping"};
  return kNames[index_];
}

// Messages of Left.
Left_Message::Left_Message(::heph::RpcMessage<Base_PingParams, absl::StatusOr<Base_PingResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Left_Message::Left_Message(Left_LeftParams params) noexcept : m1(std::move(params)), index_(1) {}
Left_Message::Left_Message(Base_Message base) noexcept {
  switch (base.index()) {
    default:  // Base.ping
      std::construct_at(&m0, std::move(base.m0));
      index_ = 0;
      break;
  }
}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Base_PingCall>, "Base.ping: Base_PingCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Left_LeftParams>, "Left.left: Left_LeftParams may throw when moved");

Left_Message::Left_Message(Left_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
  }
}
Left_Message& Left_Message::operator=(Left_Message&& other) noexcept {
  if (this != &other) {
    this->~Left_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Left_Message::~Left_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
  }
}

std::string_view Left_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Base.ping", "Left.left"};
  return kNames[index_];
}

// Messages of Right.
Right_Message::Right_Message(::heph::RpcMessage<Base_PingParams, absl::StatusOr<Base_PingResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Right_Message::Right_Message(Right_RightParams params) noexcept : m1(std::move(params)), index_(1) {}
Right_Message::Right_Message(Base_Message base) noexcept {
  switch (base.index()) {
    default:  // Base.ping
      std::construct_at(&m0, std::move(base.m0));
      index_ = 0;
      break;
  }
}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Base_PingCall>, "Base.ping: Base_PingCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Right_RightParams>, "Right.right: Right_RightParams may throw when moved");

Right_Message::Right_Message(Right_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
  }
}
Right_Message& Right_Message::operator=(Right_Message&& other) noexcept {
  if (this != &other) {
    this->~Right_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Right_Message::~Right_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
  }
}

std::string_view Right_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Base.ping", "Right.right"};
  return kNames[index_];
}

// Replies to received calls of Diamond.
bool Diamond_BothCall::reply(Diamond_BothResults results) { return responder.respond(std::move(results)); }
bool Diamond_BothCall::fail(absl::Status status) { return responder.respond(std::move(status)); }

// Messages of Diamond.
Diamond_Message::Diamond_Message(::heph::RpcMessage<Base_PingParams, absl::StatusOr<Base_PingResults>> call) noexcept
    : m0{std::move(call.request), std::move(call.response)}, index_(0) {}
Diamond_Message::Diamond_Message(Left_LeftParams params) noexcept : m1(std::move(params)), index_(1) {}
Diamond_Message::Diamond_Message(Right_RightParams params) noexcept : m2(std::move(params)), index_(2) {}
Diamond_Message::Diamond_Message(::heph::RpcMessage<Diamond_BothParams, absl::StatusOr<Diamond_BothResults>> call) noexcept
    : m3{std::move(call.request), std::move(call.response)}, index_(3) {}
Diamond_Message::Diamond_Message(Base_Message base) noexcept {
  switch (base.index()) {
    default:  // Base.ping
      std::construct_at(&m0, std::move(base.m0));
      index_ = 0;
      break;
  }
}
Diamond_Message::Diamond_Message(Left_Message base) noexcept {
  switch (base.index()) {
    case 0:  // Base.ping
      std::construct_at(&m0, std::move(base.m0));
      index_ = 0;
      break;
    default:  // Left.left
      std::construct_at(&m1, std::move(base.m1));
      index_ = 1;
      break;
  }
}
Diamond_Message::Diamond_Message(Right_Message base) noexcept {
  switch (base.index()) {
    case 0:  // Base.ping
      std::construct_at(&m0, std::move(base.m0));
      index_ = 0;
      break;
    default:  // Right.right
      std::construct_at(&m2, std::move(base.m1));
      index_ = 2;
      break;
  }
}

// A message's move is noexcept: every payload's must be.
static_assert(std::is_nothrow_move_constructible_v<Base_PingCall>, "Base.ping: Base_PingCall may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Left_LeftParams>, "Left.left: Left_LeftParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Right_RightParams>, "Right.right: Right_RightParams may throw when moved");
static_assert(std::is_nothrow_move_constructible_v<Diamond_BothCall>, "Diamond.both: Diamond_BothCall may throw when moved");

Diamond_Message::Diamond_Message(Diamond_Message&& other) noexcept : index_(other.index_) {
  switch (index_) {
    case 0: std::construct_at(&m0, std::move(other.m0)); break;
    case 1: std::construct_at(&m1, std::move(other.m1)); break;
    case 2: std::construct_at(&m2, std::move(other.m2)); break;
    case 3: std::construct_at(&m3, std::move(other.m3)); break;
  }
}
Diamond_Message& Diamond_Message::operator=(Diamond_Message&& other) noexcept {
  if (this != &other) {
    this->~Diamond_Message();
    std::construct_at(this, std::move(other));
  }
  return *this;
}
Diamond_Message::~Diamond_Message() {
  switch (index_) {
    case 0: std::destroy_at(&m0); break;
    case 1: std::destroy_at(&m1); break;
    case 2: std::destroy_at(&m2); break;
    case 3: std::destroy_at(&m3); break;
  }
}

std::string_view Diamond_Message::method_name() const {
  static constexpr std::string_view kNames[] = {"Base.ping", "Left.left", "Right.right", "Diamond.both"};
  return kNames[index_];
}

// EchoRef: every call builds its message and hands it to the actor's inbox.
EchoRef::operator ::corpus::imported::actors::NamedRef() const {
  return ::corpus::imported::actors::NamedRef(target_.map<::corpus::imported::actors::Named_Message>());
}

::heph::codegen::RpcCall<Echo_Message, ::corpus::imported::actors::Named_NameParams, ::corpus::imported::actors::Named_NameResults> EchoRef::name() const {
  return ::heph::codegen::RpcCall<Echo_Message, ::corpus::imported::actors::Named_NameParams, ::corpus::imported::actors::Named_NameResults>(target_, ::corpus::imported::actors::Named_NameParams{}, "Named.name");
}
::heph::codegen::RpcCall<Echo_Message, Echo_ScalarsParams, Echo_ScalarsResults> EchoRef::scalars(Scalars value) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_ScalarsParams, Echo_ScalarsResults>(target_, Echo_ScalarsParams{std::move(value)}, "Echo.scalars");
}
::heph::codegen::RpcCall<Echo_Message, Echo_ScalarsParams, Echo_ScalarsResults> EchoRef::scalars(Echo_ScalarsParams params) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_ScalarsParams, Echo_ScalarsResults>(target_, std::move(params), "Echo.scalars");
}
::heph::codegen::RpcCall<Echo_Message, Echo_ListsParams, Echo_ListsResults> EchoRef::lists(Lists value) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_ListsParams, Echo_ListsResults>(target_, Echo_ListsParams{std::move(value)}, "Echo.lists");
}
::heph::codegen::RpcCall<Echo_Message, Echo_ListsParams, Echo_ListsResults> EchoRef::lists(Echo_ListsParams params) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_ListsParams, Echo_ListsResults>(target_, std::move(params), "Echo.lists");
}
::heph::codegen::RpcCall<Echo_Message, Shape, Shape> EchoRef::shape(Shape params) const {
  return ::heph::codegen::RpcCall<Echo_Message, Shape, Shape>(target_, std::move(params), "Echo.shape");
}
::heph::codegen::RpcCall<Echo_Message, Echo_MoodParams, Echo_MoodResults> EchoRef::mood(Mood value) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_MoodParams, Echo_MoodResults>(target_, Echo_MoodParams{value}, "Echo.mood");
}
::heph::codegen::RpcCall<Echo_Message, Echo_MoodParams, Echo_MoodResults> EchoRef::mood(Echo_MoodParams params) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_MoodParams, Echo_MoodResults>(target_, std::move(params), "Echo.mood");
}
::heph::codegen::RpcCall<Echo_Message, Echo_OuterParams, Echo_OuterResults> EchoRef::outer(Outer value, WithDefaults defaults) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_OuterParams, Echo_OuterResults>(target_, Echo_OuterParams{std::move(value), std::move(defaults)}, "Echo.outer");
}
::heph::codegen::RpcCall<Echo_Message, Echo_OuterParams, Echo_OuterResults> EchoRef::outer(Echo_OuterParams params) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_OuterParams, Echo_OuterResults>(target_, std::move(params), "Echo.outer");
}
::heph::codegen::SendCall<Echo_Message> EchoRef::notify(Mood mood, std::string note) const {
  return ::heph::codegen::SendCall<Echo_Message>(target_, Echo_NotifyParams{mood, std::move(note)}, "Echo.notify");
}
absl::Status EchoRef::try_notify(Mood mood, std::string note) const {
  return ::heph::codegen::Annotate(target_.try_send(Echo_Message(Echo_NotifyParams{mood, std::move(note)})).status(), "Echo.notify");
}
::heph::codegen::SendCall<Echo_Message> EchoRef::notify(Echo_NotifyParams params) const {
  return ::heph::codegen::SendCall<Echo_Message>(target_, std::move(params), "Echo.notify");
}
absl::Status EchoRef::try_notify(Echo_NotifyParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Echo_Message(std::move(params))).status(), "Echo.notify");
}
::heph::codegen::SendCall<Echo_Message> EchoRef::delete_() const {
  return ::heph::codegen::SendCall<Echo_Message>(target_, Echo_DeleteParams{}, "Echo.delete");
}
absl::Status EchoRef::try_delete() const {
  return ::heph::codegen::Annotate(target_.try_send(Echo_Message(Echo_DeleteParams{})).status(), "Echo.delete");
}
::heph::codegen::RpcCall<Echo_Message, Echo_RegisterParams, Echo_RegisterResults> EchoRef::register_(std::int32_t class_) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_RegisterParams, Echo_RegisterResults>(target_, Echo_RegisterParams{class_}, "Echo.register");
}
::heph::codegen::RpcCall<Echo_Message, Echo_RegisterParams, Echo_RegisterResults> EchoRef::register_(Echo_RegisterParams params) const {
  return ::heph::codegen::RpcCall<Echo_Message, Echo_RegisterParams, Echo_RegisterResults>(target_, std::move(params), "Echo.register");
}

// PlotterRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Plotter_Message, ::corpus::imported::actors::Point, ::corpus::imported::actors::Point> PlotterRef::plot(::corpus::imported::actors::Point params) const {
  return ::heph::codegen::RpcCall<Plotter_Message, ::corpus::imported::actors::Point, ::corpus::imported::actors::Point>(target_, std::move(params), "Plotter.plot");
}

// ParamsRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Params_Message, Params_GetParams, Params_GetResults> ParamsRef::get() const {
  return ::heph::codegen::RpcCall<Params_Message, Params_GetParams, Params_GetResults>(target_, Params_GetParams{}, "Params.get");
}

// RegistryRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::SendCall<Registry_Message> RegistryRef::put(std::string name, EchoRef echo) const {
  return ::heph::codegen::SendCall<Registry_Message>(target_, Registry_PutParams{std::move(name), std::move(echo)}, "Registry.put");
}
absl::Status RegistryRef::try_put(std::string name, EchoRef echo) const {
  return ::heph::codegen::Annotate(target_.try_send(Registry_Message(Registry_PutParams{std::move(name), std::move(echo)})).status(), "Registry.put");
}
::heph::codegen::SendCall<Registry_Message> RegistryRef::put(Registry_PutParams params) const {
  return ::heph::codegen::SendCall<Registry_Message>(target_, std::move(params), "Registry.put");
}
absl::Status RegistryRef::try_put(Registry_PutParams params) const {
  return ::heph::codegen::Annotate(target_.try_send(Registry_Message(std::move(params))).status(), "Registry.put");
}
::heph::codegen::RpcCall<Registry_Message, Registry_FindParams, Registry_FindResults> RegistryRef::find(std::string name) const {
  return ::heph::codegen::RpcCall<Registry_Message, Registry_FindParams, Registry_FindResults>(target_, Registry_FindParams{std::move(name)}, "Registry.find");
}
::heph::codegen::RpcCall<Registry_Message, Registry_FindParams, Registry_FindResults> RegistryRef::find(Registry_FindParams params) const {
  return ::heph::codegen::RpcCall<Registry_Message, Registry_FindParams, Registry_FindResults>(target_, std::move(params), "Registry.find");
}
::heph::codegen::RpcCall<Registry_Message, Registry_NamedParams, Registry_NamedResults> RegistryRef::named(::corpus::imported::actors::NamedRef named) const {
  return ::heph::codegen::RpcCall<Registry_Message, Registry_NamedParams, Registry_NamedResults>(target_, Registry_NamedParams{std::move(named)}, "Registry.named");
}
::heph::codegen::RpcCall<Registry_Message, Registry_NamedParams, Registry_NamedResults> RegistryRef::named(Registry_NamedParams params) const {
  return ::heph::codegen::RpcCall<Registry_Message, Registry_NamedParams, Registry_NamedResults>(target_, std::move(params), "Registry.named");
}

// BaseRef: every call builds its message and hands it to the actor's inbox.
::heph::codegen::RpcCall<Base_Message, Base_PingParams, Base_PingResults> BaseRef::ping() const {
  return ::heph::codegen::RpcCall<Base_Message, Base_PingParams, Base_PingResults>(target_, Base_PingParams{}, "Base.ping");
}

// LeftRef: every call builds its message and hands it to the actor's inbox.
LeftRef::operator BaseRef() const {
  return BaseRef(target_.map<Base_Message>());
}

::heph::codegen::RpcCall<Left_Message, Base_PingParams, Base_PingResults> LeftRef::ping() const {
  return ::heph::codegen::RpcCall<Left_Message, Base_PingParams, Base_PingResults>(target_, Base_PingParams{}, "Base.ping");
}
::heph::codegen::SendCall<Left_Message> LeftRef::left() const {
  return ::heph::codegen::SendCall<Left_Message>(target_, Left_LeftParams{}, "Left.left");
}
absl::Status LeftRef::try_left() const {
  return ::heph::codegen::Annotate(target_.try_send(Left_Message(Left_LeftParams{})).status(), "Left.left");
}

// RightRef: every call builds its message and hands it to the actor's inbox.
RightRef::operator BaseRef() const {
  return BaseRef(target_.map<Base_Message>());
}

::heph::codegen::RpcCall<Right_Message, Base_PingParams, Base_PingResults> RightRef::ping() const {
  return ::heph::codegen::RpcCall<Right_Message, Base_PingParams, Base_PingResults>(target_, Base_PingParams{}, "Base.ping");
}
::heph::codegen::SendCall<Right_Message> RightRef::right() const {
  return ::heph::codegen::SendCall<Right_Message>(target_, Right_RightParams{}, "Right.right");
}
absl::Status RightRef::try_right() const {
  return ::heph::codegen::Annotate(target_.try_send(Right_Message(Right_RightParams{})).status(), "Right.right");
}

// DiamondRef: every call builds its message and hands it to the actor's inbox.
DiamondRef::operator BaseRef() const {
  return BaseRef(target_.map<Base_Message>());
}

DiamondRef::operator LeftRef() const {
  return LeftRef(target_.map<Left_Message>());
}

DiamondRef::operator RightRef() const {
  return RightRef(target_.map<Right_Message>());
}

::heph::codegen::RpcCall<Diamond_Message, Base_PingParams, Base_PingResults> DiamondRef::ping() const {
  return ::heph::codegen::RpcCall<Diamond_Message, Base_PingParams, Base_PingResults>(target_, Base_PingParams{}, "Base.ping");
}
::heph::codegen::SendCall<Diamond_Message> DiamondRef::left() const {
  return ::heph::codegen::SendCall<Diamond_Message>(target_, Left_LeftParams{}, "Left.left");
}
absl::Status DiamondRef::try_left() const {
  return ::heph::codegen::Annotate(target_.try_send(Diamond_Message(Left_LeftParams{})).status(), "Left.left");
}
::heph::codegen::SendCall<Diamond_Message> DiamondRef::right() const {
  return ::heph::codegen::SendCall<Diamond_Message>(target_, Right_RightParams{}, "Right.right");
}
absl::Status DiamondRef::try_right() const {
  return ::heph::codegen::Annotate(target_.try_send(Diamond_Message(Right_RightParams{})).status(), "Right.right");
}
::heph::codegen::RpcCall<Diamond_Message, Diamond_BothParams, Diamond_BothResults> DiamondRef::both() const {
  return ::heph::codegen::RpcCall<Diamond_Message, Diamond_BothParams, Diamond_BothResults>(target_, Diamond_BothParams{}, "Diamond.both");
}

// EchoHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status EchoHandler::name(::corpus::imported::actors::Named_NameParams&, ::corpus::imported::actors::Named_NameResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<::corpus::imported::actors::Named_NameResults>> EchoHandler::name(::corpus::imported::actors::Named_NameParams) { return {}; }
absl::Status EchoHandler::scalars(Echo_ScalarsParams&, Echo_ScalarsResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Echo_ScalarsResults>> EchoHandler::scalars(Echo_ScalarsParams) { return {}; }
absl::Status EchoHandler::lists(Echo_ListsParams&, Echo_ListsResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Echo_ListsResults>> EchoHandler::lists(Echo_ListsParams) { return {}; }
absl::Status EchoHandler::shape(Shape&, Shape&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Shape>> EchoHandler::shape(Shape) { return {}; }
absl::Status EchoHandler::mood(Echo_MoodParams&, Echo_MoodResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Echo_MoodResults>> EchoHandler::mood(Echo_MoodParams) { return {}; }
absl::Status EchoHandler::outer(Echo_OuterParams&, Echo_OuterResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Echo_OuterResults>> EchoHandler::outer(Echo_OuterParams) { return {}; }
absl::Status EchoHandler::notify(Echo_NotifyParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> EchoHandler::notify(Echo_NotifyParams) { return {}; }
absl::Status EchoHandler::delete_(Echo_DeleteParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> EchoHandler::delete_(Echo_DeleteParams) { return {}; }
absl::Status EchoHandler::register_(Echo_RegisterParams&, Echo_RegisterResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Echo_RegisterResults>> EchoHandler::register_(Echo_RegisterParams) { return {}; }

struct EchoHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(EchoHandler& h, Echo_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Echo_Message& message, ::heph::codegen::AnyAsync& method);

  // Named.name
  static ::heph::codegen::AnyAsync Run0(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      ::corpus::imported::actors::Named_NameResults results;
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
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither name(::corpus::imported::actors::Named_NameParams&, ::corpus::imported::actors::Named_NameResults&) nor name(::corpus::imported::actors::Named_NameParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<::corpus::imported::actors::Named_NameResults>>());
    return absl::OkStatus();
  }
  // Echo.scalars
  static ::heph::codegen::AnyAsync Run1(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Echo_ScalarsResults results;
      absl::Status status = h.scalars(message.m1.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m1.responder.respond(std::move(results));
        } else {
          message.m1.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.scalars(std::move(message.m1.params)));
    if (!method) message.m1.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither scalars(Echo_ScalarsParams&, Echo_ScalarsResults&) nor scalars(Echo_ScalarsParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete1(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m1.responder.respond(method.take<absl::StatusOr<Echo_ScalarsResults>>());
    return absl::OkStatus();
  }
  // Echo.lists
  static ::heph::codegen::AnyAsync Run2(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Echo_ListsResults results;
      absl::Status status = h.lists(message.m2.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m2.responder.respond(std::move(results));
        } else {
          message.m2.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.lists(std::move(message.m2.params)));
    if (!method) message.m2.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither lists(Echo_ListsParams&, Echo_ListsResults&) nor lists(Echo_ListsParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete2(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m2.responder.respond(method.take<absl::StatusOr<Echo_ListsResults>>());
    return absl::OkStatus();
  }
  // Echo.shape
  static ::heph::codegen::AnyAsync Run3(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Shape results;
      absl::Status status = h.shape(message.m3.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m3.responder.respond(std::move(results));
        } else {
          message.m3.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.shape(std::move(message.m3.params)));
    if (!method) message.m3.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither shape(Shape&, Shape&) nor shape(Shape)"));
    (void)done;
    return method;
  }
  static absl::Status Complete3(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m3.responder.respond(method.take<absl::StatusOr<Shape>>());
    return absl::OkStatus();
  }
  // Echo.mood
  static ::heph::codegen::AnyAsync Run4(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Echo_MoodResults results;
      absl::Status status = h.mood(message.m4.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m4.responder.respond(std::move(results));
        } else {
          message.m4.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.mood(std::move(message.m4.params)));
    if (!method) message.m4.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither mood(Echo_MoodParams&, Echo_MoodResults&) nor mood(Echo_MoodParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete4(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m4.responder.respond(method.take<absl::StatusOr<Echo_MoodResults>>());
    return absl::OkStatus();
  }
  // Echo.outer
  static ::heph::codegen::AnyAsync Run5(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Echo_OuterResults results;
      absl::Status status = h.outer(message.m5.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m5.responder.respond(std::move(results));
        } else {
          message.m5.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.outer(std::move(message.m5.params)));
    if (!method) message.m5.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither outer(Echo_OuterParams&, Echo_OuterResults&) nor outer(Echo_OuterParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete5(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m5.responder.respond(method.take<absl::StatusOr<Echo_OuterResults>>());
    return absl::OkStatus();
  }
  // Echo.notify
  static ::heph::codegen::AnyAsync Run6(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (EchoHandler::*)(Echo_NotifyParams&)>(&EchoHandler::notify))(message.m6);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Echo.notify");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.notify(std::move(message.m6)));
    if (!method) done = absl::UnimplementedError("Echo.notify: " "not implemented: the handler overrides neither notify(Echo_NotifyParams&) nor notify(Echo_NotifyParams)");
    return method;
  }
  static absl::Status Complete6(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Echo.notify");
  }
  // Echo.delete
  static ::heph::codegen::AnyAsync Run7(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (EchoHandler::*)(Echo_DeleteParams&)>(&EchoHandler::delete_))(message.m7);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Echo.delete");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.delete_(std::move(message.m7)));
    if (!method) done = absl::UnimplementedError("Echo.delete: " "not implemented: the handler overrides neither delete_(Echo_DeleteParams&) nor delete_(Echo_DeleteParams)");
    return method;
  }
  static absl::Status Complete7(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Echo.delete");
  }
  // Echo.register
  static ::heph::codegen::AnyAsync Run8(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Echo_RegisterResults results;
      absl::Status status = h.register_(message.m8.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m8.responder.respond(std::move(results));
        } else {
          message.m8.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.register_(std::move(message.m8.params)));
    if (!method) message.m8.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither register_(Echo_RegisterParams&, Echo_RegisterResults&) nor register_(Echo_RegisterParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete8(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m8.responder.respond(method.take<absl::StatusOr<Echo_RegisterResults>>());
    return absl::OkStatus();
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
  static ::heph::codegen::AnyAsync Run(EchoHandler& h, Echo_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> EchoHandler::Handle(Echo_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = EchoHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = EchoHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> EchoHandler::Serve(::heph::Context<Echo_Message> ctx) {
  while (::heph::Received<Echo_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = EchoHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = EchoHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// PlotterHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status PlotterHandler::plot(::corpus::imported::actors::Point&, ::corpus::imported::actors::Point&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<::corpus::imported::actors::Point>> PlotterHandler::plot(::corpus::imported::actors::Point) { return {}; }

struct PlotterHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(PlotterHandler& h, Plotter_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Plotter_Message& message, ::heph::codegen::AnyAsync& method);

  // Plotter.plot
  static ::heph::codegen::AnyAsync Run0(PlotterHandler& h, Plotter_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      ::corpus::imported::actors::Point results;
      absl::Status status = h.plot(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.plot(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither plot(::corpus::imported::actors::Point&, ::corpus::imported::actors::Point&) nor plot(::corpus::imported::actors::Point)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Plotter_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<::corpus::imported::actors::Point>>());
    return absl::OkStatus();
  }

  static constexpr RunFn kRun[] = {
      &Run0,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
  };
  static ::heph::codegen::AnyAsync Run(PlotterHandler& h, Plotter_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Plotter_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> PlotterHandler::Handle(Plotter_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = PlotterHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = PlotterHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> PlotterHandler::Serve(::heph::Context<Plotter_Message> ctx) {
  while (::heph::Received<Plotter_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = PlotterHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = PlotterHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// ParamsHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status ParamsHandler::get(Params_GetParams&, Params_GetResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Params_GetResults>> ParamsHandler::get(Params_GetParams) { return {}; }

struct ParamsHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(ParamsHandler& h, Params_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Params_Message& message, ::heph::codegen::AnyAsync& method);

  // Params.get
  static ::heph::codegen::AnyAsync Run0(ParamsHandler& h, Params_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Params_GetResults results;
      absl::Status status = h.get(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.get(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither get(Params_GetParams&, Params_GetResults&) nor get(Params_GetParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Params_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Params_GetResults>>());
    return absl::OkStatus();
  }

  static constexpr RunFn kRun[] = {
      &Run0,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
  };
  static ::heph::codegen::AnyAsync Run(ParamsHandler& h, Params_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Params_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> ParamsHandler::Handle(Params_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = ParamsHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = ParamsHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> ParamsHandler::Serve(::heph::Context<Params_Message> ctx) {
  while (::heph::Received<Params_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = ParamsHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = ParamsHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// RegistryHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status RegistryHandler::put(Registry_PutParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> RegistryHandler::put(Registry_PutParams) { return {}; }
absl::Status RegistryHandler::find(Registry_FindParams&, Registry_FindResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Registry_FindResults>> RegistryHandler::find(Registry_FindParams) { return {}; }
absl::Status RegistryHandler::named(Registry_NamedParams&, Registry_NamedResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Registry_NamedResults>> RegistryHandler::named(Registry_NamedParams) { return {}; }

struct RegistryHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(RegistryHandler& h, Registry_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Registry_Message& message, ::heph::codegen::AnyAsync& method);

  // Registry.put
  static ::heph::codegen::AnyAsync Run0(RegistryHandler& h, Registry_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (RegistryHandler::*)(Registry_PutParams&)>(&RegistryHandler::put))(message.m0);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Registry.put");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.put(std::move(message.m0)));
    if (!method) done = absl::UnimplementedError("Registry.put: " "not implemented: the handler overrides neither put(Registry_PutParams&) nor put(Registry_PutParams)");
    return method;
  }
  static absl::Status Complete0(Registry_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Registry.put");
  }
  // Registry.find
  static ::heph::codegen::AnyAsync Run1(RegistryHandler& h, Registry_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Registry_FindResults results;
      absl::Status status = h.find(message.m1.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m1.responder.respond(std::move(results));
        } else {
          message.m1.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.find(std::move(message.m1.params)));
    if (!method) message.m1.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither find(Registry_FindParams&, Registry_FindResults&) nor find(Registry_FindParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete1(Registry_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m1.responder.respond(method.take<absl::StatusOr<Registry_FindResults>>());
    return absl::OkStatus();
  }
  // Registry.named
  static ::heph::codegen::AnyAsync Run2(RegistryHandler& h, Registry_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Registry_NamedResults results;
      absl::Status status = h.named(message.m2.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m2.responder.respond(std::move(results));
        } else {
          message.m2.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.named(std::move(message.m2.params)));
    if (!method) message.m2.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither named(Registry_NamedParams&, Registry_NamedResults&) nor named(Registry_NamedParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete2(Registry_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m2.responder.respond(method.take<absl::StatusOr<Registry_NamedResults>>());
    return absl::OkStatus();
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
  static ::heph::codegen::AnyAsync Run(RegistryHandler& h, Registry_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Registry_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> RegistryHandler::Handle(Registry_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = RegistryHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = RegistryHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> RegistryHandler::Serve(::heph::Context<Registry_Message> ctx) {
  while (::heph::Received<Registry_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = RegistryHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = RegistryHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// BaseHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status BaseHandler::ping(Base_PingParams&, Base_PingResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Base_PingResults>> BaseHandler::ping(Base_PingParams) { return {}; }

struct BaseHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(BaseHandler& h, Base_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Base_Message& message, ::heph::codegen::AnyAsync& method);

  // Base.ping
  static ::heph::codegen::AnyAsync Run0(BaseHandler& h, Base_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Base_PingResults results;
      absl::Status status = h.ping(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.ping(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither ping(Base_PingParams&, Base_PingResults&) nor ping(Base_PingParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Base_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
    return absl::OkStatus();
  }

  static constexpr RunFn kRun[] = {
      &Run0,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
  };
  static ::heph::codegen::AnyAsync Run(BaseHandler& h, Base_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Base_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> BaseHandler::Handle(Base_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = BaseHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = BaseHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> BaseHandler::Serve(::heph::Context<Base_Message> ctx) {
  while (::heph::Received<Base_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = BaseHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = BaseHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// LeftHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status LeftHandler::ping(Base_PingParams&, Base_PingResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Base_PingResults>> LeftHandler::ping(Base_PingParams) { return {}; }
absl::Status LeftHandler::left(Left_LeftParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> LeftHandler::left(Left_LeftParams) { return {}; }

struct LeftHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(LeftHandler& h, Left_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Left_Message& message, ::heph::codegen::AnyAsync& method);

  // Base.ping
  static ::heph::codegen::AnyAsync Run0(LeftHandler& h, Left_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Base_PingResults results;
      absl::Status status = h.ping(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.ping(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither ping(Base_PingParams&, Base_PingResults&) nor ping(Base_PingParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Left_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
    return absl::OkStatus();
  }
  // Left.left
  static ::heph::codegen::AnyAsync Run1(LeftHandler& h, Left_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (LeftHandler::*)(Left_LeftParams&)>(&LeftHandler::left))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Left.left");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.left(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Left.left: " "not implemented: the handler overrides neither left(Left_LeftParams&) nor left(Left_LeftParams)");
    return method;
  }
  static absl::Status Complete1(Left_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Left.left");
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
  };
  static ::heph::codegen::AnyAsync Run(LeftHandler& h, Left_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Left_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> LeftHandler::Handle(Left_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = LeftHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = LeftHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> LeftHandler::Serve(::heph::Context<Left_Message> ctx) {
  while (::heph::Received<Left_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = LeftHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = LeftHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// RightHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status RightHandler::ping(Base_PingParams&, Base_PingResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Base_PingResults>> RightHandler::ping(Base_PingParams) { return {}; }
absl::Status RightHandler::right(Right_RightParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> RightHandler::right(Right_RightParams) { return {}; }

struct RightHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(RightHandler& h, Right_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Right_Message& message, ::heph::codegen::AnyAsync& method);

  // Base.ping
  static ::heph::codegen::AnyAsync Run0(RightHandler& h, Right_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Base_PingResults results;
      absl::Status status = h.ping(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.ping(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither ping(Base_PingParams&, Base_PingResults&) nor ping(Base_PingParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Right_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
    return absl::OkStatus();
  }
  // Right.right
  static ::heph::codegen::AnyAsync Run1(RightHandler& h, Right_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (RightHandler::*)(Right_RightParams&)>(&RightHandler::right))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Right.right");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.right(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Right.right: " "not implemented: the handler overrides neither right(Right_RightParams&) nor right(Right_RightParams)");
    return method;
  }
  static absl::Status Complete1(Right_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Right.right");
  }

  static constexpr RunFn kRun[] = {
      &Run0,
      &Run1,
  };
  static constexpr CompleteFn kComplete[] = {
      &Complete0,
      &Complete1,
  };
  static ::heph::codegen::AnyAsync Run(RightHandler& h, Right_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Right_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> RightHandler::Handle(Right_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = RightHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = RightHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> RightHandler::Serve(::heph::Context<Right_Message> ctx) {
  while (::heph::Received<Right_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = RightHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = RightHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// DiamondHandler: the defaults of its methods (a plain method not
// overridden sets plain_missing_; a coroutine not overridden gives no
// coroutine), the dispatch, and the serve loop.
absl::Status DiamondHandler::ping(Base_PingParams&, Base_PingResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Base_PingResults>> DiamondHandler::ping(Base_PingParams) { return {}; }
absl::Status DiamondHandler::left(Left_LeftParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> DiamondHandler::left(Left_LeftParams) { return {}; }
absl::Status DiamondHandler::right(Right_RightParams&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::Status> DiamondHandler::right(Right_RightParams) { return {}; }
absl::Status DiamondHandler::both(Diamond_BothParams&, Diamond_BothResults&) {
  plain_missing_ = true;
  return absl::OkStatus();
}
::heph::Async<absl::StatusOr<Diamond_BothResults>> DiamondHandler::both(Diamond_BothParams) { return {}; }

struct DiamondHandler_Dispatch {
  // Runs the method of `message`: a plain method to completion (the status
  // for Serve in `done`, a call answered), else gives its coroutine to await.
  using RunFn = ::heph::codegen::AnyAsync (*)(DiamondHandler& h, Diamond_Message& message, absl::Status& done);
  // After the coroutine: answers the call, or gives the one-way status.
  using CompleteFn = absl::Status (*)(Diamond_Message& message, ::heph::codegen::AnyAsync& method);

  // Base.ping
  static ::heph::codegen::AnyAsync Run0(DiamondHandler& h, Diamond_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Base_PingResults results;
      absl::Status status = h.ping(message.m0.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m0.responder.respond(std::move(results));
        } else {
          message.m0.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.ping(std::move(message.m0.params)));
    if (!method) message.m0.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither ping(Base_PingParams&, Base_PingResults&) nor ping(Base_PingParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete0(Diamond_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
    return absl::OkStatus();
  }
  // Left.left
  static ::heph::codegen::AnyAsync Run1(DiamondHandler& h, Diamond_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (DiamondHandler::*)(Left_LeftParams&)>(&DiamondHandler::left))(message.m1);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Left.left");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.left(std::move(message.m1)));
    if (!method) done = absl::UnimplementedError("Left.left: " "not implemented: the handler overrides neither left(Left_LeftParams&) nor left(Left_LeftParams)");
    return method;
  }
  static absl::Status Complete1(Diamond_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Left.left");
  }
  // Right.right
  static ::heph::codegen::AnyAsync Run2(DiamondHandler& h, Diamond_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    absl::Status status = (h.*static_cast<absl::Status (DiamondHandler::*)(Right_RightParams&)>(&DiamondHandler::right))(message.m2);
    if (!h.plain_missing_) {
      done = ::heph::codegen::Annotate(status, "Right.right");
      return {};
    }
    ::heph::codegen::AnyAsync method(h.right(std::move(message.m2)));
    if (!method) done = absl::UnimplementedError("Right.right: " "not implemented: the handler overrides neither right(Right_RightParams&) nor right(Right_RightParams)");
    return method;
  }
  static absl::Status Complete2(Diamond_Message& message, ::heph::codegen::AnyAsync& method) {
    (void)message;
    return ::heph::codegen::Annotate(method.take<absl::Status>(), "Right.right");
  }
  // Diamond.both
  static ::heph::codegen::AnyAsync Run3(DiamondHandler& h, Diamond_Message& message, absl::Status& done) {
    h.plain_missing_ = false;
    {
      Diamond_BothResults results;
      absl::Status status = h.both(message.m3.params, results);
      if (!h.plain_missing_) {
        if (status.ok()) {
          message.m3.responder.respond(std::move(results));
        } else {
          message.m3.responder.respond(std::move(status));
        }
        return {};
      }
    }
    ::heph::codegen::AnyAsync method(h.both(std::move(message.m3.params)));
    if (!method) message.m3.responder.respond(absl::UnimplementedError("not implemented: the handler overrides neither both(Diamond_BothParams&, Diamond_BothResults&) nor both(Diamond_BothParams)"));
    (void)done;
    return method;
  }
  static absl::Status Complete3(Diamond_Message& message, ::heph::codegen::AnyAsync& method) {
    message.m3.responder.respond(method.take<absl::StatusOr<Diamond_BothResults>>());
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
  static ::heph::codegen::AnyAsync Run(DiamondHandler& h, Diamond_Message& message, absl::Status& done) {
    return kRun[message.index()](h, message, done);
  }
  static absl::Status Complete(Diamond_Message& message, ::heph::codegen::AnyAsync& method) {
    return kComplete[message.index()](message, method);
  }
};

::heph::Async<absl::Status> DiamondHandler::Handle(Diamond_Message message) {
  absl::Status status;
  ::heph::codegen::AnyAsync method = DiamondHandler_Dispatch::Run(*this, message, status);
  if (method) {
    co_await method;
    status = DiamondHandler_Dispatch::Complete(message, method);
  }
  co_return status;
}

::heph::Async<absl::Status> DiamondHandler::Serve(::heph::Context<Diamond_Message> ctx) {
  while (::heph::Received<Diamond_Message> message = co_await ctx.receive_next()) {
    absl::Status status;
    ::heph::codegen::AnyAsync method = DiamondHandler_Dispatch::Run(*this, *message, status);
    if (method) {
      co_await method;
      status = DiamondHandler_Dispatch::Complete(*message, method);
    }
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::actors

#pragma GCC diagnostic pop
