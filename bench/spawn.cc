// spawn: spawn 1M actors (argv[1] overrides) that each wait for one message,
// run the worker until idle (every actor reached its first receive), and
// report spawns/s and bytes per idle actor (VmRSS growth / N). Then send each
// one message and run to completion so everything ends cleanly.
//
// Baselines: spawns/s — creating the same number of raw coroutine frames of
// the same shape (suspend once) in the same run; bytes — Heph 0.4's 430 B per
// idle actor (docs: /work/shared/reference/perf-anchors.md).
//
// This program also counts heap allocations (a replaced global operator new)
// to say what one idle actor is made of; the count costs one add per call and
// is made in the baseline as well.
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/worker.h"

namespace {
std::uint64_t g_alloc_count = 0;
std::uint64_t g_alloc_bytes = 0;
// Sizes of the allocations made while `g_record` is set (at most 8).
bool g_record = false;
std::size_t g_recorded[8];
int g_recorded_n = 0;
}  // namespace

// g++ 12 flags free() in an inlined replaced operator delete as mismatched
// (a known false positive: this operator new does call malloc).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  ++g_alloc_count;
  g_alloc_bytes += size;
  if (g_record && g_recorded_n < 8) g_recorded[g_recorded_n++] = size;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace {

constexpr double kHeph04BytesPerIdleActor = 430;  // perf-anchors.md

heph::Async<absl::Status> Idle(heph::Context<std::uint64_t> ctx, std::uint64_t* sink) {
  std::optional<std::uint64_t> m = co_await ctx.receive_next();
  if (m) *sink += *m;
  co_return absl::OkStatus();
}

struct SpawnResult {
  double spawns_per_second;
  double bytes_per_actor;
};

SpawnResult HephSpawn(std::vector<heph::ActorRef<std::uint64_t>>& refs, std::uint64_t n,
                      bool report_allocs) {
  std::uint64_t sink = 0;
  SpawnResult result{};
  {
    heph::Worker worker;
    malloc_trim(0);
    const std::uint64_t rss0 = bench::ReadRssBytes();
    const std::uint64_t allocs0 = g_alloc_count;
    const std::uint64_t bytes0 = g_alloc_bytes;
    const double t0 = bench::NowSeconds();
    for (std::uint64_t i = 0; i < n; ++i) {
      refs[i] = heph::Spawn(worker, heph::SilentStopSupervisor{}, &Idle, &sink);
    }
    worker.run_until_idle();  // every actor runs to its first receive
    const double t1 = bench::NowSeconds();
    const std::uint64_t rss1 = bench::ReadRssBytes();
    if (worker.live_tasks() != n) bench::Fail("spawn: not every actor is live");
    result.spawns_per_second = static_cast<double>(n) / (t1 - t0);
    result.bytes_per_actor = static_cast<double>(rss1 - rss0) / static_cast<double>(n);
    if (report_allocs) {
      std::printf("# heph: %.2f heap allocations, %.1f bytes requested per idle actor\n",
                  static_cast<double>(g_alloc_count - allocs0) / static_cast<double>(n),
                  static_cast<double>(g_alloc_bytes - bytes0) / static_cast<double>(n));
    }
    // One message each, then run to completion.
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!refs[i].try_send(i).ok()) bench::Fail("spawn: try_send failed");
    }
    worker.run_until_idle();
    if (worker.live_tasks() != 0) bench::Fail("spawn: actors still live after their message");
    for (auto& r : refs) r = {};
  }
  if (sink != n * (n - 1) / 2) bench::Fail("spawn: wrong sum");
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 1'000'000);
  std::printf("# spawn: %llu idle actors on one worker\n", static_cast<unsigned long long>(n));

  const std::uint64_t a0 = g_alloc_count;
  const std::uint64_t b0 = g_alloc_bytes;
  bench::raw::SpawnRate(1000);
  std::printf("# raw: %.2f heap allocations, %.1f bytes requested per coroutine frame\n",
              static_cast<double>(g_alloc_count - a0 - 1) / 1000.0,  // minus the vector
              static_cast<double>(g_alloc_bytes - b0 - 1000 * sizeof(bench::raw::Proc)) / 1000.0);

  const std::vector<double> baseline = bench::Repetitions(
      3, [&] { return bench::raw::SpawnRate(n, [] { malloc_trim(0); }); },
      "raw coroutine frames/s");

  {  // What one actor allocates.
    heph::Worker worker;
    std::uint64_t sink = 0;
    g_record = true;
    heph::ActorRef<std::uint64_t> ref =
        heph::Spawn(worker, heph::SilentStopSupervisor{}, &Idle, &sink);
    g_record = false;
    std::printf("# heph: one spawn allocates:");
    for (int i = 0; i < g_recorded_n; ++i) std::printf(" %zu", g_recorded[i]);
    std::printf(" bytes (sizeof cell %zu)\n",
                sizeof(heph::internal::SupervisedCell<std::uint64_t, heph::SilentStopSupervisor,
                                                      std::uint64_t*>));
    worker.run_until_idle();
    if (!ref.try_send(1).ok()) bench::Fail("spawn: try_send failed");
    worker.run_until_idle();
  }

  // Each repetition runs in a fresh child process: the actor core keeps freed
  // cells and frames for reuse (runtime/actor/small_alloc.h), so a second
  // repetition in the same process would neither fault fresh pages nor grow
  // RSS. A child starts from the same state as the raw baseline's run.
  std::vector<SpawnResult> results;
  for (int rep = 0; rep < 3; ++rep) {
    int fds[2];
    if (pipe(fds) != 0) bench::Fail("spawn: pipe failed");
    std::fflush(stdout);  // or the child prints the parent's buffered lines again
    const pid_t pid = fork();
    if (pid < 0) bench::Fail("spawn: fork failed");
    if (pid == 0) {
      close(fds[0]);
      // Reserved and touched before the first RSS reading: the references are
      // the benchmark's, not the actors'.
      std::vector<heph::ActorRef<std::uint64_t>> refs;
      refs.reserve(n);
      refs.resize(n);
      const SpawnResult r = HephSpawn(refs, n, rep == 0);
      std::fflush(stdout);
      if (write(fds[1], &r, sizeof(r)) != static_cast<ssize_t>(sizeof(r))) _exit(1);
      _exit(0);
    }
    close(fds[1]);
    SpawnResult r{};
    const bool got = read(fds[0], &r, sizeof(r)) == static_cast<ssize_t>(sizeof(r));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) bench::Fail("spawn: child failed");
    results.push_back(r);
    std::printf("# heph rep %d: %.6g spawns/s, %.1f bytes per idle actor\n", rep + 1,
                r.spawns_per_second, r.bytes_per_actor);
  }
  std::vector<double> rates, bytes;
  for (const SpawnResult& r : results) {
    rates.push_back(r.spawns_per_second);
    bytes.push_back(r.bytes_per_actor);
  }
  // Rates: the best of each, as bench_util.h's BestOfInterleaved. Memory is
  // not timing noise: the median.
  bench::PrintBench("spawn", bench::Summarize(baseline, rates, bench::Better::kHigher), "spawns/s");
  bench::PrintBench("spawn_idle_memory", bench::Median(bytes), "bytes/actor",
                    kHeph04BytesPerIdleActor);
  return 0;
}
