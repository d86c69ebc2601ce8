// timer.h — time for actors: sleep, deadlines, intervals. Usable inside actors
// (and async functions) running on a Worker.
//
//   co_await heph::Sleep(absl::Milliseconds(10));
//   co_await heph::SleepUntil(absl::Now() + absl::Seconds(1));
//   absl::StatusOr<int> r =
//       co_await heph::WithDeadline(absl::Seconds(1), [&] { return ref.rpc<int>(7); });
//   heph::Interval tick(absl::Milliseconds(100));
//   for (int i = 0; i < 10; ++i) co_await tick.next();
//
// Guarantees: a timer never fires early (it fires once the monotonic clock has
// reached its deadline); a timer whose awaiter is destroyed (the coroutine was
// abandoned, or a deadline gave up on it) is cancelled and never fires.
// WithDeadline runs the operation as a child task on the same worker; on
// timeout the operation is dropped (its awaiters unregister themselves) and
// the result is DeadlineExceeded. The operation may be any awaitable of the
// framework or an Async<T> of the user's. Receiving has its own timed form,
// ctx.receive_next(timeout); WithDeadline around ctx.receive_next() does not
// compile.
#ifndef HEPH_RUNTIME_RT_TIMER_H_
#define HEPH_RUNTIME_RT_TIMER_H_

#include <cassert>
#include <coroutine>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "runtime/actor/async.h"
#include "runtime/actor/task.h"
#include "runtime/rt/timers.h"
#include "runtime/rt/worker.h"

namespace heph {

namespace internal {
// Timers are per worker; a thread-safe actor (shared_queue.h) may move
// between workers, so it cannot set one.
[[noreturn]] inline void ThrowTimerInThreadSafeActor(const char* what) {
  throw std::logic_error(std::string("heph: ") + what +
                         " in a thread-safe actor: timers are per worker and a thread-safe actor may move "
                         "between workers; use a thread-local actor (Runtime::spawn) for timers");
}
}  // namespace internal

// co_await SleepUntilMono(deadline): resumes once MonoNow() >= deadline.
class [[nodiscard]] SleepAwaiter {
 public:
  explicit SleepAwaiter(MonoNanos deadline) : deadline_(deadline) {}
  SleepAwaiter(const SleepAwaiter&) = delete;
  SleepAwaiter& operator=(const SleepAwaiter&) = delete;
  ~SleepAwaiter() {
    if (armed_) {
      worker_->cancel_timer(id_);
    } else if (fired_ && !resumed_) {
      CancelScope::NoteWakeIssued();
    }
  }

  bool await_ready() const { return MonoNow() >= deadline_; }
  void await_suspend(std::coroutine_handle<> h) {
    task_ = Scheduler::current_task();
    worker_ = Worker::current();
    assert(task_ != nullptr && worker_ != nullptr && "sleep must be awaited on a worker");
    if (task_->scheduler() != worker_) [[unlikely]] internal::ThrowTimerInThreadSafeActor("Sleep");
    task_->set_resume_point(h);
    entry_.fire = &Fire;
    entry_.context = this;
    id_ = worker_->add_timer(deadline_, &entry_);
    armed_ = true;
  }
  void await_resume() { resumed_ = true; }

 private:
  static void Fire(TimerEntry* entry) {
    auto* self = static_cast<SleepAwaiter*>(entry->context);
    self->armed_ = false;
    self->fired_ = true;
    self->task_->scheduler()->wake(self->task_);
  }

  TimerEntry entry_;
  MonoNanos deadline_;
  Task* task_ = nullptr;
  Worker* worker_ = nullptr;
  TimerId id_;
  bool armed_ = false;
  bool fired_ = false;
  bool resumed_ = false;
};

inline SleepAwaiter Sleep(absl::Duration d) { return SleepAwaiter(MonoAfter(d, MonoNow())); }
inline SleepAwaiter SleepUntil(absl::Time t) {
  return SleepAwaiter(MonoAfter(t - absl::Now(), MonoNow()));
}

// An async sequence of ticks every `period`, starting one period from now.
// A tick that is late does not shift the schedule; missed ticks are skipped.
class Interval {
 public:
  explicit Interval(absl::Duration period)
      : period_ns_(absl::ToInt64Nanoseconds(period)), next_(MonoNow() + period_ns_) {}

  // Waits for the next tick.
  SleepAwaiter next() {
    const MonoNanos now = MonoNow();
    if (next_ < now && period_ns_ > 0) next_ += ((now - next_) / period_ns_ + 1) * period_ns_;
    const MonoNanos tick = next_;
    next_ += period_ns_;
    return SleepAwaiter(tick);
  }

 private:
  std::int64_t period_ns_;
  MonoNanos next_;
};

namespace internal {

// What WithDeadline returns for an operation returning R: R itself when it
// already carries a status, else StatusOr<R> (Status for void).
template <class R>
struct DeadlineResult {
  using type = absl::StatusOr<R>;
};
template <class X>
struct DeadlineResult<absl::StatusOr<X>> {
  using type = absl::StatusOr<X>;
};
template <>
struct DeadlineResult<void> {
  using type = absl::Status;
};
template <>
struct DeadlineResult<absl::Status> {
  using type = absl::Status;
};

// The child task that runs the operation of a WithDeadline. Owned jointly by
// the worker (until it forgets the task) and the awaiter; the last frees it.
template <class R>
class DeadlineChild final : public Task {
 public:
  explicit DeadlineChild(Async<R> async) : async_(std::move(async)) {
    resume_point_ = async_.handle();
  }
  // Set by the awaiter: called on completion, on the worker's thread.
  void (*on_done)(void* ctx) = nullptr;
  void* ctx = nullptr;

  bool done() const { return done_; }
  R take() { return async_.handle().promise().take_value(); }

  // The awaiter lets go. An unfinished operation is cancelled: its coroutine
  // is destroyed now (its awaiters unregister), and the task runs once more
  // only to finish — woken by the wake-up already issued for it if there is
  // one (see CancelScope), else by us.
  void release_by_awaiter() {
    awaiter_gone_ = true;
    on_done = nullptr;
    if (!done_ && !cancelled_) {
      bool wake_issued = !started_;  // never ran: it is still queued
      {
        CancelScope scope(&wake_issued);
        async_ = Async<R>();
      }
      cancelled_ = true;
      if (!wake_issued) scheduler()->wake(this);
    }
    if (worker_gone_) delete this;
  }

 private:
  bool run() override {
    started_ = true;
    if (cancelled_) return true;
    resume_point_.resume();
    if (!async_.handle().done()) return false;
    done_ = true;
    if (on_done != nullptr) on_done(ctx);
    return true;
  }
  void abandon() override {
    async_ = Async<R>();
    cancelled_ = true;
  }
  void forget() override {
    worker_gone_ = true;
    if (awaiter_gone_) delete this;
  }

  Async<R> async_;
  bool started_ = false;
  bool done_ = false;
  bool cancelled_ = false;
  bool awaiter_gone_ = false;
  bool worker_gone_ = false;
};

// The awaiter that `co_await a` uses: a's operator co_await (Async<T>), or a.
template <class A>
struct AwaiterOf {
  using type = A;
};
template <class A>
  requires requires { std::declval<A&&>().operator co_await(); }
struct AwaiterOf<A> {
  using type = decltype(std::declval<A&&>().operator co_await());
};
template <class F>
using OperationAwaiter = typename AwaiterOf<decltype(std::declval<F&>()())>::type;
template <class F>
using AwaitResult = decltype(std::declval<OperationAwaiter<F>&>().await_resume());

}  // namespace internal

// co_await WithDeadline(timeout, make): runs `co_await make()` and returns its
// result, or DeadlineExceeded if it did not complete within `timeout`.
template <class F>
class [[nodiscard]] DeadlineAwaiter {
  // An awaiter that resumes the actor's own task (receive_next) cannot run
  // as WithDeadline's child task: it would never be cancelled or resumed.
  static_assert(!requires { internal::OperationAwaiter<F>::kActorTaskOnly; },
                "WithDeadline cannot wrap ctx.receive_next(): write co_await ctx.receive_next(timeout) "
                "(a TryReceiveResult: the message, kEmpty when the timeout passed, or kDisconnected)");
  using R = internal::AwaitResult<F>;
  using Traits = internal::DeadlineResult<R>;

 public:
  DeadlineAwaiter(absl::Duration timeout, F make) : timeout_(timeout), make_(std::move(make)) {}
  DeadlineAwaiter(const DeadlineAwaiter&) = delete;
  DeadlineAwaiter& operator=(const DeadlineAwaiter&) = delete;
  ~DeadlineAwaiter() {
    if (armed_) worker_->cancel_timer(timer_);
    if (child_ != nullptr) child_->release_by_awaiter();
    if (decided_ && !resumed_) CancelScope::NoteWakeIssued();
  }

  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    parent_ = Scheduler::current_task();
    worker_ = Worker::current();
    assert(parent_ != nullptr && worker_ != nullptr && "WithDeadline must run on a worker");
    if (parent_->scheduler() != worker_) [[unlikely]] internal::ThrowTimerInThreadSafeActor("WithDeadline");
    parent_->set_resume_point(h);
    child_ = new internal::DeadlineChild<R>(Run(std::move(make_)));
    child_->on_done = &OnChildDone;
    child_->ctx = this;
    entry_.fire = &OnTimeout;
    entry_.context = this;
    timer_ = worker_->add_timer(MonoAfter(timeout_, MonoNow()), &entry_);
    armed_ = true;
    worker_->adopt(child_);
  }
  typename Traits::type await_resume() {
    resumed_ = true;
    if (timed_out_) {
      return typename Traits::type(absl::DeadlineExceededError(
          absl::StrCat("operation did not complete within ", absl::FormatDuration(timeout_))));
    }
    if constexpr (std::is_void_v<R>) {
      child_->take();
      return absl::OkStatus();
    } else {
      return typename Traits::type(child_->take());
    }
  }

 private:
  static Async<R> Run(F make) { co_return co_await make(); }

  static void OnChildDone(void* ctx) {
    auto* self = static_cast<DeadlineAwaiter*>(ctx);
    if (self->decided_) return;
    self->decided_ = true;
    self->armed_ = false;
    self->worker_->cancel_timer(self->timer_);
    self->parent_->scheduler()->wake(self->parent_);
  }
  static void OnTimeout(TimerEntry* entry) {
    auto* self = static_cast<DeadlineAwaiter*>(entry->context);
    self->armed_ = false;
    if (self->decided_) return;
    self->decided_ = true;
    self->timed_out_ = true;
    self->parent_->scheduler()->wake(self->parent_);
  }
  TimerEntry entry_;
  absl::Duration timeout_;
  F make_;
  Task* parent_ = nullptr;
  Worker* worker_ = nullptr;
  internal::DeadlineChild<R>* child_ = nullptr;
  TimerId timer_;
  bool armed_ = false;
  bool decided_ = false;
  bool timed_out_ = false;
  bool resumed_ = false;
};

template <class F>
DeadlineAwaiter<F> WithDeadline(absl::Duration timeout, F make) {
  return DeadlineAwaiter<F>(timeout, std::move(make));
}

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_TIMER_H_
