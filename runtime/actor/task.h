// task.h — the unit the schedulers run, and the contract between the actor
// core and whatever runs it.
//
// A Task is one actor's coroutine stack. It is suspended in exactly one place
// at a time (its `resume_point`), and whoever completes the awaited event wakes
// it exactly once through its Scheduler. Nothing ever resumes a task inline:
// wakers only enqueue, and the scheduler's loop resumes (a trampoline), so the
// stack depth never grows with the number of messages exchanged.
//
// The actor core (this folder) knows nothing of threads, pollers or timers; it
// only needs `Scheduler::wake`. The runtime (runtime/rt) implements it.
#ifndef HEPH_RUNTIME_ACTOR_TASK_H_
#define HEPH_RUNTIME_ACTOR_TASK_H_

#include <atomic>
#include <coroutine>
#include <cstdint>

namespace heph {

class Scheduler;

// An actor's share of its worker under contention (SpawnOptions::priority).
// As Heph's scheduler weights the accumulated run time by priority, a worker
// charges each run of a task its class's weight (kRunCost below) and runs the
// ready class with the least charged total: among always-ready actors, a HIGH
// one runs about 3x as often as a LOW one and 1.5x as often as a NORMAL one,
// and no class is ever starved. While only NORMAL tasks are ready, the ready
// queue is today's single FIFO (one extra test per push and pop).
enum class Priority : std::uint8_t { kLow = 0, kNormal = 1, kHigh = 2 };

class Task {
 public:
  Task() = default;
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  // Called by the scheduler's loop on the owning thread: resumes the task
  // where it last suspended. Returns true once the task has finished for
  // good (the scheduler then forgets it). One virtual call per resume.
  virtual bool run() = 0;

  // Set by an awaiter just before it suspends the task.
  void set_resume_point(std::coroutine_handle<> h) { resume_point_ = h; }

  Scheduler* scheduler() const { return scheduler_; }

  // Intrusive links owned by the scheduler: `next_ready_` while the task is
  // queued to run, `next_live_` while the scheduler owns it (a singly linked
  // list: finished tasks are unlinked in batches, see Scheduler::sweep).
  Task* next_ready_ = nullptr;
  Task* next_live_ = nullptr;
  bool live_ = false;      // in the scheduler's live list
  bool finished_ = false;  // ended; unlinked and forgotten at the next sweep
  // For actor cells: suspended in receive_next, and whether a sender handed
  // a message straight to it (kept here, in padding).
  bool receiving_ = false;
  bool handed_over_ = false;
  // For actor cells: the alarm of a timed receive_next fired while it waited.
  bool alarm_fired_ = false;
  // For actor cells: interrupt_receive() was called (context.h).
  bool receive_interrupted_ = false;
  // Which ready queue the task joins (set before the scheduler adopts it).
  Priority priority_ = Priority::kNormal;
  // For schedulers shared by threads (runtime/rt/shared_queue.h): idle,
  // queued, running, or running and woken meanwhile.
  std::atomic<std::uint8_t> run_state_{0};

 protected:
  ~Task() = default;
  friend class Scheduler;

  // Called when the scheduler shuts down while the task is still suspended:
  // the task ends without running again.
  virtual void abandon() = 0;
  // The scheduler forgets the task (after run() returned true, or after
  // abandon()): the task drops the scheduler's reference to itself.
  virtual void forget() = 0;

  std::coroutine_handle<> resume_point_;
  Scheduler* scheduler_ = nullptr;
};

// Cancellation support. A canceller (e.g. WithDeadline giving up) destroys a
// suspended task's coroutine inside a CancelScope. The awaiter being
// destroyed reports, through NoteWakeIssued(), whether the event it waited
// for already completed, i.e. a wake-up for the task was issued (it may still
// be on its way from another thread). The canceller then lets that wake-up
// finish the task instead of waking it itself, so a task is never queued
// twice and never freed while a wake-up for it is in flight.
class CancelScope {
 public:
  explicit CancelScope(bool* wake_issued) : outer_(current_) { current_ = wake_issued; }
  ~CancelScope() { current_ = outer_; }
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

  // Called by awaiter destructors whose wake-up was already issued.
  static void NoteWakeIssued() {
    if (current_ != nullptr) *current_ = true;
  }

 private:
  bool* outer_;
  static inline thread_local bool* current_ = nullptr;
};

// The contract a runtime implements.
//
// - `wake(task)` may be called from any thread, once per suspension of `task`.
//   From the scheduler's own thread it is a plain queue push; from another
//   thread it must make sure the scheduler eventually runs the task even if
//   it is asleep (no lost wake-up).
// - `adopt(task)` hands a newly created task to the scheduler, which runs it
//   for the first time and owns it until it finishes or is abandoned.
// - `set_alarm(after_ns, alarm)` (optional, owning thread): calls
//   `alarm->fire(alarm)` once on the scheduler's thread, no earlier than
//   `after_ns` nanoseconds from now, unless `cancel_alarm(id)` came first. For
//   the core's timed waits (Context::receive_next(timeout)). Returns the
//   alarm's id, never 0; a scheduler without timers returns 0.
class Scheduler {
 public:
  virtual ~Scheduler() = default;

  struct Alarm {
    void (*fire)(Alarm* self) = nullptr;
    void* context = nullptr;
  };
  virtual std::uint64_t set_alarm(std::int64_t after_ns, Alarm* alarm) {
    (void)after_ns;
    (void)alarm;
    return 0;
  }
  virtual void cancel_alarm(std::uint64_t id) { (void)id; }

  void wake(Task* task) {
    if (current_ == this) {
      push_ready(task);
    } else {
      wake_from_other_thread(task);
    }
  }

  // Takes ownership of a new task and runs it first on this scheduler's
  // thread. Any thread.
  void adopt(Task* task) {
    task->scheduler_ = this;
    adopt_task(task);
  }

  // The scheduler running on this thread, or nullptr.
  static Scheduler* current() { return current_; }
  // The task running on this thread, or nullptr.
  static Task* current_task() { return current_task_; }

  // Number of tasks owned and not yet finished.
  std::uint64_t live_tasks() const { return live_count_; }

  // Forgets finished tasks now instead of at the next batch sweep.
  void forget_finished() { sweep(); }

 protected:
  virtual void wake_from_other_thread(Task* task) = 0;
  virtual void adopt_task(Task* task) = 0;
  // A task this scheduler owned has finished (run() returned true).
  virtual void task_finished() {}

  // --- helpers for implementations (owning thread only) ---
  //
  // The ready queue: one FIFO per priority. While only NORMAL tasks are
  // queued (`others_ready_` == 0) push and pop are the plain FIFO's. Once
  // LOW or HIGH tasks are queued, pop takes the head of the non-empty class
  // with the least virtual time and charges that class kRunCost (Heph's
  // factors: run time x 15 for LOW, x 10 NORMAL, x 5 HIGH), a stride
  // scheduler over the three classes; a class that was empty joins at the
  // current virtual time, so an idle class banks no credit.
  static constexpr std::uint32_t kRunCost[3] = {15, 10, 5};

  void push_ready(Task* task) {
    task->next_ready_ = nullptr;
    const unsigned c = static_cast<unsigned>(task->priority_);
    if (c != kNormalClass) [[unlikely]] {
      push_other(task, c);
      return;
    }
    ReadyQueue& q = ready_[kNormalClass];
    if (q.tail != nullptr) {
      q.tail->next_ready_ = task;
    } else {
      if (others_ready_ != 0) [[unlikely]] catch_up(kNormalClass);
      q.head = task;
    }
    q.tail = task;
  }
  // Appends a chain of NORMAL tasks linked through next_ready_ (last's link
  // null).
  void splice_ready(Task* first, Task* last) {
    ReadyQueue& q = ready_[kNormalClass];
    if (q.tail != nullptr) {
      q.tail->next_ready_ = first;
    } else {
      if (others_ready_ != 0) [[unlikely]] catch_up(kNormalClass);
      q.head = first;
    }
    q.tail = last;
  }
  Task* pop_ready() {
    if (others_ready_ != 0) [[unlikely]] return pop_weighted();
    return pop_from(kNormalClass);
  }
  bool has_ready() const {
    return ready_[kNormalClass].head != nullptr || others_ready_ != 0;
  }
  // Unlinks `task` from the ready queue if it is there (O(queue length): for
  // test tools that run one chosen task).
  bool take_ready(Task* task) {
    const unsigned c = static_cast<unsigned>(task->priority_);
    ReadyQueue& q = ready_[c];
    Task* previous = nullptr;
    for (Task* t = q.head; t != nullptr; previous = t, t = t->next_ready_) {
      if (t != task) continue;
      (previous != nullptr ? previous->next_ready_ : q.head) = t->next_ready_;
      if (q.tail == t) q.tail = previous;
      t->next_ready_ = nullptr;
      if (c != kNormalClass) --others_ready_;
      return true;
    }
    return false;
  }

  void add_live(Task* task) {
    task->live_ = true;
    task->next_live_ = live_head_;
    live_head_ = task;
    ++live_count_;
  }

  // Runs one task on this thread. A finished task stays linked (the
  // scheduler still holds it) until enough have finished to sweep them all
  // in one pass: O(1) amortised, and one pointer per task instead of two.
  void run_task(Task* task) {
    Task* const outer = current_task_;
    current_task_ = task;
    const bool finished = task->run();
    current_task_ = outer;
    if (finished) {
      task->finished_ = true;
      --live_count_;
      task_finished();
      if (++finished_count_ >= 64 && finished_count_ >= live_count_) sweep();
    }
  }

  // Runs `task` on this thread without this scheduler's bookkeeping (for a
  // scheduler shared by threads, which keeps its own). Returns run()'s result.
  static bool run_shared_task(Task* task) {
    Task* const outer = current_task_;
    current_task_ = task;
    const bool finished = task->run();
    current_task_ = outer;
    return finished;
  }

  // For schedulers that keep their own list of tasks.
  static void abandon_task(Task* task) { task->abandon(); }
  static void forget_task(Task* task) { task->forget(); }

  // Unlinks and forgets every finished task (owning thread). Callers that
  // own a task's memory (e.g. an AsyncTask on the stack) sweep before freeing.
  void sweep() {
    Task** link = &live_head_;
    while (Task* task = *link) {
      if (task->finished_) {
        *link = task->next_live_;
        task->forget();
      } else {
        link = &task->next_live_;
      }
    }
    finished_count_ = 0;
  }

  // Abandons every task still owned (shutdown).
  void abandon_all() {
    sweep();
    while (live_head_ != nullptr) {
      Task* task = live_head_;
      live_head_ = task->next_live_;
      --live_count_;
      task->abandon();
      task->forget();
    }
    for (ReadyQueue& q : ready_) q.head = q.tail = nullptr;
    others_ready_ = 0;
  }

  // Marks this scheduler as the one running on the calling thread.
  class EnterScope {
   public:
    explicit EnterScope(Scheduler* s) : outer_(current_) { current_ = s; }
    ~EnterScope() { current_ = outer_; }
    EnterScope(const EnterScope&) = delete;
    EnterScope& operator=(const EnterScope&) = delete;

   private:
    Scheduler* outer_;
  };

 private:
  static constexpr unsigned kNormalClass = static_cast<unsigned>(Priority::kNormal);
  struct ReadyQueue {
    Task* head = nullptr;
    Task* tail = nullptr;
  };

  Task* pop_from(unsigned c) {
    ReadyQueue& q = ready_[c];
    Task* task = q.head;
    if (task != nullptr) {
      q.head = task->next_ready_;
      if (q.head == nullptr) q.tail = nullptr;
    }
    return task;
  }
  // A class about to become non-empty drops any lag behind `vnow_` beyond
  // one run of the costliest class: no credit for the time it was idle. (A
  // class whose one task was running, not idle, lags by less than that:
  // stride scheduling keeps the queued classes' times within one run of each
  // other.)
  void catch_up(unsigned c) {
    if (vtime_[c] + kRunCost[0] < vnow_) vtime_[c] = vnow_ - kRunCost[0];
  }
  [[gnu::noinline]] void push_other(Task* task, unsigned c) {
    ReadyQueue& q = ready_[c];
    if (q.head == nullptr) {
      catch_up(c);
      // Weighted again: the NORMAL class's time stood still while it ran
      // alone; it may have been idle too.
      if (others_ready_ == 0 && ready_[kNormalClass].head != nullptr) catch_up(kNormalClass);
      q.head = task;
    } else {
      q.tail->next_ready_ = task;
    }
    q.tail = task;
    ++others_ready_;
  }
  [[gnu::noinline]] Task* pop_weighted() {
    unsigned best = 3;
    for (unsigned c = 0; c < 3; ++c) {
      if (ready_[c].head == nullptr) continue;
      // Ties go to the higher class.
      if (best == 3 || vtime_[c] <= vtime_[best]) best = c;
    }
    Task* task = pop_from(best);
    if (vtime_[best] > vnow_) vnow_ = vtime_[best];
    vtime_[best] += kRunCost[best];
    if (best != kNormalClass) --others_ready_;
    return task;
  }

  ReadyQueue ready_[3];
  std::uint32_t others_ready_ = 0;  // LOW and HIGH tasks queued
  std::uint64_t vtime_[3] = {0, 0, 0};  // each class's charged runs
  std::uint64_t vnow_ = 0;  // the time of the class that ran last (weighted)
  Task* live_head_ = nullptr;
  std::uint64_t live_count_ = 0;
  std::uint64_t finished_count_ = 0;

  static inline thread_local Scheduler* current_ = nullptr;
  static inline thread_local Task* current_task_ = nullptr;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_TASK_H_
