// rpc.h — request/response between actors.
//
// A request travels as an RpcMessage<Req, Res>: the request and a one-shot
// Responder<Res>. The actor's message type M must be constructible from it
// (M may be the RpcMessage itself, or a std::variant holding it).
//
//   // caller
//   absl::StatusOr<int> r = co_await ref.rpc<int>(Query{...});
//   // responder
//   RpcMessage<Query, int> msg = ...;
//   if (msg.response.is_connected()) msg.response.respond(42);
//
// Errors: SendFailed (the request could not be delivered: the actor stopped)
// and NoResponse (the responder dropped the Responder without responding).
// The request waits while the inbox is full, like send().
//
// If Req declares `using Response = Res;`, `ref.rpc(req)` needs no <Res>.
#ifndef HEPH_RUNTIME_ACTOR_RPC_H_
#define HEPH_RUNTIME_ACTOR_RPC_H_

#include <atomic>
#include <cassert>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

#include "absl/status/statusor.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/small_alloc.h"

namespace heph {

namespace internal {

// Shared by one caller and one responder. Whoever leaves second frees it.
//
// RpcSlotBase is the part that does not depend on the response type: the
// hand-shake between caller and responder. It is kept out of the template so
// a protocol with many methods (one response type each) compiles it once.
// Each leave_*_base returns true when its caller must delete the slot.
class RpcSlotBase {
 public:
  enum : std::uint32_t {
    kCallerWaiting = 1,  // the caller is suspended and must be woken
    kResponderDone = 2,  // the responder responded or dropped the slot
    kHasValue = 4,
    kCallerGone = 8,
  };

  bool caller_waits() const {
    return (state_.load(std::memory_order_acquire) & kCallerGone) == 0;
  }

  // Caller side, before the request is published (the slot is not shared
  // yet, so plain stores do): the responder will wake `task`.
  void expect_wake(Task* task) {
    caller_ = task;
    caller_scheduler_ = task->scheduler();
    state_.store(kCallerWaiting, std::memory_order_relaxed);
  }
  // Caller side, when the request was never published: no wake-up wanted.
  void cancel_expect_wake() { state_.store(0, std::memory_order_relaxed); }

 protected:
  // `resumed`: the caller was resumed by the responder's wake-up (normal end).
  bool leave_caller_base(bool resumed) {
    // Once the responder is done it never touches the slot again, but its
    // wake-up may still be on its way to a caller that did not resume.
    if ((state_.load(std::memory_order_acquire) & kResponderDone) ||
        (state_.fetch_or(kCallerGone, std::memory_order_acq_rel) & kResponderDone)) {
      if (!resumed) CancelScope::NoteWakeIssued();
      return true;
    }
    return false;
  }

  bool leave_responder_base(std::uint32_t bits) {
    // A caller on this very thread is suspended (or gone) and cannot touch
    // the slot while the responder runs: no RMW needed then.
    // (Compares pointers only: a caller that gave up may be gone.)
    const bool caller_here = caller_scheduler_ == Scheduler::current();
    std::uint32_t prev;
    if (caller_here) {
      prev = state_.load(std::memory_order_relaxed);
      state_.store(prev | bits, std::memory_order_relaxed);
    } else {
      prev = state_.fetch_or(bits, std::memory_order_acq_rel);
    }
    if (prev & kCallerGone) return true;
    if (prev & kCallerWaiting) {
      // The caller is suspended until this wake, so the slot is still alive.
      Task* caller = caller_;
      caller->scheduler()->wake(caller);
    }
    return false;
  }

 private:
  std::atomic<std::uint32_t> state_{0};
  Task* caller_ = nullptr;
  const Scheduler* caller_scheduler_ = nullptr;
};

// A reply slot: the hand-shake and the response.
template <class Res>
class RpcSlot final : public RpcSlotBase {
 public:
  // Responder side.
  void respond(Res&& value) {
    value_.emplace(std::move(value));
    if (leave_responder_base(kResponderDone | kHasValue)) delete this;
  }
  void drop() {
    if (leave_responder_base(kResponderDone)) delete this;
  }

  std::optional<Res>& value() { return value_; }
  // Caller side, once it is done with the slot.
  void leave_caller(bool resumed) {
    if (leave_caller_base(resumed)) delete this;
  }

  // Slots come from the per-thread small-object allocator (small_alloc.h):
  // one RPC per round trip otherwise pays a malloc and a free.
  static void* operator new(std::size_t size) { return SmallAlloc::Allocate(size); }
  static void operator delete(void* p, std::size_t size) { SmallAlloc::Free(p, size); }

 private:
  std::optional<Res> value_;
};

}  // namespace internal

// The responder's half of an RPC: respond once, or drop it (NoResponse).
template <class Res>
class Responder {
 public:
  Responder() = default;
  explicit Responder(internal::RpcSlot<Res>* slot) noexcept : slot_(slot) {}
  Responder(Responder&& other) noexcept : slot_(std::exchange(other.slot_, nullptr)) {}
  Responder& operator=(Responder&& other) noexcept {
    if (this != &other) {
      reset();
      slot_ = std::exchange(other.slot_, nullptr);
    }
    return *this;
  }
  ~Responder() { reset(); }

  // Is the caller still waiting for the response? (It may have given up.)
  bool is_connected() const { return slot_ != nullptr && slot_->caller_waits(); }

  // Sends the response. Returns false if the caller no longer waits.
  bool respond(Res value) {
    if (slot_ == nullptr) return false;
    const bool waiting = slot_->caller_waits();
    std::exchange(slot_, nullptr)->respond(std::move(value));
    return waiting;
  }

 private:
  void reset() {
    if (slot_ != nullptr) std::exchange(slot_, nullptr)->drop();
  }
  internal::RpcSlot<Res>* slot_ = nullptr;
};

template <class Req, class Res>
struct RpcMessage {
  using Request = Req;
  using Response = Res;
  Req request;
  Responder<Res> response;
};

// co_await ref.rpc<Res>(req) -> absl::StatusOr<Res>
template <class M, class Req, class Res>
class [[nodiscard]] RpcAwaiter {
 public:
  RpcAwaiter(const ActorRef<M>& ref, Req request) : ref_(ref), request_(std::move(request)) {}
  RpcAwaiter(const RpcAwaiter&) = delete;
  RpcAwaiter& operator=(const RpcAwaiter&) = delete;
  [[gnu::always_inline]] ~RpcAwaiter() {
    if (blocked_) [[unlikely]] {
      if (wait_.node.linked) ref_.cell()->unlink_waiter(&wait_.node);
      wait_.message.reset();  // drops the responder if the request was never sent
      wait_.~Wait();
    }
    if (slot_ != nullptr) slot_->leave_caller(resumed_ || failed_);
  }

  // Sends the request. The caller then always suspends once: the responder
  // (or the responder's drop) wakes it, which costs one RMW on the slot.
  [[gnu::always_inline]] bool await_ready() {
    if (!ref_) {
      failed_ = true;
      return true;
    }
    Task* task = Scheduler::current_task();
    assert(task != nullptr && "rpc() must be awaited inside an actor");
    slot_ = new internal::RpcSlot<Res>();
    slot_->expect_wake(task);
    auto build = [&]() noexcept {
      return RpcMessage<Req, Res>{std::move(request_), Responder<Res>(slot_)};
    };
    // The request is built in its inbox slot (no intermediate message).
    SendError error;
    if (ref_.try_emplace([&]() noexcept { return M(build()); }, error)) return false;
    if (error == SendError::kDisconnected) {
      fail_unsent();
      return true;
    }
    // Inbox full: keep the message here, wait for room, then for the response.
    new (&wait_) Wait();
    blocked_ = true;
    wait_.message.emplace(build());
    return false;
  }

  bool await_suspend(std::coroutine_handle<> h) {
    Scheduler::current_task()->set_resume_point(h);
    if (!blocked_) return true;  // delivered: the response wakes us
    // Wait for room first. Delivery does not wake us; the response will.
    WaiterNode& node = wait_.node;
    node.task = nullptr;
    node.context = this;
    node.try_deliver = &Deliver;
    node.on_disconnect = &OnDisconnect;
    switch (ref_.cell()->link_send_waiter(&node)) {
      case ActorCellBase::LinkResult::kWaiting:
      case ActorCellBase::LinkResult::kDelivered:
        return true;
      case ActorCellBase::LinkResult::kDisconnected:
        fail_unsent();
        return false;
    }
    return true;
  }

  [[gnu::always_inline]] absl::StatusOr<Res> await_resume() {
    resumed_ = true;
    if (failed_ || (blocked_ && wait_.node.outcome == WaiterNode::Outcome::kDisconnected)) {
      return SendFailedError(ref_.name());
    }
    std::optional<Res>& value = slot_->value();
    if (!value.has_value()) return NoResponseError(ref_.name());
    return std::move(*value);
  }

 private:
  static bool Deliver(WaiterNode* node, ActorCellBase*) {
    auto* self = static_cast<RpcAwaiter*>(node->context);
    if (!self->ref_.push_for_waiter(*self->wait_.message)) return false;
    self->wait_.message.reset();
    return true;
  }
  static void OnDisconnect(WaiterNode* node) {
    auto* self = static_cast<RpcAwaiter*>(node->context);
    self->wait_.message.reset();  // drops the responder: wakes the suspended caller
  }
  // The request was never published: drop it without waking anyone. With no
  // message built there is no Responder to close the slot: close it here.
  void fail_unsent() {
    failed_ = true;
    slot_->cancel_expect_wake();
    if (blocked_ && wait_.message.has_value()) {
      wait_.message.reset();  // its Responder closes the slot
    } else {
      slot_->drop();
    }
  }

  const ActorRef<M>& ref_;
  Req request_;
  internal::RpcSlot<Res>* slot_ = nullptr;
  // Only when the inbox was full: the built request and the waiter node.
  struct Wait {
    std::optional<M> message;
    WaiterNode node;
  };
  union {
    Wait wait_;  // constructed when blocked_ is set
  };
  bool blocked_ = false;
  bool failed_ = false;
  bool resumed_ = false;
};

namespace internal {
// The request type an rpc sends: the argument's type, or, when the actor's
// message is itself an RpcMessage<R, Res> that the argument converts to, R
// (so `ref.rpc<uint64_t>(1)` works with an int literal).
template <class M, class Req, class Res>
struct RequestFor {
  using type = Req;
};
template <class R, class Res, class Req>
  requires(!std::is_same_v<R, Req> && std::is_convertible_v<Req, R>)
struct RequestFor<RpcMessage<R, Res>, Req, Res> {
  using type = R;
};
}  // namespace internal

template <class M>
template <class Res, class Req>
auto ActorRef<M>::rpc(Req request) const {
  using Request = typename internal::RequestFor<M, Req, Res>::type;
  static_assert(std::is_constructible_v<M, RpcMessage<Request, Res>&&>,
                "the actor's message type cannot hold RpcMessage<Req, Res>");
  // The request is built inside the inbox slot and the response inside the
  // caller's slot, where nothing may throw (message_type.h).
  static_assert(std::is_nothrow_move_constructible_v<Request> &&
                    std::is_nothrow_constructible_v<M, RpcMessage<Request, Res>&&>,
                "heph: an rpc request type must be nothrow move constructible (it is moved "
                "into the actor's inbox, where a throwing move would lose the request): give it "
                "a noexcept move constructor, or send a std::unique_ptr to it");
  static_assert(std::is_nothrow_move_constructible_v<Res>,
                "heph: an rpc response type must be nothrow move constructible (it is moved into "
                "the caller's reply slot, where a throwing move would lose the reply): give it a "
                "noexcept move constructor, or respond with a std::unique_ptr to it");
  return RpcAwaiter<M, Request, Res>(*this, Request(std::move(request)));
}

template <class M>
template <class Req>
  requires requires { typename Req::Response; }
auto ActorRef<M>::rpc(Req request) const {
  return rpc<typename Req::Response, Req>(std::move(request));
}

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_RPC_H_
