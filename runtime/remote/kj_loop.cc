#include "runtime/remote/kj_loop.h"

#include <kj/debug.h>

#include <cstdio>
#include <cstdlib>

namespace heph::remote {
namespace {

// The key of the loop among a worker's locals.
constexpr char kLoopKey = 0;

}  // namespace

WorkerKjLoop* WorkerKjLoop::CurrentIfExists() {
  Worker* w = Worker::current();
  if (w == nullptr) return nullptr;
  return static_cast<WorkerKjLoop*>(w->local(&kLoopKey));
}

WorkerKjLoop& WorkerKjLoop::Current() {
  Worker* w = Worker::current();
  if (w == nullptr) {
    std::fprintf(stderr,
                 "heph::remote: KJ/Cap'n Proto objects must be used on a heph worker (inside an "
                 "actor or a task of a Runtime or TestRuntime)\n");
    std::abort();
  }
  if (auto* loop = static_cast<WorkerKjLoop*>(w->local(&kLoopKey))) return *loop;
  return *static_cast<WorkerKjLoop*>(
      w->set_local(&kLoopKey, std::unique_ptr<WorkerLocal>(new WorkerKjLoop(w))));
}

WorkerKjLoop::WorkerKjLoop(Worker* worker)
    : worker_(worker), tasks_(kj::heap<kj::TaskSet>(errors_)) {}

WorkerKjLoop::~WorkerKjLoop() noexcept {
  // Owned work first, then whatever it left queued, while the loop is still
  // current for this thread; then scope_ and loop_ (members, in that order).
  closing_ = true;
  tasks_ = nullptr;
  scope_.cancelAllDetached();  // capnp detaches a few promises; not past the loop
  for (int i = 0; i < 1000 && loop_.isRunnable(); ++i) loop_.run(kTurnsPerRun);
}

void WorkerKjLoop::ErrorHandler::taskFailed(kj::Exception&& exception) {
  KJ_LOG(ERROR, "heph::remote: task failed", exception);
}

void WorkerKjLoop::schedule() {
  if (pump_queued_ || closing_) return;
  pump_queued_ = true;
  worker_->wake(&pump_);
}

bool WorkerKjLoop::Pump::run() {
  WorkerKjLoop& self = *owner_;
  self.pump_queued_ = false;
  ++self.pump_runs_;
  // Cross-thread events (kj::Executor) reach KJ through EventLoop::poll(),
  // which only WaitScope::poll() calls: it runs until KJ is empty (not
  // bounded), but only after a wake(), which two-party RPC never uses.
  if (self.woken_.load(std::memory_order_acquire)) self.scope_.poll();
  self.loop_.run(kTurnsPerRun);
  // run() reports setRunnable(false) when KJ ran dry; while it still has work
  // the runnable state does not change, so requeue at the back ourselves.
  if (self.loop_.isRunnable()) self.schedule();
  return false;  // never finishes: the loop owns it
}

bool WorkerKjLoop::Waker::run() {
  owner_->waker_queued_.store(false, std::memory_order_release);
  owner_->schedule();
  return false;
}

bool WorkerKjLoop::Port::wait() {
  KJ_FAIL_REQUIRE(
      "heph::remote: promise.wait(waitScope) would block the heph worker and every actor on it; "
      "co_await heph::remote::Await(promise) instead");
}

bool WorkerKjLoop::Port::poll() {
  return owner_->woken_.exchange(false, std::memory_order_acq_rel);
}

void WorkerKjLoop::Port::setRunnable(bool runnable) {
  if (runnable) owner_->schedule();
}

void WorkerKjLoop::Port::wake() const {
  owner_->woken_.store(true, std::memory_order_release);
  if (!owner_->waker_queued_.exchange(true, std::memory_order_acq_rel)) {
    owner_->worker_->wake(&owner_->waker_);
  }
}

namespace {

// The state of one Delay(): a worker timer whose firing fulfils the promise.
class DelayAdapter {
 public:
  DelayAdapter(kj::PromiseFulfiller<void>& fulfiller, Worker* worker, absl::Duration d)
      : fulfiller_(fulfiller), worker_(worker) {
    entry_.fire = &DelayAdapter::Fire;
    entry_.context = this;
    id_ = worker_->add_timer(MonoAfter(d, MonoNow()), &entry_);
  }
  ~DelayAdapter() {
    if (!fired_) worker_->cancel_timer(id_);
  }
  DelayAdapter(const DelayAdapter&) = delete;
  DelayAdapter& operator=(const DelayAdapter&) = delete;

 private:
  static void Fire(TimerEntry* entry) {
    auto* self = static_cast<DelayAdapter*>(entry->context);
    self->fired_ = true;
    self->fulfiller_.fulfill();
  }

  kj::PromiseFulfiller<void>& fulfiller_;
  Worker* worker_;
  TimerEntry entry_;
  TimerId id_{};
  bool fired_ = false;
};

}  // namespace

kj::Promise<void> Delay(absl::Duration d) {
  WorkerKjLoop& loop = WorkerKjLoop::Current();
  return kj::newAdaptedPromise<void, DelayAdapter>(&loop.worker(), d);
}

}  // namespace heph::remote
