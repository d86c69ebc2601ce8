// remote_rpc_latency: one caller, sequential Counter.get calls (a call with
// a small result) over loopback TCP, Heph's remote bridge against plain
// Cap'n Proto EzRpc, both in this process.
//
//   tools/bazel run --config=opt //bench:remote_rpc_latency [-- calls_per_rep [heph|ezrpc]]
//
// Heph: a server heph::Runtime (1 worker, its own thread) serving a
// handler-style Counter actor with heph::remote::Serve; a client
// heph::Runtime (1 worker) whose actor does co_await
// heph::remote::Connect<Counter>(address) and then `co_await counter.get()`
// in a loop (each call: caller actor -> proxy actor -> capnp request ->
// server's bridge actor -> Counter actor, and back).
// Baseline: a capnp::EzRpcServer (its own thread) serving a plain
// capnpc-c++ Counter::Server, and a capnp::EzRpcClient on the main thread
// doing getRequest().send().wait() in a loop.
// Neither side is pinned. Each repetition makes a fresh client (connection
// set up, then 200 warm-up calls, then calls_per_rep (5000) timed calls);
// the servers live for the whole run. 7 repetitions, interleaved (EzRpc,
// Heph, ...); best and median of each.
//
// Prints µs per call (BENCH remote_rpc_latency, lower is better),
// round trips/s (remote_rpc_latency_rate) and process CPU per call
// (remote_rpc_latency_cpu: getrusage user + sys of every thread, client and
// server, over the timed calls). The workers keep their default options;
// REMOTE_BENCH_SPIN_US=<us> sets their idle spin (WorkerOptions::spin).
// argv[2] (heph or ezrpc): one run of that side only, for profiling.
#include <capnp/ez-rpc.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/bench_util.h"
#include "bench/remote_common.h"
#include "examples/counter/counter.capnp.h"
#include "runtime/actor/actor.h"
#include "runtime/remote/bridge.h"
#include "runtime/rt/runtime.h"

// See runtime/remote/remote_test.cc: g++ 12 at -O1 and KJ's headers.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace {

using bench::remote::Counter;
using bench::remote::CounterRef;
using bench::remote::Run;

constexpr std::uint64_t kWarmup = 200;

heph::Async<absl::Status> Caller(heph::Context<heph::NoMessages>, std::string address,
                                 std::uint64_t n, Run* out) {
  absl::StatusOr<CounterRef> counter = co_await heph::remote::Connect<Counter>(address);
  if (!counter.ok()) co_return counter.status();
  std::uint64_t last = 0;
  for (std::uint64_t i = 0; i < kWarmup + n; ++i) {
    if (i == kWarmup) {
      out->seconds = bench::NowSeconds();
      out->cpu = bench::remote::ProcessCpu();
    }
    absl::StatusOr<Counter::GetResults> r = co_await counter->get();
    if (!r.ok()) co_return r.status();
    if (r->value <= last) co_return absl::InternalError("get: counter did not grow");
    last = r->value;
  }
  out->seconds = bench::NowSeconds() - out->seconds;
  out->cpu = bench::remote::ProcessCpu() - out->cpu;
  out->calls = n;
  co_return absl::OkStatus();  // drops the reference: the proxy closes the connection
}

Run HephRun(const std::string& address, std::uint64_t n) {
  Run run;
  heph::Runtime client({.name = "remote_rpc_latency_client",
                        .workers = 1,
                        .worker = bench::remote::BenchWorkerOptions()});
  client.spawn(heph::SpawnOptions{.name = "caller"}, heph::StopSupervisor{}, &Caller, address, n,
               &run);
  if (absl::Status s = client.start(); !s.ok()) bench::Fail("heph client: " + s.ToString());
  if (run.calls != n) bench::Fail("heph client: not every call completed");
  return run;
}

Run EzRun(const std::string& address, std::uint64_t n) {
  Run run;
  capnp::EzRpcClient ez(address);
  kj::WaitScope& ws = ez.getWaitScope();
  auto counter = ez.getMain<::examples::counter::Counter>();
  std::uint64_t last = 0;
  for (std::uint64_t i = 0; i < kWarmup + n; ++i) {
    if (i == kWarmup) {
      run.seconds = bench::NowSeconds();
      run.cpu = bench::remote::ProcessCpu();
    }
    const std::uint64_t v = counter.getRequest().send().wait(ws).getValue();
    if (v <= last) bench::Fail("ezrpc get: counter did not grow");
    last = v;
  }
  run.seconds = bench::NowSeconds() - run.seconds;
  run.cpu = bench::remote::ProcessCpu() - run.cpu;
  run.calls = n;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 5'000);
  constexpr int kReps = 7;
  std::printf("# remote_rpc_latency: %llu sequential Counter.get calls per repetition, one "
              "caller, loopback TCP; server and client in this process, 1 thread each\n",
              static_cast<unsigned long long>(n));
  std::printf("# workers' idle spin: %lld us (REMOTE_BENCH_SPIN_US overrides)\n",
              static_cast<long long>(
                  absl::ToInt64Microseconds(bench::remote::BenchWorkerOptions().spin)));
  bench::remote::HephCounterServer heph_server(1);
  bench::remote::EzCounterServer ez_server;
  // argv[2] == "heph" or "ezrpc", for profiling: one run of that side only.
  if (argc > 2) {
    const std::string only = argv[2];
    const Run r = only == "heph" ? HephRun(heph_server.address(), n) : EzRun(ez_server.address(), n);
    std::printf("# %s: %.3f us per call, %.3f us CPU per call (user %.3f, sys %.3f)\n",
                only.c_str(), r.us_per_call(), r.cpu_us_per_call(), r.user_us_per_call(),
                r.sys_us_per_call());
    return 0;
  }

  std::vector<double> heph_us, ez_us, heph_cpu, ez_cpu;
  for (int rep = 1; rep <= kReps; ++rep) {
    const Run e = EzRun(ez_server.address(), n);
    ez_us.push_back(e.us_per_call());
    ez_cpu.push_back(e.cpu_us_per_call());
    std::printf("# ezrpc rep %d: %.3f us per call, %.3f us CPU per call (user %.3f, sys %.3f)\n",
                rep, e.us_per_call(), e.cpu_us_per_call(), e.user_us_per_call(),
                e.sys_us_per_call());
    const Run h = HephRun(heph_server.address(), n);
    heph_us.push_back(h.us_per_call());
    heph_cpu.push_back(h.cpu_us_per_call());
    std::printf("# heph rep %d: %.3f us per call, %.3f us CPU per call (user %.3f, sys %.3f)\n",
                rep, h.us_per_call(), h.cpu_us_per_call(), h.user_us_per_call(),
                h.sys_us_per_call());
    std::fflush(stdout);
  }
  heph_server.stop();
  ez_server.stop();

  const bench::Paired lat = bench::Summarize(ez_us, heph_us, bench::Better::kLower);
  const bench::Paired cpu = bench::Summarize(ez_cpu, heph_cpu, bench::Better::kLower);
  bench::PrintBench("remote_rpc_latency", lat, "us");
  std::printf("# remote_rpc_latency_rate median: value=%.6g baseline=%.6g ratio=%.3f\n",
              1e6 / lat.value_median, 1e6 / lat.baseline_median,
              lat.baseline_median / lat.value_median);
  bench::PrintBench("remote_rpc_latency_rate", 1e6 / lat.value, "round_trips/s",
                    1e6 / lat.baseline);
  bench::PrintBench("remote_rpc_latency_cpu", cpu, "us_cpu/call");
  return 0;
}
