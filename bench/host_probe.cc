// host_probe: how much of a core this (shared, virtual) machine gives us, over
// time. Not a figure of the framework: it explains the others.
//
// A plain ALU loop (six dependent chains and one store per iteration, no
// memory shared, no system call) is timed in windows of about 0.03 s on one
// pinned CPU. On a dedicated core every window would run at the same speed;
// here whole stretches of windows run at half speed or less, and the slowest
// window of a run is typically 0.45-0.7 of the fastest. The framework's local
// figures show the same kind of stretches: a run of local_messaging timed
// every 2M messages sits at 41-44M msgs/s for 0.5-1.5 s, then at 66-68M, with
// the same code, data and addresses and no context switch in between. Noise
// of that kind only ever slows a run down, which is why the benchmarks report
// the best of interleaved repetitions, with the medians alongside
// (bench_util.h).
//
// Usage: host_probe [windows] [cpu]   (defaults: 40 windows, CPU 0)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench/bench_util.h"

namespace {

// Millions of loop iterations per second over one window.
double ProbeWindow() {
  constexpr long kIterations = 30'000'000;
  std::uint64_t a = 1, b = 2, c = 3, d = 4, e = 5, f = 6;
  std::uint64_t sink[64] = {};
  const double t0 = bench::NowSeconds();
  for (long i = 0; i < kIterations; ++i) {
    a += b;
    b ^= c;
    c += d;
    d ^= e;
    e += f;
    f ^= a;
    sink[i & 63] += a;
    asm volatile("" : : "r"(f));
  }
  const double t = bench::NowSeconds() - t0;
  asm volatile("" : : "r"(sink[a & 63]) : "memory");
  return kIterations / t / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const int windows = argc > 1 ? std::atoi(argv[1]) : 40;
  const unsigned cpu = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 0;
  if (!bench::PinThisThread(cpu)) bench::Fail("host_probe: cannot pin to the CPU asked for");
  std::printf("# host_probe: %d windows of an ALU loop on CPU %u, M iterations/s each\n# ",
              windows, cpu);
  std::vector<double> rates;
  for (int i = 0; i < windows; ++i) {
    rates.push_back(ProbeWindow());
    std::printf("%.0f ", rates.back());
    std::fflush(stdout);
  }
  std::sort(rates.begin(), rates.end());
  std::printf("\n# host_probe: slowest %.0f, median %.0f, fastest %.0f (slowest/fastest %.2f)\n",
              rates.front(), rates[rates.size() / 2], rates.back(), rates.front() / rates.back());
  return 0;
}
