// context.h — Context<M>: what an actor function receives first.
//
//   heph::Async<absl::Status> Greeter(heph::Context<std::string> ctx, std::string greeting) {
//     while (std::optional<std::string> name = co_await ctx.receive_next()) {
//       std::cout << greeting << ", " << *name << "!\n";
//     }
//     co_return absl::OkStatus();  // no more messages: every reference is gone
//   }
//
// A Context is a small handle (one pointer) to the running actor, valid for
// the actor's whole life, across restarts. Only the actor itself may receive:
// receive_next() is awaited by the actor's own coroutine, not from a task it
// starts (WithDeadline rejects it at compile time; use receive_next(timeout)).
//
// Timed receive:
//   TryReceiveResult<M> r = co_await ctx.receive_next(absl::Milliseconds(100));
//   if (r) use(*r);                                          // a message
//   else if (r.error() == heph::ReceiveError::kEmpty) ...    // none within 100 ms
//   else ...                                                 // kDisconnected: no more messages
// It needs a scheduler with timers (the runtime's workers, the test runtime);
// elsewhere it does not wait (kEmpty unless a message is there).
#ifndef HEPH_RUNTIME_ACTOR_CONTEXT_H_
#define HEPH_RUNTIME_ACTOR_CONTEXT_H_

#include <coroutine>
#include <cstdint>
#include <optional>
#include <string>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "runtime/actor/actor_cell.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/received.h"

namespace heph {

template <class M>
class Context {
 public:
  using Message = M;

  explicit Context(ActorCell<M>* cell) : cell_(cell) {}

  class ReceiveAwaiter {
   public:
    // Resumes the actor's own task only (WithDeadline checks this).
    static constexpr bool kActorTaskOnly = true;

    explicit ReceiveAwaiter(ActorCell<M>* cell) : cell_(cell) {}
    bool await_ready() const { return cell_->receive_ready(); }
    bool await_suspend(std::coroutine_handle<> h) {
      if (Scheduler::current_task() != cell_) [[unlikely]] ThrowNotOnActorTask(cell_->name());
      return !cell_->park_receiver(h);
    }
    Received<M> await_resume() { return cell_->template take_message<Received<M>>(); }

   private:
    ActorCell<M>* cell_;
  };

  class TimedReceiveAwaiter {
   public:
    static constexpr bool kActorTaskOnly = true;

    TimedReceiveAwaiter(ActorCell<M>* cell, absl::Duration timeout)
        : cell_(cell), timeout_ns_(absl::ToInt64Nanoseconds(timeout)) {}
    TimedReceiveAwaiter(const TimedReceiveAwaiter&) = delete;
    TimedReceiveAwaiter& operator=(const TimedReceiveAwaiter&) = delete;
    ~TimedReceiveAwaiter() { disarm(); }

    bool await_ready() const { return timeout_ns_ <= 0 || cell_->receive_ready(); }
    bool await_suspend(std::coroutine_handle<> h) {
      if (Scheduler::current_task() != cell_) [[unlikely]] ThrowNotOnActorTask(cell_->name());
      alarm_.fire = &Fire;
      alarm_.context = this;
      alarm_id_ = cell_->scheduler()->set_alarm(timeout_ns_, &alarm_);
      if (alarm_id_ == 0) return false;  // no timers here: do not wait
      if (!cell_->park_receiver(h)) return true;    // parked: a message or the alarm wakes it
      cell_->scheduler()->cancel_alarm(alarm_id_);  // ready after all
      alarm_id_ = 0;
      return false;
    }
    // A message, kEmpty (the timeout passed first) or kDisconnected.
    TryReceiveResult<M> await_resume() {
      disarm();
      return cell_->try_receive();
    }

   private:
    // Cancels the alarm unless it fired (then clears the cell's flag).
    void disarm() {
      if (alarm_id_ == 0) return;
      if (!cell_->take_alarm_fired()) cell_->scheduler()->cancel_alarm(alarm_id_);
      alarm_id_ = 0;
    }

    static void Fire(Scheduler::Alarm* alarm) {
      static_cast<TimedReceiveAwaiter*>(alarm->context)->cell_->wake_receiver_for_alarm();
    }

    ActorCell<M>* cell_;
    std::int64_t timeout_ns_;
    Scheduler::Alarm alarm_;
    std::uint64_t alarm_id_ = 0;
  };

  // Waits for the next message. Yields an empty Received<M> ("no more
  // messages") once the inbox is empty and no reference to this actor
  // remains. Received<M> reads like, and converts to, std::optional<M>.
  ReceiveAwaiter receive_next() { return ReceiveAwaiter(cell_); }

  // Waits at most `timeout` for the next message: the message, kEmpty if
  // none came in time, or kDisconnected (no more messages).
  TimedReceiveAwaiter receive_next(absl::Duration timeout) { return TimedReceiveAwaiter(cell_, timeout); }

  // Never waits.
  TryReceiveResult<M> try_receive_next() { return cell_->try_receive(); }

  // A new reference to this actor.
  ActorRef<M> self() const { return ActorRef<M>::ForCell(cell_); }

  // From this actor's own thread (e.g. a callback of its worker's event
  // loop), while the actor is suspended elsewhere or in receive_next: the
  // pending receive_next (or the next one that would wait) resumes without a
  // message: receive_next() yields an empty Received, as when no reference
  // remains; receive_next(timeout) yields kEmpty. The actor then checks why
  // (its own flag). A message already there is still received first.
  void interrupt_receive() { cell_->interrupt_receive(); }

  std::string_view name() const { return cell_->name(); }
  Scheduler& scheduler() const { return *cell_->scheduler(); }

 private:
  [[noreturn, gnu::noinline]] static void ThrowNotOnActorTask(std::string_view actor) {
    throw std::logic_error("receive_next() of actor '" + std::string(actor) +
                           "' awaited outside the actor's own coroutine (in a task it started, such as "
                           "WithDeadline's): use co_await ctx.receive_next(timeout)");
  }

  ActorCell<M>* cell_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_CONTEXT_H_
