// Specification of timers for actors: sleep, deadline, interval.
#include "runtime/rt/timer.h"

#include <cstdint>
#include <optional>
#include <vector>

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
  absl::StatusOr<absl::Status> r = rt.run(f());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(absl::IsDeadlineExceeded(*r)) << *r;
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
  absl::StatusOr<absl::StatusOr<int>> r = rt.run(f(adder));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->ok()) << r->status();
  EXPECT_EQ(**r, 42);
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
  absl::StatusOr<absl::Status> r = rt.run(f(slow));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->ok()) << *r;
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
  absl::StatusOr<absl::Status> r = rt.run(f(&resumed_wrongly));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->ok()) << *r;
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
  absl::StatusOr<absl::Status> r = rt.run(f());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok()) << *r;
}

}  // namespace
}  // namespace heph
