// worker.h — one scheduler thread's loop: runs ready actors, takes wake-ups
// and new actors from other threads, and sleeps when there is nothing to do.
//
// Cross-thread protocol. Other threads push tasks onto `inbound_` (a lock-free
// stack, LIFO, reversed to FIFO when taken). Only a push onto an empty stack
// may find the worker asleep, so only that push calls `parker_.unpark()`.
// The worker, before sleeping, announces itself in the parker and then checks
// `inbound_` again; the Parker contract guarantees an unpark() after the
// announcement is never lost (see parker.h).
#ifndef HEPH_RUNTIME_RT_WORKER_H_
#define HEPH_RUNTIME_RT_WORKER_H_

#include <atomic>
#include <cstdint>
#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "runtime/actor/task.h"
#include "runtime/rt/parker.h"

namespace heph {

struct WorkerOptions {
  // How many ready tasks run before the worker looks at other threads' input.
  std::uint32_t run_batch = 64;
};

class Worker final : public Scheduler {
 public:
  explicit Worker(WorkerOptions options = {}) : options_(options) {}
  ~Worker() override;

  // Runs on the calling thread until no task is live, `stop()` is called, or
  // `until()` returns true (checked between batches), or `deadline` passes.
  // Returns OK, or DeadlineExceeded if the deadline passed first.
  absl::Status run(const std::function<bool()>& until = nullptr,
                   absl::Time deadline = absl::InfiniteFuture());

  // Runs ready work without sleeping; returns when nothing is ready.
  void run_until_idle();

  // Any thread: makes run() return soon.
  void stop();

  // Abandons all live tasks (their coroutines are destroyed without resuming).
  void shutdown();

 protected:
  void wake_from_other_thread(Task* task) override { push_inbound(task); }
  void adopt_task(Task* task) override;

 private:
  void push_inbound(Task* task);
  bool take_inbound();  // returns true if it took anything
  void run_ready_batch();

  WorkerOptions options_;
  std::atomic<Task*> inbound_{nullptr};
  std::atomic<bool> stop_requested_{false};
  Parker parker_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_WORKER_H_
