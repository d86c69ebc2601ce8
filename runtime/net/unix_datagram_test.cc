// UnixDatagram: echo round trips (bound, autobound, connected), message
// boundaries, abstract addresses, a full receiver queue making sends wait,
// and errors naming the paths.
#include "runtime/net/unix_datagram.h"

#include <unistd.h>

#include <cctype>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

using heph::testing::TestRuntime;

std::string SocketPath(const char* name) {
  // TEST_TMPDIR is often longer than a socket path may be (107 bytes).
  const std::string p = absl::StrCat("/tmp/heph-dgram-test.", ::getpid(), ".", name);
  ::unlink(p.c_str());
  return p;
}

// Answers `n` datagrams to their senders, upper-cased.
Async<absl::Status> UpperEcho(Context<int>, UnixDatagram* s, int n) {
  char buf[4096];
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<UnixDatagram::Received> d = co_await s->recv_from(buf);
    if (!d.ok()) co_return d.status();
    for (std::size_t j = 0; j < d->size; ++j) buf[j] = static_cast<char>(std::toupper(buf[j]));
    absl::StatusOr<std::size_t> w = co_await s->send_to(std::span<const char>(buf, d->size), d->from);
    if (!w.ok()) co_return w.status();
  }
  co_return absl::OkStatus();
}

// Sends `text` to `server` and returns the answer, checking it came from there.
Async<absl::StatusOr<std::string>> AskOnce(UnixDatagram* client, std::string server,
                                           std::string text) {
  absl::StatusOr<std::size_t> w = co_await client->send_to(text, server);
  if (!w.ok()) co_return w.status();
  if (*w != text.size()) co_return absl::InternalError("short send");
  char buf[4096];
  absl::StatusOr<UnixDatagram::Received> d = co_await client->recv_from(buf);
  if (!d.ok()) co_return d.status();
  if (d->from != server) co_return absl::InternalError(absl::StrCat("answer from '", d->from, "'"));
  co_return std::string(buf, d->size);
}

TEST(UnixDatagramTest, EchoRoundTripBetweenBoundPaths) {
  const std::string server_path = SocketPath("echo-server.sock");
  const std::string client_path = SocketPath("echo-client.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(server_path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Bind(client_path);
  ASSERT_TRUE(client.ok()) << client.status();
  EXPECT_EQ(client->path(), client_path);
  TestRuntime rt;
  auto echo = rt.spawn(StopSupervisor{}, &UpperEcho, &*server, 2);
  for (const char* text : {"hello", "over a unix datagram socket"}) {
    absl::StatusOr<std::string> r = rt.run(AskOnce(&*client, server_path, text));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(*r, absl::AsciiStrToUpper(text));
  }
  EXPECT_TRUE(rt.join(std::move(echo)).ok());
  // close() removes the file the socket bound.
  server->close();
  client->close();
  EXPECT_NE(::access(server_path.c_str(), F_OK), 0);
  EXPECT_NE(::access(client_path.c_str(), F_OK), 0);
}

#if defined(__linux__)
TEST(UnixDatagramTest, AnAutoboundClientGetsAnAbstractAddressTheServerCanAnswer) {
  const std::string server_path = SocketPath("autobind-server.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(server_path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Autobind();
  ASSERT_TRUE(client.ok()) << client.status();
  EXPECT_TRUE(absl::StartsWith(client->path(), "@")) << client->path();
  TestRuntime rt;
  auto echo = rt.spawn(StopSupervisor{}, &UpperEcho, &*server, 1);
  absl::StatusOr<std::string> r = rt.run(AskOnce(&*client, server_path, "autobound"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, "AUTOBOUND");
  EXPECT_TRUE(rt.join(std::move(echo)).ok());
}

TEST(UnixDatagramTest, AbstractAddressesNeedNoFile) {
  const std::string name = absl::StrCat("@heph-dgram-test.", ::getpid(), ".abstract");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(name);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(server->path(), name);
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Autobind();
  ASSERT_TRUE(client.ok()) << client.status();
  TestRuntime rt;
  auto echo = rt.spawn(StopSupervisor{}, &UpperEcho, &*server, 1);
  absl::StatusOr<std::string> r = rt.run(AskOnce(&*client, name, "abstract"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, "ABSTRACT");
  EXPECT_TRUE(rt.join(std::move(echo)).ok());
  // The name is taken while bound and free once closed.
  EXPECT_FALSE(UnixDatagram::Bind(name).ok());
  server->close();
  EXPECT_TRUE(UnixDatagram::Bind(name).ok());
}
#endif

Async<absl::StatusOr<std::string>> ConnectedAsk(UnixDatagram* client, std::string text) {
  absl::StatusOr<std::size_t> w = co_await client->send(text);
  if (!w.ok()) co_return w.status();
  char buf[64];
  absl::StatusOr<std::size_t> n = co_await client->recv(buf);
  if (!n.ok()) co_return n.status();
  co_return std::string(buf, *n);
}

TEST(UnixDatagramTest, ConnectedSendAndRecv) {
  const std::string server_path = SocketPath("connected-server.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(server_path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Bind(SocketPath("connected-client.sock"));
  ASSERT_TRUE(client.ok()) << client.status();
  ASSERT_TRUE(client->connect(server_path).ok());
  EXPECT_EQ(client->peer_path(), server_path);
  TestRuntime rt;
  auto echo = rt.spawn(StopSupervisor{}, &UpperEcho, &*server, 1);
  absl::StatusOr<std::string> r = rt.run(ConnectedAsk(&*client, "connected"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, "CONNECTED");
  EXPECT_TRUE(rt.join(std::move(echo)).ok());
}

Async<absl::Status> SendAll(UnixDatagram* s, std::string to, std::vector<std::string> messages) {
  for (const std::string& m : messages) {
    absl::StatusOr<std::size_t> w = co_await s->send_to(m, to);
    if (!w.ok()) co_return w.status();
  }
  co_return absl::OkStatus();
}

// Receives `n` datagrams into a buffer of `buf_size` bytes each.
Async<absl::StatusOr<std::vector<std::string>>> ReceiveN(UnixDatagram* s, int n,
                                                         std::size_t buf_size) {
  std::vector<std::string> got;
  std::vector<char> buf(buf_size);
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<UnixDatagram::Received> d = co_await s->recv_from(buf);
    if (!d.ok()) co_return d.status();
    got.emplace_back(buf.data(), d->size);
  }
  co_return got;
}

TEST(UnixDatagramTest, EachSendIsOneDatagramEmptyOnesIncluded) {
  const std::string path = SocketPath("boundaries.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Unbound();
  ASSERT_TRUE(client.ok()) << client.status();
  const std::vector<std::string> sent = {"a", "", std::string(3000, 'x'), "bc", "d"};
  TestRuntime rt;
  ASSERT_TRUE(rt.run(SendAll(&*client, path, sent)).ok());
  absl::StatusOr<std::vector<std::string>> got = rt.run(ReceiveN(&*server, 5, 4096));
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, sent);
}

TEST(UnixDatagramTest, ALongerDatagramIsTruncatedToTheBufferAndTheRestDropped) {
  const std::string path = SocketPath("truncated.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Unbound();
  ASSERT_TRUE(client.ok()) << client.status();
  TestRuntime rt;
  ASSERT_TRUE(rt.run(SendAll(&*client, path, {"0123456789abcdef", "next"})).ok());
  absl::StatusOr<std::vector<std::string>> got = rt.run(ReceiveN(&*server, 2, 10));
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, (std::vector<std::string>{"0123456789", "next"}));
}

Async<absl::StatusOr<std::string>> FromOfOne(UnixDatagram* s) {
  char buf[16];
  absl::StatusOr<UnixDatagram::Received> d = co_await s->recv_from(buf);
  if (!d.ok()) co_return d.status();
  co_return d->from;
}

TEST(UnixDatagramTest, AnUnboundSenderHasNoAddress) {
  const std::string path = SocketPath("unbound-from.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Unbound();
  ASSERT_TRUE(client.ok()) << client.status();
  EXPECT_EQ(client->path(), "");
  TestRuntime rt;
  ASSERT_TRUE(rt.run(SendAll(&*client, path, {"x"})).ok());
  absl::StatusOr<std::string> from = rt.run(FromOfOne(&*server));
  ASSERT_TRUE(from.ok()) << from.status();
  EXPECT_EQ(*from, "");
}

// More datagrams than the receiver's queue holds (net.unix.max_dgram_qlen,
// 10 by default on Linux): the sender waits for the receiver instead of
// failing, and nothing is lost or reordered.
Async<absl::Status> SendNumbered(Context<int>, UnixDatagram* s, std::string to, int n,
                                 bool connected) {
  for (int i = 0; i < n; ++i) {
    const std::string m = absl::StrCat(i);
    absl::StatusOr<std::size_t> w = connected ? co_await s->send(m) : co_await s->send_to(m, to);
    if (!w.ok()) co_return w.status();
  }
  co_return absl::OkStatus();
}

void ExpectFullQueueMakesSendsWait(bool connected) {
  constexpr int kMessages = 500;
  const std::string path = SocketPath(connected ? "full-connected.sock" : "full-unconnected.sock");
  absl::StatusOr<UnixDatagram> server = UnixDatagram::Bind(path);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<UnixDatagram> client = UnixDatagram::Unbound();
  ASSERT_TRUE(client.ok()) << client.status();
  if (connected) {
    ASSERT_TRUE(client->connect(path).ok());
  }
  TestRuntime rt;
  auto sender = rt.spawn(StopSupervisor{}, &SendNumbered, &*client, path, kMessages, connected);
  absl::StatusOr<std::vector<std::string>> got = rt.run(ReceiveN(&*server, kMessages, 64));
  ASSERT_TRUE(got.ok()) << got.status();
  for (int i = 0; i < kMessages; ++i) ASSERT_EQ((*got)[i], absl::StrCat(i));
  EXPECT_TRUE(rt.join(std::move(sender)).ok());
}

TEST(UnixDatagramTest, AFullReceiverQueueMakesAConnectedSendWait) {
  ExpectFullQueueMakesSendsWait(/*connected=*/true);
}

TEST(UnixDatagramTest, AFullReceiverQueueMakesAnUnconnectedSendToWait) {
  ExpectFullQueueMakesSendsWait(/*connected=*/false);
}

Async<absl::StatusOr<std::size_t>> SendOne(UnixDatagram* s, std::string to) {
  co_return co_await s->send_to(std::string_view("x"), to);
}

TEST(UnixDatagramTest, ErrorsNameThePaths) {
  const std::string nobody = SocketPath("nobody.sock");
  TestRuntime rt;
  absl::StatusOr<UnixDatagram> unbound = UnixDatagram::Unbound();
  ASSERT_TRUE(unbound.ok()) << unbound.status();
  absl::StatusOr<std::size_t> r = rt.run(SendOne(&*unbound, nobody));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), absl::StrCat("send to ", nobody, ": No such file or directory"));

  const std::string mine = SocketPath("errors-mine.sock");
  absl::StatusOr<UnixDatagram> bound = UnixDatagram::Bind(mine);
  ASSERT_TRUE(bound.ok()) << bound.status();
  r = rt.run(SendOne(&*bound, nobody));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            absl::StrCat("send from ", mine, " to ", nobody, ": No such file or directory"));

  absl::Status c = bound->connect(nobody);
  EXPECT_EQ(c.message(),
            absl::StrCat("connect ", mine, " to ", nobody, ": No such file or directory"));

  absl::StatusOr<UnixDatagram> again = UnixDatagram::Bind(mine);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), absl::StrCat("bind to ", mine, ": Address already in use"));

  absl::StatusOr<UnixDatagram> too_long = UnixDatagram::Bind("/tmp/" + std::string(200, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace heph
