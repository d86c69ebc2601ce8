// Specification of timers for actors: sleep, deadline, interval.
#include "runtime/rt/timer.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

using testing::TestRuntime;

TEST(Sleep, NeverResumesEarly) {
  TestRuntime rt;
  auto sleeper = []() -> Async<std::vector<std::int64_t>> {
    std::vector<std::int64_t> late_ns;
    for (int ms : {1, 5, 20, 2}) {
      const MonoNanos start = MonoNow();
      co_await Sleep(absl::Milliseconds(ms));
      late_ns.push_back(MonoNow() - start - ms * 1'000'000LL);
    }
    co_return late_ns;
  };
  absl::StatusOr<std::vector<std::int64_t>> late = rt.run(sleeper());
  ASSERT_TRUE(late.ok());
  for (std::int64_t ns : *late) EXPECT_GE(ns, 0);
}

TEST(Sleep, ManyConcurrentSleepersWakeInDeadlineOrder) {
  TestRuntime rt;
  std::vector<int> order;
  auto sleeper = [](Context<int>, int ms, std::vector<int>* order) -> Async<absl::Status> {
    co_await Sleep(absl::Milliseconds(ms));
    order->push_back(ms);
    co_return absl::OkStatus();
  };
  for (int ms : {30, 10, 20, 5}) rt.spawn(StopSupervisor{}, +sleeper, ms, &order);
  ASSERT_TRUE(rt.run_all().ok());
  EXPECT_EQ(order, (std::vector<int>{5, 10, 20, 30}));
}

// An awaitable that never completes (and unregisters nothing: it never registers).
struct Never {
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<>) const {}
  int await_resume() const { return 0; }
};

TEST(WithDeadline, OnANeverReadyAwaitableFailsWithDeadlineExceeded) {
  TestRuntime rt;
  auto f = []() -> Async<absl::Status> {
    const MonoNanos start = MonoNow();
    absl::StatusOr<int> r = co_await WithDeadline(absl::Milliseconds(10), [] { return Never{}; });
    if (MonoNow() - start < 10'000'000) co_return absl::InternalError("timed out early");
    co_return r.status();
  };
  absl::Status r = rt.run(f());
  EXPECT_TRUE(absl::IsDeadlineExceeded(r)) << r;
  EXPECT_FALSE(absl::StartsWith(r.message(), "run: not done")) << "the task's deadline, not run's";
}

TEST(WithDeadline, PassesTheResultThroughWhenInTime) {
  TestRuntime rt;
  using Add = RpcMessage<int, int>;
  ActorRef<Add> adder = rt.spawn(StopSupervisor{}, +[](Context<Add> ctx) -> Async<absl::Status> {
    while (std::optional<Add> m = co_await ctx.receive_next()) m->response.respond(m->request + 1);
    co_return absl::OkStatus();
  });
  auto f = [](ActorRef<Add> to) -> Async<absl::StatusOr<int>> {
    co_return co_await WithDeadline(absl::Seconds(5), [&] { return to.rpc<int>(41); });
  };
  absl::StatusOr<int> r = rt.run(f(adder));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, 42);
}

TEST(WithDeadline, AnRpcThatTimesOutIsDroppedAndItsLateResponseIsHarmless) {
  TestRuntime rt;
  using Slow = RpcMessage<int, int>;
  // Answers each request after 30 ms.
  ActorRef<Slow> slow = rt.spawn(StopSupervisor{}, +[](Context<Slow> ctx) -> Async<absl::Status> {
    while (std::optional<Slow> m = co_await ctx.receive_next()) {
      co_await Sleep(absl::Milliseconds(30));
      m->response.respond(m->request);
    }
    co_return absl::OkStatus();
  });
  auto f = [](ActorRef<Slow> to) -> Async<absl::Status> {
    absl::StatusOr<int> r = co_await WithDeadline(absl::Milliseconds(5), [&] { return to.rpc<int>(1); });
    if (!absl::IsDeadlineExceeded(r.status())) co_return absl::InternalError("expected a timeout");
    co_await Sleep(absl::Milliseconds(50));  // the late response arrives meanwhile
    absl::StatusOr<int> again = co_await WithDeadline(absl::Seconds(5), [&] { return to.rpc<int>(2); });
    co_return again.ok() && *again == 2 ? absl::OkStatus() : absl::InternalError("second call failed");
  };
  absl::Status r = rt.run(f(slow));
  EXPECT_TRUE(r.ok()) << r;
}

TEST(Sleep, ADroppedTimerNeverFires) {
  TestRuntime rt;
  bool resumed_wrongly = false;
  auto f = [](bool* wrong) -> Async<absl::Status> {
    // The sleep loses to the deadline and is dropped; it must not fire later.
    absl::Status s = co_await WithDeadline(absl::Milliseconds(5), [] {
      return Sleep(absl::Milliseconds(20));
    });
    if (!absl::IsDeadlineExceeded(s)) co_return absl::InternalError("expected a timeout");
    const MonoNanos start = MonoNow();
    co_await Sleep(absl::Milliseconds(40));  // past the dropped timer's deadline
    *wrong = MonoNow() - start < 40'000'000;
    co_return absl::OkStatus();
  };
  absl::Status r = rt.run(f(&resumed_wrongly));
  EXPECT_TRUE(r.ok()) << r;
  EXPECT_FALSE(resumed_wrongly);
}

TEST(Interval, TicksAtTheGivenPeriodNeverEarly) {
  TestRuntime rt;
  auto f = []() -> Async<absl::Status> {
    const MonoNanos start = MonoNow();
    Interval tick(absl::Milliseconds(5));
    for (int i = 1; i <= 5; ++i) {
      co_await tick.next();
      if (MonoNow() - start < i * 5'000'000LL) co_return absl::InternalError("early tick");
    }
    co_return absl::OkStatus();
  };
  absl::Status r = rt.run(f());
  EXPECT_TRUE(r.ok()) << r;
}


// --- timed receive (issue 13, trap 2) ---

// Records what each timed receive gave and how long it waited, then ends.
struct TimedLog {
  std::vector<std::string> outcomes;
  std::vector<std::int64_t> waited_ns;
};
Async<absl::Status> TimedReceiver(Context<int> ctx, TimedLog* log, int receives) {
  for (int i = 0; i < receives; ++i) {
    const MonoNanos start = MonoNow();
    TryReceiveResult<int> r = co_await ctx.receive_next(absl::Milliseconds(30));
    log->waited_ns.push_back(MonoNow() - start);
    if (r) {
      log->outcomes.push_back(absl::StrCat("message ", *r));
    } else {
      log->outcomes.push_back(r.error() == ReceiveError::kEmpty ? "timed out" : "disconnected");
      if (r.error() == ReceiveError::kDisconnected) break;
    }
  }
  co_return absl::OkStatus();
}

TEST(TimedReceive, GivesAMessageThatArrivesInTimeAndTimesOutNeverEarly) {
  TestRuntime rt;
  TimedLog log;
  ActorRef<int> ref = rt.spawn(StopSupervisor{}, &TimedReceiver, &log, 3);
  rt.run_until_idle();              // parked in the first timed receive
  ASSERT_TRUE(ref.try_send(7).ok());  // arrives in time
  ASSERT_TRUE(rt.join(ref, absl::Seconds(10)).ok());  // ends after its 3 receives
  ASSERT_EQ(log.outcomes, (std::vector<std::string>{"message 7", "timed out", "timed out"}));
  EXPECT_LT(log.waited_ns[0], 30'000'000) << "the message should not wait for the timeout";
  EXPECT_GE(log.waited_ns[1], 30'000'000) << "timed out early";
  EXPECT_GE(log.waited_ns[2], 30'000'000) << "timed out early";
}

TEST(TimedReceive, ReportsDisconnectedOnceNoReferenceRemains) {
  TestRuntime rt;
  TimedLog log;
  ActorRef<int> ref = rt.spawn(StopSupervisor{}, &TimedReceiver, &log, 5);
  rt.run_until_idle();
  ASSERT_TRUE(rt.join(std::move(ref), absl::Seconds(10)).ok());
  ASSERT_EQ(log.outcomes, (std::vector<std::string>{"disconnected"}));
  EXPECT_LT(log.waited_ns[0], 30'000'000) << "disconnection should not wait for the timeout";
}

TEST(TimedReceive, AMessageFromAnotherThreadWakesItBeforeTheTimeout) {
  TestRuntime rt;
  TimedLog log;
  ActorRef<int> ref = rt.spawn(StopSupervisor{}, &TimedReceiver, &log, 1);
  rt.run_until_idle();
  std::thread sender([to = ref] { EXPECT_TRUE(to.try_send(3).ok()); });
  ASSERT_TRUE(rt.join(ref, absl::Seconds(10)).ok());
  sender.join();
  ASSERT_EQ(log.outcomes, (std::vector<std::string>{"message 3"}));
}

// --- interrupt_receive: a callback on the actor's thread wakes its receive ---

struct InterruptLog {
  Context<int>* ctx = nullptr;
  std::vector<std::string> outcomes;
};
Async<absl::Status> InterruptedReceiver(Context<int> ctx, InterruptLog* log, bool timed) {
  log->ctx = &ctx;
  for (int i = 0; i < 3; ++i) {
    if (timed) {
      TryReceiveResult<int> r = co_await ctx.receive_next(absl::Seconds(30));
      log->outcomes.push_back(r ? absl::StrCat("message ", *r)
                                : (r.error() == ReceiveError::kEmpty ? "no message" : "disconnected"));
    } else {
      Received<int> r = co_await ctx.receive_next();
      log->outcomes.push_back(r ? absl::StrCat("message ", *r) : "no message");
    }
  }
  log->ctx = nullptr;
  co_return absl::OkStatus();
}

TEST(InterruptReceive, WakesAParkedReceiveWithNoMessageAndLaterReceivesStillWork) {
  for (bool timed : {false, true}) {
    TestRuntime rt;
    InterruptLog log;
    ActorRef<int> ref = rt.spawn(StopSupervisor{}, &InterruptedReceiver, &log, timed);
    rt.run_until_idle();  // parked in its first receive
    ASSERT_NE(log.ctx, nullptr);
    log.ctx->interrupt_receive();
    rt.run_until_idle();
    EXPECT_EQ(log.outcomes, (std::vector<std::string>{"no message"})) << "timed=" << timed;
    ASSERT_TRUE(ref.try_send(5).ok());
    rt.run_until_idle();
    log.ctx->interrupt_receive();
    ASSERT_TRUE(rt.join(ref, absl::Seconds(10)).ok());
    EXPECT_EQ(log.outcomes, (std::vector<std::string>{"no message", "message 5", "no message"}))
        << "timed=" << timed;
  }
}

TEST(InterruptReceive, AMessageAlreadyThereIsReceivedFirst) {
  TestRuntime rt;
  InterruptLog log;
  ActorRef<int> ref = rt.spawn(StopSupervisor{}, &InterruptedReceiver, &log, false);
  rt.run_until_idle();
  ASSERT_TRUE(ref.try_send(1).ok());
  log.ctx->interrupt_receive();  // after the message: it still comes first
  rt.run_until_idle();
  ASSERT_TRUE(ref.try_send(2).ok());
  ASSERT_TRUE(rt.join(std::move(ref), absl::Seconds(10)).ok());
  EXPECT_EQ(log.outcomes, (std::vector<std::string>{"message 1", "message 2", "no message"}));
}

// The hang: receive_next() inside a task WithDeadline starts. A
// direct WithDeadline(d, [&] { return ctx.receive_next(); }) does not compile
// (runtime/actor/compile_fail); through the user's own coroutine it throws.
TEST(TimedReceive, ReceiveNextAwaitedOutsideTheActorsOwnCoroutineThrowsInsteadOfHanging) {
  TestRuntime rt;
  std::string error;
  auto actor = [](Context<int> ctx, std::string* error) -> Async<absl::Status> {
    auto inner = [](Context<int>& ctx) -> Async<int> {
      auto m = co_await ctx.receive_next();
      co_return m ? *m : -1;
    };
    try {
      (void)co_await WithDeadline(absl::Milliseconds(50), [&] { return inner(ctx); });
    } catch (const std::logic_error& e) {
      *error = e.what();
    }
    co_return absl::OkStatus();
  };
  ActorRef<int> ref = rt.spawn(SpawnOptions{.name = "misuser"}, StopSupervisor{}, +actor, &error);
  ASSERT_TRUE(rt.join(ref, absl::Seconds(10)).ok());  // `ref` exists: the receive would wait
  EXPECT_NE(error.find("receive_next() of actor 'misuser' awaited outside the actor's own coroutine"),
            std::string::npos)
      << error;
}

// --- WithDeadline around the user's own coroutine (issue 13, trap 4) ---

Async<int> SlowAnswer(absl::Duration delay) {
  co_await Sleep(delay);
  co_return 42;
}

TEST(WithDeadline, WrapsAnAsyncOfTheUsersInTimeAndTimedOut) {
  TestRuntime rt;
  auto f = []() -> Async<absl::Status> {
    absl::StatusOr<int> quick =
        co_await WithDeadline(absl::Seconds(5), [] { return SlowAnswer(absl::Milliseconds(1)); });
    if (!quick.ok() || *quick != 42) co_return absl::InternalError("the in-time call failed");
    absl::StatusOr<int> slow =
        co_await WithDeadline(absl::Milliseconds(10), [] { return SlowAnswer(absl::Seconds(5)); });
    co_return slow.status();
  };
  absl::Status s = rt.run(f());
  EXPECT_TRUE(absl::IsDeadlineExceeded(s)) << s;
  EXPECT_FALSE(absl::StartsWith(s.message(), "run: not done")) << s;
}

}  // namespace
}  // namespace heph
