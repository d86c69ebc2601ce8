// TcpServer on a 2-worker Runtime: 1,000 concurrent echo connections checked
// by checksum, the shared port spreading connections over both workers,
// connection errors going to the supervisor, and a stopped server closing its
// sockets; TCP_NODELAY on accepted connections (on by default, off by option) and
// SO_INCOMING_CPU on the listeners of pinned workers.
#include "runtime/net/tcp_server.h"

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/net/net_test_util.h"
#include "runtime/net/tcp.h"
#include "runtime/rt/runtime.h"

namespace heph {
namespace {

using heph::testing::Checksum;
using heph::testing::Payload;

Async<absl::Status> EchoConnection(Context<Signal>, TcpStream s) {
  char buf[4096];
  for (;;) {
    absl::StatusOr<std::size_t> n = co_await s.read(buf);
    if (!n.ok()) co_return n.status();
    if (*n == 0) co_return absl::OkStatus();
    if (absl::Status w = co_await s.write_all(std::span<const char>(buf, *n)); !w.ok()) co_return w;
  }
}

struct ClientShared {
  std::atomic<std::int64_t> remaining{0};
  std::atomic<std::int64_t> ok{0};
  std::mutex mu;
  std::vector<std::string> errors;
  TcpServer* server = nullptr;
  void done(absl::Status s) {
    if (s.ok()) {
      ok.fetch_add(1);
    } else {
      std::lock_guard<std::mutex> lock(mu);
      errors.push_back(s.ToString());
    }
    if (remaining.fetch_sub(1) == 1) server->stop();
  }
};

Async<absl::Status> RunClient(std::uint64_t id, SocketAddress to, std::size_t size) {
  absl::StatusOr<TcpStream> s = co_await TcpStream::Connect(to);
  if (!s.ok()) co_return s.status();
  const std::vector<char> data = Payload(id, size);
  // Two rounds: send half, read it back; then the rest.
  const std::size_t half = size / 2;
  std::vector<char> back(size);
  if (absl::Status w = co_await s->write_all(std::span<const char>(data).first(half)); !w.ok()) co_return w;
  if (absl::Status r = co_await s->read_exact(std::span<char>(back).first(half)); !r.ok()) co_return r;
  if (absl::Status w = co_await s->write_all(std::span<const char>(data).subspan(half)); !w.ok()) co_return w;
  if (absl::Status r = co_await s->read_exact(std::span<char>(back).subspan(half)); !r.ok()) co_return r;
  if (Checksum(back) != Checksum(data)) {
    co_return absl::DataLossError(absl::StrCat("client ", id, ": checksum mismatch"));
  }
  co_return absl::OkStatus();
}

Async<absl::Status> Client(Context<int>, std::uint64_t id, SocketAddress to, std::size_t size,
                           ClientShared* shared) {
  shared->done(co_await RunClient(id, to, size));
  co_return absl::OkStatus();
}

TEST(TcpServerTest, ThousandConcurrentEchoConnections) {
  heph::testing::RaiseFdLimit(8192);
  constexpr int kClients = 1000;
  constexpr std::size_t kSize = 2048;
  Runtime runtime({.name = "echo_test", .workers = 2});
  absl::StatusOr<std::unique_ptr<TcpServer>> server =
      TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, StopSupervisor{}, &EchoConnection);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_NE((*server)->port(), 0);
  ClientShared shared;
  shared.remaining = kClients;
  shared.server = server->get();
  for (int i = 0; i < kClients; ++i) {
    runtime.spawn(SpawnOptions{.name = "client"}, StopSupervisor{}, &Client,
                  static_cast<std::uint64_t>(i), (*server)->address(), kSize, &shared);
  }
  ASSERT_TRUE(runtime.start().ok());
  EXPECT_TRUE(shared.errors.empty()) << shared.errors.size() << " errors, first: " << shared.errors[0];
  EXPECT_EQ(shared.ok.load(), kClients);
  EXPECT_EQ((*server)->accepted(), static_cast<std::uint64_t>(kClients));
}

// Runs `n` clients against a fresh 2-worker server; returns accepts per worker.
std::vector<std::uint64_t> AcceptsPerWorker(int n) {
  Runtime runtime({.name = "shared_port", .workers = 2});
  absl::StatusOr<std::unique_ptr<TcpServer>> server =
      TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, StopSupervisor{}, &EchoConnection);
  EXPECT_TRUE(server.ok()) << server.status();
  if (!server.ok()) return {};
  ClientShared shared;
  shared.remaining = n;
  shared.server = server->get();
  for (int i = 0; i < n; ++i) {
    runtime.spawn(SpawnOptions{.name = "client"}, StopSupervisor{}, &Client,
                  static_cast<std::uint64_t>(i), (*server)->address(), std::size_t{64}, &shared);
  }
  EXPECT_TRUE(runtime.start().ok());
  EXPECT_TRUE(shared.errors.empty()) << shared.errors[0];
  return {(*server)->accepted_on(0), (*server)->accepted_on(1)};
}

TEST(TcpServerTest, SharedPortAcceptsOnEveryWorker) {
  std::vector<std::uint64_t> per;
  // REUSEPORT hashes the 4-tuple: with 200 connections both workers get
  // some; a run where one gets none is retried with more connections.
  for (int n : {200, 400, 800}) {
    per = AcceptsPerWorker(n);
    ASSERT_EQ(per.size(), 2u);
    EXPECT_EQ(per[0] + per[1], static_cast<std::uint64_t>(n));
    if (per[0] > 0 && per[1] > 0) break;
  }
  EXPECT_GT(per[0], 0u);
  EXPECT_GT(per[1], 0u);
}

Async<absl::Status> FailingConnection(Context<Signal>, TcpStream s, int code) {
  (void)co_await s.write_all(std::string_view("x"));
  co_return absl::InternalError(absl::StrCat("connection failed on purpose ", code));
}

struct CountingSupervisor {
  std::shared_ptr<std::atomic<int>> failures;
  StopActor operator()(std::string_view, const absl::Status& s) const {
    if (absl::StrContains(s.message(), "on purpose 42")) failures->fetch_add(1);
    return {};
  }
};

Async<absl::Status> ReadOneByte(SocketAddress to) {
  absl::StatusOr<TcpStream> s = co_await TcpStream::Connect(to);
  if (!s.ok()) co_return s.status();
  char c;
  co_return co_await s->read_exact(std::span<char>(&c, 1));
}

Async<absl::Status> SequentialClients(Context<int>, SocketAddress to, int n, TcpServer* server,
                                      std::vector<absl::Status>* out) {
  for (int i = 0; i < n; ++i) out->push_back(co_await ReadOneByte(to));
  server->stop();
  co_return absl::OkStatus();
}

TEST(TcpServerTest, ConnectionErrorsGoToTheSupervisorAndTheServerGoesOn) {
  Runtime runtime({.name = "failing", .workers = 2});
  auto failures = std::make_shared<std::atomic<int>>(0);
  absl::StatusOr<std::unique_ptr<TcpServer>> server =
      TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, CountingSupervisor{failures},
                       &FailingConnection, 42);
  ASSERT_TRUE(server.ok()) << server.status();
  std::vector<absl::Status> results;
  runtime.spawn(StopSupervisor{}, &SequentialClients, (*server)->address(), 10, server->get(),
                &results);
  ASSERT_TRUE(runtime.start().ok());
  ASSERT_EQ(results.size(), 10u);
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(failures->load(), 10);
}

TEST(TcpServerTest, StoppedServerClosesItsSockets) {
  const int before = heph::testing::CountOpenFds();
  {
    Runtime runtime({.name = "fds", .workers = 2});
    absl::StatusOr<std::unique_ptr<TcpServer>> server =
        TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, StopSupervisor{}, &EchoConnection);
    ASSERT_TRUE(server.ok()) << server.status();
    EXPECT_GT(heph::testing::CountOpenFds(), before);
    ClientShared shared;
    shared.remaining = 20;
    shared.server = server->get();
    for (int i = 0; i < 20; ++i) {
      runtime.spawn(StopSupervisor{}, &Client, static_cast<std::uint64_t>(i),
                    (*server)->address(), std::size_t{100}, &shared);
    }
    ASSERT_TRUE(runtime.start().ok());
    EXPECT_EQ(shared.ok.load(), 20);
    // The listeners ended on their workers: nothing listens any more.
    const SocketAddress addr = (*server)->address();
    const int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(probe, 0);
    EXPECT_NE(::connect(probe, addr.sockaddr_ptr(), addr.sockaddr_len()), 0);
    ::close(probe);
  }
  EXPECT_EQ(heph::testing::CountOpenFds(), before);
}

TEST(TcpServerTest, SignalsStopTheServer) {
  Runtime runtime({.name = "signals", .workers = 2});
  absl::StatusOr<std::unique_ptr<TcpServer>> server =
      TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, StopSupervisor{}, &EchoConnection);
  ASSERT_TRUE(server.ok()) << server.status();
  (*server)->receive_signals(runtime);
  std::thread stopper([&] {
    absl::SleepFor(absl::Milliseconds(50));
    runtime.stop();  // delivered as kTerminate to the listeners
  });
  EXPECT_TRUE(runtime.start().ok());
  stopper.join();
  EXPECT_EQ(runtime.live_actors(), 0);
}

// A blocking client socket with 5 s receive/send timeouts (no read hangs).
int BlockingSocket() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

bool ConnectTo(int fd, const SocketAddress& to) {
  return ::connect(fd, to.sockaddr_ptr(), to.sockaddr_len()) == 0;
}

// Sends `msg` on a blocking socket and reads it back.
bool EchoesBack(int fd, std::string_view msg) {
  if (::send(fd, msg.data(), msg.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(msg.size())) return false;
  std::string back(msg.size(), '\0');
  std::size_t got = 0;
  while (got < back.size()) {
    const ssize_t n = ::recv(fd, back.data() + got, back.size() - got, 0);
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return back == msg;
}

// Collects the server's log lines.
struct LogLines {
  std::mutex mu;
  std::vector<std::string> lines;
  void add(std::string_view l) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(l);
  }
  int count(std::string_view needle) {
    std::lock_guard<std::mutex> lock(mu);
    int n = 0;
    for (const std::string& l : lines) n += l.find(needle) != std::string::npos;
    return n;
  }
  std::string all() {
    std::lock_guard<std::mutex> lock(mu);
    return absl::StrJoin(lines, "\n");
  }
};

// Waits (bounded) until `pred` holds.
template <class P>
bool Eventually(P pred, absl::Duration timeout = absl::Seconds(20)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (!pred()) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(5));
  }
  return true;
}

// Out of descriptors, accept fails with EMFILE: the server backs off (one
// log line for the whole period, naming the server and its address, saying it
// keeps running and when it retries), goes on serving the connections it has,
// and accepts the waiting ones once descriptors are free again.
TEST(TcpServerTest, OutOfDescriptorsItBacksOffLogsOncePerPeriodAndAcceptsAgain) {
  constexpr int kWaiting = 4;
  Runtime runtime({.name = "emfile", .workers = 2});
  auto log = std::make_shared<LogLines>();
  absl::StatusOr<std::unique_ptr<TcpServer>> server = TcpServer::Start(
      runtime, SocketAddress::Loopback(0),
      {.name = "emfile_server",
       .accept_backoff = absl::Milliseconds(50),
       .log = [log](std::string_view l) { log->add(l); }},
      StopSupervisor{}, &EchoConnection);
  ASSERT_TRUE(server.ok()) << server.status();
  const SocketAddress addr = (*server)->address();
  TcpServer* srv = server->get();

  std::vector<std::string> failures;  // the driver's, checked after start()
  std::thread driver([&] {
    auto fail = [&](std::string what) { failures.push_back(std::move(what) + "; log:\n" + log->all()); };
    const int first = BlockingSocket();
    if (!ConnectTo(first, addr) || !EchoesBack(first, "first")) return fail("first connection");
    std::vector<int> waiting;  // sockets made now, connected once out of descriptors
    for (int i = 0; i < kWaiting; ++i) waiting.push_back(BlockingSocket());

    // Exhaust the descriptors: a soft limit just above the highest open one,
    // filled with copies of stdin.
    rlimit saved;
    ::getrlimit(RLIMIT_NOFILE, &saved);
    int highest = 0;
    for (int fd : waiting) highest = std::max(highest, fd);
    rlimit low = saved;
    low.rlim_cur = static_cast<rlim_t>(highest) + 16;
    ::setrlimit(RLIMIT_NOFILE, &low);
    std::vector<int> fillers;
    for (int fd; (fd = ::fcntl(0, F_DUPFD_CLOEXEC, 0)) >= 0;) fillers.push_back(fd);
    const bool exhausted = errno == EMFILE;

    for (int fd : waiting) {
      if (!ConnectTo(fd, addr)) failures.push_back("connect while out of descriptors");
    }
    const bool reported = Eventually([&] { return log->count("Too many open files") > 0; });
    absl::SleepFor(absl::Milliseconds(300));  // six back-off periods of 50 ms
    const int lines = log->count("Too many open files");
    const bool still_served = EchoesBack(first, "still served");

    // Free the descriptors.
    for (int fd : fillers) ::close(fd);
    ::setrlimit(RLIMIT_NOFILE, &saved);
    if (!exhausted) fail("could not exhaust the descriptors");
    if (!reported) fail("no back-off reported");
    if (lines != 1) fail(absl::StrCat(lines, " back-off lines, not 1"));
    if (!still_served) fail("the accepted connection was not served while out of descriptors");
    for (int fd : waiting) {
      if (!EchoesBack(fd, "accepted again")) fail("a waiting connection was not accepted afterwards");
    }
    if (!Eventually([&] { return log->count("accepting again") == 1 && srv->backing_off() == 0; })) {
      fail("no 'accepting again' line");
    }
    for (int fd : waiting) ::close(fd);
    ::close(first);
    srv->stop();
  });
  ASSERT_TRUE(runtime.start().ok());
  driver.join();
  for (const std::string& f : failures) ADD_FAILURE() << f;
  const std::string all = log->all();
  EXPECT_NE(all.find(absl::StrCat("emfile_server on ", addr.ToString(),
                                  ": accept: Too many open files; the server keeps running and "
                                  "retries accepting every 50 ms")),
            std::string::npos)
      << all;
  EXPECT_EQ(all.find("stopping it"), std::string::npos) << all;
}

TEST(TcpServerTest, BindErrorNamesTheAddress) {
  absl::StatusOr<TcpListener> taken = TcpListener::Bind(SocketAddress::Loopback(0));
  ASSERT_TRUE(taken.ok());
  Runtime runtime({.name = "busy", .workers = 2});
  absl::StatusOr<std::unique_ptr<TcpServer>> server = TcpServer::Start(
      runtime, taken->local_address(), {}, StopSupervisor{}, &EchoConnection);
  ASSERT_FALSE(server.ok());
  EXPECT_TRUE(absl::StrContains(server.status().message(),
                                absl::StrCat("bind to ", taken->local_address().ToString(),
                                             ": Address already in use")))
      << server.status();
}

// Each connection answers '1' if its socket has TCP_NODELAY on, '0' if off.
Async<absl::Status> ReportNoDelay(Context<Signal>, TcpStream s) {
  int v = -1;
  socklen_t len = sizeof v;
  if (::getsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &v, &len) < 0) {
    co_return absl::InternalError("getsockopt TCP_NODELAY failed");
  }
  co_return co_await s.write_all(std::string_view(v != 0 ? "1" : "0"));
}

Async<absl::Status> ReadAnswers(Context<int>, SocketAddress to, int n, TcpServer* server,
                                std::string* out) {
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<TcpStream> s = co_await TcpStream::Connect(to);
    char c = '?';
    if (s.ok() && (co_await s->read_exact(std::span<char>(&c, 1))).ok()) out->push_back(c);
  }
  server->stop();
  co_return absl::OkStatus();
}

// What `n` connections to a 2-worker server with `options` report.
std::string NoDelaySeenByConnections(TcpServerOptions options, int n) {
  Runtime runtime({.name = "nodelay", .workers = 2});
  absl::StatusOr<std::unique_ptr<TcpServer>> server = TcpServer::Start(
      runtime, SocketAddress::Loopback(0), options, StopSupervisor{}, &ReportNoDelay);
  EXPECT_TRUE(server.ok()) << server.status();
  if (!server.ok()) return "";
  std::string answers;
  runtime.spawn(StopSupervisor{}, &ReadAnswers, (*server)->address(), n, server->get(), &answers);
  EXPECT_TRUE(runtime.start().ok());
  return answers;
}

TEST(TcpServerTest, AcceptedConnectionsHaveTcpNoDelayByDefault) {
  EXPECT_EQ(NoDelaySeenByConnections({}, 8), "11111111");
}

TEST(TcpServerTest, TcpNoDelayCanBeTurnedOff) {
  EXPECT_EQ(NoDelaySeenByConnections({.nodelay = false}, 8), "00000000");
}

#ifdef SO_INCOMING_CPU
int IncomingCpu(int fd) {
  int cpu = -2;
  socklen_t len = sizeof cpu;
  if (::getsockopt(fd, SOL_SOCKET, SO_INCOMING_CPU, &cpu, &len) < 0) return -3;
  return cpu;
}
#endif

TEST(TcpServerTest, PinnedWorkersListenWithSoIncomingCpuOfTheirCpu) {
#ifndef SO_INCOMING_CPU
  GTEST_SKIP() << "no SO_INCOMING_CPU on this system (Linux only)";
#else
  Runtime runtime({.name = "pinned", .workers = 2, .pin_workers = true});
  absl::StatusOr<std::unique_ptr<TcpServer>> server =
      TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, StopSupervisor{}, &EchoConnection);
  ASSERT_TRUE(server.ok()) << server.status();
  for (std::uint32_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(runtime.pinned_cpu(i).has_value());
    EXPECT_EQ(IncomingCpu((*server)->listener_fd(i)), static_cast<int>(*runtime.pinned_cpu(i)))
        << "worker " << i;
  }
  (*server)->stop();
  EXPECT_TRUE(runtime.start().ok());
#endif
}

TEST(TcpServerTest, UnpinnedWorkersLeaveSoIncomingCpuUnset) {
#ifndef SO_INCOMING_CPU
  GTEST_SKIP() << "no SO_INCOMING_CPU on this system (Linux only)";
#else
  Runtime runtime({.name = "unpinned", .workers = 2});
  absl::StatusOr<std::unique_ptr<TcpServer>> server =
      TcpServer::Start(runtime, SocketAddress::Loopback(0), {}, StopSupervisor{}, &EchoConnection);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_FALSE(runtime.pinned_cpu(0).has_value());
  for (std::uint32_t i = 0; i < 2; ++i) EXPECT_EQ(IncomingCpu((*server)->listener_fd(i)), -1);
  (*server)->stop();
  EXPECT_TRUE(runtime.start().ok());
#endif
}

}  // namespace
}  // namespace heph
