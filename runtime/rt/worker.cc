#include "runtime/rt/worker.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "absl/time/clock.h"
#include "runtime/actor/cpu_relax.h"

namespace heph {
namespace {

// Workers inside run(), in the whole process (every Runtime), against the
// CPUs the process may use: with more running workers than CPUs an idle
// worker does not spin, since its spin would take the CPU from a thread that
// would give it input (a client and a server runtime in one process, say).
std::atomic<int> g_running_workers{0};

int AllowedCpus() {
  static const int count = [] {
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0 && CPU_COUNT(&allowed) > 0) {
      return CPU_COUNT(&allowed);
    }
    const long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? static_cast<int>(online) : 1;
  }();
  return count;
}

struct RunningWorker {
  RunningWorker() { g_running_workers.fetch_add(1, std::memory_order_relaxed); }
  ~RunningWorker() { g_running_workers.fetch_sub(1, std::memory_order_relaxed); }
};

}  // namespace

bool Worker::SpinPays() { return g_running_workers.load(std::memory_order_relaxed) <= AllowedCpus(); }

Worker::Worker(WorkerOptions options)
    : options_(options),
      max_run_time_ns_(std::min(MonoAfter(options.max_run_time, 0), std::int64_t{1} << 60)) {
  absl::StatusOr<std::unique_ptr<Poller>> poller = Poller::Create();
  if (!poller.ok()) {
    std::fprintf(stderr, "heph: cannot create a worker's poller: %s\n",
                 poller.status().ToString().c_str());
    std::abort();
  }
  poller_ = *std::move(poller);
}

Worker::~Worker() { shutdown(); }

void Worker::push_inbound(Task* task) {
  Task* head = inbound_.load(std::memory_order_relaxed);
  do {
    task->next_ready_ = head;
  } while (!inbound_.compare_exchange_weak(head, task, std::memory_order_seq_cst,
                                           std::memory_order_relaxed));
  // Only a push onto an empty stack can find the worker about to sleep, and
  // only a sleeping worker needs the poller's wake-up (see worker.h): a busy
  // or spinning worker costs the pusher no write to the worker's lines.
  if (head == nullptr && sleeping_.load(std::memory_order_seq_cst)) poller_->wake();
}

void Worker::adopt_task(Task* task) {
  if (shared_count_ != nullptr) shared_count_->fetch_add(1, std::memory_order_relaxed);
  if (Scheduler::current() == this) {
    add_live(task);
    push_ready(task);
  } else {
    push_inbound(task);
  }
}

void Worker::task_finished() {
  if (shared_count_ != nullptr && shared_count_->fetch_sub(1, std::memory_order_acq_rel) == 1) {
    if (on_shared_zero_) on_shared_zero_();
  }
}

bool Worker::take_inbound() {
  // A plain load first: most rounds find nothing, and the exchange is an RMW
  // on the line other threads push onto.
  if (inbound_.load(std::memory_order_relaxed) == nullptr) return false;
  Task* list = inbound_.exchange(nullptr, std::memory_order_acquire);
  if (list == nullptr) return false;
  // One pass: reverse the stack into FIFO order (through the ready link
  // itself), adopting new tasks on the way, then splice it onto the ready queue.
  Task* first = nullptr;
  Task* const last = list;
  bool all_normal = true;
  while (list != nullptr) {
    Task* next = list->next_ready_;
    if (!list->live_) add_live(list);
    all_normal &= list->priority_ == Priority::kNormal;
    list->next_ready_ = first;
    first = list;
    list = next;
  }
  if (all_normal) [[likely]] {
    splice_ready(first, last);
    return true;
  }
  // Some LOW or HIGH task: each to its class's queue, in order.
  while (first != nullptr) {
    Task* next = first->next_ready_;
    push_ready(first);
    first = next;
  }
  return true;
}

void Worker::run_ready_round() {
  // Reading the clock costs ~20 ns, as much as a short task: read it at the
  // start of a round, then once per 16 tasks.
  const MonoNanos limit = MonoNow() + max_run_time_ns_;
  for (std::uint32_t i = 0; i < options_.run_batch; ++i) {
    Task* task = pop_ready();
    if (task == nullptr) return;
    run_task(task);
    ++tasks_since_poll_;
    if ((i & 15) == 15 && MonoNow() >= limit) return;
  }
}

void Worker::fire_timers() {
  if (timers_.empty()) return;
  timers_.expire(MonoNow(), [](TimerId, std::uint64_t token) {
    auto* entry = reinterpret_cast<TimerEntry*>(static_cast<std::uintptr_t>(token));
    entry->fire(entry);
  });
}

absl::Status Worker::poll_io(absl::Duration timeout) {
  tasks_since_poll_ = 0;
  next_busy_poll_ = MonoNow() + max_run_time_ns_;
  absl::StatusOr<std::size_t> n = poller_->poll(events_, timeout);
  if (!n.ok()) return n.status();
  for (std::size_t i = 0; i < *n; ++i) {
    auto* source = reinterpret_cast<IoSource*>(static_cast<std::uintptr_t>(events_[i].token));
    source->on_event(source, events_[i]);
  }
  return absl::OkStatus();
}

bool Worker::spin_for_input(MonoNanos until) {
  for (std::uint32_t i = 0;; ++i) {
    if (inbound_.load(std::memory_order_relaxed) != nullptr ||
        stop_requested_.load(std::memory_order_relaxed) || shared_work()) {
      return true;
    }
    CpuRelax();
    if ((i & 63) == 63) {
      // Registered I/O is input too: a reply on a socket must not wait for
      // the spin to run out (a remote round trip would take the whole spin).
      if (io_sources_ > 0) {
        (void)poll_io(absl::ZeroDuration());
        if (has_ready()) return true;
      }
      if (MonoNow() >= until) return false;
    }
  }
}

void Worker::run_until_idle() {
  WorkerScope scope(this);
  for (;;) {
    take_inbound();
    fire_timers();
    if (!has_ready()) {
      (void)poll_io(absl::ZeroDuration());
      take_inbound();
      if (!has_ready()) return;
    }
    run_ready_round();
  }
}

bool Worker::poll_once(Task* task) {
  WorkerScope scope(this);
  take_inbound();
  fire_timers();
  (void)poll_io(absl::ZeroDuration());
  take_inbound();
  if (!take_ready(task)) return false;
  run_task(task);
  return true;
}

absl::Status Worker::run(const RunOptions& options) {
  WorkerScope scope(this);
  RunningWorker running;
  const absl::Time start = absl::Now();
  const MonoNanos deadline = options.deadline == absl::InfiniteFuture()
                                 ? kMonoNever
                                 : MonoAfter(options.deadline - start, MonoNow());
  for (;;) {
    take_inbound();
    fire_timers();
    const bool had_ready = has_ready();
    if (had_ready) run_ready_round();
    // Thread-safe actors between batches: a bounded share.
    const bool ran_shared = run_shared();
    if (had_ready || ran_shared) {
      if (options.until && options.until()) return absl::OkStatus();
      // Keep I/O flowing while busy, but not at a system call per round: a
      // round may be a single task (ping-pong across workers). Poll once
      // `run_batch` tasks have run, or `max_run_time` has passed, since the
      // last poll.
      if (io_sources_ > 0 &&
          (tasks_since_poll_ >= options_.run_batch || MonoNow() >= next_busy_poll_)) {
        if (absl::Status s = poll_io(absl::ZeroDuration()); !s.ok()) return s;
      }
      continue;
    }
    if (stop_requested_.load(std::memory_order_relaxed) &&
        stop_requested_.exchange(false, std::memory_order_acq_rel)) {
      return absl::OkStatus();
    }
    if (options.until && options.until()) return absl::OkStatus();
    if (options.return_when_no_tasks && live_tasks() == 0 &&
        inbound_.load(std::memory_order_acquire) == nullptr) {
      return absl::OkStatus();
    }
    const MonoNanos now = MonoNow();
    if (now >= deadline) return absl::DeadlineExceededError("worker: deadline passed");
    const MonoNanos wake_at = std::min(timers_.next_deadline().value_or(kMonoNever), deadline);
    if (SpinPays() && spin_for_input(std::min(wake_at, MonoAfter(options_.spin, now)))) continue;
    // Announce the sleep, then look at the inbound stack once more: a pusher
    // that missed the announcement pushed before this load (both seq_cst).
    sleeping_.store(true, std::memory_order_seq_cst);
    if (inbound_.load(std::memory_order_seq_cst) != nullptr ||
        stop_requested_.load(std::memory_order_seq_cst) || shared_work()) {
      sleeping_.store(false, std::memory_order_relaxed);
      continue;
    }
    absl::Status s = poll_io(TimeoutUntil(wake_at, MonoNow()));
    sleeping_.store(false, std::memory_order_relaxed);
    if (!s.ok()) return s;
  }
}

void Worker::stop() {
  stop_requested_.store(true, std::memory_order_seq_cst);
  poller_->wake();
}

void Worker::shutdown() {
  WorkerScope scope(this);
  take_inbound();
  abandon_all();
  // Locals last, most recent first; what a local's destruction wakes or
  // spawns is abandoned before the next one goes.
  while (!locals_.empty()) {
    std::unique_ptr<WorkerLocal> local = std::move(locals_.back().second);
    locals_.pop_back();
    local.reset();
    take_inbound();
    abandon_all();
  }
}

}  // namespace heph
