// custom_runtime: a Runtime set up by hand — worker count, CPU pinning, the
// workers' batch knobs — with actors placed on chosen workers.
//
//   tools/bazel run //examples:custom_runtime -- [seconds]   # default 1
//
// Two workers, pinned to CPUs 0 and 1 when this process may run on both
// (otherwise unpinned, and it says so). Two actors are spawned on each worker
// with spawn_on; each prints the worker and CPU it runs on. A watcher actor
// receives the process signals: the program stops on SIGINT or SIGTERM, or by
// itself after `seconds`, and prints a summary.
#include <sched.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

constexpr std::uint32_t kWorkers = 2;
constexpr int kActorsPerWorker = 2;

// How many actors ran on each worker (written by the workers, read after start()).
std::array<std::atomic<int>, kWorkers> g_ran_on;

// True if this process may run on CPUs 0 .. n-1 (a container or taskset may forbid it).
bool MayPinToFirstCpus(std::uint32_t n) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return false;
  for (std::uint32_t cpu = 0; cpu < n; ++cpu) {
    if (!CPU_ISSET(cpu, &allowed)) return false;
  }
  return true;
}

heph::Async<absl::Status> Placed(heph::Context<heph::NoMessages> ctx, heph::Runtime* runtime) {
  for (std::uint32_t i = 0; i < runtime->worker_count(); ++i) {
    if (&ctx.scheduler() == &runtime->worker(i)) {
      g_ran_on[i].fetch_add(1, std::memory_order_relaxed);
      std::cout << absl::StrFormat("%s runs on worker %d (CPU %d)\n", ctx.name(), i,
                                   sched_getcpu())
                << std::flush;
    }
  }
  co_return absl::OkStatus();
}

// Ends on an exit signal or after `run_for`; `why` says which.
heph::Async<absl::Status> Watcher(heph::Context<heph::Signal> ctx, absl::Duration run_for,
                                  std::string* why) {
  const absl::Time end = absl::Now() + run_for;
  for (;;) {
    heph::TryReceiveResult<heph::Signal> r = co_await ctx.receive_next(end - absl::Now());
    if (!r) {  // kEmpty: the time is up
      *why = "stopped by itself after " + absl::FormatDuration(run_for);
      break;
    }
    if (heph::IsExitSignal(*r)) {
      *why = "stopped by " + std::string(heph::SignalName(*r));
      break;
    }
  }
  co_return absl::OkStatus();
}

int main(int argc, char** argv) {
  const bool pin = MayPinToFirstCpus(kWorkers);
  heph::Runtime runtime({
      .name = "custom_runtime",
      .workers = kWorkers,
      .pin_workers = pin,  // worker i on CPU i
      .worker = {.run_batch = 16,                            // tasks per round (default 32)
                 .max_run_time = absl::Milliseconds(2),      // per round (default 5 ms)
                 .spin = absl::Microseconds(50)},            // before sleeping (default 100 us)
  });
  const absl::Duration run_for = absl::Seconds(argc > 1 ? std::atof(argv[1]) : 1.0);
  std::cout << "custom_runtime: " << kWorkers << " workers, "
            << (pin ? "pinned to CPUs 0-1" : "not pinned (CPUs 0-1 are not both available)")
            << ", run_batch 16, max_run_time 2ms, spin 50us" << std::endl;

  static constexpr const char* kNames[kWorkers][kActorsPerWorker] = {{"a0", "b0"}, {"a1", "b1"}};
  for (std::uint32_t w = 0; w < kWorkers; ++w) {
    for (const char* name : kNames[w]) {
      runtime.spawn_on(w, {.name = name}, heph::StopSupervisor{}, &Placed, &runtime);
    }
  }
  std::string why;
  runtime.receive_signals(
      runtime.spawn({.name = "watcher"}, heph::StopSupervisor{}, &Watcher, run_for, &why));
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "runtime failed: " << s << "\n";
    return 1;
  }
  std::cout << "custom_runtime: " << why << "; actors per worker:";
  for (std::uint32_t w = 0; w < kWorkers; ++w) std::cout << " " << w << ":" << g_ran_on[w];
  std::cout << std::endl;
  return 0;
}
