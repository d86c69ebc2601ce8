// Errors and limits of runtime/remote (issue 12): connect deadlines, reader
// and in-flight limits, and hostile peers against a real RpcServer.
#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/net/address.h"
#include "runtime/remote/await.h"
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

}  // namespace
}  // namespace heph::remote
