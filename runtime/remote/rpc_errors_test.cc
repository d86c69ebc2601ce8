// Errors and limits of runtime/remote (issue 12): connect deadlines, reader
// and in-flight limits, and hostile peers against a real RpcServer.
#include <capnp/ez-rpc.h>
#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/net/address.h"
#include "runtime/remote/await.h"
#include "runtime/remote/kj_loop.h"
#include "runtime/remote/remote_test.capnp.h"
#include "runtime/remote/rpc.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"
#include "runtime/testing/test_runtime.h"

// g++ 12 at -O1 (the sanitizer configs): a false maybe-uninitialized in KJ's
// headers (see remote_test.cc).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace heph::remote {
namespace {

using ::heph::testing::TestRuntime;

// Descriptors open in this process.
int OpenFds() {
  int n = 0;
  DIR* d = ::opendir("/proc/self/fd");
  if (d == nullptr) return -1;
  while (::readdir(d) != nullptr) ++n;
  ::closedir(d);
  return n;
}

// A TCP listener on 127.0.0.1 whose accept queue is full (backlog 0, never
// accepted, filled by earlier connects): the kernel drops further SYNs, so a
// connect to it neither completes nor fails. A blackholed address without
// depending on the network.
class FullBacklog {
 public:
  FullBacklog() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    SocketAddress any = SocketAddress::Loopback(0);
    if (::bind(listen_fd_, any.sockaddr_ptr(), any.sockaddr_len()) != 0) return;
    if (::listen(listen_fd_, 0) != 0) return;
    const SocketAddress at = *SocketAddress::LocalOf(listen_fd_);
    address_ = at.ToString();
    for (int i = 0; i < 32 && !full_; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      fillers_.push_back(fd);
      (void)::connect(fd, at.sockaddr_ptr(), at.sockaddr_len());
      pollfd p{fd, POLLOUT, 0};
      full_ = ::poll(&p, 1, 200) == 0;  // still connecting: the SYN was dropped
    }
  }
  ~FullBacklog() {
    for (int fd : fillers_) ::close(fd);
    ::close(listen_fd_);
  }
  bool full() const { return full_; }
  const std::string& address() const { return address_; }

 private:
  int listen_fd_ = -1;
  std::string address_;
  std::vector<int> fillers_;
  bool full_ = false;
};

// ---------------------------------------------------------------- connect deadlines

TEST(ConnectDeadlineTest, TimeoutOptionFailsWithDeadlineExceededNamingTheAddress) {
  FullBacklog blackhole;
  ASSERT_TRUE(blackhole.full()) << "could not fill the accept queue of " << blackhole.address();
  TestRuntime rt;
  (void)rt.run(Connect("127.0.0.1:1", nullptr, {.timeout = absl::Seconds(5)}));  // warm up the loop
  const int fds_before = OpenFds();
  const absl::Time start = absl::Now();
  auto c = rt.run(Connect(blackhole.address(), nullptr, {.timeout = absl::Milliseconds(100)}),
                  absl::Seconds(20));
  const absl::Duration took = absl::Now() - start;
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(absl::IsDeadlineExceeded(c.status())) << c.status();
  EXPECT_EQ(c.status().message(),
            "connect to " + blackhole.address() + ": not connected within 100ms");
  EXPECT_GE(took, absl::Milliseconds(100));
  EXPECT_LT(took, absl::Seconds(5));
  EXPECT_EQ(OpenFds(), fds_before) << "the half-open socket is closed";
}

TEST(ConnectDeadlineTest, WithDeadlineCancelsAConnectCleanly) {
  FullBacklog blackhole;
  ASSERT_TRUE(blackhole.full()) << "could not fill the accept queue of " << blackhole.address();
  // A listener with room: connects to it complete (nobody needs to accept).
  const int open_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  SocketAddress any = SocketAddress::Loopback(0);
  ASSERT_EQ(::bind(open_fd, any.sockaddr_ptr(), any.sockaddr_len()), 0);
  ASSERT_EQ(::listen(open_fd, 16), 0);
  const std::string open_address = SocketAddress::LocalOf(open_fd)->ToString();

  TestRuntime rt;
  (void)rt.run(Connect("127.0.0.1:1", nullptr, {.timeout = absl::Seconds(5)}));  // warm up the loop
  const int fds_before = OpenFds();
  auto body = [&]() -> Async<absl::Status> {
    const std::string address = blackhole.address();
    absl::StatusOr<std::unique_ptr<RpcConnection>> c = co_await WithDeadline(
        absl::Milliseconds(100),
        [&] { return Connect(address, nullptr, {.timeout = absl::InfiniteDuration()}); });
    EXPECT_TRUE(absl::IsDeadlineExceeded(c.status())) << c.status();
    EXPECT_EQ(OpenFds(), fds_before) << "the cancelled connect closed its socket";
    // The worker's loop and poller go on: the next connect completes.
    absl::StatusOr<std::unique_ptr<RpcConnection>> next = co_await Connect(open_address);
    EXPECT_TRUE(next.ok()) << next.status();
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(), absl::Seconds(20));
  EXPECT_TRUE(s.ok()) << s;
  ::close(open_fd);
}

// ---------------------------------------------------------------- a server under test

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
  explicit ServerUnderTest(RpcServerOptions options = {}) : runtime_({.name = "errors", .workers = 1}) {
    options.on_connection_failure = [this](const absl::Status& s) {
      absl::MutexLock l(&mu_);
      failures_.push_back(s);
    };
    auto load = load_;
    auto server = RpcServer::Start(
        runtime_, "127.0.0.1:0",
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
        absl::MutexLock l(&mu_);
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
    absl::MutexLock l(&mu_);
    return failures_.size();
  }

 private:
  std::shared_ptr<Load> load_ = std::make_shared<Load>();
  Runtime runtime_;
  std::unique_ptr<RpcServer> server_;
  std::optional<RuntimeThread> thread_;
  absl::Mutex mu_;
  std::vector<absl::Status> failures_;
};

// A plain capnp client's call of add(a, b) (on the calling thread).
std::int64_t AddOverEzRpc(const std::string& address, std::int64_t a, std::int64_t b) {
  capnp::EzRpcClient ez(address);
  auto req = ez.getMain<Calc>().addRequest();
  req.setA(a);
  req.setB(b);
  return req.send().wait(ez.getWaitScope()).getSum();
}

// `calls` wait(millis) calls sent at once over one connection; how many failed.
int ConcurrentWaits(const std::string& address, int calls, std::uint32_t millis,
                    std::size_t payload_bytes = 0) {
  capnp::EzRpcClient ez(address);
  Calc::Client calc = ez.getMain<Calc>();
  std::vector<kj::Promise<capnp::Response<Calc::WaitResults>>> pending;
  for (int i = 0; i < calls; ++i) {
    auto req = calc.waitRequest();
    req.setMillis(millis);
    req.initPayload(static_cast<unsigned>(payload_bytes));
    pending.push_back(req.send());
  }
  int failed = 0;
  for (auto& p : pending) {
    KJ_IF_MAYBE(e, kj::runCatchingExceptions([&] { p.wait(ez.getWaitScope()); })) {
      ADD_FAILURE() << e->getDescription().cStr();
      ++failed;
    }
  }
  return failed;
}

// ---------------------------------------------------------------- limits

TEST(RpcLimitsTest, AtMostMaxCallsInFlightRunAtOnceAndTheRestWait) {
  ServerUnderTest s({.rpc = {.max_calls_in_flight = 4}});
  EXPECT_EQ(ConcurrentWaits(s.address(), 10, 50), 0) << "calls over the limit wait, none fails";
  EXPECT_EQ(s.load().peak.load(), 4);
  EXPECT_EQ(s.failures_reported(), 0u);
}

TEST(RpcLimitsTest, ByDefaultTenCallsRunAtOnce) {
  // The control for the test above: without a low limit all ten run together.
  ServerUnderTest s;
  EXPECT_EQ(ConcurrentWaits(s.address(), 10, 50), 0);
  EXPECT_EQ(s.load().peak.load(), 10);
}

TEST(RpcLimitsTest, CallWordsInFlightAreCappedByCapnpsFlowLimit) {
  // capnp's flow limit: once the calls in flight weigh more than the limit,
  // the connection reads nothing more until one returns. capnp 0.9.2 weighs a
  // call at about twice its payload (measured), so a call with 8 KiB of
  // ballast reaches a 2 Ki-word (16 KiB) limit alone and runs alone...
  {
    ServerUnderTest s({.rpc = {.max_calls_in_flight = 0, .max_call_words_in_flight = 2048}});
    EXPECT_EQ(ConcurrentWaits(s.address(), 10, 50, 8192), 0) << "the others wait, none fails";
    EXPECT_EQ(s.load().peak.load(), 1);
  }
  // ... and lighter calls share it.
  {
    ServerUnderTest s({.rpc = {.max_calls_in_flight = 0, .max_call_words_in_flight = 2048}});
    EXPECT_EQ(ConcurrentWaits(s.address(), 10, 50, 1024), 0);
    EXPECT_GT(s.load().peak.load(), 1);
    EXPECT_LT(s.load().peak.load(), 10);
  }
}

TEST(RpcLimitsTest, AMessageOverTheTraversalLimitClosesThatConnection) {
  ServerUnderTest s({.rpc = {.traversal_limit_words = 1024}});
  {
    capnp::EzRpcClient ez(s.address());
    auto req = ez.getMain<Calc>().echoRequest();
    std::string big(16 * 1024, 'x');  // 2 Ki words
    req.setText(big);
    // The client's call fails (with the server's Abort, or a reset: the
    // server closes without reading the rest).
    EXPECT_NE(kj::runCatchingExceptions([&] { req.send().wait(ez.getWaitScope()); }), nullptr)
        << "the oversize call was answered";
  }
  absl::Status why = s.next_failure();
  EXPECT_TRUE(absl::IsResourceExhausted(why)) << why;
  EXPECT_TRUE(absl::StrContains(why.message(), "over the traversal limit of 1024 words")) << why;
  // A message under the limit is served.
  EXPECT_EQ(AddOverEzRpc(s.address(), 2, 3), 5);
}

}  // namespace
}  // namespace heph::remote
