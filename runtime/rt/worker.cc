#include "runtime/rt/worker.h"

#include "absl/time/clock.h"

namespace heph {

Worker::~Worker() { shutdown(); }

void Worker::push_inbound(Task* task) {
  Task* head = inbound_.load(std::memory_order_relaxed);
  do {
    task->next_ready_ = head;
  } while (!inbound_.compare_exchange_weak(head, task, std::memory_order_release,
                                           std::memory_order_relaxed));
  if (head == nullptr) parker_.unpark();
}

void Worker::adopt_task(Task* task) {
  if (Scheduler::current() == this) {
    add_live(task);
    push_ready(task);
  } else {
    push_inbound(task);
  }
}

bool Worker::take_inbound() {
  Task* list = inbound_.exchange(nullptr, std::memory_order_acquire);
  if (list == nullptr) return false;
  // One pass: reverse the stack into FIFO order (through the ready link
  // itself), adopting new tasks on the way, then splice it onto the ready queue.
  Task* first = nullptr;
  Task* const last = list;
  while (list != nullptr) {
    Task* next = list->next_ready_;
    if (!list->live_) add_live(list);
    list->next_ready_ = first;
    first = list;
    list = next;
  }
  splice_ready(first, last);
  return true;
}

void Worker::run_ready_batch() {
  for (std::uint32_t i = 0; i < options_.run_batch; ++i) {
    Task* task = pop_ready();
    if (task == nullptr) return;
    run_task(task);
  }
}

void Worker::run_until_idle() {
  EnterScope scope(this);
  for (;;) {
    take_inbound();
    if (!has_ready()) return;
    run_ready_batch();
  }
}

absl::Status Worker::run(const std::function<bool()>& until, absl::Time deadline) {
  EnterScope scope(this);
  for (;;) {
    take_inbound();
    if (has_ready()) {
      run_ready_batch();
      if (until && until()) return absl::OkStatus();
      continue;
    }
    if (stop_requested_.exchange(false, std::memory_order_acq_rel)) return absl::OkStatus();
    if (until && until()) return absl::OkStatus();
    if (live_tasks() == 0 && inbound_.load(std::memory_order_acquire) == nullptr) {
      return absl::OkStatus();
    }
    if (absl::Now() >= deadline) return absl::DeadlineExceededError("worker: deadline passed");
    const std::uint32_t ticket = parker_.prepare();
    if (inbound_.load(std::memory_order_seq_cst) != nullptr ||
        stop_requested_.load(std::memory_order_seq_cst)) {
      continue;
    }
    parker_.park(ticket, deadline);
  }
}

void Worker::stop() {
  stop_requested_.store(true, std::memory_order_seq_cst);
  parker_.unpark();
}

void Worker::shutdown() {
  EnterScope scope(this);
  take_inbound();
  abandon_all();
}

}  // namespace heph
