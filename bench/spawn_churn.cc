// spawn_churn: RSS of a process that spawns and ends actors in rounds
// (issue 11, item 4). A driver actor on worker 0 of a 2-worker
// heph::Runtime, per round: spawns 100k actors (argv[2]) that each wait for
// one message, sends each its message, joins each, drops the references.
// 15 rounds (argv[1]). Two placements, each in a fresh child process:
//
//   2w:  Runtime::spawn, round robin over both workers: half the actors run
//        and end on worker 1, so their frames are freed on a thread other
//        than the one that allocated them (the driver's);
//   own: heph::Spawn(ctx.scheduler(), ...), the driver's own worker.
//
// Each round prints a `#` line with VmRSS after it and the round's rate.
// BENCH lines: spawn_churn_rss_<placement>, VmRSS after the last round
// (MiB) against VmRSS after round 5 (ratio 1.00: flat), and
// spawn_churn_rate, the best round's actors/s of 2w against own's.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace {

enum class Placement { kRoundRobin, kOwnWorker };

constexpr int kMaxRounds = 64;
constexpr int kReferenceRound = 5;  // RSS baseline: after this round (1-based)

struct ChurnResult {
  int rounds = 0;
  double rss_mib[kMaxRounds] = {};
  double rate[kMaxRounds] = {};
  bool ok = false;
};

heph::Async<absl::Status> One(heph::Context<std::uint64_t> ctx, std::atomic<std::uint64_t>* sum) {
  std::optional<std::uint64_t> m = co_await ctx.receive_next();
  if (m) sum->fetch_add(*m, std::memory_order_relaxed);
  co_return absl::OkStatus();
}

heph::Async<absl::Status> Driver(heph::Context<int> ctx, heph::Runtime* rt, Placement placement,
                                 int rounds, std::uint64_t n, ChurnResult* out) {
  std::atomic<std::uint64_t> sum{0};
  std::vector<heph::ActorRef<std::uint64_t>> refs;
  refs.reserve(n);
  for (int round = 0; round < rounds; ++round) {
    sum.store(0, std::memory_order_relaxed);
    const double t0 = bench::NowSeconds();
    for (std::uint64_t i = 0; i < n; ++i) {
      refs.push_back(placement == Placement::kRoundRobin
                         ? rt->spawn(heph::SilentStopSupervisor{}, &One, &sum)
                         : heph::Spawn(ctx.scheduler(), heph::SilentStopSupervisor{}, &One, &sum));
    }
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!(co_await refs[i].send(i)).ok()) co_return absl::InternalError("send failed");
    }
    for (std::uint64_t i = 0; i < n; ++i) co_await refs[i].join();
    refs.clear();
    const double t1 = bench::NowSeconds();
    if (sum.load(std::memory_order_relaxed) != n * (n - 1) / 2) {
      co_return absl::InternalError("wrong sum");
    }
    out->rss_mib[round] = static_cast<double>(bench::ReadRssBytes()) / (1024.0 * 1024.0);
    out->rate[round] = static_cast<double>(n) / (t1 - t0);
    std::printf("# %s round %d: rss %.1f MiB, %.3g actors/s\n",
                placement == Placement::kRoundRobin ? "2w" : "own", round + 1,
                out->rss_mib[round], out->rate[round]);
    std::fflush(stdout);
  }
  out->rounds = rounds;
  out->ok = true;
  co_return absl::OkStatus();
}

ChurnResult RunChurn(Placement placement, int rounds, std::uint64_t n) {
  ChurnResult result;
  heph::Runtime rt({.name = "spawn_churn", .workers = 2});
  rt.spawn_on(0, heph::SilentStopSupervisor{}, &Driver, &rt, placement, rounds, n, &result);
  if (!rt.start().ok()) bench::Fail("spawn_churn: runtime failed");
  return result;
}

// Runs one placement in a fresh child process (so neither inherits the
// other's memory), and returns its figures.
ChurnResult InChild(Placement placement, int rounds, std::uint64_t n) {
  int fds[2];
  if (pipe(fds) != 0) bench::Fail("spawn_churn: pipe failed");
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) bench::Fail("spawn_churn: fork failed");
  if (pid == 0) {
    close(fds[0]);
    const ChurnResult r = RunChurn(placement, rounds, n);
    std::fflush(stdout);
    if (write(fds[1], &r, sizeof(r)) != static_cast<ssize_t>(sizeof(r))) _exit(1);
    _exit(r.ok ? 0 : 1);
  }
  close(fds[1]);
  ChurnResult r;
  const bool got = read(fds[0], &r, sizeof(r)) == static_cast<ssize_t>(sizeof(r));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !r.ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    bench::Fail("spawn_churn: child failed");
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds =
      std::clamp(static_cast<int>(bench::CountArg(argc, argv, 15)), kReferenceRound + 1, kMaxRounds);
  const std::uint64_t n = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100'000;
  std::printf("# spawn_churn: %d rounds of %llu actors, 2 workers\n", rounds,
              static_cast<unsigned long long>(n));

  const ChurnResult rr = InChild(Placement::kRoundRobin, rounds, n);
  const ChurnResult own = InChild(Placement::kOwnWorker, rounds, n);

  const int last = rounds - 1;
  const int ref = kReferenceRound - 1;
  bench::PrintBench("spawn_churn_rss_2w", rr.rss_mib[last], "MiB", rr.rss_mib[ref]);
  bench::PrintBench("spawn_churn_rss_own", own.rss_mib[last], "MiB", own.rss_mib[ref]);
  bench::PrintBench("spawn_churn_rate", *std::max_element(rr.rate, rr.rate + rounds), "actors/s",
                    *std::max_element(own.rate, own.rate + rounds));
  return 0;
}
