// local_rpc: request/response round trips between two actors on one worker.
//
// 2M round trips (argv[1] overrides) of co_await ref.rpc<uint64_t>(i) to a
// server whose message type is RpcMessage<uint64_t, uint64_t> and which
// responds i + 1 (checked). The server binds each request as the generated
// serve loops do (`auto m = co_await ctx.receive_next()`, a Received<M>, no
// conversion to std::optional). Baseline: the raw coroutine ring loop doing a
// ping and a pong per round trip, in the same run.
#include <cstdint>
#include <cstdio>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace {

using Request = heph::RpcMessage<std::uint64_t, std::uint64_t>;

heph::Async<absl::Status> Server(heph::Context<Request> ctx) {
  while (auto m = co_await ctx.receive_next()) {
    m->response.respond(m->request + 1);
  }
  co_return absl::OkStatus();
}

heph::Async<absl::Status> Client(heph::Context<std::uint64_t> /*ctx*/,
                                 heph::ActorRef<Request> server, std::uint64_t n,
                                 std::uint64_t* done) {
  for (std::uint64_t i = 0; i < n; ++i) {
    absl::StatusOr<std::uint64_t> r = co_await server.rpc<std::uint64_t>(i);
    if (!r.ok()) co_return r.status();
    if (*r != i + 1) co_return absl::InternalError("wrong response");
    ++*done;
  }
  co_return absl::OkStatus();
}

double HephRpcRate(std::uint64_t n) {
  std::uint64_t done = 0;
  // One worker, pinned to CPU 0 (an unpinned thread may migrate mid-run).
  heph::Runtime runtime({.name = "local_rpc", .workers = 1, .pin_workers = true});
  const double t0 = bench::NowSeconds();
  heph::ActorRef<Request> server =
      runtime.spawn(heph::SpawnOptions{.name = "server"}, heph::StopSupervisor{}, &Server);
  runtime.spawn(heph::SpawnOptions{.name = "client"}, heph::StopSupervisor{}, &Client,
                std::move(server), n, &done);
  if (absl::Status s = runtime.start(); !s.ok()) bench::Fail(s.ToString());
  const double t1 = bench::NowSeconds();
  if (done != n) bench::Fail("local_rpc: not every round trip completed");
  return static_cast<double>(n) / (t1 - t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 2'000'000);
  std::printf("# local_rpc: %llu round trips, 2 actors, 1 worker\n",
              static_cast<unsigned long long>(n));
  const bench::Paired figures = bench::BestOfInterleaved(
      5, bench::Better::kHigher, [&] { return bench::raw::PingPongRate(n); },
      "raw coroutine ping-pong round trips/s", [&] { return HephRpcRate(n); },
      "heph rpc round trips/s");
  bench::PrintBench("local_rpc", figures, "round_trips/s");
  return 0;
}
