// test_server.h — for runtime/remote's tests: an RpcServer on its own
// one-worker runtime (on a thread) serving a test Calc, which collects what
// the server reports and counts concurrent calls.
#ifndef HEPH_RUNTIME_REMOTE_TEST_SERVER_H_
#define HEPH_RUNTIME_REMOTE_TEST_SERVER_H_

// g++ 12 at -O1 (the sanitizer configs): a false maybe-uninitialized in KJ's
// headers (see remote_test.cc), here in every test that includes this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <capnp/ez-rpc.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "runtime/remote/kj_loop.h"
#include "runtime/remote/remote_test.capnp.h"
#include "runtime/remote/rpc.h"
#include "runtime/rt/runtime.h"

namespace heph::remote::testing {

// How many `wait` calls run at once on a server.
struct Load {
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
};

class TestCalc final : public Calc::Server {
 public:
  explicit TestCalc(std::shared_ptr<Load> load) : load_(std::move(load)) {}

  kj::Promise<void> add(AddContext context) override {
    auto p = context.getParams();
    context.getResults().setSum(p.getA() + p.getB());
    return kj::READY_NOW;
  }
  kj::Promise<void> echo(EchoContext context) override {
    context.getResults().setText(context.getParams().getText());
    return kj::READY_NOW;
  }
  kj::Promise<void> wait(WaitContext context) override {
    const int now = load_->running.fetch_add(1) + 1;
    int peak = load_->peak.load();
    while (now > peak && !load_->peak.compare_exchange_weak(peak, now)) {
    }
    return Delay(absl::Milliseconds(context.getParams().getMillis())).then([load = load_] {
      load->running.fetch_sub(1);
    });
  }
  kj::Promise<void> depth(DepthContext context) override {
    std::uint32_t d = 0;
    for (Node::Reader n = context.getParams().getNode(); n.hasChild(); n = n.getChild()) ++d;
    context.getResults().setDepth(d);
    return kj::READY_NOW;
  }

 private:
  std::shared_ptr<Load> load_;
};

// Runs the runtime on a thread; join() returns start()'s status.
class RuntimeThread {
 public:
  explicit RuntimeThread(Runtime& rt) : thread_([&rt, this] { status_ = rt.start(); }) {}
  ~RuntimeThread() {
    if (thread_.joinable()) thread_.join();
  }
  absl::Status join() {
    thread_.join();
    return status_;
  }

 private:
  absl::Status status_;
  std::thread thread_;
};

// An RpcServer (one worker) serving TestCalc, collecting what it reports.
class ServerUnderTest {
 public:
  explicit ServerUnderTest(RpcServerOptions options = {}, std::string address = "127.0.0.1:0")
      : runtime_({.name = "remote_test_server", .workers = 1}) {
    options.on_connection_failure = [this](const absl::Status& s) {
      std::lock_guard<std::mutex> l(mu_);
      failures_.push_back(s);
    };
    auto load = load_;
    auto server = RpcServer::Start(
        runtime_, address,
        [load] { return capnp::Capability::Client(kj::heap<TestCalc>(load)); }, options);
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) std::abort();
    server_ = *std::move(server);
    thread_.emplace(runtime_);
  }
  ~ServerUnderTest() {
    server_->stop();
    EXPECT_TRUE(thread_->join().ok());
  }
  const std::string& address() const { return server_->address(); }
  std::uint16_t port() const { return server_->port(); }
  Load& load() { return *load_; }
  RpcServer& server() { return *server_; }

  // The next reported failure (waits up to 10 s), or OK if none came.
  absl::Status next_failure() {
    const absl::Time until = absl::Now() + absl::Seconds(10);
    while (absl::Now() < until) {
      {
        std::lock_guard<std::mutex> l(mu_);
        if (!failures_.empty()) {
          absl::Status s = failures_.front();
          failures_.erase(failures_.begin());
          return s;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return absl::OkStatus();
  }
  std::size_t failures_reported() {
    std::lock_guard<std::mutex> l(mu_);
    return failures_.size();
  }

 private:
  std::shared_ptr<Load> load_ = std::make_shared<Load>();
  Runtime runtime_;
  std::unique_ptr<RpcServer> server_;
  std::optional<RuntimeThread> thread_;
  // std::mutex, not absl::Mutex: the system Abseil is not instrumented for TSan.
  std::mutex mu_;
  std::vector<absl::Status> failures_;
};

// A plain capnp client's call of add(a, b) (on the calling thread).
inline std::int64_t AddOverEzRpc(const std::string& address, std::int64_t a, std::int64_t b) {
  capnp::EzRpcClient ez(address);
  auto req = ez.getMain<Calc>().addRequest();
  req.setA(a);
  req.setB(b);
  return req.send().wait(ez.getWaitScope()).getSum();
}

}  // namespace heph::remote::testing

#endif  // HEPH_RUNTIME_REMOTE_TEST_SERVER_H_
