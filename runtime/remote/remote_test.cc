// Cap'n Proto RPC on heph workers: interop with plain EzRpc both ways, actors
// awaiting calls, disconnects, garbage, several workers, idle cost, and the
// pieces (KjStream, the loop's port) on their own.
#include <capnp/ez-rpc.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/remote/await.h"
#include "runtime/remote/kj_loop.h"
#include "runtime/remote/kj_stream.h"
#include "runtime/remote/remote_test.capnp.h"
#include "runtime/remote/rpc.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"
#include "runtime/testing/test_runtime.h"

// g++ 12 at -O1 (the sanitizer configs) reports a false maybe-uninitialized
// in KJ's headers when it inlines the null kj::Maybe<capnp::MessageSize> of
// getResults()'s default size hint (as in the generated stubs:
// codegen/generator/remote_bridge.cc).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#if defined(__SANITIZE_THREAD__)
// TSan: libkj is not instrumented, and kj::Mutex waits on raw futex system
// calls, so TSan cannot see the lock that hands a kj::Executor event's result
// from the executing thread back to executeSync()'s caller (both accesses are
// KJ template code inlined here). Only that hand-over is suppressed; heph's
// own code is checked (the wake-up path from the other thread included).
extern "C" const char* __tsan_default_suppressions() {
  return "race:kj::_::XThreadEventImpl\n"
         "race:kj::Executor::executeSync\n";
}
#endif

namespace heph::remote {
namespace {

using ::heph::testing::TestRuntime;

// ---------------------------------------------------------------- a plain capnp server

std::atomic<int> g_calls_on_worker[2];

class CalcImpl final : public Calc::Server {
 public:
  explicit CalcImpl(std::int64_t offset = 0, Runtime* runtime = nullptr)
      : offset_(offset), runtime_(runtime), home_(Worker::current()) {}

  kj::Promise<void> add(AddContext context) override {
    // Served on the worker (or thread) that made this object.
    EXPECT_EQ(Worker::current(), home_);
    if (runtime_ != nullptr) {
      for (std::uint32_t i = 0; i < runtime_->worker_count() && i < 2; ++i) {
        if (&runtime_->worker(i) == home_) g_calls_on_worker[i].fetch_add(1);
      }
    }
    auto p = context.getParams();
    context.getResults().setSum(p.getA() + p.getB() + offset_);
    return kj::READY_NOW;
  }
  kj::Promise<void> echo(EchoContext context) override {
    context.getResults().setText(context.getParams().getText());
    return kj::READY_NOW;
  }
  kj::Promise<void> hang(HangContext) override { return kj::NEVER_DONE; }
  kj::Promise<void> offsetBy(OffsetByContext context) override {
    context.getResults().setCalc(
        kj::heap<CalcImpl>(offset_ + context.getParams().getOffset(), runtime_));
    return kj::READY_NOW;
  }

 private:
  std::int64_t offset_;
  Runtime* runtime_;
  Worker* home_;
};

// A plain capnp::EzRpcServer on its own thread (no heph code), until stop().
class EzServerThread {
 public:
  EzServerThread() {
    thread_ = std::thread([this] {
      capnp::EzRpcServer server(kj::heap<CalcImpl>(), "127.0.0.1", 0);
      auto& ws = server.getWaitScope();
      port_.store(server.getPort().wait(ws));
      auto& timer = server.getIoProvider().getTimer();
      while (!stop_.load()) timer.afterDelay(2 * kj::MILLISECONDS).wait(ws);
    });
    while (port_.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~EzServerThread() { stop(); }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_.load()); }
  // Destroys the server (its connections close) and joins the thread.
  void stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::atomic<unsigned> port_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

RpcServer::BootstrapFactory CalcFactory(Runtime* runtime = nullptr) {
  return [runtime] { return capnp::Capability::Client(kj::heap<CalcImpl>(0, runtime)); };
}

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

// ---------------------------------------------------------------- (a) interop, served by heph

TEST(RemoteTest, EzRpcClientCallsServerOnAWorker) {
  Runtime runtime({.name = "remote_a", .workers = 1});
  auto server = RpcServer::Start(runtime, "127.0.0.1:0", CalcFactory());
  ASSERT_TRUE(server.ok()) << server.status();
  RuntimeThread rt(runtime);

  std::thread client([address = (*server)->address()] {
    capnp::EzRpcClient ez(address);
    auto& ws = ez.getWaitScope();
    Calc::Client calc = ez.getMain<Calc>();
    // Many calls, 100 in flight at a time.
    for (int round = 0; round < 10; ++round) {
      std::vector<capnp::RemotePromise<Calc::AddResults>> calls;
      for (int i = 0; i < 100; ++i) {
        auto req = calc.addRequest();
        req.setA(round * 100 + i);
        req.setB(1);
        calls.push_back(req.send());
      }
      for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(calls[i].wait(ws).getSum(), round * 100 + i + 1);
      }
    }
    // Promise pipelining: call the capability offsetBy() will return
    // before it returned.
    auto off = calc.offsetByRequest();
    off.setOffset(1000);
    auto pending = off.send();
    auto add = pending.getCalc().addRequest();
    add.setA(1);
    add.setB(2);
    EXPECT_EQ(add.send().wait(ws).getSum(), 1003);
    auto echo = calc.echoRequest();
    echo.setText("hello");
    EXPECT_EQ(std::string(echo.send().wait(ws).getText().cStr()), "hello");
  });
  client.join();
  (*server)->stop();
  EXPECT_TRUE(rt.join().ok());
}

// ---------------------------------------------------------------- (b) interop, our connect side

TEST(RemoteTest, ConnectOnAWorkerCallsEzRpcServer) {
  EzServerThread ez;
  TestRuntime rt;
  auto body = [](std::string address) -> Async<absl::Status> {
    absl::StatusOr<std::unique_ptr<RpcConnection>> c = co_await Connect(address);
    if (!c.ok()) co_return c.status();
    Calc::Client calc = (*c)->bootstrap<Calc>();
    for (int i = 0; i < 200; ++i) {
      auto req = calc.addRequest();
      req.setA(i);
      req.setB(i);
      auto r = co_await Await(req.send(), (*c)->peer());
      if (!r.ok()) co_return r.status();
      EXPECT_EQ(r->getSum(), 2 * i);
    }
    auto off = calc.offsetByRequest();
    off.setOffset(7);
    auto pending = off.send();
    auto add = pending.getCalc().addRequest();
    add.setA(1);
    add.setB(1);
    auto r = co_await Await(add.send());
    if (!r.ok()) co_return r.status();
    EXPECT_EQ(r->getSum(), 9);
    EXPECT_TRUE((*c)->is_connected());
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(ez.address()), absl::Seconds(60));
  EXPECT_TRUE(s.ok()) << s;
}

// ---------------------------------------------------------------- (c) actors, both ends on heph

struct ClientResult {
  std::atomic<bool> done{false};
  absl::Status status;
  std::int64_t sum = 0;
  std::int64_t pipelined = 0;
  Worker* ran_on = nullptr;
};

Async<absl::Status> ClientActor(Context<int>, std::string address, RpcServer* server,
                                std::shared_ptr<ClientResult> out) {
  out->ran_on = Worker::current();
  absl::StatusOr<std::unique_ptr<RpcConnection>> c = co_await Connect(address);
  if (c.ok()) {
    Calc::Client calc = (*c)->bootstrap<Calc>();
    for (int i = 1; i <= 100 && out->status.ok(); ++i) {
      auto req = calc.addRequest();
      req.setA(out->sum);
      req.setB(i);
      auto r = co_await Await(req.send(), (*c)->peer());
      if (r.ok()) {
        out->sum = r->getSum();
      } else {
        out->status = r.status();
      }
    }
    auto off = calc.offsetByRequest();
    off.setOffset(100);
    auto pending = off.send();
    auto add = pending.getCalc().addRequest();
    add.setA(20);
    add.setB(3);
    auto r = co_await Await(add.send());
    if (r.ok()) out->pipelined = r->getSum();
    if (!r.ok() && out->status.ok()) out->status = r.status();
  } else {
    out->status = c.status();
  }
  out->done.store(true);
  server->stop();
  co_return absl::OkStatus();
}

TEST(RemoteTest, ActorAwaitsCapnpCallsOnAnotherWorkersServer) {
  Runtime runtime({.name = "remote_c", .workers = 2});
  auto server = RpcServer::Start(runtime, "127.0.0.1:0", CalcFactory());
  ASSERT_TRUE(server.ok()) << server.status();
  auto out = std::make_shared<ClientResult>();
  runtime.spawn_on(1, SpawnOptions{.name = "client"}, StopSupervisor{}, &ClientActor,
                   (*server)->address(), server->get(), out);
  EXPECT_TRUE(runtime.start().ok());
  ASSERT_TRUE(out->done.load());
  EXPECT_TRUE(out->status.ok()) << out->status;
  EXPECT_EQ(out->sum, 5050);
  EXPECT_EQ(out->pipelined, 123);
  EXPECT_EQ(out->ran_on, &runtime.worker(1));
}

TEST(RemoteTest, UnixSocketAddress) {
  const std::string path = "/tmp/heph_remote_test_" + std::to_string(::getpid()) + ".sock";
  ::unlink(path.c_str());
  Runtime runtime({.name = "remote_unix", .workers = 2});
  auto server = RpcServer::Start(runtime, "unix:" + path, CalcFactory());
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->address(), "unix:" + path);
  EXPECT_EQ((*server)->listener_count(), 1u);
  auto out = std::make_shared<ClientResult>();
  runtime.spawn_on(1, SpawnOptions{.name = "client"}, StopSupervisor{}, &ClientActor,
                   (*server)->address(), server->get(), out);
  EXPECT_TRUE(runtime.start().ok());
  EXPECT_TRUE(out->status.ok()) << out->status;
  EXPECT_EQ(out->sum, 5050);
  EXPECT_NE(::access(path.c_str(), F_OK), 0) << "the socket file is removed when the server stops";
}

// ---------------------------------------------------------------- (d) peer disconnect

TEST(RemoteTest, PeerDisconnectFailsPendingCallsPromptly) {
  EzServerThread ez;
  TestRuntime rt;
  auto body = [&ez]() -> Async<absl::Status> {
    absl::StatusOr<std::unique_ptr<RpcConnection>> c = co_await Connect(ez.address());
    if (!c.ok()) co_return c.status();
    Calc::Client calc = (*c)->bootstrap<Calc>();
    // One answered call first, so the connection is up.
    auto warm = co_await Await(calc.addRequest().send());
    if (!warm.ok()) co_return warm.status();
    std::vector<kj::Promise<capnp::Response<Calc::HangResults>>> hanging;
    for (int i = 0; i < 3; ++i) hanging.push_back(calc.hangRequest().send());
    co_await Sleep(absl::Milliseconds(20));  // let them reach the server
    const absl::Time killed = absl::Now();
    ez.stop();  // destroys the server: its sockets close
    for (auto& p : hanging) {
      // No context given: the connection's own exception names the peer.
      auto r = co_await Await(kj::mv(p));
      EXPECT_TRUE(absl::IsUnavailable(r.status())) << r.status();
      EXPECT_TRUE(absl::StrContains(r.status().message(), ez.address())) << r.status();
    }
    EXPECT_LT(absl::Now() - killed, absl::Seconds(5));
    // Later calls fail fast, and the connection says so.
    auto late = co_await Await(calc.addRequest().send(), "add");
    EXPECT_TRUE(absl::IsUnavailable(late.status())) << late.status();
    EXPECT_TRUE(absl::StrContains(late.status().message(), "add: ")) << late.status();
    EXPECT_TRUE(absl::StrContains(late.status().message(), ez.address())) << late.status();
    EXPECT_TRUE((*c)->failure().ok()) << "a peer that closed is not a failure: " << (*c)->failure();
    co_await Sleep(absl::Milliseconds(1));
    EXPECT_FALSE((*c)->is_connected());
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(), absl::Seconds(30));
  EXPECT_TRUE(s.ok()) << s;
}

TEST(RemoteTest, ConnectRefusedNamesTheAddress) {
  // A bound socket that does not listen: connecting is refused.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  SocketAddress any = SocketAddress::Loopback(0);
  ASSERT_EQ(::bind(fd, any.sockaddr_ptr(), any.sockaddr_len()), 0);
  const std::string address = SocketAddress::LocalOf(fd)->ToString();
  TestRuntime rt;
  auto s = rt.run(Connect(address), absl::Seconds(10));
  ::close(fd);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(absl::IsUnavailable(s.status())) << s.status();
  EXPECT_TRUE(absl::StrContains(s.status().message(), "connect to " + address)) << s.status();
  auto bad = rt.run(Connect("nowhere"), absl::Seconds(10));
  EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
}

// ---------------------------------------------------------------- (e) garbage

TEST(RemoteTest, GarbageClosesOnlyThatConnection) {
  Runtime runtime({.name = "remote_e", .workers = 1});
  auto server = RpcServer::Start(runtime, "127.0.0.1:0", CalcFactory());
  ASSERT_TRUE(server.ok()) << server.status();
  RuntimeThread rt(runtime);
  const std::uint16_t port = (*server)->port();

  std::atomic<int> phase{0};
  std::atomic<int> good_calls{0};
  std::thread good([&, address = (*server)->address()] {
    capnp::EzRpcClient ez(address);
    auto& ws = ez.getWaitScope();
    Calc::Client calc = ez.getMain<Calc>();
    auto call = [&](int a) {
      auto req = calc.addRequest();
      req.setA(a);
      req.setB(1);
      return req.send().wait(ws).getSum();
    };
    EXPECT_EQ(call(1), 2);
    good_calls.fetch_add(1);
    phase.store(1);
    while (phase.load() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    for (int i = 0; i < 50; ++i) {
      EXPECT_EQ(call(i), i + 1);
      good_calls.fetch_add(1);
    }
  });
  while (phase.load() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  // A raw connection sends garbage; the server closes it.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  SocketAddress to = SocketAddress::Loopback(port);
  ASSERT_EQ(::connect(fd, to.sockaddr_ptr(), to.sockaddr_len()), 0);
  char junk[256];
  std::memset(junk, 0xff, sizeof(junk));
  ASSERT_EQ(::send(fd, junk, sizeof(junk), MSG_NOSIGNAL), static_cast<ssize_t>(sizeof(junk)));
  bool closed = false;
  const absl::Time until = absl::Now() + absl::Seconds(10);
  while (!closed && absl::Now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    closed = n == 0 || (n < 0 && errno == ECONNRESET);
  }
  ::close(fd);
  EXPECT_TRUE(closed) << "the server did not close the garbage connection";

  phase.store(2);
  good.join();
  EXPECT_EQ(good_calls.load(), 51);
  EXPECT_EQ((*server)->accepted(), 2u);
  (*server)->stop();
  EXPECT_TRUE(rt.join().ok());
}

// ---------------------------------------------------------------- (f) two workers

TEST(RemoteTest, TwoWorkersEachServeTheirConnections) {
  g_calls_on_worker[0] = 0;
  g_calls_on_worker[1] = 0;
  Runtime runtime({.name = "remote_f", .workers = 2});
  auto server = RpcServer::Start(runtime, "127.0.0.1:0", CalcFactory(&runtime));
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->listener_count(), 2u);
  RuntimeThread rt(runtime);
  constexpr int kConnections = 32;
  std::thread clients([address = (*server)->address()] {
    // EzRpcClients on one thread share its EzRpc context (one KJ loop).
    std::vector<std::unique_ptr<capnp::EzRpcClient>> ez;
    for (int i = 0; i < kConnections; ++i) ez.push_back(std::make_unique<capnp::EzRpcClient>(address));
    auto& ws = ez[0]->getWaitScope();
    std::vector<capnp::RemotePromise<Calc::AddResults>> calls;
    for (int i = 0; i < kConnections; ++i) {
      auto req = ez[i]->getMain<Calc>().addRequest();
      req.setA(i);
      req.setB(0);
      calls.push_back(req.send());
    }
    for (int i = 0; i < kConnections; ++i) EXPECT_EQ(calls[i].wait(ws).getSum(), i);
  });
  clients.join();
  EXPECT_EQ((*server)->accepted(), static_cast<std::uint64_t>(kConnections));
  EXPECT_GT((*server)->accepted_on(0), 0u);
  EXPECT_GT((*server)->accepted_on(1), 0u);
  // Each connection's calls ran on the worker that accepted it.
  EXPECT_EQ(g_calls_on_worker[0].load(), static_cast<int>((*server)->accepted_on(0)));
  EXPECT_EQ(g_calls_on_worker[1].load(), static_cast<int>((*server)->accepted_on(1)));
  (*server)->stop();
  EXPECT_TRUE(rt.join().ok());
}

// ---------------------------------------------------------------- (g) idle

double ProcessCpuSeconds() {
  timespec ts;
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

TEST(RemoteTest, IdleWorkerWithKjLoopSleeps) {
  Runtime runtime({.name = "remote_g", .workers = 1});
  auto server = RpcServer::Start(runtime, "127.0.0.1:0", CalcFactory());
  ASSERT_TRUE(server.ok()) << server.status();
  RuntimeThread rt(runtime);
  std::atomic<int> phase{0};
  std::thread client([&, address = (*server)->address()] {
    capnp::EzRpcClient ez(address);
    auto& ws = ez.getWaitScope();
    Calc::Client calc = ez.getMain<Calc>();
    EXPECT_EQ(calc.addRequest().send().wait(ws).getSum(), 0);
    phase.store(1);
    // An open, idle connection while the main thread measures.
    while (phase.load() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  });
  while (phase.load() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const double before = ProcessCpuSeconds();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const double used = ProcessCpuSeconds() - before;
  phase.store(2);
  client.join();
  // A spinning worker would use ~0.5 s; a sleeping one, almost nothing (the
  // client thread's 5 ms naps cost a little).
  EXPECT_LT(used, 0.1) << "CPU seconds used by an idle process: " << used;
  (*server)->stop();
  EXPECT_TRUE(rt.join().ok());
}

// ---------------------------------------------------------------- the pieces

TEST(KjStreamTest, ReadWriteEofAndErrorsOverASocketPair) {
  TestRuntime rt;
  auto body = []() -> Async<absl::Status> {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
    WorkerKjLoop::Current();
    auto a = kj::heap<KjStream>(sv[0], "pair-a");
    auto b = kj::heap<KjStream>(sv[1], "pair-b");
    // minBytes: a read of at least 10 waits for the second write.
    char buf[64];
    kj::Promise<std::size_t> read = a->tryRead(buf, 10, sizeof(buf));
    EXPECT_TRUE((co_await Await(b->write("hello", 5))).ok());
    co_await Sleep(absl::Milliseconds(5));
    EXPECT_TRUE((co_await Await(b->write(" world", 6))).ok());
    absl::StatusOr<std::size_t> n = co_await Await(kj::mv(read));
    EXPECT_TRUE(n.ok()) << n.status();
    if (n.ok()) {
      EXPECT_EQ(*n, 11u);
      EXPECT_EQ(std::string(buf, *n), "hello world");
    }
    // A large transfer in both directions at once exercises the waits.
    const std::size_t kBig = 8 << 20;
    std::vector<kj::byte> out(kBig, 7), in(kBig);
    kj::ArrayPtr<const kj::byte> pieces[2] = {kj::arrayPtr(out.data(), kBig / 2),
                                             kj::arrayPtr(out.data() + kBig / 2, kBig / 2)};
    kj::Promise<void> w = b->write(kj::arrayPtr(pieces, 2));
    absl::StatusOr<std::size_t> got = co_await Await(a->tryRead(in.data(), kBig, kBig));
    EXPECT_TRUE(got.ok() && *got == kBig);
    EXPECT_TRUE((co_await Await(kj::mv(w))).ok());
    EXPECT_EQ(in, out);
    // End of stream: fewer than minBytes.
    b->shutdownWrite();
    absl::StatusOr<std::size_t> eof = co_await Await(a->tryRead(buf, 4, sizeof(buf)));
    EXPECT_TRUE(eof.ok() && *eof == 0u);
    // Writing to a closed peer: DISCONNECTED, naming the peer.
    b = nullptr;
    absl::Status broken;
    for (int i = 0; i < 100 && broken.ok(); ++i) broken = co_await Await(a->write(buf, sizeof(buf)));
    EXPECT_TRUE(absl::IsUnavailable(broken)) << broken;
    EXPECT_TRUE(absl::StrContains(broken.message(), "write to pair-a")) << broken;
    co_return absl::OkStatus();
  };
  absl::Status s = rt.run(body(), absl::Seconds(30));
  EXPECT_TRUE(s.ok()) << s;
}

TEST(WorkerKjLoopTest, WaitOnAWorkerThrowsInsteadOfBlocking) {
  TestRuntime rt;
  auto body = []() -> Async<absl::Status> {
    WorkerKjLoop& kj = WorkerKjLoop::Current();
    kj::Promise<void> never = kj::NEVER_DONE;
    try {
      never.wait(kj.wait_scope());
      ADD_FAILURE() << "wait() returned";
    } catch (const kj::Exception& e) {
      EXPECT_TRUE(absl::StrContains(e.getDescription().cStr(), "would block the heph worker"))
          << e.getDescription().cStr();
    }
    co_return absl::OkStatus();
  };
  EXPECT_TRUE(rt.run(body(), absl::Seconds(10)).ok());
}

TEST(WorkerKjLoopTest, ExecutorWakeFromAnotherThreadRunsOnTheWorker) {
  TestRuntime rt;
  auto body = []() -> Async<absl::Status> {
    WorkerKjLoop::Current();  // created lazily: make sure it exists
    const kj::Executor& executor = kj::getCurrentThreadExecutor();
    Worker* worker = Worker::current();
    std::atomic<bool> done{false};
    Worker* ran_on = nullptr;
    std::thread other([&] {
      const int v = executor.executeSync([&] {
        ran_on = Worker::current();
        return 42;
      });
      EXPECT_EQ(v, 42);
      done.store(true);
    });
    for (int i = 0; i < 10000 && !done.load(); ++i) co_await Sleep(absl::Milliseconds(1));
    other.join();
    EXPECT_EQ(ran_on, worker);
    co_return absl::OkStatus();
  };
  EXPECT_TRUE(rt.run(body(), absl::Seconds(20)).ok());
}

TEST(WorkerKjLoopTest, DelayUsesTheWorkersTimers) {
  TestRuntime rt;
  auto body = []() -> Async<absl::Status> {
    const absl::Time start = absl::Now();
    absl::Status s = co_await Await(Delay(absl::Milliseconds(20)));
    EXPECT_TRUE(s.ok());
    EXPECT_GE(absl::Now() - start, absl::Milliseconds(20));
    // A dropped Delay cancels its timer.
    { kj::Promise<void> dropped = Delay(absl::Milliseconds(1)); }
    co_await Sleep(absl::Milliseconds(5));
    co_return absl::OkStatus();
  };
  EXPECT_TRUE(rt.run(body(), absl::Seconds(10)).ok());
}

TEST(StatusFromKjTest, MapsTypesAndKeepsTheMessage) {
  auto make = [](kj::Exception::Type t) { return kj::Exception(t, "f.c++", 1, kj::str("boom")); };
  EXPECT_TRUE(absl::IsUnavailable(StatusFromKj(make(kj::Exception::Type::DISCONNECTED))));
  EXPECT_TRUE(absl::IsResourceExhausted(StatusFromKj(make(kj::Exception::Type::OVERLOADED))));
  EXPECT_TRUE(absl::IsUnimplemented(StatusFromKj(make(kj::Exception::Type::UNIMPLEMENTED))));
  absl::Status failed = StatusFromKj(make(kj::Exception::Type::FAILED), "add on 1.2.3.4:5");
  EXPECT_TRUE(absl::IsUnknown(failed));
  EXPECT_EQ(failed.message(), "add on 1.2.3.4:5: boom");
}

}  // namespace
}  // namespace heph::remote
