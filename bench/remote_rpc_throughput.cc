// remote_rpc_throughput: many Counter.get calls in flight over loopback TCP,
// Heph's remote bridge against plain Cap'n Proto EzRpc, both in this
// process; then memory per idle connection and per exported actor.
//
//   tools/bazel run --config=opt //bench:remote_rpc_throughput [-- calls_per_caller [memory_n]]
//
// calls_per_caller 0 skips (a) and (b); memory_n 0 skips the memory part.
// The workers keep their default options; REMOTE_BENCH_SPIN_US=<us> sets
// their idle spin (WorkerOptions::spin).
//
// (a) remote_rpc_throughput_1conn: one connection, 64 calls in flight.
//     Heph: a server Runtime (1 worker, own thread) serving a handler-style
//     Counter with heph::remote::Serve; a client Runtime (1 worker): one
//     actor connects (heph::remote::Connect<Counter>) and spawns 64 caller
//     actors on its worker sharing the CounterRef, each doing
//     `co_await counter.get()` calls_per_caller (300) times in a row.
//     EzRpc: a capnp::EzRpcServer (own thread) serving a plain capnpc-c++
//     Counter::Server; one EzRpcClient (main thread) keeping 64 chains of
//     getRequest().send().then(next) going, as many calls in all.
// (b) remote_rpc_throughput_8conn: 8 connections, 8 calls in flight on each.
//     Heph: server Runtime with 2 workers (one SO_REUSEPORT listener each;
//     the one Counter actor lives on worker 0), client Runtime with 2
//     workers: 8 connecting actors (4 per worker), each spawning 8 callers
//     on its worker.
//     EzRpc: 2 client threads with 4 EzRpcClients each (8 chains per
//     client), against ONE EzRpcServer: EzRpcServer is single-threaded (one
//     KJ loop), so its server side has 1 thread where Heph's has 2.
// Calls/s from the moment every connection is up and warmed (50 calls each)
// to the last call's reply; process CPU (getrusage user + sys, every thread,
// client and server) over the same window, per call (the user/sys split on
// the "#" lines). 5 repetitions,
// interleaved (EzRpc, Heph, ...), fresh clients each time; servers live for
// the whole part.
//
// Memory (each in a child process of its own, so that one measurement's
// freed memory cannot serve the next): 1000 idle connections (argv[2]) to a
// Heph server (1 worker) or an EzRpcServer, opened by a grandchild process
// of EzRpcClients, each having made one call; server process VmRSS delta /
// N. And N exported actors: N Counter actors spawned, then N
// heph::remote::Serve exports of them (each its own port) on a running
// 1-worker Runtime, VmRSS deltas / N; baseline N EzRpcServers (each with
// its own PlainCounter) on one thread. RLIMIT_NOFILE is raised to its hard
// limit.
#include <capnp/ez-rpc.h>
#include <fcntl.h>
#include <kj/vector.h>
#include <malloc.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
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
#include "runtime/rt/timer.h"

// See runtime/remote/remote_test.cc: g++ 12 at -O1 and KJ's headers.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

extern char** environ;

namespace {

using bench::remote::Counter;
using bench::remote::CounterRef;
using bench::remote::Run;

constexpr std::uint64_t kWarmup = 50;  // calls per connection before the clock starts

// What the callers of one Heph or EzRpc run share.
struct Shared {
  std::atomic<std::uint32_t> ready{0};  // connections up and warmed
  std::atomic<bool> go{false};
  std::atomic<std::uint64_t> remaining{0};  // callers (chains) not done
  std::atomic<std::uint64_t> failures{0};
  std::uint32_t connections = 0;
  double t0 = 0, t1 = 0;
  bench::remote::Cpu cpu0, cpu1;

  // The last connection to get ready starts the clock.
  bool arrive() {
    if (ready.fetch_add(1) + 1 == connections) {
      t0 = bench::NowSeconds();
      cpu0 = bench::remote::ProcessCpu();
      go.store(true, std::memory_order_release);
      return true;
    }
    return false;
  }
  // The last caller to finish stops it.
  void finish() {
    if (remaining.fetch_sub(1) == 1) {
      t1 = bench::NowSeconds();
      cpu1 = bench::remote::ProcessCpu();
    }
  }
};

// ---------------------------------------------------------------- Heph

heph::Async<absl::Status> HephCaller(heph::Context<heph::NoMessages>, CounterRef counter,
                                     std::uint64_t calls, Shared* shared) {
  std::uint64_t last = 0;
  for (std::uint64_t i = 0; i < calls; ++i) {
    absl::StatusOr<Counter::GetResults> r = co_await counter.get();
    if (!r.ok() || r->value <= last) {
      shared->failures.fetch_add(1);
      break;
    }
    last = r->value;
  }
  shared->finish();
  co_return absl::OkStatus();
}

heph::Async<absl::Status> HephConnector(heph::Context<heph::NoMessages>, std::string address,
                                        std::uint32_t callers, std::uint64_t calls,
                                        Shared* shared) {
  absl::StatusOr<CounterRef> counter = co_await heph::remote::Connect<Counter>(address);
  if (!counter.ok()) co_return counter.status();
  for (std::uint64_t i = 0; i < kWarmup; ++i) {
    absl::StatusOr<Counter::GetResults> r = co_await counter->get();
    if (!r.ok()) co_return r.status();
  }
  if (!shared->arrive()) {
    while (!shared->go.load(std::memory_order_acquire)) {
      co_await heph::Sleep(absl::Microseconds(100));
    }
  }
  for (std::uint32_t i = 0; i < callers; ++i) {
    heph::Spawn(*heph::Scheduler::current(), heph::SpawnOptions{.name = "caller"},
                heph::StopSupervisor{}, &HephCaller, *counter, calls, shared);
  }
  co_return absl::OkStatus();  // the callers hold the reference (and so the connection)
}

Run HephRun(const std::string& address, std::uint32_t workers, std::uint32_t connections,
            std::uint32_t callers_per_connection, std::uint64_t calls_per_caller) {
  Shared shared;
  shared.connections = connections;
  shared.remaining = static_cast<std::uint64_t>(connections) * callers_per_connection;
  heph::Runtime client({.name = "remote_rpc_throughput_client",
                        .workers = workers,
                        .worker = bench::remote::BenchWorkerOptions()});
  for (std::uint32_t c = 0; c < connections; ++c) {
    client.spawn_on(c % workers, heph::SpawnOptions{.name = "connector"}, heph::StopSupervisor{},
                    &HephConnector, address, callers_per_connection, calls_per_caller, &shared);
  }
  if (absl::Status s = client.start(); !s.ok()) bench::Fail("heph client: " + s.ToString());
  if (shared.failures.load() != 0 || shared.remaining.load() != 0) {
    bench::Fail("heph client: calls failed");
  }
  return Run{.calls = static_cast<std::uint64_t>(connections) * callers_per_connection *
                      calls_per_caller,
             .seconds = shared.t1 - shared.t0,
             .cpu = shared.cpu1 - shared.cpu0};
}

// ---------------------------------------------------------------- EzRpc

// One chain: `calls` gets one after another on `counter`.
kj::Promise<void> EzChain(::examples::counter::Counter::Client counter, std::uint64_t calls,
                          std::uint64_t last, Shared* shared) {
  if (calls == 0) {
    shared->finish();
    return kj::READY_NOW;
  }
  return counter.getRequest().send().then(
      [counter, calls, last, shared](
          capnp::Response<::examples::counter::Counter::GetResults> r) mutable
          -> kj::Promise<void> {
        const std::uint64_t v = r.getValue();
        if (v <= last) {
          shared->failures.fetch_add(1);
          shared->finish();
          return kj::READY_NOW;
        }
        return EzChain(kj::mv(counter), calls - 1, v, shared);
      });
}

// One client thread: `connections` EzRpcClients, `chains` chains on each.
void EzThread(const std::string& address, std::uint32_t connections, std::uint32_t chains,
              std::uint64_t calls, Shared* shared) {
  std::vector<kj::Own<capnp::EzRpcClient>> clients;
  std::vector<::examples::counter::Counter::Client> counters;
  for (std::uint32_t c = 0; c < connections; ++c) {
    clients.push_back(kj::heap<capnp::EzRpcClient>(address));
    counters.push_back(clients.back()->getMain<::examples::counter::Counter>());
  }
  kj::WaitScope& ws = clients.front()->getWaitScope();
  for (auto& counter : counters) {
    for (std::uint64_t i = 0; i < kWarmup; ++i) counter.getRequest().send().wait(ws);
    shared->arrive();
  }
  while (!shared->go.load(std::memory_order_acquire)) std::this_thread::yield();
  kj::Vector<kj::Promise<void>> all;
  for (auto& counter : counters) {
    for (std::uint32_t k = 0; k < chains; ++k) all.add(EzChain(counter, calls, 0, shared));
  }
  kj::joinPromises(all.releaseAsArray()).wait(ws);
}

Run EzRun(const std::string& address, std::uint32_t threads, std::uint32_t connections_per_thread,
          std::uint32_t chains_per_connection, std::uint64_t calls_per_chain) {
  Shared shared;
  shared.connections = threads * connections_per_thread;
  shared.remaining = static_cast<std::uint64_t>(shared.connections) * chains_per_connection;
  if (threads == 1) {
    EzThread(address, connections_per_thread, chains_per_connection, calls_per_chain, &shared);
  } else {
    std::vector<std::thread> ts;
    for (std::uint32_t t = 0; t < threads; ++t) {
      ts.emplace_back(EzThread, address, connections_per_thread, chains_per_connection,
                      calls_per_chain, &shared);
    }
    for (auto& t : ts) t.join();
  }
  if (shared.failures.load() != 0 || shared.remaining.load() != 0) {
    bench::Fail("ezrpc client: calls failed");
  }
  return Run{.calls = static_cast<std::uint64_t>(shared.connections) * chains_per_connection *
                      calls_per_chain,
             .seconds = shared.t1 - shared.t0,
             .cpu = shared.cpu1 - shared.cpu0};
}

// ---------------------------------------------------------------- the two parts

void Part(const char* name, const char* what, const std::function<Run()>& heph,
          const std::function<Run()>& ez) {
  constexpr int kReps = 5;
  std::printf("# %s: %s\n", name, what);
  std::vector<double> heph_rate, ez_rate, heph_cpu, ez_cpu;
  for (int rep = 1; rep <= kReps; ++rep) {
    const Run e = ez();
    ez_rate.push_back(e.rate());
    ez_cpu.push_back(e.cpu_us_per_call());
    std::printf("# ezrpc rep %d: %.6g calls/s, %.3f us CPU per call (user %.3f, sys %.3f)\n",
                rep, e.rate(), e.cpu_us_per_call(), e.user_us_per_call(), e.sys_us_per_call());
    const Run h = heph();
    heph_rate.push_back(h.rate());
    heph_cpu.push_back(h.cpu_us_per_call());
    std::printf("# heph rep %d: %.6g calls/s, %.3f us CPU per call (user %.3f, sys %.3f)\n",
                rep, h.rate(), h.cpu_us_per_call(), h.user_us_per_call(), h.sys_us_per_call());
    std::fflush(stdout);
  }
  bench::PrintBench(name, bench::Summarize(ez_rate, heph_rate, bench::Better::kHigher),
                    "calls/s");
  const std::string cpu_name = std::string(name) + "_cpu";
  bench::PrintBench(cpu_name.c_str(), bench::Summarize(ez_cpu, heph_cpu, bench::Better::kLower),
                    "us_cpu/call");
}

// ---------------------------------------------------------------- child processes

std::string SelfPath() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) bench::Fail("readlink /proc/self/exe");
  return std::string(buf, static_cast<std::size_t>(n));
}

// A child process running this program with `args`; its stdin and stdout
// are pipes to us. Started with no signal blocked (the Runtime blocks some).
struct Child {
  pid_t pid = -1;
  std::FILE* out = nullptr;  // the child's stdout
  int in = -1;               // the child's stdin

  static Child Start(const std::vector<std::string>& args) {
    int to[2], from[2];
    if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) bench::Fail("pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, to[0], 0);
    posix_spawn_file_actions_adddup2(&fa, from[1], 1);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    const std::string self = SelfPath();
    std::vector<std::string> all = {self};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    Child c;
    if (::posix_spawn(&c.pid, self.c_str(), &fa, &attr, argv.data(), environ) != 0) {
      bench::Fail("posix_spawn");
    }
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    ::close(to[0]);
    ::close(from[1]);
    c.in = to[1];
    c.out = ::fdopen(from[0], "r");
    return c;
  }
  // The next line the child prints (without its newline); fails at EOF.
  std::string line() {
    char buf[4096];
    if (std::fgets(buf, sizeof buf, out) == nullptr) bench::Fail("child ended early");
    std::string s(buf);
    if (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
  }
  // Closes its stdin (it ends then), reads the rest, waits; fails unless it exited 0.
  void finish() {
    ::close(in);
    char buf[4096];
    while (std::fgets(buf, sizeof buf, out) != nullptr) {
    }
    std::fclose(out);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) bench::Fail("child failed");
  }
};

// Blocks until stdin reaches EOF (the parent closed it).
void WaitForStdinEof() {
  char buf[64];
  while (::read(0, buf, sizeof buf) > 0) {
  }
}

// --idle-client <address> <n>: n EzRpcClients, one get each, then idle
// until stdin closes. Prints "ready" once all replied.
int IdleClient(const std::string& address, std::uint64_t n) {
  bench::remote::RaiseFileLimit();
  std::vector<kj::Own<capnp::EzRpcClient>> clients;
  std::vector<::examples::counter::Counter::Client> counters;
  constexpr std::uint64_t kBatch = 100;
  for (std::uint64_t i = 0; i < n; i += kBatch) {
    kj::Vector<kj::Promise<void>> calls;
    for (std::uint64_t j = i; j < std::min(n, i + kBatch); ++j) {
      clients.push_back(kj::heap<capnp::EzRpcClient>(address));
      counters.push_back(clients.back()->getMain<::examples::counter::Counter>());
      calls.add(counters.back().getRequest().send().ignoreResult());
    }
    kj::joinPromises(calls.releaseAsArray()).wait(clients.front()->getWaitScope());
  }
  std::printf("ready\n");
  std::fflush(stdout);
  WaitForStdinEof();
  return 0;
}

void Settle() { std::this_thread::sleep_for(std::chrono::milliseconds(200)); }

// Opens n idle connections to `address` from a grandchild; returns this
// process's VmRSS delta (bytes) between before and after.
double IdleConnectionsDelta(const std::string& address, std::uint64_t n) {
  {  // warm up: what the first connections allocate once
    Child warm = Child::Start({"--idle-client", address, "20"});
    if (warm.line() != "ready") bench::Fail("idle client");
    warm.finish();
  }
  Settle();
  malloc_trim(0);
  const std::uint64_t before = bench::ReadRssBytes();
  Child c = Child::Start({"--idle-client", address, std::to_string(n)});
  if (c.line() != "ready") bench::Fail("idle client");
  Settle();
  const std::uint64_t after = bench::ReadRssBytes();
  c.finish();
  return static_cast<double>(after) - static_cast<double>(before);
}

// --mem-connections heph|ezrpc <n>: prints "bytes <per connection>".
int MemConnections(const std::string& which, std::uint64_t n) {
  bench::remote::RaiseFileLimit();
  double delta = 0;
  if (which == "heph") {
    bench::remote::HephCounterServer server(1);
    delta = IdleConnectionsDelta(server.address(), n);
    std::printf("# heph server: %llu connections accepted (warm-up's included)\n",
                static_cast<unsigned long long>(server.server().accepted()));
  } else {
    bench::remote::EzCounterServer server;
    delta = IdleConnectionsDelta(server.address(), n);
  }
  std::printf("bytes %.6g\n", delta / static_cast<double>(n));
  std::fflush(stdout);
  return 0;
}

// --mem-exports heph|ezrpc <n>: prints "actor <bytes per actor>" (heph only)
// and "export <bytes per export>".
int MemExports(const std::string& which, std::uint64_t n) {
  bench::remote::RaiseFileLimit();
  if (which == "ezrpc") {
    // N EzRpcServers, each with its own PlainCounter, on this thread.
    std::vector<kj::Own<capnp::EzRpcServer>> servers;
    servers.push_back(kj::heap<capnp::EzRpcServer>(kj::heap<bench::remote::PlainCounter>(),
                                                   "127.0.0.1", 0));
    kj::WaitScope& ws = servers.front()->getWaitScope();
    servers.front()->getPort().wait(ws);
    malloc_trim(0);
    const std::uint64_t before = bench::ReadRssBytes();
    for (std::uint64_t i = 0; i < n; ++i) {
      servers.push_back(kj::heap<capnp::EzRpcServer>(kj::heap<bench::remote::PlainCounter>(),
                                                     "127.0.0.1", 0));
    }
    for (auto& s : servers) s->getPort().wait(ws);
    const std::uint64_t after = bench::ReadRssBytes();
    std::printf("export %.6g\n",
                (static_cast<double>(after) - static_cast<double>(before)) / static_cast<double>(n));
    std::fflush(stdout);
    return 0;
  }
  // A running 1-worker Runtime with one export already (its KJ loop exists);
  // then N Counter actors, then N exports of them (each its own RpcServer,
  // port and listener actor).
  heph::Runtime runtime({.name = "remote_bench_exports", .workers = 1});
  std::vector<std::unique_ptr<heph::remote::RpcServer>> servers;
  std::vector<CounterRef> counters;
  counters.push_back(Counter::Spawn<bench::remote::CounterImpl>(runtime.worker(0)));
  auto first = heph::remote::Serve(runtime, "127.0.0.1:0", counters.back());
  if (!first.ok()) bench::Fail(first.status().ToString());
  servers.push_back(std::move(*first));
  absl::Status status;
  std::thread thread([&] { status = runtime.start(); });
  Settle();
  counters.reserve(n + 1);
  servers.reserve(n + 1);
  malloc_trim(0);
  const std::uint64_t r0 = bench::ReadRssBytes();
  for (std::uint64_t i = 0; i < n; ++i) {
    counters.push_back(Counter::Spawn<bench::remote::CounterImpl>(runtime.worker(0)));
  }
  Settle();
  const std::uint64_t r1 = bench::ReadRssBytes();
  for (std::uint64_t i = 0; i < n; ++i) {
    auto s = heph::remote::Serve(runtime, "127.0.0.1:0", counters[i + 1]);
    if (!s.ok()) bench::Fail(s.status().ToString());
    servers.push_back(std::move(*s));
  }
  Settle();
  {  // the last export answers (its listener and capability are up)
    Child c = Child::Start({"--idle-client", servers.back()->address(), "1"});
    if (c.line() != "ready") bench::Fail("idle client");
    c.finish();
  }
  Settle();
  const std::uint64_t r2 = bench::ReadRssBytes();
  std::printf("actor %.6g\n",
              (static_cast<double>(r1) - static_cast<double>(r0)) / static_cast<double>(n));
  std::printf("export %.6g\n",
              (static_cast<double>(r2) - static_cast<double>(r1)) / static_cast<double>(n));
  std::fflush(stdout);
  for (auto& s : servers) s->stop();
  counters.clear();
  runtime.stop();
  thread.join();
  if (!status.ok()) bench::Fail(status.ToString());
  return 0;
}

// Runs `--<mode> <which> <n>` in a child; returns its "<key> <value>" lines.
std::vector<std::pair<std::string, double>> MemChild(const std::string& mode,
                                                     const std::string& which, std::uint64_t n) {
  Child c = Child::Start({mode, which, std::to_string(n)});
  ::close(c.in);
  c.in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::vector<std::pair<std::string, double>> out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, c.out) != nullptr) {
    if (buf[0] == '#') {
      std::fputs(buf, stdout);
      continue;
    }
    char key[64];
    double v = 0;
    if (std::sscanf(buf, "%63s %lf", key, &v) == 2) out.emplace_back(key, v);
  }
  c.finish();
  return out;
}

double Get(const std::vector<std::pair<std::string, double>>& kv, const std::string& key) {
  for (const auto& [k, v] : kv) {
    if (k == key) return v;
  }
  bench::Fail("memory child printed no " + key);
}

void Memory(std::uint64_t n) {
  std::printf("# memory: %llu idle connections / exports; VmRSS delta of the serving process / N, "
              "each measurement in a fresh child process\n",
              static_cast<unsigned long long>(n));
  const auto hc = MemChild("--mem-connections", "heph", n);
  const auto ec = MemChild("--mem-connections", "ezrpc", n);
  bench::PrintBench("remote_idle_connection_memory", Get(hc, "bytes"), "B", Get(ec, "bytes"));
  const auto he = MemChild("--mem-exports", "heph", n);
  const auto ee = MemChild("--mem-exports", "ezrpc", n);
  std::printf("# heph: %.6g B per Counter actor (spawned, idle), %.6g B per Serve export of one\n",
              Get(he, "actor"), Get(he, "export"));
  std::printf("# remote_export_memory: value = actor + its Serve export; baseline = one "
              "EzRpcServer with its own PlainCounter\n");
  bench::PrintBench("remote_export_memory", Get(he, "actor") + Get(he, "export"), "B",
                    Get(ee, "export"));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strncmp(argv[1], "--", 2) == 0) {
    const std::string mode = argv[1];
    if (mode == "--idle-client" && argc == 4) return IdleClient(argv[2], std::stoull(argv[3]));
    if (mode == "--mem-connections" && argc == 4) return MemConnections(argv[2], std::stoull(argv[3]));
    if (mode == "--mem-exports" && argc == 4) return MemExports(argv[2], std::stoull(argv[3]));
    std::fprintf(stderr, "usage: %s [calls_per_caller (0: no throughput) [memory_n (0: none)]]\n",
                 argv[0]);
    return 2;
  }
  const std::uint64_t calls = bench::CountArg(argc, argv, 300);
  const std::uint64_t memory_n = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000;
  std::printf("# remote_rpc_throughput: Counter.get over loopback TCP, %llu calls per caller; "
              "client and server in this process; RLIMIT_NOFILE %llu\n",
              static_cast<unsigned long long>(calls),
              static_cast<unsigned long long>(bench::remote::RaiseFileLimit()));
  std::printf("# workers' idle spin: %lld us (REMOTE_BENCH_SPIN_US overrides)\n",
              static_cast<long long>(
                  absl::ToInt64Microseconds(bench::remote::BenchWorkerOptions().spin)));
  if (calls > 0) {
    bench::remote::HephCounterServer heph_server(1);
    bench::remote::EzCounterServer ez_server;
    Part("remote_rpc_throughput_1conn",
         "one connection, 64 callers in flight; Heph: 1 client worker, 1 server worker; EzRpc: "
         "1 client thread, 1 server thread",
         [&] { return HephRun(heph_server.address(), 1, 1, 64, calls); },
         [&] { return EzRun(ez_server.address(), 1, 1, 64, calls); });
  }
  if (calls > 0) {
    bench::remote::HephCounterServer heph_server(2);
    bench::remote::EzCounterServer ez_server;
    Part("remote_rpc_throughput_8conn",
         "8 connections, 8 callers in flight on each; Heph: 2 client workers, 2 server workers "
         "(one Counter actor, on worker 0); EzRpc: 2 client threads x 4 EzRpcClients, ONE "
         "EzRpcServer thread (EzRpcServer is single-threaded)",
         [&] { return HephRun(heph_server.address(), 2, 8, 8, calls); },
         [&] { return EzRun(ez_server.address(), 2, 4, 8, calls); });
    std::printf("# heph server: connections accepted per listener: worker 0 %llu, worker 1 %llu\n",
                static_cast<unsigned long long>(heph_server.server().accepted_on(0)),
                static_cast<unsigned long long>(heph_server.server().accepted_on(1)));
  }
  if (memory_n > 0) Memory(memory_n);
  return 0;
}
