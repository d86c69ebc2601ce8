// UDP (connected and unconnected) and Unix domain stream sockets.
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/net/address.h"
#include "runtime/net/udp.h"
#include "runtime/net/unix.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

using heph::testing::TestRuntime;

// Echoes `n` datagrams back to their senders, upper-cased.
Async<absl::Status> UdpEcho(Context<int>, UdpSocket* s, int n) {
  char buf[2048];
  for (int i = 0; i < n; ++i) {
    absl::StatusOr<Datagram> d = co_await s->recv_from(buf);
    if (!d.ok()) co_return d.status();
    for (std::size_t j = 0; j < d->size; ++j) buf[j] = static_cast<char>(std::toupper(buf[j]));
    absl::StatusOr<std::size_t> w = co_await s->send_to(std::span<const char>(buf, d->size), d->from);
    if (!w.ok()) co_return w.status();
  }
  co_return absl::OkStatus();
}

Async<absl::StatusOr<std::string>> UdpClient(SocketAddress server) {
  absl::StatusOr<UdpSocket> s = UdpSocket::Bind(SocketAddress::Loopback(0));
  if (!s.ok()) co_return s.status();
  std::string out;
  // Unconnected: send_to / recv_from, checking where the answer came from.
  if (absl::StatusOr<std::size_t> w = co_await s->send_to(std::string_view("hello"), server); !w.ok()) {
    co_return w.status();
  }
  char buf[64];
  absl::StatusOr<Datagram> d = co_await s->recv_from(buf);
  if (!d.ok()) co_return d.status();
  if (!(d->from == server)) co_return absl::InternalError(absl::StrCat("from ", d->from.ToString()));
  out.append(buf, d->size);
  // Connected: send / recv.
  if (absl::Status c = s->connect(server); !c.ok()) co_return c;
  if (absl::StatusOr<std::size_t> w = co_await s->send(std::string_view(" world")); !w.ok()) {
    co_return w.status();
  }
  absl::StatusOr<std::size_t> n = co_await s->recv(buf);
  if (!n.ok()) co_return n.status();
  out.append(buf, *n);
  co_return out;
}

TEST(UdpTest, Echo) {
  absl::StatusOr<UdpSocket> server = UdpSocket::Bind(SocketAddress::Loopback(0));
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_NE(server->local_address().port(), 0);
  TestRuntime rt;
  auto echo = rt.spawn(StopSupervisor{}, &UdpEcho, &*server, 2);
  absl::StatusOr<std::string> r = rt.run(UdpClient(server->local_address()));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, "HELLO WORLD");
  EXPECT_TRUE(rt.join(echo).ok());
}

Async<absl::StatusOr<std::size_t>> RecvOnConnectedToClosedPort(std::uint16_t port) {
  absl::StatusOr<UdpSocket> s = UdpSocket::Bind(SocketAddress::Loopback(0));
  if (!s.ok()) co_return s.status();
  if (absl::Status c = s->connect(SocketAddress::Loopback(port)); !c.ok()) co_return c;
  if (absl::StatusOr<std::size_t> w = co_await s->send(std::string_view("x")); !w.ok()) co_return w;
  char buf[8];
  co_return co_await s->recv(buf);  // the ICMP port unreachable comes back as an error
}

TEST(UdpTest, ConnectedToAClosedPortGivesAStatus) {
  std::uint16_t port;
  {
    absl::StatusOr<UdpSocket> gone = UdpSocket::Bind(SocketAddress::Loopback(0));
    ASSERT_TRUE(gone.ok());
    port = gone->local_address().port();
  }
  TestRuntime rt;
  absl::StatusOr<std::size_t> r = rt.run(RecvOnConnectedToClosedPort(port));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::StrContains(r.status().message(), absl::StrCat("127.0.0.1:", port)))
      << r.status();
  EXPECT_TRUE(absl::StrContains(r.status().message(), "Connection refused")) << r.status();
}

std::string SocketPath(const char* name) {
  // TEST_TMPDIR is often longer than a socket path may be (107 bytes).
  return absl::StrCat("/tmp/heph-net-test.", ::getpid(), ".", name);
}

Async<absl::Status> UnixEchoServer(Context<int>, UnixListener* l, int connections) {
  for (int i = 0; i < connections; ++i) {
    absl::StatusOr<UnixStream> s = co_await l->accept();
    if (!s.ok()) co_return s.status();
    char buf[1024];
    for (;;) {
      absl::StatusOr<std::size_t> n = co_await s->read(buf);
      if (!n.ok()) co_return n.status();
      if (*n == 0) break;
      if (absl::Status w = co_await s->write_all(std::span<const char>(buf, *n)); !w.ok()) co_return w;
    }
  }
  co_return absl::OkStatus();
}

Async<absl::StatusOr<std::string>> UnixClient(std::string path, std::string message) {
  absl::StatusOr<UnixStream> s = co_await UnixStream::Connect(path);
  if (!s.ok()) co_return s.status();
  if (absl::Status w = co_await s->write_all(message); !w.ok()) co_return w;
  if (absl::Status sh = s->shutdown(SHUT_WR); !sh.ok()) co_return sh;
  std::string back;
  char buf[256];
  for (;;) {
    absl::StatusOr<std::size_t> n = co_await s->read(buf);
    if (!n.ok()) co_return n.status();
    if (*n == 0) break;
    back.append(buf, *n);
  }
  co_return back;
}

TEST(UnixSocketTest, Echo) {
  const std::string path = SocketPath("echo.sock");
  absl::StatusOr<UnixListener> l = UnixListener::Bind(path);
  ASSERT_TRUE(l.ok()) << l.status();
  TestRuntime rt;
  auto server = rt.spawn(StopSupervisor{}, &UnixEchoServer, &*l, 2);
  const std::string big(100000, 'u');
  for (const std::string& msg : {std::string("over a unix socket"), big}) {
    absl::StatusOr<std::string> r = rt.run(UnixClient(path, msg));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(*r, msg);
  }
  EXPECT_TRUE(rt.join(server).ok());
  // Bind refuses an existing path; closing removes the file.
  absl::StatusOr<UnixListener> again = UnixListener::Bind(path);
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(absl::StrContains(again.status().message(), path)) << again.status();
  l->close();
  EXPECT_NE(::access(path.c_str(), F_OK), 0);
}

TEST(UnixSocketTest, ConnectToNothingNamesThePath) {
  const std::string path = SocketPath("nobody.sock");
  TestRuntime rt;
  absl::StatusOr<std::string> r = rt.run(UnixClient(path, "x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), absl::StrCat("connect to ", path, ": No such file or directory"));
}

}  // namespace
}  // namespace heph
