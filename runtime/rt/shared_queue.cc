#include "runtime/rt/shared_queue.h"

#include <stdexcept>

#include "runtime/rt/worker.h"

namespace heph {

void SharedQueue::enqueue(Task* task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    task->next_ready_ = nullptr;
    if (tail_ != nullptr) {
      tail_->next_ready_ = task;
    } else {
      head_ = task;
    }
    tail_ = task;
    queued_.fetch_add(1, std::memory_order_seq_cst);
  }
  // Wake one sleeping worker, if any (the Dekker pair at the top of the .h).
  for (Worker* w : workers_) {
    if (w->wake_if_sleeping()) return;
  }
}

Task* SharedQueue::dequeue() {
  std::lock_guard<std::mutex> lock(mu_);
  Task* task = head_;
  if (task == nullptr) return nullptr;
  head_ = task->next_ready_;
  if (head_ == nullptr) tail_ = nullptr;
  queued_.fetch_sub(1, std::memory_order_relaxed);
  return task;
}

void SharedQueue::wake_from_other_thread(Task* task) {
  std::uint8_t state = task->run_state_.load(std::memory_order_acquire);
  for (;;) {
    // kIdle: queue it. kRunning: the worker running it queues it again once
    // it suspended. (Woken once per suspension: never kQueued here.)
    const std::uint8_t next = state == kRunning ? kRunningWoken : kQueued;
    if (task->run_state_.compare_exchange_weak(state, next, std::memory_order_acq_rel,
                                               std::memory_order_acquire)) {
      if (next == kQueued) enqueue(task);
      return;
    }
  }
}

void SharedQueue::adopt_task(Task* task) {
  if (shared_count_ != nullptr) shared_count_->fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mu_);
    live_.insert(task);
  }
  task->run_state_.store(kQueued, std::memory_order_relaxed);
  enqueue(task);
}

std::uint32_t SharedQueue::run_some(std::uint32_t max) {
  std::uint32_t ran = 0;
  for (; ran < max; ++ran) {
    Task* task = dequeue();
    if (task == nullptr) break;
    task->run_state_.store(kRunning, std::memory_order_relaxed);
    if (Scheduler::run_shared_task(task)) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        live_.erase(task);
      }
      task->finished_ = true;
      forget_task(task);
      if (shared_count_ != nullptr && shared_count_->fetch_sub(1, std::memory_order_acq_rel) == 1) {
        if (on_shared_zero_) on_shared_zero_();
      }
      continue;
    }
    std::uint8_t state = kRunning;
    if (!task->run_state_.compare_exchange_strong(state, kIdle, std::memory_order_acq_rel,
                                                  std::memory_order_acquire)) {
      // Woken while it ran: its turn again, at the back of the queue.
      task->run_state_.store(kQueued, std::memory_order_relaxed);
      enqueue(task);
    }
  }
  return ran;
}

std::uint64_t SharedQueue::set_alarm(std::int64_t, Alarm*) {
  throw std::logic_error(
      "heph: receive_next(timeout) in a thread-safe actor: timers are per worker and a thread-safe actor "
      "may move between workers; use a thread-local actor (Runtime::spawn) for timed waits");
}

void SharedQueue::shutdown() {
  // Abandoning one may spawn or wake others: until none is left.
  for (;;) {
    std::unordered_set<Task*> live;
    {
      std::lock_guard<std::mutex> lock(mu_);
      live.swap(live_);
      head_ = tail_ = nullptr;
      queued_.store(0, std::memory_order_relaxed);
    }
    if (live.empty()) return;
    for (Task* task : live) {
      abandon_task(task);
      forget_task(task);
    }
  }
}

}  // namespace heph
