// worker.h — one scheduler thread's loop. A worker runs the actors it owns
// (they never move), takes wake-ups and new actors from other threads, fires
// its timers, dispatches I/O readiness, and sleeps in its poller when there is
// nothing to do.
//
// The loop, in order, each round:
//   1. take the inbound stack (other threads' wake-ups and spawns) — always
//      after the latest poll(), so no wake() is lost (see poller.h);
//   2. fire due timers;
//   3. run up to `run_batch` ready tasks or `max_run_time`, whichever first
//      (by priority: task.h), then up to `shared_batch` thread-safe actors
//      from the runtime's shared queue, if any (shared_queue.h);
//   4. poll I/O: while tasks are ready, without blocking and only if I/O is
//      registered, once `run_batch` tasks ran or `max_run_time` passed since
//      the last poll (a system call per round would cost more than the round);
//      otherwise spin for up to `spin` watching the inbound stack (and the
//      shared queue; and, if I/O is registered, polling it without blocking
//      every 64 turns, so a reply on a socket does not wait out the spin),
//      then block until the next timer.
//
// Cross-thread protocol. Another thread pushes a task onto `inbound_` (a
// lock-free stack). Only a push onto an EMPTY stack can find the worker
// asleep, and only if the worker announced `sleeping_` does the pusher call
// `poller_->wake()` (which makes a syscall only when the worker is blocked in,
// or entering, poll()). While the worker is busy or spinning, a cross-thread
// send writes nothing of the worker's but the stack.
// No wake-up is lost (Dekker): the pusher CASes `inbound_` then loads
// `sleeping_`; the worker stores `sleeping_` then loads `inbound_` before it
// blocks; all four are seq_cst, so at least one sees the other. If the pusher
// sees `sleeping_`, its wake() reaches the poll() (poller.h's rule); if not,
// the worker sees the task and does not block. After every poll() the worker
// takes `inbound_` before deciding to sleep again.
#ifndef HEPH_RUNTIME_RT_WORKER_H_
#define HEPH_RUNTIME_RT_WORKER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "runtime/actor/task.h"
#include "runtime/rt/poller.h"
#include "runtime/rt/shared_queue.h"
#include "runtime/rt/timers.h"

namespace heph {

struct WorkerOptions {
  // How many ready tasks run before the worker polls I/O and other threads.
  std::uint32_t run_batch = 32;
  // How long a round may run tasks before polling.
  absl::Duration max_run_time = absl::Milliseconds(5);
  // How long an idle worker spins on its inbound stack before it sleeps.
  // Waking a sleeping vCPU costs 50-90 us on the reference machine; a short
  // spin keeps request/response across workers free of system calls. No
  // spin while the process runs more workers (of all its Runtimes) than it
  // has CPUs: the spin would take the CPU from the thread that would give
  // the worker input.
  absl::Duration spin = absl::Microseconds(100);
  // How many thread-safe actors (shared_queue.h) a worker runs from the
  // runtime's shared queue after each batch of its own.
  std::uint32_t shared_batch = 8;
};

// A timer entry a worker fires: `fire` runs on the worker's thread. (The
// actor core's Scheduler::Alarm, so the core's timed waits use these timers.)
using TimerEntry = Scheduler::Alarm;

// Something registered with the worker's poller: `on_event` runs on the
// worker's thread.
struct IoSource {
  void (*on_event)(IoSource* self, const PollEvent& event) = nullptr;
};

// Per-worker state a higher layer attaches to a worker (runtime/remote's KJ
// event loop, for one): created by that layer on the worker's thread the first
// time it needs it, so programs that never use it pay nothing. shutdown()
// destroys the locals on the thread that calls it, most recent first, AFTER
// it abandoned the worker's tasks: an abandoned actor's frame may still hold
// objects that belong to a local (e.g. KJ promises of the worker's loop).
class WorkerLocal {
 public:
  virtual ~WorkerLocal() = default;
};

class Worker final : public Scheduler {
 public:
  explicit Worker(WorkerOptions options = {});
  ~Worker() override;

  struct RunOptions {
    // Checked between rounds; run() returns once it is true.
    std::function<bool()> until;
    // run() returns DeadlineExceeded once this passes.
    absl::Time deadline = absl::InfiniteFuture();
    // Return once this worker owns no task (test runtime, single worker).
    // Runtime workers keep running until stop().
    bool return_when_no_tasks = true;
  };

  // Runs on the calling thread; see RunOptions.
  absl::Status run(const RunOptions& options);
  absl::Status run() { return run(RunOptions{}); }

  // Runs ready work without sleeping; returns when nothing is ready.
  void run_until_idle();

  // For test tools: collects wake-ups (other threads', due timers, ready I/O,
  // without waiting), then runs `task` once if it is ready. Returns whether
  // it ran. Other ready tasks stay queued.
  bool poll_once(Task* task);

  // Any thread: makes run() return soon.
  void stop();

  // Abandons all live tasks (their coroutines are destroyed without resuming),
  // then destroys the worker locals. Runtime calls it on the worker's own
  // thread once every worker stopped (locals such as a KJ loop are bound to
  // the thread they were made on); the destructor calls it again (a no-op).
  void shutdown();

  // Counts tasks across workers (Runtime): incremented on adopt, decremented
  // when a task finishes; `on_zero` runs (on the finishing thread) when the
  // count drops to zero.
  void share_task_count(std::atomic<std::int64_t>* count, std::function<void()> on_zero) {
    shared_count_ = count;
    on_shared_zero_ = std::move(on_zero);
  }

  // Serve `queue` (thread-safe actors) too: after each batch, and before
  // sleeping. Before run().
  void serve_shared_queue(SharedQueue* queue) { shared_queue_ = queue; }
  // Any thread: if this worker sleeps (or is about to) in its poller, wakes
  // it and returns true (shared_queue.h's half of the Dekker pair).
  bool wake_if_sleeping() {
    if (!sleeping_.load(std::memory_order_seq_cst)) return false;
    poller_->wake();
    return true;
  }

  // --- owning thread only ---
  // Registers `fd` with this worker's poller; its events call `source`.
  absl::Status add_io(int fd, Interest interest, IoSource* source) {
    absl::Status s = poller_->add(fd, interest, reinterpret_cast<std::uintptr_t>(source));
    if (s.ok()) ++io_sources_;
    return s;
  }
  absl::Status remove_io(int fd) {
    absl::Status s = poller_->remove(fd);
    if (s.ok() && io_sources_ > 0) --io_sources_;
    return s;
  }
  TimerId add_timer(MonoNanos deadline, TimerEntry* entry) {
    return timers_.add(deadline, reinterpret_cast<std::uintptr_t>(entry));
  }
  bool cancel_timer(TimerId id) { return timers_.cancel(id); }
  std::uint64_t set_alarm(std::int64_t after_ns, Alarm* alarm) override {
    return add_timer(MonoAfter(absl::Nanoseconds(after_ns), MonoNow()), alarm).value();
  }
  void cancel_alarm(std::uint64_t id) override { timers_.cancel(TimerId::FromValue(id)); }

  // The local attached under `key` (any unique address), or nullptr.
  WorkerLocal* local(const void* key) const {
    for (const auto& [k, l] : locals_) {
      if (k == key) return l.get();
    }
    return nullptr;
  }
  // Attaches `local` under `key` (not yet attached); returns it.
  WorkerLocal* set_local(const void* key, std::unique_ptr<WorkerLocal> local) {
    locals_.emplace_back(key, std::move(local));
    return locals_.back().second.get();
  }

  // The worker running on this thread, or nullptr. (A plain thread-local,
  // not a dynamic_cast: I/O waits and timers ask on every call.)
  static Worker* current() {
    return Scheduler::current() == current_worker_ ? current_worker_ : nullptr;
  }

  // Metrics.
  std::uint64_t wake_syscalls() const { return poller_->wake_signals(); }

 protected:
  void wake_from_other_thread(Task* task) override { push_inbound(task); }
  void adopt_task(Task* task) override;
  void task_finished() override;

 private:
  void push_inbound(Task* task);
  bool take_inbound();  // returns true if it took anything
  void run_ready_round();
  void fire_timers();
  absl::Status poll_io(absl::Duration timeout);
  bool spin_for_input(MonoNanos until);
  // Whether spinning can pay: no more running workers than CPUs (above).
  static bool SpinPays();
  // Runs a bounded share of the shared queue; false if it had nothing.
  bool run_shared() {
    return shared_queue_ != nullptr && shared_queue_->has_work() &&
           shared_queue_->run_some(options_.shared_batch) != 0;
  }
  bool shared_work() const { return shared_queue_ != nullptr && shared_queue_->has_work(); }

  // Enters this worker's scope on the calling thread: Scheduler::current()
  // and Worker::current() both name it until the scope ends.
  class WorkerScope {
   public:
    explicit WorkerScope(Worker* w) : scheduler_scope_(w), outer_(current_worker_) {
      current_worker_ = w;
    }
    ~WorkerScope() { current_worker_ = outer_; }
    WorkerScope(const WorkerScope&) = delete;
    WorkerScope& operator=(const WorkerScope&) = delete;

   private:
    EnterScope scheduler_scope_;
    Worker* outer_;
  };
  static inline thread_local Worker* current_worker_ = nullptr;

  WorkerOptions options_;
  // options_.max_run_time in nanoseconds, capped at 2^60 (36 years) so that
  // MonoNow() + it cannot overflow.
  const std::int64_t max_run_time_ns_;
  std::unique_ptr<Poller> poller_;
  Timers timers_;
  std::atomic<Task*> inbound_{nullptr};
  std::atomic<bool> stop_requested_{false};
  // Set while the worker is about to block or blocked in poll(); read by
  // pushers (its own cache line: written twice per sleep, read often).
  alignas(64) std::atomic<bool> sleeping_{false};
  PollEvent events_[64];  // poll()'s output, reused
  std::uint32_t tasks_since_poll_ = 0;
  std::uint32_t io_sources_ = 0;  // while 0, a busy worker need not poll
  MonoNanos next_busy_poll_ = 0;
  std::atomic<std::int64_t>* shared_count_ = nullptr;
  std::function<void()> on_shared_zero_;
  SharedQueue* shared_queue_ = nullptr;
  std::vector<std::pair<const void*, std::unique_ptr<WorkerLocal>>> locals_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_WORKER_H_
