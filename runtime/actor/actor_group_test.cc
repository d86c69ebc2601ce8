// Specification of ActorGroup: membership, round robin, broadcast, join.
#include "runtime/actor/actor_group.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

using testing::TestRuntime;

Async<absl::Status> Collector(Context<std::uint64_t> ctx, std::vector<std::uint64_t>* out) {
  while (std::optional<std::uint64_t> m = co_await ctx.receive_next()) out->push_back(*m);
  co_return absl::OkStatus();
}

TEST(ActorGroup, AddIgnoresDuplicatesAndRemoveDropsEveryReferenceToTheActor) {
  TestRuntime rt;
  std::vector<std::uint64_t> a_got, b_got;
  ActorRef<std::uint64_t> a = rt.spawn(StopSupervisor{}, &Collector, &a_got);
  ActorRef<std::uint64_t> b = rt.spawn(StopSupervisor{}, &Collector, &b_got);
  ActorGroup<std::uint64_t> group;
  EXPECT_TRUE(group.add(a));
  EXPECT_FALSE(group.add(a));
  EXPECT_TRUE(group.add(b));
  EXPECT_EQ(group.size(), 2u);
  group.remove(a);
  EXPECT_EQ(group.size(), 1u);
  EXPECT_TRUE(group.members()[0].sends_to(b));
}

TEST(ActorGroup, SendToOneGoesRoundRobin) {
  TestRuntime rt;
  std::vector<std::uint64_t> a_got, b_got, c_got;
  ActorGroup<std::uint64_t> group;
  group.add(rt.spawn(StopSupervisor{}, &Collector, &a_got));
  group.add(rt.spawn(StopSupervisor{}, &Collector, &b_got));
  group.add(rt.spawn(StopSupervisor{}, &Collector, &c_got));
  for (std::uint64_t i = 0; i < 6; ++i) ASSERT_TRUE(group.try_send_to_one(i).ok());
  rt.run_until_idle();
  EXPECT_EQ(a_got, (std::vector<std::uint64_t>{0, 3}));
  EXPECT_EQ(b_got, (std::vector<std::uint64_t>{1, 4}));
  EXPECT_EQ(c_got, (std::vector<std::uint64_t>{2, 5}));
}

TEST(ActorGroup, SendToOneSkipsAFullMember) {
  TestRuntime rt;
  std::vector<std::uint64_t> a_got, b_got;
  ActorGroup<std::uint64_t> group;
  group.add(rt.spawn(SpawnOptions{.inbox_capacity = 1}, StopSupervisor{}, &Collector, &a_got));
  group.add(rt.spawn(SpawnOptions{.inbox_capacity = 4}, StopSupervisor{}, &Collector, &b_got));
  for (std::uint64_t i = 0; i < 4; ++i) ASSERT_TRUE(group.try_send_to_one(i).ok()) << i;
  rt.run_until_idle();
  EXPECT_EQ(a_got, (std::vector<std::uint64_t>{0}));
  EXPECT_EQ(b_got, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST(ActorGroup, SendToAllGivesEveryMemberACopy) {
  TestRuntime rt;
  std::vector<std::uint64_t> a_got, b_got;
  ActorGroup<std::uint64_t> group;
  group.add(rt.spawn(StopSupervisor{}, &Collector, &a_got));
  group.add(rt.spawn(StopSupervisor{}, &Collector, &b_got));
  ASSERT_TRUE(group.try_send_to_all(42).ok());
  rt.run_until_idle();
  EXPECT_EQ(a_got, (std::vector<std::uint64_t>{42}));
  EXPECT_EQ(b_got, (std::vector<std::uint64_t>{42}));
}

TEST(ActorGroup, EmptyGroupSendFails) {
  ActorGroup<std::uint64_t> group;
  EXPECT_FALSE(group.try_send_to_one(1).ok());
}

TEST(ActorGroup, JoinAllCompletesOnceEveryMemberEnded) {
  TestRuntime rt;
  auto ends_on_message = [](Context<std::uint64_t> ctx) -> Async<absl::Status> {
    co_await ctx.receive_next();
    co_return absl::OkStatus();
  };
  ActorGroup<std::uint64_t> group;
  group.add(rt.spawn(StopSupervisor{}, +ends_on_message));
  group.add(rt.spawn(StopSupervisor{}, +ends_on_message));
  bool joined = false;
  auto joiner = [](Context<int>, ActorGroup<std::uint64_t>* g, bool* joined) -> Async<absl::Status> {
    co_await g->join_all();
    *joined = true;
    co_return absl::OkStatus();
  };
  rt.spawn(StopSupervisor{}, +joiner, &group, &joined);
  rt.run_until_idle();
  EXPECT_FALSE(joined);
  ASSERT_TRUE(group.try_send_to_all(0).ok());
  rt.run_until_idle();
  EXPECT_TRUE(joined);
}

}  // namespace
}  // namespace heph
