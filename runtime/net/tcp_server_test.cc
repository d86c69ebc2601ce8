// TcpServer on a 2-worker Runtime: 1,000 concurrent echo connections checked
// by checksum, the shared port spreading connections over both workers,
// connection errors going to the supervisor, and a stopped server closing its
// sockets.
#include "runtime/net/tcp_server.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
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

}  // namespace
}  // namespace heph
