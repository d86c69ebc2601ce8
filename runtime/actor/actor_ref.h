// actor_ref.h — ActorRef<M>: the way to reach an actor accepting messages M.
//
//   ActorRef<Msg> ref = ...;
//   co_await ref.send(msg);             // waits while the inbox is full
//   ref.try_send(msg);                  // never waits: Full / Disconnected
//   auto v = co_await ref.rpc<int>(q);  // request/response (see rpc.h)
//   co_await ref.join();                // until the actor has ended
//
// A reference is cheap to copy (one atomic increment) and usable from any
// thread; awaiting (send, rpc, join) must happen inside an actor or an async
// function run by a scheduler. While any reference exists, the actor's
// receive_next() keeps waiting instead of reporting "no more messages".
//
// `ref.map<N>()` gives an ActorRef<N> for a message type N that converts to M
// (used by generated protocols for interface inheritance).
#ifndef HEPH_RUNTIME_ACTOR_ACTOR_REF_H_
#define HEPH_RUNTIME_ACTOR_ACTOR_REF_H_

#include <cassert>
#include <atomic>
#include <coroutine>
#include <cstdint>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/actor_cell.h"
#include "runtime/actor/errors.h"
#include "runtime/actor/message_type.h"

namespace heph {

template <class M>
class ActorRef;

namespace internal {
// How a mapped reference pushes an M into the cell it targets (null for a
// direct reference, whose cell is an ActorCell<M>). `try_emplace` claims a
// slot and only then builds the message from make(ctx), so a failed send
// leaves the caller's message untouched; make and the conversion never throw
// (message_type.h). Static for one mapping; a mapping of
// a mapped reference chains a reference-counted heap node to the inner ops.
template <class M>
struct RefOps {
  bool (*try_emplace)(const RefOps* self, ActorCellBase* cell, M (*make)(void*) noexcept,
                      void* ctx);
  void (*retain)(const RefOps* self);   // null for static ops
  void (*release)(const RefOps* self);  // null for static ops
};

// N -> Target, where the cell is an ActorCell<Target>.
template <class N, class Target>
struct MappedOps {
  static bool TryEmplace(const RefOps<N>*, ActorCellBase* cell, N (*make)(void*) noexcept,
                         void* ctx) {
    return static_cast<ActorCell<Target>*>(cell)->inbox().try_emplace(
               [&]() noexcept { return Target(make(ctx)); }) == Inbox<Target>::Push::kOk;
  }
  static constexpr RefOps<N> kOps{&TryEmplace, nullptr, nullptr};
};

// N -> M, then through `inner` (the ops of a mapped ActorRef<M>).
template <class N, class M>
struct ChainedOps : RefOps<N> {
  explicit ChainedOps(const RefOps<M>* in) : RefOps<N>{&TryEmplace, &Retain, &Release}, inner(in) {
    if (inner->retain != nullptr) inner->retain(inner);
  }
  ~ChainedOps() {
    if (inner->release != nullptr) inner->release(inner);
  }

  struct Step {
    N (*make)(void*) noexcept;
    void* ctx;
  };
  static M MakeInner(void* p) noexcept {
    auto* step = static_cast<Step*>(p);
    return M(step->make(step->ctx));
  }
  static bool TryEmplace(const RefOps<N>* self, ActorCellBase* cell, N (*make)(void*) noexcept,
                         void* ctx) {
    const RefOps<M>* in = static_cast<const ChainedOps*>(self)->inner;
    Step step{make, ctx};
    return in->try_emplace(in, cell, &MakeInner, &step);
  }
  static void Retain(const RefOps<N>* self) {
    static_cast<const ChainedOps*>(self)->refs.fetch_add(1, std::memory_order_relaxed);
  }
  static void Release(const RefOps<N>* self) {
    auto* chain = static_cast<const ChainedOps*>(self);
    if (chain->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete chain;
  }

  const RefOps<M>* inner;
  mutable std::atomic<std::uint32_t> refs{1};
};

}  // namespace internal

// The result of try_send: OK, or the error and the message given back.
template <class M>
class [[nodiscard]] TrySendResult {
 public:
  TrySendResult() = default;
  TrySendResult(SendError error, M&& message, std::string_view actor)
      : error_(error), message_(std::move(message)), actor_(actor) {}

  bool ok() const { return !message_.has_value(); }
  explicit operator bool() const { return ok(); }
  SendError error() const { return error_; }
  // The message that was not sent (only when !ok()).
  M& message() { return *message_; }
  M take_message() { return std::move(*message_); }
  absl::Status status() const {
    if (ok()) return absl::OkStatus();
    return error_ == SendError::kFull ? FullError(actor_) : DisconnectedError(actor_);
  }

 private:
  SendError error_ = SendError::kFull;
  std::optional<M> message_;
  std::string_view actor_;
};

template <class M>
class ActorRef {
 public:
  using Message = M;

  ActorRef() = default;
  ActorRef(const ActorRef& other) : cell_(other.cell_), ops_(other.ops_) {
    if (cell_) cell_->add_sender();
    if (ops_ != nullptr && ops_->retain != nullptr) ops_->retain(ops_);
  }
  ActorRef(ActorRef&& other) noexcept
      : cell_(std::exchange(other.cell_, nullptr)), ops_(std::exchange(other.ops_, nullptr)) {}
  ActorRef& operator=(ActorRef other) noexcept {
    std::swap(cell_, other.cell_);
    std::swap(ops_, other.ops_);
    return *this;
  }
  ~ActorRef() {
    if (cell_) cell_->remove_sender();
    if (ops_ != nullptr && ops_->release != nullptr) ops_->release(ops_);
  }

  // For the actor core: a new reference to `cell`, which accepts M directly.
  static ActorRef ForCell(ActorCell<M>* cell) { return ActorRef(cell, nullptr); }
  // For Spawn: takes over the sender count a new cell is born with.
  static ActorRef AdoptNewCell(ActorCell<M>* cell) {
    ActorRef ref;
    ref.cell_ = cell;
    return ref;
  }

  explicit operator bool() const { return cell_ != nullptr; }
  std::string_view name() const { return cell_ ? cell_->name() : std::string_view("<null>"); }

  // False once the actor has stopped for good (or for a null reference).
  bool is_connected() const { return cell_ != nullptr && !cell_->is_closed(); }

  // True if both references reach the same actor (whatever their types).
  template <class N>
  bool sends_to(const ActorRef<N>& other) const {
    return cell_ != nullptr && cell_ == other.cell_;
  }

  // Never waits. On failure the message comes back in the result.
  TrySendResult<M> try_send(M message) const {
    if (cell_ == nullptr) return TrySendResult<M>(SendError::kDisconnected, std::move(message), "<null>");
    SendError error;
    if (!try_push(message, error)) return TrySendResult<M>(error, std::move(message), cell_->name());
    return {};
  }

  class SendAwaiter;
  // Waits while the inbox is full. Result: OK, or Disconnected.
  SendAwaiter send(M message) const { return SendAwaiter(*this, std::move(message)); }

  class JoinAwaiter;
  // Completes once the actor has ended for good (at once if it already has).
  JoinAwaiter join() const { return JoinAwaiter(cell_); }

  // Request/response; defined in rpc.h.
  template <class Res, class Req>
  auto rpc(Req request) const;
  template <class Req>
    requires requires { typename Req::Response; }
  auto rpc(Req request) const;

  // A reference accepting N, converting each N to M on send.
  // The conversion must not throw (it runs inside the target's inbox slot).
  template <class N>
  ActorRef<N> map() const
    requires std::is_constructible_v<M, N&&>
  {
    static_assert(std::is_nothrow_constructible_v<M, N&&>,
                  "heph: ActorRef<M>::map<N>() needs M to be nothrow constructible from N&& "
                  "(the conversion runs inside the target's inbox, where it must not throw): "
                  "make the converting constructor noexcept, or convert before sending");
    if (cell_ == nullptr) return ActorRef<N>();
    cell_->add_sender();
    if (ops_ == nullptr) return ActorRef<N>(cell_, &internal::MappedOps<N, M>::kOps);
    // A mapped reference mapped again: N -> M -> the cell's type.
    return ActorRef<N>(cell_, new internal::ChainedOps<N, M>(ops_));
  }

  // --- for the core and generated code ---
  // Pushes a waiting sender's message, under the cell's waiter lock: no
  // closed check (the lock excludes closing) and no wake-up (the caller does).
  bool push_for_waiter(M& message) const {
    return emplace_into_inbox([&]() noexcept -> M&& { return std::move(message); });
  }
  ActorCellBase* cell() const { return cell_; }
  // How this reference pushes into its cell (null: directly).
  const internal::RefOps<M>* ops() const { return ops_; }
  // For test tools: a new reference to `cell` that pushes through `ops`,
  // taking over one reference count of `ops` (see RefOps).
  static ActorRef WithOps(ActorCellBase* cell, const internal::RefOps<M>* ops) {
    cell->add_sender();
    return ActorRef(cell, ops);
  }
  // Pushes `message` (moved from only on success). Returns false with `error` set.
  [[gnu::always_inline]] bool try_push(M& message, SendError& error) const {
    return try_emplace([&]() noexcept -> M&& { return std::move(message); }, error);
  }

  // Pushes the message make() returns; make() runs only once a slot is
  // claimed, so on failure nothing was built. Returns false with `error` set.
  // make() must be noexcept: it runs with the slot claimed (message_type.h).
  template <class Make>
  [[gnu::always_inline]] bool try_emplace(Make&& make, SendError& error) const {
    const std::uint32_t state = cell_->state();
    if (state & ActorCellBase::kClosed) {
      error = SendError::kDisconnected;
      return false;
    }
    const bool local = cell_->on_own_thread();
    if (local && (state & ActorCellBase::kReceiverWaiting) && ops_ == nullptr &&
        static_cast<ActorCell<M>*>(cell_)->try_hand_over(make)) {
      return true;
    }
    const bool pushed = emplace_into_inbox(make);
    if (!pushed) {
      error = SendError::kFull;
      return false;
    }
    if (local) {
      // On the receiver's thread the receiver is not running, so only it
      // could have set kReceiverWaiting: the state read above still holds.
      if (state & ActorCellBase::kReceiverWaiting) cell_->wake_receiver_if_waiting(true);
    } else {
      cell_->wake_receiver_if_waiting(false);
    }
    return true;
  }

 private:
  template <class>
  friend class ActorRef;

  // The one place that puts a message into the target's inbox, directly or
  // through the reference's mapping. No closed check, no wake-up.
  template <class Make>
  [[gnu::always_inline]] bool emplace_into_inbox(Make&& make) const {
    static_assert(internal::MessageTypeCheck<M>::kOk);
    if (ops_ == nullptr) {
      return static_cast<ActorCell<M>*>(cell_)->inbox().try_emplace(make) ==
             Inbox<M>::Push::kOk;
    }
    auto call = [](void* p) noexcept -> M {
      return (*static_cast<std::remove_reference_t<Make>*>(p))();
    };
    static_assert(noexcept(M(make())), "heph internal: make() must not throw");
    return ops_->try_emplace(ops_, cell_, call, &make);
  }
  ActorRef(ActorCellBase* cell, const internal::RefOps<M>* ops) : cell_(cell), ops_(ops) {
    // ForCell: takes a new sender count; map(): count already taken.
    if (cell_ && ops_ == nullptr) cell_->add_sender();
  }

  ActorCellBase* cell_ = nullptr;
  const internal::RefOps<M>* ops_ = nullptr;
};

// co_await ref.send(m): waits for room, hands the message over, returns OK or
// Disconnected. If the actor stops while it waits, the message is destroyed.
// The reference must outlive the co_await expression (it always does in
// `co_await ref.send(m)`).
template <class M>
class ActorRef<M>::SendAwaiter {
 public:
  SendAwaiter(const ActorRef& ref, M message) : ref_(ref), message_(std::move(message)) {}
  SendAwaiter(const SendAwaiter&) = delete;
  SendAwaiter& operator=(const SendAwaiter&) = delete;
  ~SendAwaiter() {
    if (waiting_) {
      // Resumed: whoever woke us had unlinked the node. Destroyed while
      // suspended (cancelled): unlink it, unless it was served or
      // disconnected already, in which case its wake-up was issued.
      if (!resumed_ && !ref_.cell_->unlink_waiter(&node_)) CancelScope::NoteWakeIssued();
      node_.~WaiterNode();
    }
  }

  // The fast path: room in the inbox, no waiter bookkeeping at all.
  [[gnu::always_inline]] bool await_ready() {
    if (ref_.cell_ == nullptr) {
      disconnected_ = true;
      return true;
    }
    SendError error;
    if (ref_.try_push(message_, error)) return true;
    disconnected_ = error == SendError::kDisconnected;
    return disconnected_;
  }

  bool await_suspend(std::coroutine_handle<> h) {
    Task* task = Scheduler::current_task();
    assert(task != nullptr && "send() must be awaited inside an actor");
    task->set_resume_point(h);
    new (&node_) WaiterNode();
    waiting_ = true;
    node_.task = task;
    node_.context = this;
    node_.try_deliver = &Deliver;
    switch (ref_.cell_->link_send_waiter(&node_)) {
      case ActorCellBase::LinkResult::kWaiting:
        return true;
      case ActorCellBase::LinkResult::kDelivered:
        return false;
      case ActorCellBase::LinkResult::kDisconnected:
        disconnected_ = true;
        return false;
    }
    return false;
  }

  absl::Status await_resume() {
    resumed_ = true;
    if (disconnected_ || (waiting_ && node_.outcome == WaiterNode::Outcome::kDisconnected)) {
      return DisconnectedError(ref_.name());
    }
    return absl::OkStatus();
  }

 private:
  static bool Deliver(WaiterNode* node, ActorCellBase*) {
    auto* self = static_cast<SendAwaiter*>(node->context);
    return self->ref_.push_for_waiter(self->message_);
  }

  const ActorRef& ref_;
  M message_;
  bool disconnected_ = false;
  bool waiting_ = false;
  bool resumed_ = false;
  union {
    WaiterNode node_;  // constructed only when the sender has to wait
  };
};

// co_await ref.join(): completes when the actor has ended for good.
template <class M>
class ActorRef<M>::JoinAwaiter {
 public:
  explicit JoinAwaiter(ActorCellBase* cell) : cell_(cell) {
    if (cell_) cell_->retain();
  }
  JoinAwaiter(const JoinAwaiter&) = delete;
  JoinAwaiter& operator=(const JoinAwaiter&) = delete;
  ~JoinAwaiter() {
    if (cell_) {
      if (linked_once_ && !cell_->unlink_waiter(&node_)) CancelScope::NoteWakeIssued();
      cell_->release();
    }
  }
  bool await_ready() const { return cell_ == nullptr || cell_->is_finished(); }
  bool await_suspend(std::coroutine_handle<> h) {
    Task* task = Scheduler::current_task();
    assert(task != nullptr && "join() must be awaited inside an actor");
    task->set_resume_point(h);
    node_.task = task;
    linked_once_ = cell_->link_join_waiter(&node_);
    return linked_once_;
  }
  void await_resume() const {}

 private:
  ActorCellBase* cell_;
  WaiterNode node_;
  bool linked_once_ = false;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_ACTOR_REF_H_
