// thread_ring: the Savina thread ring. 503 actors in a ring pass a token (an
// integer decremented at each hop) for 10M hops (argv[1] overrides), on one
// worker (thread_ring_1w) and on two pinned workers with the actors
// alternated across them (thread_ring_2w; actor i on worker i % 2).
//
// Each actor holds a reference to the next. The token starts at N and is
// sent to actor 0 before start(); the actor receiving N starts the clock, the
// one receiving 0 stops it, so exactly N hops are timed. Then the actor that
// got 0 returns, dropping its reference to the next one, which sees "no more
// messages", returns and drops its own: the whole ring ends.
//
// Baseline, same run: a raw ring of 503 C++20 coroutines on one thread, one
// resume per hop through a small FIFO run loop (no framework).
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace {

constexpr std::uint32_t kActors = 503;

// --- raw baseline ---
struct RawNode {
  std::coroutine_handle<> h;
  std::uint64_t mailbox = 0;
};

struct RawReceive {
  RawNode* self;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { self->h = h; }
  std::uint64_t await_resume() { return self->mailbox; }
};

bench::raw::Proc RawRingNode(RawNode* self, RawNode* next, bench::raw::Loop* loop,
                             std::uint64_t start, double* t0, double* t1) {
  for (;;) {
    const std::uint64_t token = co_await RawReceive{self};
    if (token == start) *t0 = bench::NowSeconds();
    if (token == 0) {
      *t1 = bench::NowSeconds();
      co_return;
    }
    next->mailbox = token - 1;
    loop->push(next->h);
  }
}

double RawRingRate(std::uint64_t n) {
  bench::raw::Loop loop;
  std::vector<RawNode> nodes(kActors);
  std::vector<bench::raw::Proc> procs;
  procs.reserve(kActors);
  double t0 = 0;
  double t1 = 0;
  for (std::uint32_t i = 0; i < kActors; ++i) {
    procs.push_back(RawRingNode(&nodes[i], &nodes[(i + 1) % kActors], &loop, n, &t0, &t1));
    procs.back().h.resume();  // to its first receive
  }
  nodes[0].mailbox = n;
  loop.push(nodes[0].h);
  loop.run();
  if (t1 == 0) bench::Fail("raw ring: the token did not reach 0");
  return static_cast<double>(n) / (t1 - t0);
}

// --- Heph ---
struct Shared {
  std::vector<heph::ActorRef<std::uint64_t>> refs;
  std::uint64_t start = 0;
  double t0 = 0;
  double t1 = 0;
};

heph::Async<absl::Status> RingActor(heph::Context<std::uint64_t> ctx, std::uint32_t index,
                                    Shared* shared) {
  // Every actor was spawned before start(): take the reference to the next
  // one out of the table (each slot is taken exactly once, by its predecessor).
  heph::ActorRef<std::uint64_t> next = std::move(shared->refs[(index + 1) % kActors]);
  while (std::optional<std::uint64_t> token = co_await ctx.receive_next()) {
    if (*token == shared->start) shared->t0 = bench::NowSeconds();
    if (*token == 0) {
      shared->t1 = bench::NowSeconds();
      co_return absl::OkStatus();  // drops `next`: the ring ends, one actor after another
    }
    if (absl::Status s = co_await next.send(*token - 1); !s.ok()) co_return s;
  }
  co_return absl::OkStatus();
}

double HephRingRate(std::uint64_t n, std::uint32_t workers) {
  Shared shared;
  shared.start = n;
  heph::Runtime runtime(
      {.name = "thread_ring", .workers = workers, .pin_workers = true});
  shared.refs.reserve(kActors);
  for (std::uint32_t i = 0; i < kActors; ++i) {
    shared.refs.push_back(runtime.spawn_on(i % workers, heph::SpawnOptions{.name = "ring"},
                                           heph::StopSupervisor{}, &RingActor, i, &shared));
  }
  // The token, before anything runs (the inbox has room).
  if (heph::TrySendResult<std::uint64_t> r = shared.refs[0].try_send(n); !r.ok()) {
    bench::Fail(r.status().ToString());
  }
  if (absl::Status s = runtime.start(); !s.ok()) bench::Fail(s.ToString());
  if (shared.t1 == 0) bench::Fail("thread_ring: the token did not reach 0");
  if (runtime.live_actors() != 0) bench::Fail("thread_ring: actors still alive");
  if (workers > 1) {
    std::printf("#   wake syscalls: worker 0 %llu, worker 1 %llu\n",
                static_cast<unsigned long long>(runtime.worker(0).wake_syscalls()),
                static_cast<unsigned long long>(runtime.worker(1).wake_syscalls()));
  }
  return static_cast<double>(n) / (shared.t1 - shared.t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 10'000'000);
  std::printf("# thread_ring: %u actors, %llu hops\n", kActors,
              static_cast<unsigned long long>(n));
  // argv[2], for profiling: "1w" or "2w" runs that part once, without the rest.
  const std::string only = argc > 2 ? argv[2] : "";
  if (!only.empty()) {
    std::printf("# %s hops/s: %.6g\n", only.c_str(), HephRingRate(n, only == "2w" ? 2 : 1));
    return 0;
  }
  const bench::Paired one = bench::BestOfInterleaved(
      5, bench::Better::kHigher, [&] { return RawRingRate(n); },
      "raw 503-coroutine ring, one thread, hops/s", [&] { return HephRingRate(n, 1); },
      "heph 1 worker hops/s");
  // Two workers: every hop crosses cores (about 3 s a run), three runs.
  const bench::Paired two = bench::BestOfInterleaved(
      3, bench::Better::kHigher, [&] { return RawRingRate(n); },
      "raw 503-coroutine ring, one thread, hops/s", [&] { return HephRingRate(n, 2); },
      "heph 2 pinned workers, actors alternated, hops/s");
  bench::PrintBench("thread_ring_1w", one, "hops/s");
  bench::PrintBench("thread_ring_2w", two, "hops/s");
  return 0;
}
