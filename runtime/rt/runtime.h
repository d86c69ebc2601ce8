// runtime.h — the Runtime: a coordinator and N workers (one per CPU by
// default), each with its own poller, timers and ready queue. Actors stay on
// the worker they were spawned on; references work from any thread.
//
//   heph::Runtime runtime({.name = "hello", .workers = 2});
//   auto ref = runtime.spawn(heph::StopSupervisor{}, &Greeter, std::string("Hello"));
//   runtime.receive_signals(some_actor_ref);    // INT, TERM, ... as messages
//   absl::Status s = runtime.start();           // returns once every actor ended
//
// Placement: Runtime::spawn picks workers round robin; spawn_on(i, ...) picks
// worker i; inside an actor, heph::Spawn(ctx.scheduler(), ...) stays on the
// actor's own worker.
//
// start() runs the coordinator on the calling thread: it starts the workers,
// turns process signals (INT, TERM, QUIT, HUP, USR1, USR2) into Signal
// messages for every registered actor (each signal exactly once to each), and
// returns when every actor has ended, after stop(), or with an error naming
// what failed (a worker, an exit signal that no actor was registered for, or
// a second exit signal that forced the stop).
//
// Exit signals and the graceful stop. The first exit signal (INT, TERM,
// QUIT) or stop() begins a graceful stop: the registered actors receive it
// and start() returns once every actor has ended (exit signals with no
// running receiver stop at once, with a Cancelled error saying so). A SECOND
// exit signal during the graceful stop forces the stop: start() stops the
// workers at once, abandoning the actors still running, and returns
// Cancelled: "received SIGTERM during the graceful stop begun by SIGTERM;
// stopping at once (a second exit signal forces the stop), abandoning N
// actors still running". The second signal is not delivered to actors.
// stop() during a graceful stop changes nothing (it never forces).
//
// Signals are captured from construction. The constructor blocks the
// runtime's signals on the constructing thread, before any thread of the
// runtime exists (workers and threads created later inherit the mask; sync
// actors block them too), and opens the signal source (a signalfd). So no
// signal sent while the Runtime exists takes its default action: one sent
// before start() waits and is delivered once start() runs. THE RULE:
// construct the Runtime first in main(), before any other thread. A thread
// created earlier does not block the signals and the kernel may pick it for
// one, whose default action then kills the process; such a thread must call
// heph::BlockRuntimeSignals() (signals.h) itself. If start() is called on
// another thread, it blocks the signals there too (they stay blocked there).
// Signals that arrive after start() returned, or to a Runtime destroyed
// without start(), go nowhere: the destructor consumes them (one line on
// stderr each: "... SIGTERM arrived after start() returned; dropped") and then
// unblocks, on the constructing thread if it runs there, the signals the
// constructor blocked (Runtimes nested on one thread: when the outermost
// goes). Have one Runtime at a time: two alive at once share the signals
// (each goes to one of them). A blocked mask survives exec: heph::ChildProcess
// starts children with none blocked; a program that forks or spawns processes
// itself should do the same (posix_spawnattr_setsigmask).
#ifndef HEPH_RUNTIME_RT_RUNTIME_H_
#define HEPH_RUNTIME_RT_RUNTIME_H_

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/sync_actor.h"
#include "runtime/rt/worker.h"

namespace heph {

// A process signal (or a stop request, as kTerminate) delivered to actors.
enum class Signal : std::uint8_t { kInterrupt, kTerminate, kQuit, kHangup, kUser1, kUser2 };

std::string_view SignalName(Signal s);
// INT, TERM and QUIT ask the process to exit.
inline bool IsExitSignal(Signal s) {
  return s == Signal::kInterrupt || s == Signal::kTerminate || s == Signal::kQuit;
}

struct RuntimeOptions {
  std::string name = "heph";
  // 0: one per CPU.
  std::uint32_t workers = 0;
  // Pin worker i to the i-th CPU the process may run on (modulo their
  // number; see sched_getaffinity). A worker that cannot be pinned says so
  // on stderr and runs unpinned.
  bool pin_workers = false;
  // Fairness and idling knobs of every worker (see worker.h).
  WorkerOptions worker;
};

class Runtime {
 public:
  explicit Runtime(RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const std::string& name() const { return options_.name; }
  std::uint32_t worker_count() const { return static_cast<std::uint32_t>(workers_.size()); }
  Worker& worker(std::uint32_t i) { return *workers_[i]; }
  // The CPU worker `i` runs pinned to (RuntimeOptions::pin_workers: the i-th
  // allowed CPU, modulo their number), or nullopt when workers are not pinned.
  std::optional<unsigned> pinned_cpu(std::uint32_t i) const;

  // Spawns on the next worker, round robin (see spawn.h for the arguments;
  // options may be braced: spawn({.name = "x"}, supervisor, &Fn, args...)).
  template <class... A>
  auto spawn(A&&... args) {
    return Spawn(next_worker(), std::forward<A>(args)...);
  }
  template <class... A>
  auto spawn(const SpawnOptions& options, A&&... args) {
    return Spawn(next_worker(), options, std::forward<A>(args)...);
  }
  // Spawns on worker `i`.
  template <class... A>
  auto spawn_on(std::uint32_t i, A&&... args) {
    return Spawn(*workers_[i % worker_count()], std::forward<A>(args)...);
  }
  template <class... A>
  auto spawn_on(std::uint32_t i, const SpawnOptions& options, A&&... args) {
    return Spawn(*workers_[i % worker_count()], options, std::forward<A>(args)...);
  }

  // Spawns a thread-safe actor: it may run on any worker, from the shared
  // queue (shared_queue.h): one worker at a time, never concurrently with
  // itself, never moving during a run. Same ActorRef, same supervision. It
  // cannot use timers or asynchronous I/O (they are per worker).
  template <class... A>
  auto spawn_thread_safe(A&&... args) {
    return Spawn(shared_queue_, std::forward<A>(args)...);
  }
  template <class... A>
  auto spawn_thread_safe(const SpawnOptions& options, A&&... args) {
    return Spawn(shared_queue_, options, std::forward<A>(args)...);
  }

  // Spawns a sync actor: the function runs on its own OS thread, at once (see
  // sync_actor.h; options, if any, as heph::SpawnOptions{...}). It counts as a
  // live actor until it ends. The Runtime's destructor cancels the sync
  // actors still running and joins their threads.
  template <class... A>
  auto spawn_sync(A&&... args) {
    return SpawnSync(sync_actors_, std::forward<A>(args)...);
  }
  template <class... A>
  auto spawn_sync(const SpawnOptions& options, A&&... args) {
    return SpawnSync(sync_actors_, options, std::forward<A>(args)...);
  }

  // The worker the next spawn() uses (round robin).
  Worker& next_worker() {
    return *workers_[next_worker_.fetch_add(1, std::memory_order_relaxed) % worker_count()];
  }

  // `ref` receives every process signal (and stop requests, as kTerminate)
  // from now on, each exactly once, except an exit signal that forces a
  // graceful stop (see the top of this file). M must be constructible from
  // Signal.
  template <class M>
  void receive_signals(const ActorRef<M>& ref) {
    if constexpr (std::is_same_v<M, Signal>) {
      add_signal_receiver(ref);
    } else {
      add_signal_receiver(ref.template map<Signal>());
    }
  }

  // Runs the workers and the coordinator until every actor has ended, stop()
  // or an error. Call once.
  absl::Status start();

  // Any thread. Graceful: registered actors receive kTerminate and the
  // runtime ends when they (and every other actor) end. Without registered
  // actors it stops at once, abandoning the actors still running. An exit
  // signal after it forces the stop (see the top of this file); a second
  // stop() does not.
  void stop();

  // Actors currently alive on all workers (spawned, not ended).
  std::int64_t live_actors() const { return live_.load(std::memory_order_acquire); }

 private:
  void add_signal_receiver(ActorRef<Signal> ref);
  // Delivers `s` to every receiver; false if there was no connected receiver.
  bool deliver_signal(Signal s);
  void retry_pending_signals();
  void wake_coordinator();
  void stop_workers();
  // Sync actors count in `live_` like the workers' tasks. Reaching zero ends
  // start() (as the workers' on_zero does), but only once start() began: a
  // sync actor may end before start(), which then sees live_ == 0 itself or
  // runs the actors spawned meanwhile.
  void sync_actor_started() { live_.fetch_add(1, std::memory_order_seq_cst); }
  void sync_actor_ended() {
    if (live_.fetch_sub(1, std::memory_order_seq_cst) == 1 &&
        started_.load(std::memory_order_seq_cst)) {
      all_ended_.store(true, std::memory_order_release);
      wake_coordinator();
    }
  }

  RuntimeOptions options_;
  // Thread-safe actors' scheduler, served by every worker. Declared before
  // the workers, so it outlives them; the destructor shuts it down first
  // (abandoning its actors may wake the workers').
  SharedQueue shared_queue_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<std::uint32_t> next_worker_{0};
  std::atomic<std::int64_t> live_{0};
  std::atomic<bool> all_ended_{false};
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> started_{false};
  std::unique_ptr<Poller> coordinator_poller_;
  // The signal source (a signalfd), created by the constructor; its error, if
  // any, is start()'s.
  int signal_fd_ = -1;
  absl::Status signal_source_error_;
  // The thread that constructed this Runtime and the runtime signals it
  // blocked there (those not blocked already); the destructor unblocks them.
  pthread_t constructing_thread_{};
  sigset_t blocked_here_{};

  std::mutex signals_mu_;
  std::vector<ActorRef<Signal>> signal_receivers_;
  // Signals not yet accepted by a receiver whose inbox was full.
  std::vector<std::pair<ActorRef<Signal>, Signal>> pending_signals_;

  // Last: destroyed first, while the coordinator's poller (which the ended
  // hook wakes) and the signal receivers still exist.
  SyncActorHost sync_actors_{[this] { sync_actor_started(); }, [this] { sync_actor_ended(); }};
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_RUNTIME_H_
