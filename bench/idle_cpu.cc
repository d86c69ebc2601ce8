// idle_cpu: CPU used by an idle runtime. A heph::Runtime with 2 workers holds
// 10,000 actors (argv[1] overrides), each waiting in ctx.receive_next(); once
// they all reached it (plus 1 s for the workers' spin to end), the process's
// CPU time (getrusage(RUSAGE_SELF): user + system, every thread) is measured
// over 10 s of wall time (argv[2] overrides the seconds), as a percentage of
// one CPU. Then the references are dropped, every actor sees "no more
// messages" and ends, and start() returns.
//
// Baseline, same run: the same measurement over the same time while this
// process only sleeps (no runtime yet), to show the measurement's noise.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// CPU percent of this process over `seconds` of sleeping on this thread.
double MeasureCpuPercent(double seconds) {
  const double c0 = CpuSeconds();
  const double w0 = bench::NowSeconds();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const double c1 = CpuSeconds();
  const double w1 = bench::NowSeconds();
  return (c1 - c0) / (w1 - w0) * 100.0;
}

heph::Async<absl::Status> Idle(heph::Context<std::uint64_t> ctx, std::atomic<std::uint64_t>* parked,
                               std::atomic<std::uint64_t>* ended) {
  parked->fetch_add(1, std::memory_order_relaxed);
  while (std::optional<std::uint64_t> m = co_await ctx.receive_next()) {
  }
  ended->fetch_add(1, std::memory_order_relaxed);
  co_return absl::OkStatus();
}

double HephIdleCpuPercent(std::uint64_t actors, double seconds) {
  std::atomic<std::uint64_t> parked{0};
  std::atomic<std::uint64_t> ended{0};
  heph::Runtime runtime({.name = "idle_cpu", .workers = 2});
  std::vector<heph::ActorRef<std::uint64_t>> refs;
  refs.reserve(actors);
  for (std::uint64_t i = 0; i < actors; ++i) {
    refs.push_back(runtime.spawn(heph::SpawnOptions{.name = "idle"}, heph::StopSupervisor{},
                                 &Idle, &parked, &ended));
  }
  absl::Status status;
  std::thread coordinator([&] { status = runtime.start(); });
  while (parked.load() != actors) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::seconds(1));  // past every spin
  const std::uint64_t wakes0 = runtime.worker(0).wake_syscalls() + runtime.worker(1).wake_syscalls();
  const double percent = MeasureCpuPercent(seconds);
  const std::uint64_t wakes1 = runtime.worker(0).wake_syscalls() + runtime.worker(1).wake_syscalls();
  refs.clear();  // every actor's receive_next() now returns nullopt
  coordinator.join();
  if (!status.ok()) bench::Fail(status.ToString());
  if (ended.load() != actors) bench::Fail("idle_cpu: not every actor ended");
  std::printf("#   wake syscalls while idle: %llu\n",
              static_cast<unsigned long long>(wakes1 - wakes0));
  return percent;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t actors = bench::CountArg(argc, argv, 10'000);
  const double seconds = argc > 2 ? std::atof(argv[2]) : 10.0;
  std::printf("# idle_cpu: %llu idle actors, 2 workers, CPU%% over %.1f s\n",
              static_cast<unsigned long long>(actors), seconds);
  const double baseline = bench::MedianOf(3, [&] { return MeasureCpuPercent(seconds); },
                                          "sleeping process CPU percent");
  const double value = bench::MedianOf(3, [&] { return HephIdleCpuPercent(actors, seconds); },
                                       "heph idle runtime CPU percent");
  bench::PrintBench("idle_cpu", value, "percent", baseline);
  return 0;
}
