// Specification of sync actors: an actor on its own OS thread with a blocking
// receive, reached through ActorRef and supervised like an async actor.
#include "runtime/rt/sync_actor.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace heph {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// Polls `pred` until it holds or 20 s pass.
template <class Pred>
bool WaitFor(Pred pred) {
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (!pred()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return true;
}

// --- a summing sync actor ---------------------------------------------------

struct SumResult {
  std::atomic<std::uint64_t> sum{0};
  std::atomic<std::uint64_t> count{0};
  std::atomic<bool> saw_end{false};
};

absl::Status Sum(SyncContext<std::uint64_t>& ctx, SumResult* out) {
  while (std::optional<std::uint64_t> m = ctx.receive_next()) {
    out->sum.fetch_add(*m, std::memory_order_relaxed);
    out->count.fetch_add(1, std::memory_order_release);
  }
  out->saw_end.store(true, std::memory_order_release);
  return absl::OkStatus();
}

// --- timed receive (issue 13, trap 2) ---------------------------------------

struct TimedOutcomes {
  std::mutex mu;
  std::vector<std::string> seen;
  std::vector<std::int64_t> waited_ms;
};

// Timed receives of 40 ms until disconnected or `max` receives.
absl::Status TimedSync(SyncContext<std::uint64_t>& ctx, TimedOutcomes* out, int max) {
  for (int i = 0; i < max; ++i) {
    const auto start = Clock::now();
    TryReceiveResult<std::uint64_t> r = ctx.receive_next(absl::Milliseconds(40));
    const auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
    std::lock_guard<std::mutex> lock(out->mu);
    out->waited_ms.push_back(waited);
    if (r) {
      out->seen.push_back("message " + std::to_string(*r));
    } else if (r.error() == ReceiveError::kEmpty) {
      out->seen.push_back("timed out");
    } else {
      out->seen.push_back("disconnected");
      break;
    }
  }
  return absl::OkStatus();
}

TEST(SyncActor, TimedReceiveGivesAMessageTimesOutNeverEarlyAndReportsDisconnected) {
  SyncActorHost host;
  TimedOutcomes out;
  ActorRef<std::uint64_t> ref = SpawnSync(host, StopSupervisor{}, &TimedSync, &out, 10);
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(out.mu);
    return out.seen.size() == 1;  // the first receive timed out
  }));
  ASSERT_TRUE(ref.try_send(5).ok());
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(out.mu);
    return std::find(out.seen.begin(), out.seen.end(), "message 5") != out.seen.end();
  }));
  ref = {};
  host.join();
  std::lock_guard<std::mutex> lock(out.mu);
  ASSERT_GE(out.seen.size(), 3u);
  EXPECT_EQ(out.seen.front(), "timed out");
  EXPECT_GE(out.waited_ms.front(), 40) << "timed out early";
  EXPECT_EQ(out.seen.back(), "disconnected");
  EXPECT_NE(std::find(out.seen.begin(), out.seen.end(), "message 5"), out.seen.end());
}

TEST(SyncActor, PlainThreadWakesIt) {
  SyncActorHost host;
  SumResult result;
  ActorRef<std::uint64_t> ref =
      SpawnSync(host, SpawnOptions{.name = "sum", .inbox_capacity = 4}, StopSupervisor{}, &Sum,
                &result);
  constexpr std::uint64_t kN = 20000;
  std::thread producer([target = ref] {
    // Let the actor block in receive first.
    std::this_thread::sleep_for(milliseconds(20));
    for (std::uint64_t i = 1; i <= kN; ++i) {
      std::uint64_t m = i;
      for (;;) {
        TrySendResult<std::uint64_t> r = target.try_send(m);
        if (r.ok()) break;
        ASSERT_EQ(r.error(), SendError::kFull);
        std::this_thread::yield();
      }
      // Now and then let the actor drain the inbox and block again.
      if (i % 1000 == 0) std::this_thread::sleep_for(milliseconds(1));
    }
  });
  producer.join();
  ASSERT_TRUE(WaitFor([&] { return result.count.load(std::memory_order_acquire) == kN; }));
  EXPECT_FALSE(result.saw_end.load());  // `ref` still exists
  EXPECT_EQ(host.running(), 1u);
  ref = {};
  host.join();
  EXPECT_TRUE(result.saw_end.load());
  EXPECT_EQ(result.sum.load(), kN * (kN + 1) / 2);
  EXPECT_EQ(host.running(), 0u);
}

TEST(SyncActor, ReceiveReturnsNulloptOnceEveryReferenceIsGone) {
  SyncActorHost host;
  SumResult result;
  ActorRef<std::uint64_t> ref = SpawnSync(host, StopSupervisor{}, &Sum, &result);
  ActorRef<std::uint64_t> copy = ref;
  ASSERT_TRUE(ref.try_send(5).ok());
  ASSERT_TRUE(WaitFor([&] { return result.count.load() == 1; }));

  ref = {};
  std::this_thread::sleep_for(milliseconds(30));
  EXPECT_FALSE(result.saw_end.load()) << "a reference remains: receive must keep waiting";
  EXPECT_EQ(host.running(), 1u);

  // The last reference goes away on another thread while the actor is blocked.
  std::thread([c = std::move(copy)]() mutable { c = {}; }).join();
  ASSERT_TRUE(WaitFor([&] { return result.saw_end.load(); }));
  host.join();
  EXPECT_EQ(result.sum.load(), 5u);
}

// A message sent by the last reference just before it goes away is received
// before "no more messages".
TEST(SyncActor, MessagesSentBeforeTheLastReferenceLeftAreReceived) {
  for (int round = 0; round < 200; ++round) {
    SyncActorHost host;
    SumResult result;
    ActorRef<std::uint64_t> ref = SpawnSync(host, StopSupervisor{}, &Sum, &result);
    std::thread([r = std::move(ref)]() mutable {
      ASSERT_TRUE(r.try_send(1).ok());
      ASSERT_TRUE(r.try_send(2).ok());
      r = {};
    }).join();
    host.join();
    ASSERT_TRUE(result.saw_end.load());
    ASSERT_EQ(result.sum.load(), 3u) << "round " << round;
  }
}

struct TryLog {
  std::atomic<int> phase{0};
  std::vector<std::string> seen;  // written by the actor, read after join
};

absl::Status TryReceiver(SyncContext<int>& ctx, TryLog* log) {
  auto describe = [](TryReceiveResult<int>& r) -> std::string {
    if (r) return std::to_string(*r);
    return r.error() == ReceiveError::kEmpty ? "empty" : "disconnected";
  };
  TryReceiveResult<int> first = ctx.try_receive_next();
  log->seen.push_back(describe(first));
  log->phase.store(1, std::memory_order_release);
  for (;;) {
    TryReceiveResult<int> r = ctx.try_receive_next();
    if (!r && r.error() == ReceiveError::kEmpty) {
      std::this_thread::yield();
      continue;
    }
    log->seen.push_back(describe(r));
    if (!r) break;
  }
  return absl::OkStatus();
}

TEST(SyncActor, TryReceiveReportsEmptyMessageThenDisconnected) {
  SyncActorHost host;
  TryLog log;
  ActorRef<int> ref = SpawnSync(host, StopSupervisor{}, &TryReceiver, &log);
  ASSERT_TRUE(WaitFor([&] { return log.phase.load(std::memory_order_acquire) == 1; }));
  ASSERT_TRUE(ref.try_send(7).ok());
  ref = {};
  host.join();
  EXPECT_EQ(log.seen, (std::vector<std::string>{"empty", "7", "disconnected"}));
}

// --- supervision -------------------------------------------------------------

struct GenLog {
  std::atomic<bool> go{false};
  std::mutex mu;
  std::vector<std::pair<int, int>> got;  // (generation, message)
  std::vector<std::string> errors;       // "actor: message", as the supervisor saw them
};

// Generation 0 waits for `go`, takes one message and fails; later generations
// take everything.
absl::Status Generational(SyncContext<int>& ctx, int generation, GenLog* log) {
  if (generation == 0) {
    while (!log->go.load(std::memory_order_acquire)) std::this_thread::sleep_for(milliseconds(1));
  }
  while (std::optional<int> m = ctx.receive_next()) {
    {
      std::lock_guard<std::mutex> lock(log->mu);
      log->got.emplace_back(generation, *m);
    }
    if (generation == 0) return absl::InternalError("generation 0 gives up");
    if (*m < 0) throw std::runtime_error("negative message");
  }
  return absl::OkStatus();
}

// Restarts once, with the next generation; stops after that.
struct RestartOnce {
  GenLog* log;
  int restarts_left = 1;
  SupervisorStrategy<int, GenLog*> operator()(std::string_view actor, const absl::Status& error) {
    {
      std::lock_guard<std::mutex> lock(log->mu);
      log->errors.push_back(std::string(actor) + ": " + error.ToString());
    }
    if (restarts_left-- == 0) return StopActor{};
    return SupervisorStrategy<int, GenLog*>::Restart(1, log);
  }
};

TEST(SyncActor, ErrorRestartsWithNewArgumentsKeepingQueuedMessages) {
  SyncActorHost host;
  GenLog log;
  ActorRef<int> ref = SpawnSync(host, SpawnOptions{.name = "restarter"}, RestartOnce{&log},
                                &Generational, 0, &log);
  ASSERT_TRUE(ref.try_send(1).ok());
  ASSERT_TRUE(ref.try_send(2).ok());
  ASSERT_TRUE(ref.try_send(3).ok());
  log.go.store(true, std::memory_order_release);  // all three are queued now
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(log.mu);
    return log.got.size() == 3;
  }));
  EXPECT_TRUE(ref.is_connected());
  ASSERT_TRUE(ref.try_send(4).ok());  // the same inbox, after the restart
  ref = {};
  host.join();
  EXPECT_EQ(log.got, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}, {1, 3}, {1, 4}}));
  EXPECT_EQ(log.errors,
            (std::vector<std::string>{"restarter: INTERNAL: generation 0 gives up"}));
}

TEST(SyncActor, ExceptionGoesToTheSupervisorNamingTheActor) {
  SyncActorHost host;
  GenLog log;
  // Generation 1 from the start: throws on a negative message. The supervisor
  // restarts once (generation 1 again), then stops.
  ActorRef<int> ref = SpawnSync(host, SpawnOptions{.name = "thrower"}, RestartOnce{&log},
                                &Generational, 1, &log);
  ASSERT_TRUE(ref.try_send(-1).ok());
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(log.mu);
    return log.errors.size() == 1;
  }));
  ASSERT_TRUE(ref.try_send(-2).ok());  // the restarted actor throws again: stop
  ASSERT_TRUE(WaitFor([&] { return !ref.is_connected(); }));
  TrySendResult<int> after = ref.try_send(3);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error(), SendError::kDisconnected);
  host.join();  // ended although `ref` still exists
  ASSERT_EQ(log.errors.size(), 2u);
  EXPECT_EQ(log.errors[0], "thrower: INTERNAL: actor 'thrower' threw: negative message");
  EXPECT_EQ(log.got, (std::vector<std::pair<int, int>>{{1, -1}, {1, -2}}));
}

// --- with a Runtime: async actors reach it ------------------------------------

struct Seq {
  std::uint32_t sender;
  std::uint64_t n;
};

struct SeqResult {
  std::uint64_t next[2] = {0, 0};  // written by the actor, read after start()
  std::uint64_t out_of_order = 0;
  std::atomic<bool> ended{false};
};

absl::Status CheckSequences(SyncContext<Seq>& ctx, SeqResult* out) {
  while (std::optional<Seq> m = ctx.receive_next()) {
    if (m->sender > 1 || m->n != out->next[m->sender]) {
      ++out->out_of_order;
    } else {
      ++out->next[m->sender];
    }
  }
  out->ended.store(true, std::memory_order_release);
  return absl::OkStatus();
}

Async<absl::Status> SendSequence(Context<int>, ActorRef<Seq> target, std::uint32_t sender,
                                 std::uint64_t count) {
  for (std::uint64_t i = 0; i < count; ++i) {
    if (absl::Status s = co_await target.send(Seq{sender, i}); !s.ok()) co_return s;
  }
  co_return absl::OkStatus();
}

struct JoinResult {
  std::atomic<bool> joined{false};
  std::atomic<bool> target_ended_first{false};
};

Async<absl::Status> JoinIt(Context<int>, ActorRef<Seq> target, SeqResult* seq, JoinResult* out) {
  auto join = target.join();
  target = {};  // a joiner must not keep the actor alive
  co_await join;
  out->target_ended_first.store(seq->ended.load(std::memory_order_acquire));
  out->joined.store(true, std::memory_order_release);
  co_return absl::OkStatus();
}

// Also the stress: 100k messages from two async actors on different workers,
// each sequence received complete and in order.
TEST(SyncActorRuntime, AsyncActorsOnTwoWorkersSendAndJoin) {
  Runtime runtime({.name = "sync-test", .workers = 2});
  SeqResult seq;
  JoinResult joined;
  constexpr std::uint64_t kPerSender = 50000;
  {
    ActorRef<Seq> target = runtime.spawn_sync(SpawnOptions{.name = "checker", .inbox_capacity = 64},
                                              StopSupervisor{}, &CheckSequences, &seq);
    runtime.spawn_on(0, SilentStopSupervisor{}, &SendSequence, target, 0u, kPerSender);
    runtime.spawn_on(1, SilentStopSupervisor{}, &SendSequence, target, 1u, kPerSender);
    runtime.spawn_on(0, SilentStopSupervisor{}, &JoinIt, target, &seq, &joined);
  }
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_TRUE(seq.ended.load());
  EXPECT_EQ(seq.out_of_order, 0u);
  EXPECT_EQ(seq.next[0], kPerSender);
  EXPECT_EQ(seq.next[1], kPerSender);
  EXPECT_TRUE(joined.joined.load());
  EXPECT_TRUE(joined.target_ended_first.load());
  EXPECT_EQ(runtime.live_actors(), 0);
}

using Doubling = RpcMessage<int, int>;

absl::Status Doubler(SyncContext<Doubling>& ctx) {
  while (std::optional<Doubling> m = ctx.receive_next()) {
    if (m->request == 13) continue;  // dropped: the caller gets NoResponse
    m->response.respond(m->request * 2);
  }
  return absl::OkStatus();
}

struct RpcResult {
  std::int64_t sum = 0;
  absl::Status dropped;
};

Async<absl::Status> CallDoubler(Context<int>, ActorRef<Doubling> target, RpcResult* out) {
  for (int i = 0; i < 200; ++i) {
    if (i == 13) continue;
    absl::StatusOr<int> r = co_await target.rpc<int>(i);
    if (!r.ok()) co_return r.status();
    out->sum += *r;
  }
  absl::StatusOr<int> dropped = co_await target.rpc<int>(13);
  out->dropped = dropped.status();
  co_return absl::OkStatus();
}

TEST(SyncActorRuntime, RpcFromAnAsyncActorAnsweredByTheSyncActor) {
  Runtime runtime({.name = "sync-rpc", .workers = 2});
  RpcResult result;
  {
    ActorRef<Doubling> doubler = runtime.spawn_sync(SpawnOptions{.name = "doubler"},
                                                    StopSupervisor{}, &Doubler);
    runtime.spawn(StopSupervisor{}, &CallDoubler, doubler, &result);
  }
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_EQ(result.sum, 2 * (199 * 200 / 2 - 13));
  EXPECT_TRUE(IsNoResponse(result.dropped)) << result.dropped;
}

absl::Status SleepThenEnd(SyncContext<int>&, std::atomic<bool>* ended) {
  std::this_thread::sleep_for(milliseconds(100));
  ended->store(true, std::memory_order_release);
  return absl::OkStatus();
}

Async<absl::Status> EndAtOnce(Context<int>) { co_return absl::OkStatus(); }

TEST(SyncActorRuntime, StartReturnsOnlyAfterTheSyncActorEnded) {
  Runtime runtime({.name = "sync-start", .workers = 2});
  std::atomic<bool> ended{false};
  runtime.spawn_sync(StopSupervisor{}, &SleepThenEnd, &ended);
  runtime.spawn(StopSupervisor{}, &EndAtOnce);  // the async actors end long before
  EXPECT_EQ(runtime.live_actors(), 2);
  const auto t0 = Clock::now();
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_TRUE(ended.load(std::memory_order_acquire));
  EXPECT_GE(Clock::now() - t0, milliseconds(50));
  EXPECT_EQ(runtime.live_actors(), 0);
}

absl::Status EndNow(SyncContext<int>&) { return absl::OkStatus(); }

Async<absl::Status> CountToSelf(Context<int> ctx, std::atomic<int>* reached) {
  ActorRef<int> self = ctx.self();
  for (int i = 0; i < 2000; ++i) {
    if (!self.try_send(i).ok()) co_return absl::InternalError("self send failed");
    std::optional<int> m = co_await ctx.receive_next();
    if (!m || *m != i) co_return absl::InternalError("wrong message");
  }
  reached->store(2000, std::memory_order_release);
  co_return absl::OkStatus();
}

TEST(SyncActorRuntime, SyncActorEndingBeforeStartDoesNotCutStartShort) {
  Runtime runtime({.name = "sync-early", .workers = 2});
  runtime.spawn_sync(StopSupervisor{}, &EndNow);
  ASSERT_TRUE(WaitFor([&] { return runtime.live_actors() == 0; }));
  std::atomic<int> reached{0};
  runtime.spawn(StopSupervisor{}, &CountToSelf, &reached);
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_EQ(reached.load(), 2000) << "start() returned before the async actor ended";
}

struct BlockResult {
  std::atomic<bool> async_done{false};
  std::atomic<bool> blocking{false};
  std::atomic<bool> async_done_while_blocking{false};
};

// Takes one message, then does blocking work (50 ms sleeps) until the async
// actors are done, or 5 s.
absl::Status BlockingWorker(SyncContext<int>& ctx, BlockResult* out) {
  if (!ctx.receive_next()) return absl::OkStatus();
  out->blocking.store(true, std::memory_order_release);
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(milliseconds(50));
    if (out->async_done.load(std::memory_order_acquire)) {
      out->async_done_while_blocking.store(true, std::memory_order_release);
      break;
    }
  }
  return absl::OkStatus();
}

Async<absl::Status> Ponger(Context<Doubling> ctx) {
  while (std::optional<Doubling> m = co_await ctx.receive_next()) {
    m->response.respond(m->request * 2);
  }
  co_return absl::OkStatus();
}

Async<absl::Status> Pinger(Context<int>, ActorRef<int> blocker, ActorRef<Doubling> ponger,
                           BlockResult* out) {
  if (!blocker.try_send(1).ok()) co_return absl::InternalError("blocker unreachable");
  blocker = {};
  for (int i = 0; i < 500; ++i) {
    absl::StatusOr<int> r = co_await ponger.rpc<int>(i);
    if (!r.ok()) co_return r.status();
  }
  out->async_done.store(true, std::memory_order_release);
  co_return absl::OkStatus();
}

TEST(SyncActorRuntime, BlockingWorkDoesNotStallAsyncActors) {
  Runtime runtime({.name = "sync-block", .workers = 2});
  BlockResult result;
  {
    ActorRef<int> blocker = runtime.spawn_sync(SpawnOptions{.name = "blocker"},
                                               StopSupervisor{}, &BlockingWorker, &result);
    ActorRef<Doubling> ponger = runtime.spawn_on(0, StopSupervisor{}, &Ponger);
    runtime.spawn_on(1, StopSupervisor{}, &Pinger, blocker, ponger, &result);
  }
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_TRUE(result.blocking.load());
  EXPECT_TRUE(result.async_done.load());
  EXPECT_TRUE(result.async_done_while_blocking.load())
      << "the async round trips did not finish while the sync actor slept";
}

struct CancelResult {
  std::atomic<bool> receiving{false};
  std::atomic<bool> saw_end{false};
  std::atomic<bool> cancelled{false};
};

absl::Status WaitForever(SyncContext<int>& ctx, CancelResult* out) {
  out->receiving.store(true, std::memory_order_release);
  while (std::optional<int> m = ctx.receive_next()) {
  }
  out->cancelled.store(ctx.cancelled(), std::memory_order_release);
  out->saw_end.store(true, std::memory_order_release);
  return absl::OkStatus();
}

// stop() ends start() at once; the Runtime's destructor then cancels the sync
// actor (whose reference outlives the Runtime) and joins its thread.
TEST(SyncActorRuntime, DestructorCancelsAndJoinsRunningSyncActors) {
  CancelResult result;
  ActorRef<int> kept;
  {
    Runtime runtime({.name = "sync-stop", .workers = 1});
    kept = runtime.spawn_sync(StopSupervisor{}, &WaitForever, &result);
    std::thread stopper([&] {
      ASSERT_TRUE(WaitFor([&] { return result.receiving.load(); }));
      runtime.stop();
    });
    ASSERT_TRUE(runtime.start().ok());
    stopper.join();
    EXPECT_FALSE(result.saw_end.load());
    EXPECT_EQ(runtime.live_actors(), 1);
  }
  EXPECT_TRUE(result.saw_end.load());
  EXPECT_TRUE(result.cancelled.load());
  EXPECT_FALSE(kept.is_connected());
  EXPECT_FALSE(kept.try_send(1).ok());
}

// A sender waiting on a full inbox fails when the sync actor stops.
absl::Status TakeOneThenFail(SyncContext<int>& ctx, std::atomic<bool>* release) {
  if (!ctx.receive_next()) return absl::OkStatus();
  while (!release->load(std::memory_order_acquire)) std::this_thread::sleep_for(milliseconds(1));
  return absl::InternalError("done for");
}

struct SendOutcome {
  std::atomic<int> sent{0};
  absl::Status last;
  std::atomic<bool> finished{false};
};

Async<absl::Status> SendUntilRefused(Context<int>, ActorRef<int> target, SendOutcome* out) {
  for (int i = 0; i < 10; ++i) {
    absl::Status s = co_await target.send(i);
    if (!s.ok()) {
      out->last = s;
      break;
    }
    out->sent.fetch_add(1, std::memory_order_release);
  }
  out->finished.store(true, std::memory_order_release);
  co_return absl::OkStatus();
}

TEST(SyncActorRuntime, StopFailsWaitingSenders) {
  Runtime runtime({.name = "sync-full", .workers = 1});
  std::atomic<bool> release{false};
  SendOutcome outcome;
  {
    ActorRef<int> target =
        runtime.spawn_sync(SpawnOptions{.name = "full", .inbox_capacity = 1},
                           SilentStopSupervisor{}, &TakeOneThenFail, &release);
    runtime.spawn(StopSupervisor{}, &SendUntilRefused, target, &outcome);
  }
  std::thread releaser([&] {
    // One message taken, one queued, the third waiting for room.
    ASSERT_TRUE(WaitFor([&] { return outcome.sent.load() >= 2; }));
    std::this_thread::sleep_for(milliseconds(20));
    release.store(true, std::memory_order_release);
  });
  ASSERT_TRUE(runtime.start().ok());
  releaser.join();
  EXPECT_TRUE(outcome.finished.load());
  EXPECT_EQ(outcome.sent.load(), 2);
  EXPECT_TRUE(IsDisconnected(outcome.last)) << outcome.last;
}

}  // namespace
}  // namespace heph
