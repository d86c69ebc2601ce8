// remote_common.h — what bench/remote_rpc_latency.cc and
// bench/remote_rpc_throughput.cc share: the Counter served both ways (a
// generated Counter handler behind heph::remote::Serve on a heph::Runtime of
// its own thread, and a plain capnpc-c++ Counter::Server behind a
// capnp::EzRpcServer on a thread of its own), process CPU time, and the
// file-descriptor limit.
#ifndef HEPH_BENCH_REMOTE_COMMON_H_
#define HEPH_BENCH_REMOTE_COMMON_H_

#include <capnp/ez-rpc.h>
#include <kj/async.h>
#include <sys/resource.h>
#include <sys/time.h>

#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "bench/bench_util.h"
#include "examples/counter/counter.capnp.h"
#include "examples/counter/counter.heph.h"
#include "examples/counter/counter.heph.remote.h"
#include "runtime/remote/bridge.h"
#include "runtime/remote/rpc.h"
#include "runtime/rt/runtime.h"

namespace bench::remote {

// The workers' options for every runtime here: the defaults, except that
// the environment variable REMOTE_BENCH_SPIN_US, if set, replaces the idle
// spin (WorkerOptions::spin, 100 us by default), to see its effect.
inline heph::WorkerOptions BenchWorkerOptions() {
  heph::WorkerOptions options;
  if (const char* spin = std::getenv("REMOTE_BENCH_SPIN_US")) {
    options.spin = absl::Microseconds(std::strtol(spin, nullptr, 10));
  }
  return options;
}

using Counter = ::examples::counter::actors::Counter;
using ::examples::counter::actors::CounterRef;

// The served Counter, handler style (the generated Serve loop replies).
class CounterImpl final : public Counter::Handler {
 public:
  absl::Status add(Counter::AddParams& p) override {
    total_ += p.amount;
    return absl::OkStatus();
  }
  absl::Status get(Counter::GetParams&, Counter::GetResults& r) override {
    r.value = ++gets_;
    return absl::OkStatus();
  }

 private:
  std::uint64_t total_ = 0;
  std::uint64_t gets_ = 0;
};

// The same Counter with capnpc-c++'s stubs only (the EzRpc baseline).
class PlainCounter final : public ::examples::counter::Counter::Server {
 public:
  kj::Promise<void> add(AddContext context) override {
    total_ += context.getParams().getAmount();
    return kj::READY_NOW;
  }
  kj::Promise<void> get(GetContext context) override {
    context.getResults().setValue(++gets_);
    return kj::READY_NOW;
  }

 private:
  std::uint64_t total_ = 0;
  std::uint64_t gets_ = 0;
};

// A heph::Runtime on a thread of its own, serving one Counter actor (on
// worker 0) with heph::remote::Serve on 127.0.0.1:<any> (one listener per
// worker). stop() (or the destructor) stops the server, then the runtime.
class HephCounterServer {
 public:
  explicit HephCounterServer(std::uint32_t workers)
      : runtime_({.name = "remote_bench_server", .workers = workers, .worker = BenchWorkerOptions()}) {
    CounterRef counter = Counter::Spawn<CounterImpl>(runtime_.worker(0));
    auto server = heph::remote::Serve(runtime_, "127.0.0.1:0", counter);
    if (!server.ok()) Fail("Serve: " + server.status().ToString());
    server_ = std::move(*server);
    thread_ = std::thread([this] { status_ = runtime_.start(); });
  }
  ~HephCounterServer() { stop(); }
  HephCounterServer(const HephCounterServer&) = delete;
  HephCounterServer& operator=(const HephCounterServer&) = delete;

  const std::string& address() const { return server_->address(); }
  heph::remote::RpcServer& server() { return *server_; }

  void stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    runtime_.stop();
    thread_.join();
    if (!status_.ok()) Fail("server runtime: " + status_.ToString());
  }

 private:
  heph::Runtime runtime_;
  std::unique_ptr<heph::remote::RpcServer> server_;
  std::thread thread_;
  absl::Status status_;
};

// A capnp::EzRpcServer (single-threaded: one KJ loop on one thread) serving
// a PlainCounter on 127.0.0.1:<any>, on a thread of its own; it waits on a
// cross-thread promise, so it sleeps when idle (no polling timer).
class EzCounterServer {
 public:
  EzCounterServer() {
    thread_ = std::thread([this] { run(); });
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return port_ != 0; });
  }
  ~EzCounterServer() { stop(); }
  EzCounterServer(const EzCounterServer&) = delete;
  EzCounterServer& operator=(const EzCounterServer&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  void stop() {
    if (!thread_.joinable()) return;
    stop_->fulfill();
    thread_.join();
  }

 private:
  void run() {
    capnp::EzRpcServer ez(kj::heap<PlainCounter>(), "127.0.0.1", 0);
    kj::WaitScope& ws = ez.getWaitScope();
    const unsigned port = ez.getPort().wait(ws);
    auto paf = kj::newPromiseAndCrossThreadFulfiller<void>();
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = kj::mv(paf.fulfiller);
      port_ = port;
    }
    cv_.notify_all();
    paf.promise.wait(ws);
  }

  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  unsigned port_ = 0;
  kj::Own<kj::CrossThreadPromiseFulfiller<void>> stop_;
};

// CPU time of the whole process (every thread), in seconds.
struct Cpu {
  double user = 0;
  double sys = 0;
  double total() const { return user + sys; }
  Cpu operator-(const Cpu& o) const { return Cpu{user - o.user, sys - o.sys}; }
};
inline Cpu ProcessCpu() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return Cpu{static_cast<double>(u.ru_utime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec) * 1e-6,
             static_cast<double>(u.ru_stime.tv_sec) + static_cast<double>(u.ru_stime.tv_usec) * 1e-6};
}

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now.
inline std::uint64_t RaiseFileLimit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return 0;
  r.rlim_cur = r.rlim_max;
  (void)::setrlimit(RLIMIT_NOFILE, &r);
  ::getrlimit(RLIMIT_NOFILE, &r);
  return r.rlim_cur;
}

// One timed run: calls made, wall seconds and process CPU over them.
struct Run {
  std::uint64_t calls = 0;
  double seconds = 0;
  Cpu cpu;
  double rate() const { return static_cast<double>(calls) / seconds; }
  double us_per_call() const { return seconds * 1e6 / static_cast<double>(calls); }
  double cpu_us_per_call() const { return cpu.total() * 1e6 / static_cast<double>(calls); }
  double user_us_per_call() const { return cpu.user * 1e6 / static_cast<double>(calls); }
  double sys_us_per_call() const { return cpu.sys * 1e6 / static_cast<double>(calls); }
};

}  // namespace bench::remote

#endif  // HEPH_BENCH_REMOTE_COMMON_H_
