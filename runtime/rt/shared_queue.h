// shared_queue.h — the scheduler of thread-safe actors: one queue shared by
// all of a Runtime's workers (Heph's thread-safe actors). A thread-safe actor
// may run on any worker; it runs on one worker at a time and never
// concurrently with itself, and it never moves during a run (between two
// resumes it may continue on another worker). Thread-local actors (every
// other actor) keep their rule: they stay on their worker, and nothing steals
// them.
//
// Scheduling. wake() (from any thread; the queue is never a thread's own
// scheduler) appends the task under a mutex and, if some worker sleeps in its
// poller, wakes one. Workers take up to `WorkerOptions::shared_batch` tasks
// from the queue after each batch of their own (so a busy worker gives the
// shared queue a bounded share, and a worker with nothing else to do serves
// it), and look at it before they sleep.
//
// No lost wake-up (Dekker, as worker.h): the waker bumps `queued_` (seq_cst
// RMW) then loads each worker's `sleeping_` (seq_cst); a worker stores
// `sleeping_` (seq_cst) then loads `queued_` (seq_cst) before it blocks.
//
// Never concurrently with itself. A task's run_state_ goes kIdle -> kQueued
// (wake) -> kRunning (a worker took it) -> kIdle (it suspended) or
// kRunningWoken (woken while it ran: a Yield, a restart, a message that came
// while it was parking), in which case the worker that ran it queues it again
// once run() returned. So a task is queued at most once, and run by one
// worker at a time; the queue's mutex orders one run's writes before the
// next run, on whichever worker.
//
// The shared queue is one FIFO: SpawnOptions::priority does not apply to it.
// Sleep's await_ready does not need a timer when the deadline has passed, so
// a sleep that does not wait does not throw.
//
// Not for thread-safe actors: timers and asynchronous I/O, which are per
// worker (a timer registered on one worker cannot be cancelled from another).
// Sleep, SleepUntil, WithDeadline, Interval and receive_next(timeout) throw
// std::logic_error in a thread-safe actor (its supervisor's on_exception gets
// it), and I/O returns FailedPrecondition. Use a thread-local actor for them.
#ifndef HEPH_RUNTIME_RT_SHARED_QUEUE_H_
#define HEPH_RUNTIME_RT_SHARED_QUEUE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_set>
#include <utility>
#include <vector>

#include "runtime/actor/task.h"

namespace heph {

class Worker;

class SharedQueue final : public Scheduler {
 public:
  SharedQueue() = default;
  ~SharedQueue() override { shutdown(); }

  // The workers that serve the queue (and that wake() may wake).
  void set_workers(std::vector<Worker*> workers) { workers_ = std::move(workers); }
  // As Worker::share_task_count: the count of live tasks across the runtime.
  void share_task_count(std::atomic<std::int64_t>* count, std::function<void()> on_zero) {
    shared_count_ = count;
    on_shared_zero_ = std::move(on_zero);
  }

  // Cheap, any thread: may the queue hold a task? (seq_cst: see the top.)
  bool has_work() const { return queued_.load(std::memory_order_seq_cst) != 0; }

  // A worker's thread: runs up to `max` queued tasks, one at a time. Returns
  // how many ran.
  std::uint32_t run_some(std::uint32_t max);

  // Timers are per worker: a thread-safe actor cannot set one.
  std::uint64_t set_alarm(std::int64_t after_ns, Alarm* alarm) override;

  // Abandons the tasks still alive (their coroutines are destroyed without
  // resuming). Once no worker runs any more; the destructor calls it too.
  void shutdown();

  // Is `task` a thread-safe actor's?
  bool owns(const Task* task) const { return task->scheduler() == this; }

 protected:
  void wake_from_other_thread(Task* task) override;
  void adopt_task(Task* task) override;

 private:
  enum : std::uint8_t { kIdle = 0, kQueued = 1, kRunning = 2, kRunningWoken = 3 };
  void enqueue(Task* task);
  Task* dequeue();

  std::vector<Worker*> workers_;
  std::atomic<std::int64_t>* shared_count_ = nullptr;
  std::function<void()> on_shared_zero_;

  // The queue (FIFO through next_ready_) and the live list, under `mu_`.
  std::mutex mu_;
  Task* head_ = nullptr;
  Task* tail_ = nullptr;
  std::unordered_set<Task*> live_;  // every task adopted and not finished
  // Tasks in the queue; read without the lock (its own cache line).
  alignas(64) std::atomic<std::uint32_t> queued_{0};
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_SHARED_QUEUE_H_
