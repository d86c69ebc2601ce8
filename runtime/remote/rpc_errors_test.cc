// Errors and limits of runtime/remote (issue 12): connect deadlines, reader
// and in-flight limits, and hostile peers against a real RpcServer.
#include <capnp/ez-rpc.h>
#include <capnp/rpc.capnp.h>
#include <capnp/serialize.h>
#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/net/address.h"
#include "runtime/remote/await.h"
#include "runtime/remote/kj_loop.h"
#include "runtime/remote/remote_test.capnp.h"
#include "runtime/remote/rpc.h"
#include "runtime/remote/test_server.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"
#include "runtime/testing/test_runtime.h"

// g++ 12 at -O1 (the sanitizer configs): a false maybe-uninitialized in KJ's
// headers (see remote_test.cc).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace heph::remote {
namespace {

using ::heph::remote::testing::AddOverEzRpc;
using ::heph::remote::testing::ServerUnderTest;
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

// ---------------------------------------------------------------- hostile peers

namespace rpc = ::capnp::rpc;

// A client speaking raw bytes (or hand-made RPC messages) over a blocking
// socket; every read gives up after 10 s, so no test hangs on the server.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    SocketAddress to = SocketAddress::Loopback(port);
    EXPECT_EQ(::connect(fd_, to.sockaddr_ptr(), to.sockaddr_len()), 0);
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    address_ = SocketAddress::LocalOf(fd_)->ToString();
    in_.emplace(fd_);
  }
  ~RawClient() { ::close(fd_); }
  // Ours, as the server names it.
  const std::string& address() const { return address_; }

  void send_bytes(const void* data, std::size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      const ssize_t w = ::send(fd_, p, n, MSG_NOSIGNAL);
      if (w <= 0) return;  // the server closed: what follows checks why
      p += w;
      n -= static_cast<std::size_t>(w);
    }
  }
  void send_words(std::initializer_list<std::uint32_t> halves) {
    std::vector<std::uint32_t> v(halves);
    send_bytes(v.data(), v.size() * 4);
  }
  void send(capnp::MessageBuilder& m) {
    kj::Array<capnp::word> flat = capnp::messageToFlatArray(m);
    send_bytes(flat.asBytes().begin(), flat.asBytes().size());
  }
  void end_writing() { ::shutdown(fd_, SHUT_WR); }

  // Question 0: the server's bootstrap capability.
  void bootstrap() {
    capnp::MallocMessageBuilder m;
    m.initRoot<rpc::Message>().initBootstrap().setQuestionId(0);
    send(m);
  }
  // Question `q`: a call on the bootstrap capability.
  template <class Params, class Fill>
  void call(std::uint32_t q, std::uint64_t interface_id, std::uint16_t method, Fill fill) {
    capnp::MallocMessageBuilder m;
    rpc::Call::Builder call = m.initRoot<rpc::Message>().initCall();
    call.setQuestionId(q);
    call.initTarget().initPromisedAnswer().setQuestionId(0);
    call.setInterfaceId(interface_id);
    call.setMethodId(method);
    fill(call.initParams().getContent().initAs<Params>());
    send(m);
  }

  // The next message, or null once the connection ended (or 10 s passed).
  // Read lazily: use it before reading the next.
  kj::Own<capnp::MessageReader> read() {
    kj::Own<capnp::MessageReader> m;
    if (kj::runCatchingExceptions([&] { m = kj::heap<capnp::InputStreamMessageReader>(*in_); }) !=
        nullptr) {
      return kj::Own<capnp::MessageReader>();
    }
    return m;
  }
  // The Return for question `q` (skipping other messages), or null.
  kj::Own<capnp::MessageReader> return_of(std::uint32_t q) {
    while (kj::Own<capnp::MessageReader> m = read()) {
      rpc::Message::Reader r = m->getRoot<rpc::Message>();
      if (r.isReturn() && r.getReturn().getAnswerId() == q) return m;
    }
    return kj::Own<capnp::MessageReader>();
  }
  // Reads until the server closes the connection: true if it did within 10 s.
  bool closed_by_server() {
    const absl::Time until = absl::Now() + absl::Seconds(10);
    char buf[4096];
    while (absl::Now() < until) {
      const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
      if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
    }
    return false;
  }

 private:
  int fd_ = -1;
  std::string address_;
  std::optional<kj::FdInputStream> in_;  // over fd_
};

constexpr std::uint64_t kCalcId = capnp::typeId<Calc>();
constexpr std::uint16_t kAdd = 0;
constexpr std::uint16_t kDepth = 5;

// A Node chain `depth` deep in a depth() call's parameters.
auto NodesDeep(int depth) {
  return [depth](Calc::DepthParams::Builder p) {
    Node::Builder n = p.initNode();
    for (int i = 1; i < depth; ++i) n = n.initChild();
  };
}

// What every hostile test ends with: the server closed that connection,
// reported why naming the peer, and still answers a well-behaved client.
void ExpectClosedReportedAndServing(ServerUnderTest& s, RawClient& raw, const std::string& reason,
                                    absl::StatusCode code) {
  EXPECT_TRUE(raw.closed_by_server()) << "the server kept the hostile connection open";
  absl::Status why = s.next_failure();
  EXPECT_EQ(why.code(), code) << why;
  EXPECT_TRUE(absl::StrContains(why.message(), "closed the connection from " + raw.address()))
      << why;
  EXPECT_TRUE(absl::StrContains(why.message(), reason)) << why;
  EXPECT_EQ(AddOverEzRpc(s.address(), 2, 3), 5) << "the server stopped serving";
  EXPECT_EQ(s.failures_reported(), 0u) << "one report per hostile connection";
}

TEST(HostilePeerTest, GarbageBytesCloseThatConnection) {
  ServerUnderTest s;
  RawClient raw(s.port());
  char junk[256];
  std::memset(junk, 0xff, sizeof(junk));  // a segment table claiming 2^32 segments
  raw.send_bytes(junk, sizeof(junk));
  ExpectClosedReportedAndServing(s, raw, "frame of 4294967296 segments is over the limit of 512",
                                 absl::StatusCode::kResourceExhausted);
}

TEST(HostilePeerTest, AWellFramedMessageOfGarbageClosesThatConnection) {
  ServerUnderTest s;
  RawClient raw(s.port());
  raw.send_words({0, 4});  // one segment of 4 words
  char junk[32];
  std::memset(junk, 0x5a, sizeof(junk));
  raw.send_bytes(junk, sizeof(junk));
  ExpectClosedReportedAndServing(s, raw, "read from " + raw.address() + ": ",
                                 absl::StatusCode::kUnknown);
}

TEST(HostilePeerTest, ATruncatedFrameThenCloseIsReported) {
  ServerUnderTest s;
  {
    // Inside the segment table.
    RawClient raw(s.port());
    raw.send_words({0});
    raw.end_writing();
    ExpectClosedReportedAndServing(s, raw, "in the middle of a frame (4 of 8 bytes)",
                                   absl::StatusCode::kUnknown);
  }
  {
    // Inside the segments: 10 of the 100 words announced.
    RawClient raw(s.port());
    raw.send_words({0, 100});
    char words[80] = {};
    raw.send_bytes(words, sizeof(words));
    raw.end_writing();
    ExpectClosedReportedAndServing(s, raw, "in the middle of a frame (80 of 800 bytes)",
                                   absl::StatusCode::kUnknown);
  }
}

TEST(HostilePeerTest, ASegmentTableClaimingHugeSizesIsRefusedBeforeAllocating) {
  ServerUnderTest s;
  {
    RawClient raw(s.port());
    raw.send_words({0, 0x7fffffff});  // one segment of 16 GiB; nothing follows
    ExpectClosedReportedAndServing(
        s, raw, "message of 2147483647 words is over the traversal limit of 8388608 words",
        absl::StatusCode::kResourceExhausted);
  }
  {
    RawClient raw(s.port());
    raw.send_words({2, 0xffffffff, 0xffffffff, 0xffffffff});  // three segments of 32 GiB
    ExpectClosedReportedAndServing(
        s, raw, "message of 12884901885 words is over the traversal limit of 8388608 words",
        absl::StatusCode::kResourceExhausted);
  }
}

TEST(HostilePeerTest, AMessageNestedDeeperThanTheLimitClosesThatConnection) {
  ServerUnderTest s;
  {
    // The control: within the default limit (64, of which RPC's envelope
    // takes 4), the same call is answered.
    RawClient raw(s.port());
    raw.bootstrap();
    raw.call<Calc::DepthParams>(1, kCalcId, kDepth, NodesDeep(50));
    kj::Own<capnp::MessageReader> m = raw.return_of(1);
    ASSERT_NE(m, nullptr);
    rpc::Return::Reader ret = m->getRoot<rpc::Message>().getReturn();
    ASSERT_TRUE(ret.isResults()) << ret.getException().getReason().cStr();
    EXPECT_EQ(ret.getResults().getContent().getAs<Calc::DepthResults>().getDepth(), 49u);
  }
  RawClient raw(s.port());
  raw.bootstrap();
  raw.call<Calc::DepthParams>(1, kCalcId, kDepth, NodesDeep(100));
  ExpectClosedReportedAndServing(s, raw, "too deeply-nested", absl::StatusCode::kUnknown);
}

TEST(HostilePeerTest, TheNestingLimitIsAnOption) {
  ServerUnderTest s({.rpc = {.nesting_limit = 16}});
  {
    RawClient raw(s.port());
    raw.bootstrap();
    raw.call<Calc::DepthParams>(1, kCalcId, kDepth, NodesDeep(10));
    kj::Own<capnp::MessageReader> m = raw.return_of(1);
    ASSERT_NE(m, nullptr);
    EXPECT_TRUE(m->getRoot<rpc::Message>().getReturn().isResults());
  }
  RawClient raw(s.port());
  raw.bootstrap();
  raw.call<Calc::DepthParams>(1, kCalcId, kDepth, NodesDeep(20));
  ExpectClosedReportedAndServing(s, raw, "too deeply-nested", absl::StatusCode::kUnknown);
}

TEST(HostilePeerTest, UnknownInterfaceOrMethodFailsOnlyThatCall) {
  // The peer's mistake, answered to the peer: the call fails with
  // UNIMPLEMENTED, the connection goes on (nothing to report).
  ServerUnderTest s;
  RawClient raw(s.port());
  raw.bootstrap();
  auto add = [](Calc::AddParams::Builder p) {
    p.setA(40);
    p.setB(2);
  };
  raw.call<Calc::AddParams>(1, 0x1234567890abcdefull, kAdd, add);  // unknown interface
  raw.call<Calc::AddParams>(2, kCalcId, 99, add);                  // unknown method
  for (std::uint32_t q : {1u, 2u}) {
    kj::Own<capnp::MessageReader> m = raw.return_of(q);
    ASSERT_NE(m, nullptr) << "no answer to question " << q;
    rpc::Return::Reader ret = m->getRoot<rpc::Message>().getReturn();
    ASSERT_TRUE(ret.isException()) << "question " << q;
    EXPECT_EQ(ret.getException().getType(), rpc::Exception::Type::UNIMPLEMENTED);
    EXPECT_TRUE(absl::StrContains(ret.getException().getReason().cStr(), "not implemented"))
        << ret.getException().getReason().cStr();
  }
  // The same connection still answers.
  raw.call<Calc::AddParams>(3, kCalcId, kAdd, add);
  kj::Own<capnp::MessageReader> m = raw.return_of(3);
  ASSERT_NE(m, nullptr);
  rpc::Return::Reader ret = m->getRoot<rpc::Message>().getReturn();
  ASSERT_TRUE(ret.isResults());
  EXPECT_EQ(ret.getResults().getContent().getAs<Calc::AddResults>().getSum(), 42);
  EXPECT_EQ(s.failures_reported(), 0u);
  EXPECT_EQ(AddOverEzRpc(s.address(), 2, 3), 5);
}

}  // namespace
}  // namespace heph::remote
