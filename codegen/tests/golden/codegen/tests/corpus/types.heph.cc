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

// EchoHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync EchoHandler::Dispatch(Echo_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(name(std::move(message.m0.params)));
    case 1: return ::heph::codegen::AnyAsync(scalars(std::move(message.m1.params)));
    case 2: return ::heph::codegen::AnyAsync(lists(std::move(message.m2.params)));
    case 3: return ::heph::codegen::AnyAsync(shape(std::move(message.m3.params)));
    case 4: return ::heph::codegen::AnyAsync(mood(std::move(message.m4.params)));
    case 5: return ::heph::codegen::AnyAsync(outer(std::move(message.m5.params)));
    case 6: return ::heph::codegen::AnyAsync(notify(std::move(message.m6)));
    case 7: return ::heph::codegen::AnyAsync(delete_(std::move(message.m7)));
    default: return ::heph::codegen::AnyAsync(register_(std::move(message.m8.params)));
  }
}

absl::Status EchoHandler::Complete(Echo_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<::corpus::imported::actors::Named_NameResults>>());
      return absl::OkStatus();
    case 1:
      message.m1.responder.respond(method.take<absl::StatusOr<Echo_ScalarsResults>>());
      return absl::OkStatus();
    case 2:
      message.m2.responder.respond(method.take<absl::StatusOr<Echo_ListsResults>>());
      return absl::OkStatus();
    case 3:
      message.m3.responder.respond(method.take<absl::StatusOr<Shape>>());
      return absl::OkStatus();
    case 4:
      message.m4.responder.respond(method.take<absl::StatusOr<Echo_MoodResults>>());
      return absl::OkStatus();
    case 5:
      message.m5.responder.respond(method.take<absl::StatusOr<Echo_OuterResults>>());
      return absl::OkStatus();
    case 6:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Echo.notify");
    case 7:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Echo.delete");
    default:
      message.m8.responder.respond(method.take<absl::StatusOr<Echo_RegisterResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> EchoHandler::Handle(Echo_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> EchoHandler::Serve(::heph::Context<Echo_Message> ctx) {
  while (::heph::Received<Echo_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// PlotterHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync PlotterHandler::Dispatch(Plotter_Message& message) {
  switch (message.index()) {
    default: return ::heph::codegen::AnyAsync(plot(std::move(message.m0.params)));
  }
}

absl::Status PlotterHandler::Complete(Plotter_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    default:
      message.m0.responder.respond(method.take<absl::StatusOr<::corpus::imported::actors::Point>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> PlotterHandler::Handle(Plotter_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> PlotterHandler::Serve(::heph::Context<Plotter_Message> ctx) {
  while (::heph::Received<Plotter_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// ParamsHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync ParamsHandler::Dispatch(Params_Message& message) {
  switch (message.index()) {
    default: return ::heph::codegen::AnyAsync(get(std::move(message.m0.params)));
  }
}

absl::Status ParamsHandler::Complete(Params_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    default:
      message.m0.responder.respond(method.take<absl::StatusOr<Params_GetResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> ParamsHandler::Handle(Params_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> ParamsHandler::Serve(::heph::Context<Params_Message> ctx) {
  while (::heph::Received<Params_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// RegistryHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync RegistryHandler::Dispatch(Registry_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(put(std::move(message.m0)));
    case 1: return ::heph::codegen::AnyAsync(find(std::move(message.m1.params)));
    default: return ::heph::codegen::AnyAsync(named(std::move(message.m2.params)));
  }
}

absl::Status RegistryHandler::Complete(Registry_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Registry.put");
    case 1:
      message.m1.responder.respond(method.take<absl::StatusOr<Registry_FindResults>>());
      return absl::OkStatus();
    default:
      message.m2.responder.respond(method.take<absl::StatusOr<Registry_NamedResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> RegistryHandler::Handle(Registry_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> RegistryHandler::Serve(::heph::Context<Registry_Message> ctx) {
  while (::heph::Received<Registry_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// BaseHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync BaseHandler::Dispatch(Base_Message& message) {
  switch (message.index()) {
    default: return ::heph::codegen::AnyAsync(ping(std::move(message.m0.params)));
  }
}

absl::Status BaseHandler::Complete(Base_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    default:
      message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> BaseHandler::Handle(Base_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> BaseHandler::Serve(::heph::Context<Base_Message> ctx) {
  while (::heph::Received<Base_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// LeftHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync LeftHandler::Dispatch(Left_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(ping(std::move(message.m0.params)));
    default: return ::heph::codegen::AnyAsync(left(std::move(message.m1)));
  }
}

absl::Status LeftHandler::Complete(Left_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
      return absl::OkStatus();
    default:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Left.left");
  }
}

::heph::Async<absl::Status> LeftHandler::Handle(Left_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> LeftHandler::Serve(::heph::Context<Left_Message> ctx) {
  while (::heph::Received<Left_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// RightHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync RightHandler::Dispatch(Right_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(ping(std::move(message.m0.params)));
    default: return ::heph::codegen::AnyAsync(right(std::move(message.m1)));
  }
}

absl::Status RightHandler::Complete(Right_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
      return absl::OkStatus();
    default:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Right.right");
  }
}

::heph::Async<absl::Status> RightHandler::Handle(Right_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> RightHandler::Serve(::heph::Context<Right_Message> ctx) {
  while (::heph::Received<Right_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

// DiamondHandler: the dispatch to the methods, and the serve loop. Both
// coroutines await every method at one co_await (no frame per message besides
// the method's); the switches on the method are in plain functions.
::heph::codegen::AnyAsync DiamondHandler::Dispatch(Diamond_Message& message) {
  switch (message.index()) {
    case 0: return ::heph::codegen::AnyAsync(ping(std::move(message.m0.params)));
    case 1: return ::heph::codegen::AnyAsync(left(std::move(message.m1)));
    case 2: return ::heph::codegen::AnyAsync(right(std::move(message.m2)));
    default: return ::heph::codegen::AnyAsync(both(std::move(message.m3.params)));
  }
}

absl::Status DiamondHandler::Complete(Diamond_Message& message, ::heph::codegen::AnyAsync& method) {
  switch (message.index()) {
    case 0:
      message.m0.responder.respond(method.take<absl::StatusOr<Base_PingResults>>());
      return absl::OkStatus();
    case 1:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Left.left");
    case 2:
      return ::heph::codegen::Annotate(method.take<absl::Status>(), "Right.right");
    default:
      message.m3.responder.respond(method.take<absl::StatusOr<Diamond_BothResults>>());
      return absl::OkStatus();
  }
}

::heph::Async<absl::Status> DiamondHandler::Handle(Diamond_Message message) {
  ::heph::codegen::AnyAsync method = Dispatch(message);
  co_await method;
  co_return Complete(message, method);
}

::heph::Async<absl::Status> DiamondHandler::Serve(::heph::Context<Diamond_Message> ctx) {
  while (::heph::Received<Diamond_Message> message = co_await ctx.receive_next()) {
    ::heph::codegen::AnyAsync method = Dispatch(*message);
    co_await method;
    absl::Status status = Complete(*message, method);
    if (!status.ok()) co_return status;
  }
  co_return absl::OkStatus();
}

}  // namespace corpus::actors

// The awaitables of the references' calls (extern templates in the header).
template class ::heph::codegen::SendCall<::corpus::actors::Echo_Message>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::imported::actors::Named_NameParams, ::corpus::imported::actors::Named_NameResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::actors::Echo_ScalarsParams, ::corpus::actors::Echo_ScalarsResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::actors::Echo_ListsParams, ::corpus::actors::Echo_ListsResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::actors::Shape, ::corpus::actors::Shape>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::actors::Echo_MoodParams, ::corpus::actors::Echo_MoodResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::actors::Echo_OuterParams, ::corpus::actors::Echo_OuterResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Echo_Message, ::corpus::actors::Echo_RegisterParams, ::corpus::actors::Echo_RegisterResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Plotter_Message, ::corpus::imported::actors::Point, ::corpus::imported::actors::Point>;
template class ::heph::codegen::RpcCall<::corpus::actors::Params_Message, ::corpus::actors::Params_GetParams, ::corpus::actors::Params_GetResults>;
template class ::heph::codegen::SendCall<::corpus::actors::Registry_Message>;
template class ::heph::codegen::RpcCall<::corpus::actors::Registry_Message, ::corpus::actors::Registry_FindParams, ::corpus::actors::Registry_FindResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Registry_Message, ::corpus::actors::Registry_NamedParams, ::corpus::actors::Registry_NamedResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Base_Message, ::corpus::actors::Base_PingParams, ::corpus::actors::Base_PingResults>;
template class ::heph::codegen::SendCall<::corpus::actors::Left_Message>;
template class ::heph::codegen::RpcCall<::corpus::actors::Left_Message, ::corpus::actors::Base_PingParams, ::corpus::actors::Base_PingResults>;
template class ::heph::codegen::SendCall<::corpus::actors::Right_Message>;
template class ::heph::codegen::RpcCall<::corpus::actors::Right_Message, ::corpus::actors::Base_PingParams, ::corpus::actors::Base_PingResults>;
template class ::heph::codegen::SendCall<::corpus::actors::Diamond_Message>;
template class ::heph::codegen::RpcCall<::corpus::actors::Diamond_Message, ::corpus::actors::Base_PingParams, ::corpus::actors::Base_PingResults>;
template class ::heph::codegen::RpcCall<::corpus::actors::Diamond_Message, ::corpus::actors::Diamond_BothParams, ::corpus::actors::Diamond_BothResults>;

#pragma GCC diagnostic pop
