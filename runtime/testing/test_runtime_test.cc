// Specification of the test runtime: what run() and join() report.
#include "runtime/testing/test_runtime.h"

#include <cstdint>
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace heph::testing {
namespace {

Async<absl::Status> Fails() { co_return absl::InternalError("the task failed"); }
Async<absl::Status> Succeeds() { co_return absl::OkStatus(); }
Async<absl::StatusOr<int>> FailsWithStatusOr() { co_return absl::NotFoundError("no value"); }
Async<absl::StatusOr<int>> Gives(int v) { co_return v; }
Async<int> Plain(int v) { co_return v; }

// Regression (issue 13, trap 1): run() of a Status task returned
// StatusOr<Status>, so ASSERT_TRUE(rt.run(f()).ok()) passed when f failed.
TEST(TestRuntimeRun, AFailingStatusTaskIsNotOk) {
  TestRuntime rt;
  absl::Status s = rt.run(Fails());
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "the task failed");
  EXPECT_TRUE(rt.run(Succeeds()).ok());
}

TEST(TestRuntimeRun, AStatusOrTaskGivesOneLevelOfStatusOr) {
  TestRuntime rt;
  absl::StatusOr<int> failed = rt.run(FailsWithStatusOr());
  EXPECT_TRUE(absl::IsNotFound(failed.status())) << failed.status();
  absl::StatusOr<int> value = rt.run(Gives(7));
  ASSERT_TRUE(value.ok()) << value.status();
  EXPECT_EQ(*value, 7);
  absl::StatusOr<int> plain = rt.run(Plain(8));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, 8);
}

TEST(TestRuntimeRun, ATaskThatNeverEndsGivesTheRunsOwnDeadline) {
  TestRuntime rt;
  ActorRef<int> keep;
  auto waits_forever = [](ActorRef<int>* keep) -> Async<absl::Status> {
    ActorRef<int> never = Spawn(
        *Scheduler::current(), StopSupervisor{}, +[](Context<int> ctx) -> Async<absl::Status> {
          while (auto m = co_await ctx.receive_next()) {
          }
          co_return absl::OkStatus();
        });
    *keep = never;
    co_await never.join();  // never ends: `keep` holds a reference
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(waits_forever(&keep), absl::Milliseconds(50));
  EXPECT_TRUE(absl::IsDeadlineExceeded(s)) << s;
  EXPECT_TRUE(absl::StartsWith(s.message(), "run: not done")) << s;
}

// Ends once no reference remains (the README's pattern).
Async<absl::Status> UntilNoReferences(Context<int> ctx, int* received) {
  while (auto m = co_await ctx.receive_next()) ++*received;
  co_return absl::OkStatus();
}

// Regression (issue 13, trap 3): join kept the actor waiting on the
// reference passed to it.
TEST(TestRuntimeJoin, JoinOfTheLastReferenceMovedInLetsTheActorEnd) {
  TestRuntime rt;
  int received = 0;
  ActorRef<int> ref = rt.spawn(StopSupervisor{}, &UntilNoReferences, &received);
  ASSERT_TRUE(ref.try_send(1).ok());
  EXPECT_TRUE(rt.join(std::move(ref), absl::Seconds(5)).ok());
  EXPECT_FALSE(ref);  // dropped by join
  EXPECT_EQ(received, 1);
}

TEST(TestRuntimeJoin, JoinThatTimesOutSaysWhichReferencesKeepTheActorWaiting) {
  TestRuntime rt;
  int received = 0;
  ActorRef<int> ref = rt.spawn(SpawnOptions{.name = "waiter"}, StopSupervisor{}, &UntilNoReferences,
                               &received);
  absl::Status s = rt.join(ref, absl::Milliseconds(20));
  EXPECT_TRUE(absl::IsDeadlineExceeded(s)) << s;
  EXPECT_TRUE(absl::StartsWith(s.message(), "actor 'waiter' did not end within 20ms; 1 reference to it "
                                            "remain, including the one passed to join"))
      << s;
  EXPECT_TRUE(absl::StrContains(s.message(), "rt.join(std::move(ref))")) << s;
  EXPECT_TRUE(rt.join(std::move(ref), absl::Seconds(5)).ok());
}

// Regression (issue 13): braced options did not compile (a braced list
// cannot be forwarded through A&&...).
TEST(TestRuntimeSpawn, TakesBracedOptions) {
  TestRuntime rt;
  int received = 0;
  ActorRef<int> ref = rt.spawn({.name = "braced", .inbox_capacity = 2}, StopSupervisor{}, &UntilNoReferences,
                               &received);
  EXPECT_EQ(ref.name(), "braced");
  ASSERT_TRUE(ref.try_send(1).ok());
  ASSERT_TRUE(ref.try_send(2).ok());
  EXPECT_FALSE(ref.try_send(3).ok()) << "capacity 2";
  ASSERT_TRUE(rt.join(std::move(ref), absl::Seconds(5)).ok());
  EXPECT_EQ(received, 2);
}

// --- test tools (issue 13): poll once, size_of_actor, message loss ---

// Counts its messages, one per step.
Async<absl::Status> Counting(Context<int> ctx, int* received) {
  while (auto m = co_await ctx.receive_next()) ++*received;
  co_return absl::OkStatus();
}

TEST(TestRuntimePollOnce, RunsOneStepOfOneActorOnly) {
  TestRuntime rt;
  int a_received = 0;
  int b_received = 0;
  ActorRef<int> a = rt.spawn(StopSupervisor{}, &Counting, &a_received);
  ActorRef<int> b = rt.spawn(StopSupervisor{}, &Counting, &b_received);
  EXPECT_EQ(rt.poll_once(a), TestRuntime::Poll::kPending);  // its first run: parks in receive_next
  EXPECT_EQ(rt.poll_once(a), TestRuntime::Poll::kNotReady);  // nothing to do
  ASSERT_TRUE(a.try_send(1).ok());
  ASSERT_TRUE(b.try_send(1).ok());
  EXPECT_EQ(rt.poll_once(a), TestRuntime::Poll::kPending);
  EXPECT_EQ(a_received, 1);
  EXPECT_EQ(b_received, 0) << "b must not have run";
  a = {};  // the last reference: a's next step ends it
  EXPECT_EQ(rt.poll_once(a), TestRuntime::Poll::kEnded);
  EXPECT_TRUE(rt.join(std::move(b), absl::Seconds(5)).ok());
  EXPECT_EQ(b_received, 1);
}

TEST(TestRuntimePollOnce, ReportsTheEndOfAnActor) {
  TestRuntime rt;
  int received = 0;
  ActorRef<int> ref = rt.spawn(StopSupervisor{}, &Counting, &received);
  ActorRef<int> observer = ref;
  ref = {};
  EXPECT_EQ(rt.poll_once(observer), TestRuntime::Poll::kPending);  // parked: `observer` is a reference
  observer = {};
  ActorRef<int> none;
  EXPECT_EQ(rt.poll_once(none), TestRuntime::Poll::kEnded);
  EXPECT_TRUE(rt.run_all().ok());
}

Async<absl::Status> SmallActor(Context<int> ctx) {
  while (auto m = co_await ctx.receive_next()) {
  }
  co_return absl::OkStatus();
}
Async<absl::Status> BigActor(Context<int> ctx, std::string name) {
  char buffer[1024] = {};
  while (auto m = co_await ctx.receive_next()) buffer[*m % sizeof buffer] = name[0];
  co_return absl::OkStatus();
}

TEST(SizeOfActor, MeasuresTheFrameAndTheCell) {
  const ActorSize small = size_of_actor(&SmallActor);
  const ActorSize big = size_of_actor(&BigActor, std::string("x"));
  EXPECT_GT(small.frame, 0u);
  EXPECT_GT(small.cell, 0u);
  EXPECT_LE(small.total(), 256u) << "an idle actor's target";
  EXPECT_GE(big.frame, small.frame + 1024) << "the buffer lives across co_await: in the frame";
  EXPECT_EQ(big.total(), big.frame + big.cell);
}

// Sends 1..n through `to`, then reports how many the receiver got.
TEST(WithMessageLoss, LosesAboutThePercentageSeededAndRepeatably) {
  auto run = [](double percent, std::uint64_t seed) {
    TestRuntime rt;
    std::vector<int> got;
    ActorRef<int> ref = rt.spawn(
        SpawnOptions{.inbox_capacity = 1024}, StopSupervisor{},
        [](Context<int> ctx, std::vector<int>* got) -> Async<absl::Status> {
          while (auto m = co_await ctx.receive_next()) got->push_back(*m);
          co_return absl::OkStatus();
        },
        &got);
    ActorRef<int> lossy = WithMessageLoss(ref, percent, seed);
    ActorRef<int> copy = lossy;  // copies share the sequence
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE((i % 2 ? copy : lossy).try_send(i).ok()) << "loss is silent";
    lossy = {};
    copy = {};
    EXPECT_TRUE(rt.join(std::move(ref), absl::Seconds(10)).ok());
    return got;
  };
  const std::vector<int> none = run(0, 1);
  EXPECT_EQ(none.size(), 1000u);
  const std::vector<int> all = run(100, 1);
  EXPECT_TRUE(all.empty());
  const std::vector<int> tenth = run(10, 42);
  EXPECT_GT(tenth.size(), 850u);
  EXPECT_LT(tenth.size(), 950u);
  EXPECT_EQ(run(10, 42), tenth) << "the same seed loses the same messages";
  EXPECT_NE(run(10, 43), tenth);
  EXPECT_TRUE(std::is_sorted(tenth.begin(), tenth.end())) << "what arrives keeps its order";
}

TEST(WithMessageLoss, ALostRequestGivesTheCallerNoResponse) {
  TestRuntime rt;
  using Add = RpcMessage<int, int>;
  ActorRef<Add> adder = rt.spawn(StopSupervisor{}, [](Context<Add> ctx) -> Async<absl::Status> {
    while (auto m = co_await ctx.receive_next()) m->response.respond(m->request + 1);
    co_return absl::OkStatus();
  });
  ActorRef<Add> lossy = WithMessageLoss(adder, 100, 7);
  auto call = [](const ActorRef<Add>& to) -> Async<absl::Status> {
    co_return (co_await to.rpc<int>(1)).status();
  };
  absl::Status s = rt.run(call(lossy));
  EXPECT_TRUE(IsNoResponse(s)) << s;
  lossy = {};
  EXPECT_TRUE(rt.join(std::move(adder), absl::Seconds(5)).ok());
}

}  // namespace
}  // namespace heph::testing
