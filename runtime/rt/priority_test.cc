// Specification of priorities (SpawnOptions::priority): under contention a
// worker gives a HIGH actor more runs than a NORMAL one, and a NORMAL one
// more than a LOW one, in proportion to Heph's weights (a run of a LOW actor
// costs 15, NORMAL 10, HIGH 5), and never starves a LOW actor. One worker,
// run on this thread: the counts are deterministic.
#include <coroutine>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/worker.h"

namespace heph {
namespace {

// Goes to the back of its worker's ready queue (what a self-send would do if
// a busy actor ever suspended on one).
struct Yield {
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    Task* task = Scheduler::current_task();
    task->set_resume_point(h);
    task->scheduler()->wake(task);
  }
  void await_resume() {}
};

struct Runs {
  std::uint64_t total = 0;
  std::uint64_t limit = 0;
};

// Always ready: counts its runs until `runs->limit` runs happened in all.
Async<absl::Status> Busy(Context<NoMessages>, Runs* runs, std::uint64_t* mine) {
  while (runs->total < runs->limit) {
    ++*mine;
    ++runs->total;
    co_await Yield{};
  }
  co_return absl::OkStatus();
}

// Spawns one Busy actor per priority in `priorities` on one worker, runs
// `limit` runs in all, and returns each actor's count.
std::vector<std::uint64_t> Contend(const std::vector<Priority>& priorities, std::uint64_t limit) {
  Worker worker;
  Runs runs{.limit = limit};
  std::vector<std::uint64_t> counts(priorities.size(), 0);
  for (std::size_t i = 0; i < priorities.size(); ++i) {
    Spawn(worker, SpawnOptions{.name = "busy", .priority = priorities[i]}, StopSupervisor{}, &Busy, &runs,
          &counts[i]);
  }
  EXPECT_TRUE(worker.run().ok());
  return counts;
}

TEST(Priority, HighGetsMoreRunsThanNormalWhichGetsMoreThanLowAndLowIsNotStarved) {
  const std::vector<std::uint64_t> c =
      Contend({Priority::kLow, Priority::kNormal, Priority::kHigh}, 11000);
  const std::uint64_t low = c[0], normal = c[1], high = c[2];
  // Weights 1/15 : 1/10 : 1/5 = 2 : 3 : 6 of 11000 runs.
  EXPECT_NEAR(static_cast<double>(high), 6000, 60) << low << " " << normal << " " << high;
  EXPECT_NEAR(static_cast<double>(normal), 3000, 60) << low << " " << normal << " " << high;
  EXPECT_NEAR(static_cast<double>(low), 2000, 60) << low << " " << normal << " " << high;
  EXPECT_GT(high, normal);
  EXPECT_GT(normal, low);
  EXPECT_GT(low, 0u);
}

TEST(Priority, LowIsNotStarvedByManyHighActors) {
  const std::vector<std::uint64_t> c =
      Contend({Priority::kHigh, Priority::kHigh, Priority::kHigh, Priority::kLow}, 4000);
  // The classes share the worker by weight (HIGH 3/4, LOW 1/4); a class's
  // share is split between its actors.
  EXPECT_GT(c[3], 800u) << c[0] << " " << c[1] << " " << c[2] << " " << c[3];
  for (int i = 0; i < 3; ++i) EXPECT_GT(c[i], 800u);
}

TEST(Priority, ActorsOfOnePriorityShareEqually) {
  for (Priority p : {Priority::kLow, Priority::kNormal, Priority::kHigh}) {
    const std::vector<std::uint64_t> c = Contend({p, p, p}, 3000);
    for (std::uint64_t n : c) EXPECT_EQ(n, 1000u);
  }
}

TEST(Priority, HighAgainstNormalGetsTwiceTheRuns) {
  const std::vector<std::uint64_t> c = Contend({Priority::kNormal, Priority::kHigh}, 3000);
  EXPECT_NEAR(static_cast<double>(c[0]), 1000, 10);
  EXPECT_NEAR(static_cast<double>(c[1]), 2000, 10);
}

TEST(Priority, AClassThatWasIdleBanksNoCredit) {
  // A HIGH actor runs alone for a while; a NORMAL one that arrives then gets
  // its usual share from then on (HIGH 2 : NORMAL 1), not a burst that makes
  // up for the time it was absent.
  Worker worker;
  Runs runs{.limit = 1000};
  std::uint64_t early = 0;
  Spawn(worker, SpawnOptions{.name = "early", .priority = Priority::kHigh}, StopSupervisor{}, &Busy, &runs,
        &early);
  worker.run_until_idle();  // it runs to the limit and ends
  ASSERT_EQ(early, 1000u);
  runs.limit = 1300;
  std::uint64_t normal = 0, high = 0;
  Spawn(worker, SpawnOptions{.name = "normal"}, StopSupervisor{}, &Busy, &runs, &normal);
  Spawn(worker, SpawnOptions{.name = "high", .priority = Priority::kHigh}, StopSupervisor{}, &Busy, &runs,
        &high);
  ASSERT_TRUE(worker.run().ok());
  EXPECT_NEAR(static_cast<double>(high), 200, 5);
  EXPECT_NEAR(static_cast<double>(normal), 100, 5);
}

}  // namespace
}  // namespace heph
