// Specification of the per-core runtime: workers, cross-worker messages,
// signals, termination and idling.
#include "runtime/rt/runtime.h"

#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/timer.h"

namespace heph {
namespace {

// Counts what it receives into `counts[value]`; ends when no reference remains.
Async<absl::Status> Tally(Context<std::uint32_t> ctx, std::vector<std::atomic<int>>* counts) {
  while (std::optional<std::uint32_t> m = co_await ctx.receive_next()) (*counts)[*m]++;
  co_return absl::OkStatus();
}

// Sends values [from, to) to a receiver chosen by value, waiting when full.
Async<absl::Status> Spray(Context<std::uint32_t>, std::vector<ActorRef<std::uint32_t>> to,
                          std::uint32_t from, std::uint32_t end) {
  for (std::uint32_t v = from; v < end; ++v) {
    absl::Status s = co_await to[v % to.size()].send(v);
    if (!s.ok()) co_return s;
  }
  co_return absl::OkStatus();
}

// The runtime suites run once per poller backend (see .ci/run); say which.
TEST(Runtime, PrintsItsPollerBackend) {
  std::printf("runtime poller backend: %.*s\n", static_cast<int>(Poller::kName.size()),
              Poller::kName.data());
  ::testing::Test::RecordProperty("poller_backend", std::string(Poller::kName));
  SUCCEED();
}

TEST(Runtime, StartReturnsOnceEveryActorHasEnded) {
  Runtime rt({.name = "ends", .workers = 2});
  std::vector<std::atomic<int>> counts(10);
  ActorRef<std::uint32_t> tally =
      rt.spawn(SpawnOptions{.inbox_capacity = 16}, StopSupervisor{}, &Tally, &counts);
  for (std::uint32_t i = 0; i < 10; ++i) ASSERT_TRUE(tally.try_send(i).ok());
  tally = {};
  ASSERT_TRUE(rt.start().ok());
  for (auto& c : counts) EXPECT_EQ(c.load(), 1);
  EXPECT_EQ(rt.live_actors(), 0);
}

// Regression (issue 13): braced options, as spawn.h shows them, did not
// compile with Runtime::spawn, spawn_on or spawn_sync.
absl::Status SyncTally(SyncContext<std::uint32_t>& ctx, std::vector<std::atomic<int>>* counts) {
  while (std::optional<std::uint32_t> m = ctx.receive_next()) (*counts)[*m].fetch_add(1);
  return absl::OkStatus();
}

TEST(Runtime, SpawnTakesBracedOptions) {
  Runtime rt({.name = "braced", .workers = 2});
  std::vector<std::atomic<int>> counts(3);
  ActorRef<std::uint32_t> a = rt.spawn({.name = "a", .inbox_capacity = 4}, StopSupervisor{}, &Tally, &counts);
  ActorRef<std::uint32_t> b = rt.spawn_on(1, {.name = "b"}, StopSupervisor{}, &Tally, &counts);
  ActorRef<std::uint32_t> c = rt.spawn_sync({.name = "c"}, StopSupervisor{}, &SyncTally, &counts);
  EXPECT_EQ(a.name(), "a");
  EXPECT_EQ(b.name(), "b");
  EXPECT_EQ(c.name(), "c");
  ASSERT_TRUE(a.try_send(0).ok());
  ASSERT_TRUE(b.try_send(1).ok());
  ASSERT_TRUE(c.try_send(2).ok());
  a = {};
  b = {};
  c = {};
  ASSERT_TRUE(rt.start().ok());
  for (auto& count : counts) EXPECT_EQ(count.load(), 1);
}

// Pinning uses the CPUs the process may run on (as taskset or a container
// restrict them), not CPU i of the machine.
TEST(Runtime, PinnedWorkersUseTheCpusTheProcessMayRunOn) {
  cpu_set_t before;
  ASSERT_EQ(sched_getaffinity(0, sizeof(before), &before), 0);
  if (CPU_COUNT(&before) < 2) GTEST_SKIP() << "needs two CPUs";
  unsigned last = 0;
  for (unsigned cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &before)) last = cpu;
  }
  cpu_set_t only_last;
  CPU_ZERO(&only_last);
  CPU_SET(last, &only_last);
  ASSERT_EQ(sched_setaffinity(0, sizeof(only_last), &only_last), 0);
  std::atomic<int> ran_on{-1};
  {
    Runtime rt({.name = "pinned", .workers = 2, .pin_workers = true});
    EXPECT_EQ(rt.pinned_cpu(0), last);
    EXPECT_EQ(rt.pinned_cpu(1), last);
    ActorRef<NoMessages> probe = rt.spawn_on(
        0, StopSupervisor{}, [](Context<NoMessages>, std::atomic<int>* out) -> Async<absl::Status> {
          out->store(sched_getcpu());
          co_return absl::OkStatus();
        },
        &ran_on);
    probe = {};
    EXPECT_TRUE(rt.start().ok());
  }
  ASSERT_EQ(sched_setaffinity(0, sizeof(before), &before), 0);
  EXPECT_EQ(ran_on.load(), static_cast<int>(last));
}

TEST(Runtime, MessagesBetweenManyActorsOnBothWorkersAreNeitherLostNorDuplicated) {
  constexpr std::uint32_t kValues = 200'000;
  Runtime rt({.name = "spread", .workers = 2});
  std::vector<std::atomic<int>> counts(kValues);
  std::vector<ActorRef<std::uint32_t>> receivers;
  for (int i = 0; i < 8; ++i) {
    receivers.push_back(rt.spawn_on(i % 2, SpawnOptions{.name = "tally", .inbox_capacity = 16},
                                    StopSupervisor{}, &Tally, &counts));
  }
  for (std::uint32_t s = 0; s < 4; ++s) {
    rt.spawn_on(s % 2, StopSupervisor{}, &Spray, receivers, s * kValues / 4, (s + 1) * kValues / 4);
  }
  receivers.clear();
  ASSERT_TRUE(rt.start().ok());
  for (std::uint32_t v = 0; v < kValues; ++v) ASSERT_EQ(counts[v].load(), 1) << v;
}

using Echo = RpcMessage<std::uint64_t, std::uint64_t>;

Async<absl::Status> EchoServer(Context<Echo> ctx) {
  while (std::optional<Echo> m = co_await ctx.receive_next()) m->response.respond(m->request + 1);
  co_return absl::OkStatus();
}

Async<absl::Status> Caller(Context<int>, ActorRef<Echo> server, std::uint64_t rounds,
                           std::atomic<std::uint64_t>* ok) {
  for (std::uint64_t i = 0; i < rounds; ++i) {
    absl::StatusOr<std::uint64_t> r = co_await server.rpc<std::uint64_t>(i);
    if (!r.ok()) co_return r.status();
    if (*r != i + 1) co_return absl::InternalError("wrong answer");
    ok->fetch_add(1);
  }
  co_return absl::OkStatus();
}

// Sized to stay quick under TSan; bench/cross_worker_rpc is the long run.
TEST(Runtime, CrossWorkerRequestResponseStressNeverHangs) {
  Runtime rt({.name = "rpc", .workers = 2});
  std::atomic<std::uint64_t> ok{0};
  ActorRef<Echo> server = rt.spawn_on(1, StopSupervisor{}, &EchoServer);
  for (int c = 0; c < 4; ++c) rt.spawn_on(0, StopSupervisor{}, &Caller, server, 5'000, &ok);
  server = {};
  ASSERT_TRUE(rt.start().ok());
  EXPECT_EQ(ok.load(), 20'000u);
}

TEST(Runtime, SleepingWorkersAreWokenBySendsFromAPlainThread) {
  Runtime rt({.name = "woken", .workers = 2});
  std::vector<std::atomic<int>> counts(1000);
  ActorRef<std::uint32_t> a = rt.spawn_on(0, StopSupervisor{}, &Tally, &counts);
  ActorRef<std::uint32_t> b = rt.spawn_on(1, StopSupervisor{}, &Tally, &counts);
  std::thread sender([a = std::move(a), b = std::move(b)]() mutable {
    for (std::uint32_t v = 0; v < 1000; ++v) {
      std::this_thread::sleep_for(std::chrono::microseconds(v % 10 == 0 ? 500 : 0));
      ActorRef<std::uint32_t>& to = v % 2 ? a : b;
      while (!to.try_send(v).ok()) std::this_thread::yield();
    }
  });  // its references go when it ends
  ASSERT_TRUE(rt.start().ok());
  sender.join();
  for (auto& c : counts) ASSERT_EQ(c.load(), 1);
}

// A message whose first move (the one that builds it in the inbox slot, after
// the slot was claimed) waits until `release` is set: its producer has claimed
// a position but not published it.
struct SlowToPublish {
  SlowToPublish(int v, std::atomic<bool>* building, std::atomic<bool>* release)
      : value(v), building_(building), release_(release) {}
  SlowToPublish(SlowToPublish&& other) noexcept : value(other.value) {
    if (other.building_ != nullptr) {  // only the first move waits
      other.building_->store(true);
      while (!other.release_->load()) std::this_thread::yield();
    }
  }
  int value;

 private:
  std::atomic<bool>* building_ = nullptr;
  std::atomic<bool>* release_ = nullptr;
};

Async<absl::Status> Record(Context<SlowToPublish> ctx, std::vector<int>* got) {
  while (std::optional<SlowToPublish> m = co_await ctx.receive_next()) got->push_back(m->value);
  co_return absl::OkStatus();
}

TEST(Runtime, AReceiverWokenBehindAClaimedButUnpublishedSlotWaitsForIt) {
  Runtime rt({.name = "unpublished", .workers = 1});
  std::vector<int> got;
  ActorRef<SlowToPublish> receiver = rt.spawn(StopSupervisor{}, &Record, &got);
  std::atomic<bool> building{false};
  std::atomic<bool> release{false};
  // First producer: claims position 0, then stalls while building it.
  std::thread slow([to = receiver, &building, &release]() mutable {
    ASSERT_TRUE(to.try_send(SlowToPublish(1, &building, &release)).ok());
  });
  while (!building.load()) std::this_thread::yield();
  // Second producer: publishes position 1 and wakes the receiver, whose head
  // (position 0) is claimed but empty. It must neither report "no more
  // messages" nor park for good: the first producer never saw it waiting.
  std::thread fast([to = receiver]() mutable {
    ASSERT_TRUE(to.try_send(SlowToPublish(2, nullptr, nullptr)).ok());
  });
  receiver = {};
  std::thread releaser([&release] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    release.store(true);
  });
  ASSERT_TRUE(rt.start().ok());
  slow.join();
  fast.join();
  releaser.join();
  EXPECT_EQ(got, (std::vector<int>{1, 2}));
}

Async<absl::Status> Thrower(Context<int>) {
  throw std::runtime_error("boom");
  co_return absl::OkStatus();
}

TEST(Runtime, AThrowingActorDoesNotDisturbTheOthers) {
  Runtime rt({.name = "throw", .workers = 2});
  std::atomic<std::uint64_t> ok{0};
  rt.spawn_on(0, SpawnOptions{.name = "thrower"}, SilentStopSupervisor{}, &Thrower);
  ActorRef<Echo> server = rt.spawn_on(1, StopSupervisor{}, &EchoServer);
  rt.spawn_on(0, StopSupervisor{}, &Caller, server, 1000, &ok);
  server = {};
  ASSERT_TRUE(rt.start().ok());
  EXPECT_EQ(ok.load(), 1000u);
}

Async<absl::Status> Forever(Context<int> ctx) {
  while (std::optional<int> m = co_await ctx.receive_next()) {
  }
  co_return absl::OkStatus();
}

// A worker fails when its own machinery fails (here: a timer callback that
// throws, standing in for a poller error); start() must say which and why.
Async<absl::Status> BreakMyWorker(Context<int>, TimerEntry* entry) {
  entry->fire = [](TimerEntry*) { throw std::runtime_error("injected worker fault"); };
  Worker::current()->add_timer(MonoNow(), entry);
  co_return absl::OkStatus();
}

TEST(Runtime, AFailingWorkerMakesStartReturnAnErrorNamingIt) {
  Runtime rt({.name = "faulty", .workers = 2});
  TimerEntry entry;
  ActorRef<int> forever = rt.spawn_on(1, StopSupervisor{}, &Forever);  // keeps the runtime up
  rt.spawn_on(0, StopSupervisor{}, &BreakMyWorker, &entry);
  absl::Status s = rt.start();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("worker 0 failed"), std::string_view::npos) << s;
  EXPECT_NE(s.message().find("injected worker fault"), std::string_view::npos) << s;
}

// --- signals ---

Async<absl::Status> SignalRecorder(Context<Signal> ctx, std::vector<Signal>* got, int expected) {
  while (static_cast<int>(got->size()) < expected) {
    std::optional<Signal> s = co_await ctx.receive_next();
    if (!s) break;
    got->push_back(*s);
  }
  co_return absl::OkStatus();
}

Async<absl::Status> Raiser(Context<int>, std::vector<int> signals) {
  co_await Sleep(absl::Milliseconds(20));
  for (int s : signals) kill(getpid(), s);  // process-directed: the coordinator reads it
  co_return absl::OkStatus();
}

TEST(Signals, AreDeliveredExactlyOnceToEveryRegisteredActor) {
  Runtime rt({.name = "signals", .workers = 2});
  std::vector<Signal> a_got, b_got;
  ActorRef<Signal> a = rt.spawn_on(0, StopSupervisor{}, &SignalRecorder, &a_got, 2);
  ActorRef<Signal> b = rt.spawn_on(1, StopSupervisor{}, &SignalRecorder, &b_got, 2);
  rt.receive_signals(a);
  rt.receive_signals(b);
  rt.receive_signals(b);  // registering twice does not duplicate delivery
  a = {};
  b = {};
  rt.spawn_on(0, StopSupervisor{}, &Raiser, std::vector<int>{SIGUSR1, SIGHUP});
  ASSERT_TRUE(rt.start().ok());
  // Standard signals are not queued in order: compare as sets.
  std::vector<Signal> expected = {Signal::kHangup, Signal::kUser1};
  std::sort(a_got.begin(), a_got.end());
  std::sort(b_got.begin(), b_got.end());
  EXPECT_EQ(a_got, expected);
  EXPECT_EQ(b_got, expected);
}

absl::Status SyncSignalRecorder(SyncContext<Signal>& ctx, std::vector<Signal>* got, int expected) {
  while (static_cast<int>(got->size()) < expected) {
    std::optional<Signal> s = ctx.receive_next();
    if (!s) break;
    got->push_back(*s);
  }
  return absl::OkStatus();
}

TEST(Signals, ReachSyncActorsExactlyOnceToo) {
  Runtime rt({.name = "sync-signals", .workers = 2});
  std::vector<Signal> got;
  ActorRef<Signal> sync = rt.spawn_sync(StopSupervisor{}, &SyncSignalRecorder, &got, 2);
  rt.receive_signals(sync);
  sync = {};
  rt.spawn(StopSupervisor{}, &Raiser, std::vector<int>{SIGUSR2, SIGQUIT});
  ASSERT_TRUE(rt.start().ok());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<Signal>{Signal::kQuit, Signal::kUser2}));
}

TEST(Signals, AnExitSignalWithoutReceiversStopsTheRuntimeWithAnError) {
  Runtime rt({.name = "exit", .workers = 2});
  ActorRef<int> forever = rt.spawn(StopSupervisor{}, &Forever);  // never ends by itself
  rt.spawn(StopSupervisor{}, &Raiser, std::vector<int>{SIGTERM});
  absl::Status s = rt.start();
  EXPECT_TRUE(absl::IsCancelled(s)) << s;
  EXPECT_NE(s.message().find("SIGTERM"), std::string_view::npos) << s;
}

// A Runtime captures the runtime's signals from its construction: one sent
// before start() waits and is delivered once start() runs (before the fix it
// took its default action and killed this test).
TEST(Signals, ASignalSentBeforeStartIsDeliveredOnceStarted) {
  Runtime rt({.name = "early", .workers = 2});
  std::vector<Signal> got;
  ActorRef<Signal> a = rt.spawn(StopSupervisor{}, &SignalRecorder, &got, 1);
  rt.receive_signals(a);
  a = {};
  kill(getpid(), SIGUSR1);  // before start(): nobody reads signals yet
  ASSERT_TRUE(rt.start().ok());
  EXPECT_EQ(got, std::vector<Signal>{Signal::kUser1});
}

bool Blocked(int signo) {
  sigset_t mask;
  pthread_sigmask(SIG_BLOCK, nullptr, &mask);
  return sigismember(&mask, signo) == 1;
}

bool Pending(int signo) {
  sigset_t pending;
  sigpending(&pending);
  return sigismember(&pending, signo) == 1;
}

// Threads created after the Runtime (its workers, and any of the user's)
// inherit the blocked signals.
TEST(Signals, TheConstructorBlocksTheSignalsOnItsThreadSoLaterThreadsInheritThem) {
  ASSERT_FALSE(Blocked(SIGTERM));
  Runtime rt({.name = "mask", .workers = 1});
  for (int s : {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2}) EXPECT_TRUE(Blocked(s)) << s;
  bool in_thread = false;
  std::thread([&] { in_thread = Blocked(SIGTERM) && Blocked(SIGUSR2); }).join();
  EXPECT_TRUE(in_thread);
}

// A Runtime destroyed without start() (or after start() returned) drops the
// signals nobody read, then unblocks what it blocked: the process survives
// and its mask is as before.
TEST(Signals, ARuntimeDestroyedWithoutStartDropsItsSignalsAndRestoresTheMask) {
  ASSERT_FALSE(Blocked(SIGUSR2));
  {
    Runtime rt({.name = "never-started", .workers = 1});
    kill(getpid(), SIGUSR2);
    EXPECT_TRUE(Pending(SIGUSR2));
  }
  EXPECT_FALSE(Pending(SIGUSR2));
  EXPECT_FALSE(Blocked(SIGUSR2));
}

TEST(Signals, ASignalAfterStartReturnedIsDroppedByTheDestructor) {
  {
    Runtime rt({.name = "late", .workers = 1});
    ASSERT_TRUE(rt.start().ok());  // no actors: returns at once
    kill(getpid(), SIGTERM);       // after start(): kept blocked, not fatal
    EXPECT_TRUE(Pending(SIGTERM));
  }
  EXPECT_FALSE(Pending(SIGTERM));
  EXPECT_FALSE(Blocked(SIGTERM));
}

// Runtimes nested on one thread: the inner one's destruction leaves the
// signals blocked for the outer one.
TEST(Signals, NestedRuntimesKeepTheSignalsBlockedUntilTheOutermostGoes) {
  {
    Runtime outer({.name = "outer", .workers = 1});
    { Runtime inner({.name = "inner", .workers = 1}); }
    EXPECT_TRUE(Blocked(SIGINT));
  }
  EXPECT_FALSE(Blocked(SIGINT));
}

Async<absl::Status> StopOnTerminate(Context<Signal> ctx, std::atomic<bool>* saw) {
  while (std::optional<Signal> s = co_await ctx.receive_next()) {
    if (*s == Signal::kTerminate) {
      saw->store(true);
      co_return absl::OkStatus();
    }
  }
  co_return absl::OkStatus();
}

TEST(Runtime, GracefulStopReachesRegisteredActorsAsAMessage) {
  Runtime rt({.name = "graceful", .workers = 2});
  std::atomic<bool> saw{false};
  ActorRef<Signal> a = rt.spawn(StopSupervisor{}, &StopOnTerminate, &saw);
  rt.receive_signals(a);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    rt.stop();
  });
  a = {};
  ASSERT_TRUE(rt.start().ok());
  stopper.join();
  EXPECT_TRUE(saw.load());
}

// Sends `first` (a signal, or 0 for rt->stop()), waits until the receiver
// has seen kTerminate (the graceful stop is under way), then sends `second`.
Async<absl::Status> StopTwice(Context<int>, Runtime* rt, int first, int second,
                              std::atomic<bool>* saw) {
  if (first == 0) {
    rt->stop();
  } else {
    kill(getpid(), first);
  }
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (!saw->load() && absl::Now() < deadline) co_await Sleep(absl::Milliseconds(1));
  kill(getpid(), second);
  co_return absl::OkStatus();
}

// The first exit signal begins the graceful stop: the receiver (think of a
// server's listener) ends, another actor (an open connection) goes on. The
// second forces the stop, and start() says what happened.
TEST(Signals, ASecondExitSignalDuringTheGracefulStopForcesAnImmediateStop) {
  Runtime rt({.name = "forced", .workers = 2});
  std::atomic<bool> saw{false};
  ActorRef<Signal> listener = rt.spawn(StopSupervisor{}, &StopOnTerminate, &saw);
  rt.receive_signals(listener);
  listener = {};
  ActorRef<int> connection = rt.spawn(StopSupervisor{}, &Forever);  // never ends by itself
  rt.spawn(StopSupervisor{}, &StopTwice, &rt, SIGTERM, SIGTERM, &saw);
  absl::Status s = rt.start();
  EXPECT_TRUE(saw.load());
  EXPECT_TRUE(absl::IsCancelled(s)) << s;
  EXPECT_NE(s.message().find("received SIGTERM during the graceful stop begun by SIGTERM; "
                             "stopping at once"),
            std::string_view::npos)
      << s;
  EXPECT_NE(s.message().find("abandoning"), std::string_view::npos) << s;
  EXPECT_EQ(s.message().find("no actor is registered"), std::string_view::npos) << s;
}

TEST(Signals, AnExitSignalAfterStopForcesTheStop) {
  Runtime rt({.name = "forced-after-stop", .workers = 2});
  std::atomic<bool> saw{false};
  ActorRef<Signal> listener = rt.spawn(StopSupervisor{}, &StopOnTerminate, &saw);
  rt.receive_signals(listener);
  listener = {};
  ActorRef<int> connection = rt.spawn(StopSupervisor{}, &Forever);
  rt.spawn(StopSupervisor{}, &StopTwice, &rt, 0, SIGINT, &saw);
  absl::Status s = rt.start();
  EXPECT_TRUE(absl::IsCancelled(s)) << s;
  EXPECT_NE(s.message().find("received SIGINT during the graceful stop begun by stop()"),
            std::string_view::npos)
      << s;
}

// --- idling ---

Async<absl::Status> IdleUntilNudged(Context<int> ctx) {
  std::optional<int> m = co_await ctx.receive_next();
  co_return m ? absl::OkStatus() : absl::OkStatus();
}

TEST(Runtime, AnIdleRuntimeSleeps) {
  Runtime rt({.name = "idle", .workers = 2});
  std::vector<ActorRef<int>> actors;
  for (int i = 0; i < 10'000; ++i) actors.push_back(rt.spawn(StopSupervisor{}, &IdleUntilNudged));
  double cpu_percent = -1;
  std::thread observer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let it settle
    rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    getrusage(RUSAGE_SELF, &r1);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    auto secs = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
    const double cpu = secs(r1.ru_utime) - secs(r0.ru_utime) + secs(r1.ru_stime) - secs(r0.ru_stime);
    cpu_percent = 100.0 * cpu / wall;
    for (auto& a : actors) (void)a.try_send(1);
    actors.clear();
  });
  ASSERT_TRUE(rt.start().ok());
  observer.join();
  std::printf("idle runtime: %.3f%% of one CPU over 0.5 s (2 workers, 10k idle actors)\n", cpu_percent);
  EXPECT_LT(cpu_percent, 1.0);
}

}  // namespace
}  // namespace heph
