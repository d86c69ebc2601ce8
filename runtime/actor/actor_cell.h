// actor_cell.h — the shared state behind an actor: its inbox, reference
// counts, waiting senders and joiners, and its coroutine. Internal: users see
// ActorRef, Context and Spawn.
//
// Wake-up protocol (no lost wake-ups). The receiver and producers meet on the
// `kReceiverWaiting` bit of `state_` and on the inbox's `tail`:
//   producer: claims its slot with a seq_cst CAS on `tail`, publishes the
//             message (a plain release store), then loads `state_` (seq_cst);
//             if kReceiverWaiting is set it clears it with an RMW and, if it
//             was the one to clear it, schedules the receiver.
//   receiver: publishes its resume point, sets kReceiverWaiting (seq_cst RMW),
//             then re-checks the inbox (seq_cst loads): a published message or
//             no sender left means go on; a claimed but unpublished slot
//             (`tail` != `head`) means "look again soon" (kRetry below), as
//             that producer may have read `state_` before the announcement.
//             Either way it first tries to take the bit back; if a producer
//             cleared it first, that producer has scheduled it.
// Each side does a seq_cst RMW and then a seq_cst load of what the other one
// wrote (Dekker): either the producer sees the announcement, or the receiver
// sees the claim. The per-message publish thus needs no fence; only the rare
// claim-announce race costs a retry. A producer on the receiver's own thread
// needs no fence at all: the receiver's announcement precedes it in program
// order, and claim and publish happen while the receiver is not running.
//
// Hand-over: a producer on the receiver's own thread that sees
// kReceiverWaiting and wins the bit builds a small message (<= 16 bytes) in
// the cell's reserve slot instead of the inbox, and schedules the receiver,
// whose next take_message() returns it first. The receiver parked only with
// nothing published or claimed in the inbox, so the producer's earlier
// messages were all taken: FIFO per sender holds.
//
// Blocked senders (inbox full) link a WaiterNode holding their message and set
// kSendWaiters (seq_cst RMW), then retry once under the waiter lock. The
// consumer, after freeing a slot, checks kSendWaiters and hands the oldest
// waiter's message into the inbox itself, then wakes that sender, so a woken
// sender never finds the inbox full again. To keep the per-message path free
// of fences, the consumer's check after a pop is a plain load: if it races
// with an announcement whose retry also missed the freed slot, the sender is
// served at the consumer's next pop, or when the consumer parks (the parking
// RMW is a full fence and is followed by a kSendWaiters check). The inbox was
// full, so the consumer has messages left to pop: the sender is never stranded.
//
// Lifetime: `holders_` counts owners of the allocation: the scheduler while
// the actor runs (1), all ActorRefs together (1 while `senders_` > 0), and
// in-flight operations that need the cell. The last release destroys it,
// destroying messages still queued.
#ifndef HEPH_RUNTIME_ACTOR_ACTOR_CELL_H_
#define HEPH_RUNTIME_ACTOR_ACTOR_CELL_H_

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <new>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "runtime/actor/async.h"
#include "runtime/actor/cpu_relax.h"
#include "runtime/actor/errors.h"
#include "runtime/actor/inbox.h"
#include "runtime/actor/message_type.h"
#include "runtime/actor/task.h"

namespace heph {

class ActorCellBase;

// A suspended sender or joiner, linked into the cell it waits on.
struct WaiterNode {
  enum class Kind : std::uint8_t { kSend, kJoin };
  enum class Outcome : std::uint8_t { kPending, kDelivered, kDisconnected };

  WaiterNode* next = nullptr;
  Task* task = nullptr;  // woken when the outcome is decided; may be null
  Kind kind = Kind::kSend;
  Outcome outcome = Outcome::kPending;
  bool linked = false;
  void* context = nullptr;  // the awaiter owning the node
  // Send nodes: moves the node's message into `cell`'s inbox if it has room.
  bool (*try_deliver)(WaiterNode* self, ActorCellBase* cell) = nullptr;
  // Send nodes: called (under no lock) when the cell closes with the node
  // still waiting, before `task` is woken. May be null.
  void (*on_disconnect)(WaiterNode* self) = nullptr;
};

class ActorCellBase : public Task {
 public:
  enum : std::uint32_t {
    kReceiverWaiting = 1u << 0,
    kClosed = 1u << 1,       // no more messages are accepted
    kFinished = 1u << 2,     // the actor has ended for good
    kSendWaiters = 1u << 3,  // the waiter list may hold send nodes
    kWaitersLock = 1u << 4,
  };

  std::string_view name() const { return std::string_view(name_data_, name_size_); }
  std::uint32_t state() const { return state_.load(std::memory_order_acquire); }
  bool is_closed() const { return (state_.load(std::memory_order_acquire) & kClosed) != 0; }
  bool is_finished() const {
    return (state_.load(std::memory_order_acquire) & kFinished) != 0;
  }
  std::uint32_t senders() const { return senders_.load(std::memory_order_acquire); }

  // --- reference counting ---
  void retain() { holders_.fetch_add(1, std::memory_order_relaxed); }
  void release() {
    if (holders_.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy_self();
  }
  void add_sender() {
    if (senders_.fetch_add(1, std::memory_order_acq_rel) == 0) retain();
  }
  void remove_sender() {
    if (senders_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      // No reference remains: a waiting receiver must learn it.
      wake_receiver_if_waiting(/*local=*/false);
      release();
    }
  }

  // Producer side, after publishing a message.
  void wake_receiver_if_waiting(bool local) {
    const auto order = local ? std::memory_order_relaxed : std::memory_order_seq_cst;
    if ((state_.load(order) & kReceiverWaiting) == 0) return;
    if (state_.fetch_and(~kReceiverWaiting, std::memory_order_acq_rel) & kReceiverWaiting) {
      scheduler_->wake(this);
    }
  }

  // Is the calling thread the one running this actor?
  bool on_own_thread() const { return Scheduler::current() == scheduler_; }

  // --- waiters ---
  // Takes the waiter lock, setting `also` in the same RMW (repeated on every
  // attempt, in case a holder cleared it meanwhile).
  void lock_waiters(std::uint32_t also = 0,
                    std::memory_order order = std::memory_order_acquire) {
    while (state_.fetch_or(kWaitersLock | also, order) & kWaitersLock) {
      while (state_.load(std::memory_order_relaxed) & kWaitersLock) CpuRelax();
    }
  }
  void unlock_waiters() { state_.fetch_and(~kWaitersLock, std::memory_order_release); }

  // Links a send node and announces it, then retries the delivery once (the
  // consumer may have freed a slot before it saw the announcement). All under
  // the waiter lock, so the consumer cannot deliver the same node meanwhile.
  enum class LinkResult { kWaiting, kDelivered, kDisconnected };
  LinkResult link_send_waiter(WaiterNode* node) {
    // Takes the lock and announces the waiter in one RMW (a full fence: the
    // retry below reads the inbox after the announcement).
    lock_waiters(kSendWaiters, std::memory_order_seq_cst);
    if (state_.load(std::memory_order_relaxed) & kClosed) {
      unlock_waiters();
      return LinkResult::kDisconnected;
    }
    // A sender on the receiver's own thread skips the retry: the receiver is
    // not running, so the inbox is still as full as the sender just saw it.
    if (!on_own_thread() && node->try_deliver(node, this)) {
      node->outcome = WaiterNode::Outcome::kDelivered;
      unlock_waiters();
      wake_receiver_if_waiting(/*local=*/false);
      return LinkResult::kDelivered;
    }
    link_locked(node, WaiterNode::Kind::kSend);
    unlock_waiters();
    return LinkResult::kWaiting;
  }

  // Removes `node` if still linked. Returns true if it was.
  bool unlink_waiter(WaiterNode* node) {
    lock_waiters();
    const bool was_linked = node->linked;
    if (was_linked) {
      for (WaiterNode** p = &waiters_; *p != nullptr; p = &(*p)->next) {
        if (*p == node) {
          *p = node->next;
          break;
        }
      }
      node->linked = false;
    }
    unlock_waiters();
    return was_linked;
  }

  // Links a join node unless the actor already finished (returns false then).
  bool link_join_waiter(WaiterNode* node) {
    lock_waiters();
    if (state_.load(std::memory_order_acquire) & kFinished) {
      unlock_waiters();
      return false;
    }
    link_locked(node, WaiterNode::Kind::kJoin);
    unlock_waiters();
    return true;
  }

  // Consumer side: hands waiting senders' messages into freed slots, oldest
  // first, and wakes them.
  void serve_send_waiters() {
    Task* to_wake[8];
    int n = 0;
    lock_waiters();
    for (;;) {
      // The list is newest first: the last send node is the oldest.
      WaiterNode** oldest = nullptr;
      int send_nodes = 0;
      for (WaiterNode** p = &waiters_; *p != nullptr; p = &(*p)->next) {
        if ((*p)->kind == WaiterNode::Kind::kSend) {
          oldest = p;
          ++send_nodes;
        }
      }
      if (oldest == nullptr) break;  // none left
      WaiterNode* node = *oldest;
      if (!node->try_deliver(node, this)) {
        unlock_waiters();  // the inbox is full again: keep the announcement
        wake_all(to_wake, n);
        return;
      }
      *oldest = node->next;
      node->linked = false;
      node->outcome = WaiterNode::Outcome::kDelivered;
      if (node->task != nullptr) to_wake[n++] = node->task;
      if (send_nodes == 1) break;  // that was the last one
      if (n == 8) {
        unlock_waiters();  // more wait: keep the announcement
        wake_all(to_wake, n);
        return;
      }
    }
    // No send node left: clear the announcement and unlock in one RMW.
    state_.fetch_and(~(kSendWaiters | kWaitersLock), std::memory_order_release);
    wake_all(to_wake, n);
  }
  // Pushes `node` at the front of the waiter list (lock held).
  void link_locked(WaiterNode* node, WaiterNode::Kind kind) {
    node->kind = kind;
    node->next = waiters_;
    node->linked = true;
    waiters_ = node;
  }
  static void wake_all(Task* const* tasks, int n) {
    for (int i = 0; i < n; ++i) tasks[i]->scheduler()->wake(tasks[i]);
  }
  bool has_send_waiters() const {
    return (state_.load(std::memory_order_relaxed) & kSendWaiters) != 0;
  }

 protected:
  explicit ActorCellBase(std::string_view name)
      : name_size_(static_cast<std::uint32_t>(name.size())), name_data_(name.data()) {}
  virtual ~ActorCellBase() = default;
  virtual void destroy_self() = 0;

  // Ends the actor for good: closes the inbox, fails waiting senders and
  // wakes joiners. Owning thread only.
  void finish() {
    lock_waiters();
    state_.fetch_or(kClosed | kFinished, std::memory_order_acq_rel);
    state_.fetch_and(~kReceiverWaiting, std::memory_order_acq_rel);
    WaiterNode* list = std::exchange(waiters_, nullptr);
    unlock_waiters();
    while (list != nullptr) {
      WaiterNode* node = list;
      list = node->next;
      Task* task = node->task;
      node->linked = false;
      if (node->kind == WaiterNode::Kind::kSend) {
        node->outcome = WaiterNode::Outcome::kDisconnected;
        if (node->on_disconnect != nullptr) node->on_disconnect(node);
      } else {
        node->outcome = WaiterNode::Outcome::kDelivered;
      }
      if (task != nullptr) task->scheduler()->wake(task);
    }
  }

  std::atomic<std::uint32_t> state_{0};
  // Born with the reference Spawn returns: one sender, and two holders (the
  // scheduler's and the senders'), so spawning costs no atomic RMW.
  std::atomic<std::uint32_t> senders_{1};
  std::atomic<std::uint32_t> holders_{2};
  std::uint32_t name_size_;                // the name, split to pack the cell
  WaiterNode* waiters_ = nullptr;          // guarded by kWaitersLock
  const char* name_data_;
};

enum class ReceiveError { kEmpty, kDisconnected };

// The result of try_receive_next: a message, Empty, or Disconnected.
template <class M>
class [[nodiscard]] TryReceiveResult {
 public:
  explicit TryReceiveResult(M&& message) : message_(std::move(message)) {}
  explicit TryReceiveResult(ReceiveError error) : error_(error) {}

  bool has_value() const { return message_.has_value(); }
  explicit operator bool() const { return has_value(); }
  M& operator*() { return *message_; }
  M* operator->() { return &*message_; }
  M take() { return std::move(*message_); }
  // Only when !has_value().
  ReceiveError error() const { return error_; }

 private:
  std::optional<M> message_;
  ReceiveError error_ = ReceiveError::kEmpty;
};

template <class M>
class ActorCell : public ActorCellBase {
  static_assert(internal::MessageTypeCheck<M>::kOk);

 public:
  Inbox<M>& inbox() { return inbox_; }

  // Owning thread: the receive protocol.
  bool receive_ready() const {
    return inbox_.has_message() || senders_.load(std::memory_order_acquire) == 0;
  }
  // Announces the receiver; returns true if it must not suspend after all.
  bool park_receiver(std::coroutine_handle<> h) {
    if (receive_interrupted_) [[unlikely]] {
      receive_interrupted_ = false;
      return true;  // interrupted before it parked: go on, with no message
    }
    resume_point_ = h;
    receiving_ = true;
    if (stays_parked()) return false;
    receiving_ = false;
    return true;
  }
  // Returns the next message in an Out (std::optional<M> or Received<M>),
  // empty if none is published.
  template <class Out = std::optional<M>>
  Out take_message() {
    Out out;  // one return object on every path (NRVO)
    if constexpr (kHandOver) {
      if (handed_over_) [[unlikely]] {
        handed_over_ = false;
        M* handed = handed_.get();
        out.emplace(std::move(*handed));
        handed->~M();
        return out;
      }
    }
    inbox_.try_pop_into([&](M&& m) { out.emplace(std::move(m)); });
    if (has_send_waiters()) serve_waiting_senders();
    return out;
  }
  // Owning thread, never waits: a message, Empty, or Disconnected.
  TryReceiveResult<M> try_receive() {
    if (std::optional<M> m = take_message()) return TryReceiveResult<M>(std::move(*m));
    // Read the sender count, then look again: a message sent by the last
    // reference just before it went away must not be reported as Disconnected.
    if (senders() == 0) {
      if (std::optional<M> m = take_message()) return TryReceiveResult<M>(std::move(*m));
      return TryReceiveResult<M>(ReceiveError::kDisconnected);
    }
    return TryReceiveResult<M>(ReceiveError::kEmpty);
  }

  // Sender side, on this cell's own thread, when it saw kReceiverWaiting:
  // if it wins the bit, builds the message in the cell's reserve slot and
  // schedules the receiver. The inbox held nothing the receiver had not
  // seen when it parked, so FIFO per sender holds. False: use the inbox.
  // Only for small messages (the cell keeps one in reserve) and async actors.
  template <class Make>
  bool try_hand_over(Make& make) {
    static_assert(noexcept(M(make())), "heph internal: a handed-over message must be built without throwing");
    if constexpr (kHandOver) {
      if (!top_) return false;  // a sync actor: it receives from the inbox
      if ((state_.fetch_and(~kReceiverWaiting, std::memory_order_acq_rel) & kReceiverWaiting) ==
          0) {
        return false;  // someone else woke it: the inbox it is
      }
      new (handed_.bytes) M(make());
      handed_over_ = true;
      scheduler_->wake(this);
      return true;
    } else {
      return false;
    }
  }

  // Owning thread: the alarm of a timed receive fired. Wakes the receiver if
  // it is still parked (if a producer took the announcement first, it has
  // scheduled the receiver; if the receiver is requeued to look again, run()
  // sees alarm_fired_).
  void wake_receiver_for_alarm() {
    alarm_fired_ = true;
    if (state_.fetch_and(~kReceiverWaiting, std::memory_order_acq_rel) & kReceiverWaiting) {
      scheduler_->wake(this);
    }
  }
  // Owning thread: makes the receiver's pending receive (or, if it is not
  // parked, its next one that would park) resume with no message.
  void interrupt_receive() {
    receive_interrupted_ = true;
    if (state_.fetch_and(~kReceiverWaiting, std::memory_order_acq_rel) & kReceiverWaiting) {
      scheduler_->wake(this);
    }
  }
  // Owning thread, after a timed receive resumed: did its alarm fire?
  bool take_alarm_fired() { return std::exchange(alarm_fired_, false); }

  bool run() final {
    if (receiving_) {
      // Woken for a message or for the last sender leaving. A claimed but
      // unpublished slot can make that wake early: park again then.
      if (!handed_over_ && !receive_ready() && !alarm_fired_ && !receive_interrupted_ &&
          stays_parked()) {
        return false;
      }
      receiving_ = false;
      receive_interrupted_ = false;
    }
    resume_point_.resume();
    return top_.done() && on_coroutine_done();
  }

 protected:
  ActorCell(std::string_view name, std::uint32_t capacity)
      : ActorCellBase(name), inbox_(capacity) {}
  ~ActorCell() override {
    if constexpr (kHandOver) {
      if (handed_over_) handed_.get()->~M();  // handed over, never taken
    }
  }

  [[gnu::noinline]] void serve_waiting_senders() {
    inbox_.refresh_cached_head();
    serve_send_waiters();
  }

  // The async receiver's reading of reannounce(): true while it must stay
  // suspended (parked, or requeued to look again after the others had a
  // turn), false if it may go on now.
  bool stays_parked() {
    switch (reannounce()) {
      case Park::kParked:
        return true;
      case Park::kReady:
        return false;
      case Park::kRetry:
        scheduler_->wake(this);
        return true;
    }
    return true;
  }

  // The actor function's coroutine has returned (top_ is done): decide
  // between restart (return false) and end (return true).
  virtual bool on_coroutine_done() = 0;

  // Sets kReceiverWaiting and re-checks (owning thread).
  //   kParked: stay parked, someone will wake the receiver (a producer that
  //            saw the announcement, or one that already took it back).
  //   kReady:  a published message or no sender left: go on now.
  //   kRetry:  a producer has claimed a slot but not published it yet, and
  //            did not see the announcement: it will not wake us, so look
  //            again shortly (the async receiver requeues itself, the sync
  //            one loops). Rare: the claim raced with this announcement.
  enum class Park { kParked, kReady, kRetry };
  static constexpr int kClaimSpins = 32;  // looks, 16 pauses apart: a few us at most
  [[gnu::always_inline]] Park reannounce() {
    // A producer on another thread is between its claim and its publish (the
    // receiver caught up with it, common when messages stream across cores):
    // wait a moment for the publish rather than announce and be woken.
    if (inbox_.has_claimed()) {
      for (int i = 0; i < kClaimSpins; ++i) {
        // Back off before each look: re-reading the slot while its producer
        // writes the next ones would pull the cache line away each time.
        for (int j = 0; j < 16; ++j) CpuRelax();
        if (inbox_.has_message()) return Park::kReady;
      }
    }
    // The inbox looks empty: let producers see every freed slot, so their
    // next pushes take the fast path.
    inbox_.refresh_cached_head();
    state_.fetch_or(kReceiverWaiting, std::memory_order_seq_cst);
    if (has_send_waiters()) serve_send_waiters();  // the cached head is fresh
    Park outcome = Park::kParked;
    if (inbox_.has_claimed()) {
      outcome = inbox_.has_message(std::memory_order_seq_cst) ? Park::kReady : Park::kRetry;
    } else if (senders_.load(std::memory_order_seq_cst) == 0) {
      outcome = Park::kReady;
    }
    if (outcome != Park::kParked) {
      if (state_.fetch_and(~kReceiverWaiting, std::memory_order_acq_rel) & kReceiverWaiting) {
        return outcome;
      }
      // A producer took the wake-up: we are already scheduled.
    }
    return Park::kParked;
  }

  static constexpr bool kHandOver = sizeof(M) <= 16;
  struct NoHandOver {};
  // Raw room for one message: Task::handed_over_ says whether it holds one.
  struct HandOverSlot {
    alignas(M) unsigned char bytes[sizeof(M)];
    M* get() { return std::launder(reinterpret_cast<M*>(bytes)); }
  };
  Inbox<M> inbox_;
  // A message handed straight to the parked receiver (try_hand_over).
  [[no_unique_address]] std::conditional_t<kHandOver, HandOverSlot, NoHandOver> handed_;
  // The running actor function's coroutine (null for sync actors).
  std::coroutine_handle<internal::AsyncPromise<absl::Status>> top_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_ACTOR_CELL_H_
