// kj_loop.h — one KJ event loop per worker thread, driven by the worker.
//
//   heph::remote::WorkerKjLoop& kj = heph::remote::WorkerKjLoop::Current();  // on a worker
//   kj::Promise<void> p = heph::remote::Delay(absl::Milliseconds(10));     // worker timers
//
// The loop is created on its worker the first time something asks for it
// (Current()), so programs that never use runtime/remote pay nothing. It is a
// heph::WorkerLocal: the worker destroys it at shutdown, on the worker's
// thread, after the worker's actors were abandoned (their frames may hold
// KJ objects) — owned KJ objects first, then the WaitScope, then the loop.
//
// How the worker drives KJ (the kj::EventPort the loop is built on):
// - setRunnable(true): KJ has queued events. The port schedules its pump, a
//   heph::Task, on the worker's ready queue; the pump's run() calls
//   loop.run(kTurnsPerRun) and, if KJ still has work, goes to the back of the
//   ready queue again, so a busy connection cannot starve the actors.
// - I/O does not go through the port: KjStream and KjListener register their
//   descriptors with the worker's poller, and the worker's poll() fulfils
//   their promises (arming KJ events: setRunnable(true) again).
// - wake(), from another thread (kj::Executor): sets a flag and schedules the
//   pump through the worker's cross-thread wake (inbound stack + poller wake);
//   the pump then lets KJ poll() its executor's queue. capnp's two-party RPC
//   never needs it.
// - poll() only reports that flag: there is no other I/O to look at.
// - wait() must never be called: it is what `promise.wait(waitScope)` would
//   call, and it would block the worker (and every actor on it). It throws a
//   kj::Exception (FAILED) saying so; co_await heph::remote::Await(promise)
//   instead (await.h).
// So in steady state KJ never waits or polls: the worker's loop sleeps in its
// own poller, and an idle KJ loop costs nothing.
//
// Timers: capnp's TwoPartyVatNetwork in 0.9.2 needs a kj::MonotonicClock (the
// system one), not a kj::Timer, so no kj::Timer is offered. Delay() is a KJ
// promise backed by the worker's timers, for the few places that wait.
//
// Threads: everything here, and every KJ object made on a worker, belongs to
// that worker's thread (actors never migrate, so: to the actors of that worker).
#ifndef HEPH_RUNTIME_REMOTE_KJ_LOOP_H_
#define HEPH_RUNTIME_REMOTE_KJ_LOOP_H_

#include <kj/async.h>

#include <atomic>
#include <cstdint>

#include "absl/time/time.h"
#include "runtime/actor/task.h"
#include "runtime/rt/worker.h"

namespace heph::remote {

class WorkerKjLoop final : public WorkerLocal {
 public:
  // How many KJ turns (callbacks) one run of the pump may take before the
  // worker's other tasks get their turn.
  static constexpr unsigned kTurnsPerRun = 64;

  // The calling worker's loop, created on first use. Aborts off a worker
  // (a programming error: KJ objects belong to a worker's thread).
  static WorkerKjLoop& Current();
  // The calling worker's loop if it exists, else nullptr (also off a worker).
  static WorkerKjLoop* CurrentIfExists();

  ~WorkerKjLoop() noexcept override;
  WorkerKjLoop(const WorkerKjLoop&) = delete;
  WorkerKjLoop& operator=(const WorkerKjLoop&) = delete;

  Worker& worker() const { return *worker_; }
  kj::EventLoop& loop() { return loop_; }
  kj::WaitScope& wait_scope() { return scope_; }
  // Work owned by the loop (e.g. served connections): destroyed first at
  // shutdown. Failures are logged.
  kj::TaskSet& tasks() { return *tasks_; }

  // Metrics: how often the pump ran.
  std::uint64_t pump_runs() const { return pump_runs_; }

 private:
  explicit WorkerKjLoop(Worker* worker);

  class Port final : public kj::EventPort {
   public:
    explicit Port(WorkerKjLoop* owner) : owner_(owner) {}
    bool wait() override;
    bool poll() override;
    void setRunnable(bool runnable) override;
    void wake() const override;

   private:
    WorkerKjLoop* owner_;
  };

  class Pump final : public Task {
   public:
    explicit Pump(WorkerKjLoop* owner) : owner_(owner) {}
    bool run() override;

   private:
    void abandon() override {}
    void forget() override {}
    WorkerKjLoop* owner_;
  };

  // Queued only through the worker's cross-thread wake (a task must never be
  // in the inbound stack and the ready queue at once, so the pump itself is
  // never pushed from another thread): its run() schedules the pump. Taken
  // in from the inbound stack, it joins the worker's live list (live_tasks()
  // counts it) until shutdown abandons it; it never finishes, so it never
  // touches the Runtime's count of live actors.
  class Waker final : public Task {
   public:
    explicit Waker(WorkerKjLoop* owner) : owner_(owner) {}
    bool run() override;

   private:
    void abandon() override {}
    void forget() override {}
    WorkerKjLoop* owner_;
  };

  class ErrorHandler final : public kj::TaskSet::ErrorHandler {
   public:
    void taskFailed(kj::Exception&& exception) override;
  };

  // Puts the pump on the worker's ready queue unless it is there already
  // (worker thread).
  void schedule();

  Worker* worker_;
  Port port_{this};
  Pump pump_{this};
  Waker waker_{this};
  ErrorHandler errors_;
  bool pump_queued_ = false;  // worker thread
  bool closing_ = false;      // worker thread: the destructor is draining
  // Set by wake() (any thread), consumed by poll().
  mutable std::atomic<bool> woken_{false};
  // Set by wake() when it queued the waker; cleared by the waker's run().
  mutable std::atomic<bool> waker_queued_{false};
  std::uint64_t pump_runs_ = 0;
  kj::EventLoop loop_{port_};
  kj::WaitScope scope_{loop_};
  kj::Own<kj::TaskSet> tasks_;
};

// A promise fulfilled after `d` on the calling worker's timers (the worker's
// KJ loop is created if needed). Dropping it cancels the timer.
kj::Promise<void> Delay(absl::Duration d);

}  // namespace heph::remote

#endif  // HEPH_RUNTIME_REMOTE_KJ_LOOP_H_
