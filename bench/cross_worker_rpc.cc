// cross_worker_rpc: request/response between an actor on worker 0 and an
// actor on worker 1 (heph::Runtime, workers = 2, pin_workers = true).
//
// 1M round trips (argv[1] overrides) of co_await ref.rpc<uint64_t>(i) to a
// server of RpcMessage<uint64_t, uint64_t> that responds i + 1 (checked). The
// client times its own loop (first call to last response). Baseline, same
// run: two std::threads pinned to CPUs 0 and 1 ping-ponging on one spinning
// 64-byte-aligned atomic.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/actor/cpu_relax.h"
#include "runtime/rt/runtime.h"

namespace {

using Request = heph::RpcMessage<std::uint64_t, std::uint64_t>;

// Raw baseline: microseconds per round trip.
double RawPingPongMicros(std::uint64_t n) {
  struct alignas(64) Cell {
    std::atomic<std::uint64_t> v{0};
  };
  Cell cell;
  std::thread ponger([&] {
    bench::PinThisThread(1);
    for (std::uint64_t i = 0; i < n; ++i) {
      const std::uint64_t want = 2 * i + 1;
      while (cell.v.load(std::memory_order_acquire) != want) heph::CpuRelax();
      cell.v.store(want + 1, std::memory_order_release);
    }
  });
  bench::PinThisThread(0);
  // Let the ponger reach its spin loop before the clock starts.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double t0 = bench::NowSeconds();
  for (std::uint64_t i = 0; i < n; ++i) {
    cell.v.store(2 * i + 1, std::memory_order_release);
    while (cell.v.load(std::memory_order_acquire) != 2 * i + 2) heph::CpuRelax();
  }
  const double t1 = bench::NowSeconds();
  ponger.join();
  return (t1 - t0) * 1e6 / static_cast<double>(n);
}

heph::Async<absl::Status> Server(heph::Context<Request> ctx) {
  while (std::optional<Request> m = co_await ctx.receive_next()) {
    m->response.respond(m->request + 1);
  }
  co_return absl::OkStatus();
}

struct ClientResult {
  std::uint64_t done = 0;
  double t0 = 0;
  double t1 = 0;
};

heph::Async<absl::Status> Client(heph::Context<std::uint64_t> /*ctx*/,
                                 heph::ActorRef<Request> server, std::uint64_t n,
                                 ClientResult* out) {
  out->t0 = bench::NowSeconds();
  for (std::uint64_t i = 0; i < n; ++i) {
    absl::StatusOr<std::uint64_t> r = co_await server.rpc<std::uint64_t>(i);
    if (!r.ok()) co_return r.status();
    if (*r != i + 1) co_return absl::InternalError("wrong response");
    ++out->done;
  }
  out->t1 = bench::NowSeconds();
  co_return absl::OkStatus();  // drops `server`: it sees "no more messages" and ends
}


// Microseconds per round trip.
double HephRpcMicros(std::uint64_t n) {
  ClientResult result;
  heph::Runtime runtime({.name = "cross_worker_rpc", .workers = 2, .pin_workers = true});
  heph::ActorRef<Request> server = runtime.spawn_on(
      1, heph::SpawnOptions{.name = "server"}, heph::StopSupervisor{}, &Server);
  runtime.spawn_on(0, heph::SpawnOptions{.name = "client"}, heph::StopSupervisor{}, &Client,
                   std::move(server), n, &result);
  if (absl::Status s = runtime.start(); !s.ok()) bench::Fail(s.ToString());
  if (result.done != n) bench::Fail("cross_worker_rpc: not every round trip completed");
  std::printf("#   wake syscalls: worker 0 (client) %llu, worker 1 (server) %llu\n",
              static_cast<unsigned long long>(runtime.worker(0).wake_syscalls()),
              static_cast<unsigned long long>(runtime.worker(1).wake_syscalls()));
  return (result.t1 - result.t0) * 1e6 / static_cast<double>(n);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 1'000'000);
  std::printf("# cross_worker_rpc: %llu round trips, client on worker 0, server on worker 1, "
              "2 pinned workers\n",
              static_cast<unsigned long long>(n));
  // argv[2] == "heph", for profiling: one Heph run, no baseline.
  if (argc > 2 && std::string(argv[2]) == "heph") {
    std::printf("# heph: %.6g\n", HephRpcMicros(n));
    return 0;
  }
  const bench::Paired figures = bench::BestOfInterleaved(
      5, bench::Better::kLower, [&] { return RawPingPongMicros(n); },
      "raw pinned threads, spinning atomic, us per round trip", [&] { return HephRpcMicros(n); },
      "heph rpc us per round trip");
  bench::PrintBench("cross_worker_rpc", figures, "us");
  bench::PrintBench("cross_worker_rpc_rate", 1e6 / figures.value, "round_trips/s",
                    1e6 / figures.baseline);
  return 0;
}
