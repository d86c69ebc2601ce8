// sync_actor.h — sync actors: an actor on its own OS thread with a blocking
// receive, for blocking work (blocking system calls, C libraries that block,
// long computations). It is reached through the same ActorRef<M> as an async
// actor (send, try_send, rpc, join work unchanged) and supervised the same way.
//
//   absl::Status Archiver(heph::SyncContext<Chunk>& ctx, std::string dir) {
//     while (std::optional<Chunk> chunk = ctx.receive_next()) {  // blocks this thread
//       WriteBlocking(dir, *chunk);
//     }
//     return absl::OkStatus();  // no more messages: every reference is gone
//   }
//
//   heph::Runtime runtime({.workers = 2});
//   heph::ActorRef<Chunk> ref =
//       runtime.spawn_sync(heph::SpawnOptions{.name = "archiver"}, heph::StopSupervisor{},
//                          &Archiver, std::string("/tmp"));
//
// With a Runtime, a sync actor counts as a live actor while it runs (start()
// returns only once it, too, has ended) and its thread is joined by the
// Runtime's destructor. Without a Runtime (tests, tools), a SyncActorHost owns
// the threads:
//
//   heph::SyncActorHost host;
//   heph::ActorRef<Chunk> ref = heph::SpawnSync(host, heph::StopSupervisor{}, &Archiver, dir);
//   ...
//   ref = {};     // drop the references: receive_next() then returns nullopt
//   host.join();  // waits for every sync actor spawned on the host to end
//
// The function runs on a thread started by SpawnSync, at once (not at
// Runtime::start()). When it returns an error or throws, the supervisor
// decides (supervisor.h): Restart runs it again on the same thread with the
// same inbox (queued messages survive), Stop ends the actor: its inbox closes,
// waiting senders fail, joiners wake, queued messages are destroyed, and the
// thread exits.
//
// Cancellation. When its host goes away (the Runtime or SyncActorHost is
// destroyed) or SyncActorHost::cancel() is called, a sync actor's
// receive_next() returns nullopt at once and try_receive_next() reports
// Disconnected, so a receive loop ends; the host then joins the thread (it
// cannot interrupt blocking work: long work should poll ctx.cancelled()). A
// cancelled actor is not restarted.
//
// Wake-up. The sync actor's Scheduler (internal::SyncScheduler) runs nothing
// but this one actor: the cell's receive protocol (actor_cell.h) is followed
// as is, and where an async actor would suspend, the thread blocks in park();
// the producer that wins kReceiverWaiting calls Scheduler::wake, which
// unparks the thread. See SyncScheduler for why no wake-up is lost.
#ifndef HEPH_RUNTIME_RT_SYNC_ACTOR_H_
#define HEPH_RUNTIME_RT_SYNC_ACTOR_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "runtime/actor/actor_cell.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/context.h"
#include "runtime/actor/spawn.h"
#include "runtime/actor/supervisor.h"
#include "runtime/actor/task.h"
#include "runtime/rt/timers.h"

namespace heph {

class SyncActorHost;

namespace internal {

// The Scheduler of one sync actor: it owns one OS thread, which runs the actor
// function and blocks in park() while the inbox is empty.
//
// No lost wake-up: `token_` is 0 or 1. unpark() (any thread) stores 1 and
// then notifies; park() (owning thread) takes the token with an exchange and,
// finding none, waits while the token is still 0. std::atomic::wait compares
// the value atomically with going to sleep (a futex wait on Linux), so an
// unpark() whose store lands before the wait makes it return at once, and one
// whose store lands after it is followed by the notify that ends it. Wakes
// that arrive while the thread is awake merge into one token: park() may then
// return with nothing to receive, which its caller tolerates (it re-checks the
// inbox and parks again). The wakers are the producer that cleared
// kReceiverWaiting (exactly one per announcement, actor_cell.h) and cancel();
// all of them hold a reference to the cell, which owns this scheduler, so it
// outlives every unpark().
//
// Scheduler::wake from the owning thread would queue instead of unparking,
// but cannot happen: the actor is the only task here, and kReceiverWaiting is
// only up while its thread is blocked in park() (the cell clears it itself
// after every park, see SyncActorCell::receive_blocking).
class SyncScheduler final : public Scheduler {
 public:
  // Runs on the thread: the whole life of the actor (`task`).
  using Body = void (*)(Task* task);

  explicit SyncScheduler(Body body) : body_(body) {}
  // The thread must have been joined (or never started).
  ~SyncScheduler() override;
  SyncScheduler(const SyncScheduler&) = delete;
  SyncScheduler& operator=(const SyncScheduler&) = delete;

  // Owning thread: blocks until unpark() has been called since the last park().
  void park();
  // As park(), giving up at `deadline` (CLOCK_MONOTONIC): false if it did.
  bool park_until(MonoNanos deadline);
  // Any thread.
  void unpark();

  // Any thread: the actor's receives report "no more messages" from now on.
  void cancel();
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  // True once the thread has finished running the actor (it only has to
  // return then: join_thread() does not block for long).
  bool thread_done() const { return done_.load(std::memory_order_acquire); }
  // Not from the owning thread.
  void join_thread();

 protected:
  void wake_from_other_thread(Task*) override { unpark(); }
  // Starts the thread, which runs `body_(task)`.
  void adopt_task(Task* task) override;

 private:
  Body body_;
  std::thread thread_;
  std::atomic<std::uint32_t> token_{0};
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> done_{false};
};

// Names the calling thread after the actor (truncated; Linux only).
void SetSyncThreadName(std::string_view actor);

// The cell of a sync actor accepting M: an ActorCell<M> (so ActorRef<M>
// works unchanged) whose scheduler is its own SyncScheduler.
template <class M>
class SyncActorCell : public ActorCell<M> {
 public:
  // Owning thread. Blocks until a message arrives (returns it) or no
  // reference remains and the inbox is empty, or the actor is cancelled
  // (returns nullopt). The receive protocol of actor_cell.h, blocking.
  std::optional<M> receive_blocking() {
    for (;;) {
      if (sched_.cancelled()) return std::nullopt;
      if (std::optional<M> m = this->take_message()) return m;
      if (this->senders() == 0) {
        // Look again: a message the last reference sent just before it went
        // away is visible now (the sender count drop is acq_rel).
        return this->take_message();
      }
      // Announce (kReceiverWaiting, then re-check); park unless the re-check
      // found something and we took the announcement back ourselves.
      // kRetry (a producer's claimed slot is not published yet): loop.
      if (this->reannounce() == ActorCell<M>::Park::kParked) {
        sched_.park();
        // Woken by the producer that cleared kReceiverWaiting, by cancel(), or
        // by a token merged from an earlier wake. Take the announcement back if
        // it is still up: then no producer will wake us for it, and the bit is
        // never up while the actor runs. A producer racing with this clear
        // either wins the bit (and its wake is a harmless extra token) or its
        // message is seen by the next take_message()/reannounce() (its publish
        // precedes its own RMW on state_, which precedes our next fetch_or).
        this->state_.fetch_and(~ActorCellBase::kReceiverWaiting, std::memory_order_acq_rel);
      }
    }
  }

  // Owning thread. As receive_blocking, but gives up at `deadline`: a
  // message, kEmpty (the deadline passed), or kDisconnected.
  TryReceiveResult<M> receive_blocking_until(MonoNanos deadline) {
    for (;;) {
      TryReceiveResult<M> r = try_receive();
      if (r.has_value() || r.error() == ReceiveError::kDisconnected) return r;
      if (MonoNow() >= deadline) return r;  // kEmpty
      if (this->reannounce() == ActorCell<M>::Park::kParked) {
        sched_.park_until(deadline);
        // Woken, or the deadline passed: take the announcement back, as
        // receive_blocking does; the loop then looks once more.
        this->state_.fetch_and(~ActorCellBase::kReceiverWaiting, std::memory_order_acq_rel);
      }
    }
  }

  // Owning thread. Never blocks. Same results as Context::try_receive_next.
  TryReceiveResult<M> try_receive() {
    if (sched_.cancelled()) return TryReceiveResult<M>(ReceiveError::kDisconnected);
    return ActorCell<M>::try_receive();
  }

  SyncScheduler& sync_scheduler() { return sched_; }

 protected:
  SyncActorCell(std::string_view name, std::uint32_t capacity, SyncScheduler::Body body)
      : ActorCell<M>(name, capacity), sched_(body) {}
  ~SyncActorCell() override = default;

  // The Task interface. A sync actor is not run by a scheduler loop (its
  // thread calls the function directly), so run() is never called and
  // on_coroutine_done() only reports whether the actor has ended; abandon()
  // is a cancellation; forget() drops the scheduler's (the thread's) hold on
  // the cell.
  bool on_coroutine_done() override { return this->is_finished(); }
  void abandon() override { sched_.cancel(); }
  void forget() override { this->release(); }

  SyncScheduler sched_;
};

}  // namespace internal

// What a sync actor function receives first. Only the actor's own thread may
// use it (it is passed by reference and valid across restarts).
template <class M>
class SyncContext {
 public:
  using Message = M;

  explicit SyncContext(internal::SyncActorCell<M>* cell) : cell_(cell) {}
  SyncContext(const SyncContext&) = delete;
  SyncContext& operator=(const SyncContext&) = delete;

  // Blocks this thread until the next message. Returns nullopt ("no more
  // messages") once the inbox is empty and no reference to this actor
  // remains, or at once when the actor is cancelled (see the file comment).
  std::optional<M> receive_next() { return cell_->receive_blocking(); }

  // Blocks at most `timeout`: a message, kEmpty if none came in time, or
  // kDisconnected (no reference remains and the inbox is empty, or the actor
  // is cancelled).
  TryReceiveResult<M> receive_next(absl::Duration timeout) {
    return cell_->receive_blocking_until(MonoAfter(timeout, MonoNow()));
  }

  // Never blocks: a message, Empty, or Disconnected (no reference remains and
  // the inbox is empty, or the actor is cancelled).
  TryReceiveResult<M> try_receive_next() { return cell_->try_receive(); }

  // A new reference to this actor. (While it exists, receive_next() waits.)
  ActorRef<M> self() const { return ActorRef<M>::ForCell(cell_); }

  std::string_view name() const { return cell_->name(); }

  // True once the host asked the actor to end. Long blocking work may poll it.
  bool cancelled() const { return cell_->sync_scheduler().cancelled(); }

 private:
  internal::SyncActorCell<M>* cell_;
};

template <class M, class... Args>
using SyncActorFn = absl::Status (*)(SyncContext<M>&, Args...);

// Owns the threads of sync actors and counts them. The Runtime has one (see
// Runtime::spawn_sync); tests and tools may use their own.
//
// The destructor cancels the actors still running (see the file comment) and
// joins every thread. Threads of actors that ended are joined at the next
// spawn, so ended actors do not pile up.
class SyncActorHost {
 public:
  SyncActorHost() = default;
  // `on_started` runs (in SpawnSync) before an actor's thread starts;
  // `on_ended` runs on the actor's thread once it has ended for good (after
  // its joiners were woken). Either may be empty.
  SyncActorHost(std::function<void()> on_started, std::function<void()> on_ended)
      : on_started_(std::move(on_started)), on_ended_(std::move(on_ended)) {}
  ~SyncActorHost();
  SyncActorHost(const SyncActorHost&) = delete;
  SyncActorHost& operator=(const SyncActorHost&) = delete;

  // Waits until every sync actor spawned on this host (including those
  // spawned meanwhile) has ended, and joins their threads. Not from a sync
  // actor of this host.
  void join();

  // Cancels every running actor, and those spawned later.
  void cancel();

  // Sync actors spawned on this host that have not ended yet.
  std::size_t running() const { return running_.load(std::memory_order_acquire); }

  // --- for SpawnSync and the actors' threads ---
  // Counts the actor, retains `cell` for the host, starts the thread (through
  // Scheduler::adopt) and keeps it to join. `cell` must carry the
  // scheduler's and the senders' holds it is born with.
  void start(ActorCellBase* cell, internal::SyncScheduler& scheduler);
  // On the actor's thread, once it has ended.
  void actor_ended();

 private:
  struct Entry {
    ActorCellBase* cell;  // retained by the host until the thread is joined
    internal::SyncScheduler* scheduler;
    bool joining = false;  // a join() is joining it (reaping skips it)
  };
  // Under mu_: joins the threads of ended actors; returns the cells to release.
  std::vector<ActorCellBase*> reap_locked();

  std::function<void()> on_started_;
  std::function<void()> on_ended_;
  std::atomic<std::size_t> running_{0};
  std::mutex join_mu_;  // one join() at a time
  std::mutex mu_;
  std::vector<Entry> entries_;  // guarded by mu_
  bool cancel_all_ = false;     // guarded by mu_
};

namespace internal {

template <class M, class Sup, class... Args>
class SupervisedSyncCell final : public SyncActorCell<M> {
 public:
  using Fn = SyncActorFn<M, Args...>;

  SupervisedSyncCell(const SpawnOptions& options, SyncActorHost& host, Fn fn, Sup supervisor,
                     Args... args)
      : SyncActorCell<M>(options.name, InboxCapacityFor(options.inbox_capacity), &Body),
        host_(host),
        fn_(fn),
        supervisor_(std::move(supervisor)),
        args_(std::make_unique<std::tuple<Args...>>(std::move(args)...)) {}

 private:
  ~SupervisedSyncCell() override = default;
  void destroy_self() override { delete this; }

  static void Body(Task* task) { static_cast<SupervisedSyncCell*>(task)->run_actor(); }

  // The actor's whole life, on its thread.
  void run_actor() {
    SetSyncThreadName(this->name());
    SyncContext<M> ctx(this);
    // On the heap: restarts replace the arguments without needing Args to be
    // assignable (and GCC's -Wmaybe-uninitialized misfires on std::optional here).
    std::unique_ptr<std::tuple<Args...>> args = std::move(args_);
    for (;;) {
      absl::Status status;
      try {
        status = std::apply([&](Args&... a) { return fn_(ctx, std::move(a)...); }, *args);
      } catch (...) {
        status = StatusFromException(this->name(), std::current_exception());
      }
      if (status.ok() || this->sched_.cancelled()) break;
      SupervisorStrategy<Args...> decision = supervisor_(this->name(), status);
      if (!decision.is_restart()) break;
      args = std::make_unique<std::tuple<Args...>>(std::move(decision.restart_args()));
    }
    args.reset();
    // Ended for good: close the inbox, fail waiting senders, wake joiners,
    // destroy what is queued.
    this->finish();
    this->inbox_.drain();
    host_.actor_ended();
    this->forget();  // the host's hold keeps the cell until the thread is joined
  }

  SyncActorHost& host_;
  Fn fn_;
  [[no_unique_address]] Sup supervisor_;
  std::unique_ptr<std::tuple<Args...>> args_;  // the first run's, until it starts
};

}  // namespace internal

// Spawns a sync actor on `host`: `fn(ctx, args...)` runs on a new thread.
// Arguments are stored by value (Params), like Spawn's.
template <class M, class Sup, class... Params, class... A>
ActorRef<M> SpawnSync(SyncActorHost& host, const SpawnOptions& options, Sup supervisor,
                      SyncActorFn<M, Params...> fn, A&&... args) {
  using Cell = internal::SupervisedSyncCell<M, Sup, Params...>;
  auto* cell = new Cell(options, host, fn, std::move(supervisor), Params(std::forward<A>(args))...);
  ActorRef<M> ref = ActorRef<M>::AdoptNewCell(cell);
  host.start(cell, cell->sync_scheduler());
  return ref;
}

template <class M, class Sup, class... Params, class... A>
ActorRef<M> SpawnSync(SyncActorHost& host, Sup supervisor, SyncActorFn<M, Params...> fn,
                      A&&... args) {
  return SpawnSync(host, SpawnOptions{}, std::move(supervisor), fn, std::forward<A>(args)...);
}

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_SYNC_ACTOR_H_
