// Specification of thread-safe actors (Runtime::spawn_thread_safe,
// shared_queue.h): they run on any worker from the shared queue, one worker
// at a time, never concurrently with themselves; messages between them are
// neither lost nor duplicated; idle workers sleep and are woken when the
// shared queue gets work; timers and I/O fail clearly.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <coroutine>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"

namespace heph {
namespace {

Async<absl::Status> Tally(Context<std::uint32_t> ctx, std::vector<std::atomic<int>>* counts) {
  while (std::optional<std::uint32_t> m = co_await ctx.receive_next()) (*counts)[*m]++;
  co_return absl::OkStatus();
}

Async<absl::Status> Spray(Context<NoMessages>, std::vector<ActorRef<std::uint32_t>> to, std::uint32_t from,
                          std::uint32_t end) {
  for (std::uint32_t v = from; v < end; ++v) {
    absl::Status s = co_await to[v % to.size()].send(v);
    if (!s.ok()) co_return s;
  }
  co_return absl::OkStatus();
}

TEST(ThreadSafeActors, MessagesBetweenManyOfThemOnTwoWorkersAreNeitherLostNorDuplicated) {
  Runtime rt({.name = "thread_safe", .workers = 2});
  constexpr std::uint32_t kValues = 40'000;
  std::vector<std::atomic<int>> counts(kValues);
  std::vector<ActorRef<std::uint32_t>> tallies;
  for (int i = 0; i < 8; ++i) tallies.push_back(rt.spawn_thread_safe(StopSupervisor{}, &Tally, &counts));
  for (std::uint32_t s = 0; s < 4; ++s) {
    rt.spawn_thread_safe(StopSupervisor{}, &Spray, tallies, s * kValues / 4, (s + 1) * kValues / 4);
  }
  // Thread-local senders too: they wake thread-safe receivers from their own workers.
  std::vector<std::atomic<int>> local_counts(1000);
  ActorRef<std::uint32_t> shared_tally = rt.spawn_thread_safe(StopSupervisor{}, &Tally, &local_counts);
  rt.spawn_on(0, StopSupervisor{}, &Spray, std::vector{shared_tally}, 0u, 500u);
  rt.spawn_on(1, StopSupervisor{}, &Spray, std::vector{shared_tally}, 500u, 1000u);
  tallies.clear();
  shared_tally = {};
  ASSERT_TRUE(rt.start().ok());
  for (auto& c : counts) ASSERT_EQ(c.load(), 1);
  for (auto& c : local_counts) ASSERT_EQ(c.load(), 1);
  EXPECT_EQ(rt.live_actors(), 0);
}

// Lets the other ready work run first (the task goes to the back of its
// queue: for a thread-safe actor, the shared one).
struct Yield {
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    Task* task = Scheduler::current_task();
    task->set_resume_point(h);
    task->scheduler()->wake(task);
  }
  void await_resume() {}
};

struct Observed {
  std::atomic<bool> in_use{false};
  std::atomic<int> overlaps{0};
  std::atomic<bool> on_worker[2] = {false, false};
  std::atomic<std::uint64_t> runs{0};
};

// Runs (yielding between runs) until it was seen on both workers and ran
// `min_runs` times, or `deadline` passed. Each run holds `in_use`.
Async<absl::Status> Roam(Context<NoMessages>, Observed* seen, Worker* w0, std::uint64_t min_runs,
                         std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    if (seen->in_use.exchange(true)) seen->overlaps++;
    const Worker* here = Worker::current();
    seen->on_worker[here == w0 ? 0 : 1] = true;
    // A little work while in use, so that a concurrent run would overlap.
    for (int i = 0; i < 200; ++i) std::atomic_signal_fence(std::memory_order_seq_cst);
    const std::uint64_t runs = ++seen->runs;
    seen->in_use = false;
    if (runs >= min_runs && seen->on_worker[0] && seen->on_worker[1]) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    co_await Yield{};
  }
  co_return absl::OkStatus();
}

TEST(ThreadSafeActors, RunOnBothWorkersOverTimeButNeverConcurrentlyWithThemselves) {
  Runtime rt({.name = "roam", .workers = 2});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::vector<Observed> seen(4);
  for (Observed& s : seen) rt.spawn_thread_safe(StopSupervisor{}, &Roam, &s, &rt.worker(0), 2000u, deadline);
  ASSERT_TRUE(rt.start().ok());
  for (Observed& s : seen) {
    EXPECT_EQ(s.overlaps.load(), 0);
    EXPECT_GE(s.runs.load(), 2000u);
    EXPECT_TRUE(s.on_worker[0] && s.on_worker[1]) << "ran on one worker only, " << s.runs.load() << " runs";
  }
}

Async<absl::Status> IdleUntilNudged(Context<int> ctx) {
  std::optional<int> m = co_await ctx.receive_next();
  co_return m ? absl::OkStatus() : absl::OkStatus();
}

TEST(ThreadSafeActors, IdleWorkersSleepAndTheSharedQueueWakesThem) {
  Runtime rt({.name = "idle_shared", .workers = 2});
  std::vector<ActorRef<int>> actors;
  for (int i = 0; i < 1000; ++i) actors.push_back(rt.spawn_thread_safe(StopSupervisor{}, &IdleUntilNudged));
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
    // Sent from a plain thread to sleeping workers, one at a time with
    // pauses: each must be woken (start() returns only once all ended).
    for (std::size_t i = 0; i < actors.size(); ++i) {
      if (i % 100 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      (void)actors[i].try_send(1);
    }
    actors.clear();
  });
  ASSERT_TRUE(rt.start().ok());
  observer.join();
  std::printf("idle runtime: %.3f%% of one CPU over 0.5 s (2 workers, 1000 idle thread-safe actors)\n",
              cpu_percent);
  EXPECT_LT(cpu_percent, 1.0);
}

Async<absl::Status> TriesToSleep(Context<NoMessages>, std::string* error) {
  try {
    co_await Sleep(absl::Milliseconds(1));
  } catch (const std::logic_error& e) {
    *error = e.what();
  }
  co_return absl::OkStatus();
}

Async<absl::Status> TriesATimedReceive(Context<int> ctx, std::string* error) {
  try {
    (void)co_await ctx.receive_next(absl::Milliseconds(1));
  } catch (const std::logic_error& e) {
    *error = e.what();
  }
  co_return absl::OkStatus();
}

TEST(ThreadSafeActors, TimersInThemFailWithAClearError) {
  Runtime rt({.name = "timers", .workers = 2});
  std::string sleep_error, receive_error;
  rt.spawn_thread_safe(StopSupervisor{}, &TriesToSleep, &sleep_error);
  ActorRef<int> r = rt.spawn_thread_safe(StopSupervisor{}, &TriesATimedReceive, &receive_error);
  ASSERT_TRUE(rt.start().ok());
  EXPECT_NE(sleep_error.find("Sleep in a thread-safe actor"), std::string::npos) << sleep_error;
  EXPECT_NE(receive_error.find("receive_next(timeout) in a thread-safe actor"), std::string::npos)
      << receive_error;
}

// Fails its first run, then counts what it receives.
Async<absl::Status> FailsOnce(Context<std::uint32_t> ctx, std::vector<std::atomic<int>>* counts, bool fail) {
  if (fail) co_return absl::InternalError("first run fails");
  while (std::optional<std::uint32_t> m = co_await ctx.receive_next()) (*counts)[*m]++;
  co_return absl::OkStatus();
}

TEST(ThreadSafeActors, AreSupervisedLikeOthers) {
  Runtime rt({.name = "supervised", .workers = 2});
  std::vector<std::atomic<int>> counts(100);
  // Restarted once with fail = false; the messages wait in its inbox.
  ActorRef<std::uint32_t> a = rt.spawn_thread_safe(
      SpawnOptions{.name = "fails_once", .inbox_capacity = 128},
      RestartSupervisor<std::vector<std::atomic<int>>*, bool>(&counts, false), &FailsOnce, &counts, true);
  for (std::uint32_t v = 0; v < 100; ++v) ASSERT_TRUE(a.try_send(v).ok());
  a = {};
  ASSERT_TRUE(rt.start().ok());
  for (auto& c : counts) EXPECT_EQ(c.load(), 1);
}

}  // namespace
}  // namespace heph
