// memory_stress: how little an idle actor costs. Spawns N idle actors on one
// worker (default 10,000,000), and prints the memory per actor (the growth of
// the process's resident set, VmRSS, divided by N) and the time it took to
// spawn them and run each to its first receive (wall clock, and the CPU time
// in user space and in the kernel, which zeroes the fresh pages). Then drops
// their references, and they all end. (Heph, in Rust: 10M actors take about
// 2.8 GB, under 2 s.)
//
//   tools/bazel run --config=opt //examples:memory_stress -- [N]
#include <malloc.h>
#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"

// The resident set size of this process (VmRSS in /proc/self/status).
std::uint64_t RssBytes() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  std::uint64_t kb = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmRSS:", 6) == 0) kb = std::strtoull(line + 6, nullptr, 10);
  }
  std::fclose(f);
  return kb * 1024;
}

// CPU time this process spent in user space and in the kernel (zeroing the
// fresh pages, mostly), in seconds.
struct CpuTime {
  double user, system;
};
CpuTime CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return {seconds(ru.ru_utime), seconds(ru.ru_stime)};
}

// An idle actor: it waits for a message that never comes, and ends once no
// reference to it remains.
heph::Async<absl::Status> Idle(heph::Context<heph::NoMessages> ctx, std::uint64_t* started) {
  ++*started;
  co_await ctx.receive_next();
  co_return absl::OkStatus();
}

heph::Async<absl::Status> Spawner(heph::Context<heph::NoMessages> ctx, std::uint64_t n) {
  std::vector<heph::ActorRef<heph::NoMessages>> refs(n);  // touched before the first reading
  malloc_trim(0);
  const std::uint64_t rss_before = RssBytes();
  const absl::Time start = absl::Now();
  const CpuTime cpu_before = CpuSeconds();
  std::uint64_t started = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    // On this actor's own worker.
    refs[i] = heph::Spawn(ctx.scheduler(), heph::SilentStopSupervisor{}, &Idle, &started);
  }
  while (started < n) co_await heph::Sleep(absl::Milliseconds(1));  // each ran to its receive
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const CpuTime cpu = CpuSeconds();
  const std::uint64_t rss_after = RssBytes();
  std::cout << absl::StrFormat(
                   "memory_stress: %d idle actors: %.1f bytes per actor (%.1f MB), spawned "
                   "in %.3f s (CPU %.3f s user, %.3f s system)\n",
                   n, static_cast<double>(rss_after - rss_before) / static_cast<double>(n),
                   static_cast<double>(rss_after - rss_before) / 1e6, seconds,
                   cpu.user - cpu_before.user, cpu.system - cpu_before.system)
            << std::flush;
  refs.clear();  // every idle actor sees "no more messages" and ends
  co_return absl::OkStatus();
}

int main(int argc, char** argv) {
  heph::Runtime runtime({.name = "memory_stress", .workers = 1});
  const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  if (n == 0) {
    std::cerr << "usage: memory_stress [N]   (N > 0 idle actors; default 10000000)\n";
    return 2;
  }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  std::cout << "memory_stress: built with a sanitizer: its memory, not only Heph's" << std::endl;
#endif
  runtime.spawn({.name = "spawner"}, heph::StopSupervisor{}, &Spawner, n);
  const absl::Time start = absl::Now();
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "runtime failed: " << s << "\n";
    return 1;
  }
  std::cout << absl::StrFormat("memory_stress: all %d actors ended, %.3f s in all\n", n,
                               absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}
