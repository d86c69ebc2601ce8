// Specification of the test runtime: what run() and join() report.
#include "runtime/testing/test_runtime.h"

#include <cstdint>
#include <optional>
#include <string>

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

}  // namespace
}  // namespace heph::testing
