// poller_test.cc — one typed suite run against every poller backend this host
// has (the contract is in poller.h), plus backend-specific checks.
#include "runtime/rt/poller.h"

#include "runtime/rt/kqueue_poller.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace heph {
namespace {

using Clock = std::chrono::steady_clock;

absl::Duration Since(Clock::time_point start) { return absl::FromChrono(Clock::now() - start); }

// A non-blocking pipe, closed on destruction.
struct Pipe {
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2 failed: errno " << errno;
      return;
    }
    read_fd = fds[0];
    write_fd = fds[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read_fd >= 0) close(read_fd);
    read_fd = -1;
  }
  void close_write() {
    if (write_fd >= 0) close(write_fd);
    write_fd = -1;
  }
  void put(std::size_t n = 1) {
    std::string bytes(n, 'x');
    ASSERT_EQ(write(write_fd, bytes.data(), n), static_cast<ssize_t>(n));
  }
  // Reads until EAGAIN; returns the number of bytes read.
  std::size_t drain() {
    std::size_t total = 0;
    char buf[4096];
    for (;;) {
      const ssize_t r = read(read_fd, buf, sizeof(buf));
      if (r <= 0) return total;
      total += static_cast<std::size_t>(r);
    }
  }
  // Writes until EAGAIN; returns the number of bytes written.
  std::size_t fill() {
    std::size_t total = 0;
    const std::string chunk(4096, 'y');
    for (;;) {
      const ssize_t w = write(write_fd, chunk.data(), chunk.size());
      if (w <= 0) return total;
      total += static_cast<std::size_t>(w);
    }
  }
  int read_fd = -1;
  int write_fd = -1;
};

template <typename P>
class PollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<P>> p = P::Create();
    ASSERT_TRUE(p.ok()) << p.status();
    poller_ = *std::move(p);
  }

  // Polls once; fails the test on error.
  std::vector<PollEvent> poll(absl::Duration timeout) {
    std::array<PollEvent, 16> buf;
    absl::StatusOr<std::size_t> n = poller_->poll(buf, timeout);
    EXPECT_TRUE(n.ok()) << n.status();
    if (!n.ok()) return {};
    return std::vector<PollEvent>(buf.begin(), buf.begin() + *n);
  }

  std::unique_ptr<P> poller_;
};

#if defined(__linux__)
// KqueuePoller runs on the kqueue emulation (third_party/kqueue_emulation).
using Backends = ::testing::Types<EpollPoller, KqueuePoller>;
#else
using Backends = ::testing::Types<KqueuePoller>;
#endif
// Names the instantiations after the backend: PollerTest/epoll.*, ...
struct BackendName {
  template <typename P>
  static std::string GetName(int) {
    return std::string(P::kName);
  }
};
TYPED_TEST_SUITE(PollerTest, Backends, BackendName);

TYPED_TEST(PollerTest, PrintsWhichBackendThisRunUses) {
  std::cout << "poller backend under test: " << TypeParam::kName << "\n";
  ::testing::Test::RecordProperty("poller_backend", std::string(TypeParam::kName));
  EXPECT_FALSE(TypeParam::kName.empty());
}

constexpr absl::Duration kLong = absl::Seconds(10);  // "would hang" bound
constexpr absl::Duration kShort = absl::Milliseconds(30);

TYPED_TEST(PollerTest, PipeBecomesReadable) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 7).ok());
  EXPECT_TRUE(this->poll(absl::ZeroDuration()).empty());

  pipe.put();
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 7u);
  EXPECT_TRUE(events[0].readable);
  EXPECT_FALSE(events[0].error);
}

TYPED_TEST(PollerTest, PipeWritableThenFullThenWritableAgain) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.write_fd, Interest::kWritable, 8).ok());
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 8u);
  EXPECT_TRUE(events[0].writable);

  ASSERT_GT(pipe.fill(), 0u);
  EXPECT_TRUE(this->poll(kShort).empty());

  ASSERT_GT(pipe.drain(), 0u);
  events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 8u);
  EXPECT_TRUE(events[0].writable);
}

TYPED_TEST(PollerTest, EdgeTriggeredReportsOnceUntilDrained) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 1).ok());
  pipe.put();
  ASSERT_EQ(this->poll(kLong).size(), 1u);

  // Still readable, but no new edge: no event, and the poll waits its timeout.
  const Clock::time_point start = Clock::now();
  EXPECT_TRUE(this->poll(kShort).empty());
  EXPECT_GE(Since(start), kShort);

  // Drained, then new data: a new edge.
  EXPECT_EQ(pipe.drain(), 1u);
  pipe.put();
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 1u);
  EXPECT_TRUE(events[0].readable);
}

TYPED_TEST(PollerTest, ModifyReArmsWithoutNewActivity) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 1).ok());
  pipe.put();
  ASSERT_EQ(this->poll(kLong).size(), 1u);
  EXPECT_TRUE(this->poll(absl::ZeroDuration()).empty());

  // Not drained; modify() re-arms and changes the token.
  ASSERT_TRUE(this->poller_->modify(pipe.read_fd, Interest::kReadable, 2).ok());
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 2u);
  EXPECT_TRUE(events[0].readable);
}

TYPED_TEST(PollerTest, PeerCloseIsReadable) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 3).ok());
  pipe.close_write();
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 3u);
  EXPECT_TRUE(events[0].readable);
  char c;
  EXPECT_EQ(read(pipe.read_fd, &c, 1), 0);  // end-of-file, as promised
}

TYPED_TEST(PollerTest, ReadWriteInterestMergesIntoOneEvent) {
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
  ASSERT_TRUE(this->poller_->add(sv[0], Interest::kReadable | Interest::kWritable, 10).ok());
  ASSERT_EQ(write(sv[1], "x", 1), 1);
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 10u);
  EXPECT_TRUE(events[0].readable);
  EXPECT_TRUE(events[0].writable);
  close(sv[0]);
  close(sv[1]);
}

TYPED_TEST(PollerTest, RemoveStopsEvents) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 4).ok());
  ASSERT_TRUE(this->poller_->remove(pipe.read_fd).ok());
  pipe.put();
  EXPECT_TRUE(this->poll(kShort).empty());

  // Removing twice is an error; adding again works and reports current state.
  EXPECT_FALSE(this->poller_->remove(pipe.read_fd).ok());
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 5).ok());
  std::vector<PollEvent> events = this->poll(kLong);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].token, 5u);
}

TYPED_TEST(PollerTest, RejectsBadRegistrations) {
  Pipe pipe;
  EXPECT_EQ(this->poller_->add(pipe.read_fd, Interest::kReadable, kReservedToken).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(this->poller_->add(-1, Interest::kReadable, 1).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(this->poller_->add(pipe.read_fd, static_cast<Interest>(0), 1).code(),
            absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 1).ok());
  EXPECT_FALSE(this->poller_->add(pipe.read_fd, Interest::kReadable, 1).ok());
  std::array<PollEvent, 1> none;
  EXPECT_EQ(this->poller_->poll(std::span<PollEvent>(none.data(), 0), absl::ZeroDuration())
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TYPED_TEST(PollerTest, IdleTimedPollTakesAtLeastTheTimeout) {
  Pipe pipe;
  ASSERT_TRUE(this->poller_->add(pipe.read_fd, Interest::kReadable, 1).ok());
  for (absl::Duration timeout : {absl::Microseconds(300), absl::Milliseconds(1),
                                 absl::Microseconds(2500), absl::Milliseconds(40)}) {
    const Clock::time_point start = Clock::now();
    EXPECT_TRUE(this->poll(timeout).empty());
    EXPECT_GE(Since(start), timeout);
  }
}

TYPED_TEST(PollerTest, ZeroTimeoutDoesNotBlock) {
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(this->poll(absl::ZeroDuration()).empty());
  EXPECT_LT(Since(start), absl::Seconds(2));
}

TYPED_TEST(PollerTest, WakeFromAnotherThreadInterruptsInfinitePoll) {
  int written_before_wake = 0;  // plain memory: wake()/poll() must order it
  std::thread waker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    written_before_wake = 42;
    this->poller_->wake();
  });
  // An infinite poll with nothing registered returns only because of the
  // wake (a lost wake hangs here until the test times out).
  EXPECT_TRUE(this->poll(absl::InfiniteDuration()).empty());
  EXPECT_EQ(written_before_wake, 42);
  waker.join();
  // Normally the poller was blocked and one wake-up syscall was needed (none
  // if this thread was descheduled for the whole 100 ms).
  EXPECT_LE(this->poller_->wake_signals(), 1u);
}

TYPED_TEST(PollerTest, WakeBeforePollMakesItReturnImmediately) {
  this->poller_->wake();
  const Clock::time_point start = Clock::now();
  EXPECT_TRUE(this->poll(kLong).empty());
  EXPECT_LT(Since(start), kLong / 2);
  // Not blocked when woken: no syscall was needed.
  EXPECT_EQ(this->poller_->wake_signals(), 0u);

  // The wake was consumed: the next poll waits.
  const Clock::time_point again = Clock::now();
  EXPECT_TRUE(this->poll(kShort).empty());
  EXPECT_GE(Since(again), kShort);
}

TYPED_TEST(PollerTest, ZeroTimeoutPollConsumesWake) {
  this->poller_->wake();
  EXPECT_TRUE(this->poll(absl::ZeroDuration()).empty());
  const Clock::time_point start = Clock::now();
  EXPECT_TRUE(this->poll(kShort).empty());
  EXPECT_GE(Since(start), kShort);
}

TYPED_TEST(PollerTest, ManyWakesBeforePollCoalesceIntoOneReturn) {
  for (int i = 0; i < 1000; ++i) this->poller_->wake();
  EXPECT_EQ(this->poller_->wake_signals(), 0u);
  const Clock::time_point start = Clock::now();
  EXPECT_TRUE(this->poll(kLong).empty());
  EXPECT_LT(Since(start), kLong / 2);
  const Clock::time_point again = Clock::now();
  EXPECT_TRUE(this->poll(kShort).empty());
  EXPECT_GE(Since(again), kShort);
}

TYPED_TEST(PollerTest, ConcurrentWakesSignalAtMostOncePerPoll) {
  constexpr int kThreads = 3;
  constexpr int kWakesPerThread = 20000;
  std::atomic<int> running{kThreads};
  std::vector<std::thread> wakers;
  for (int t = 0; t < kThreads; ++t) {
    wakers.emplace_back([&] {
      for (int i = 0; i < kWakesPerThread; ++i) this->poller_->wake();
      running.fetch_sub(1, std::memory_order_release);
      this->poller_->wake();
    });
  }
  std::uint64_t polls = 0;
  while (running.load(std::memory_order_acquire) != 0) {
    this->poll(absl::InfiniteDuration());
    ++polls;
  }
  for (std::thread& t : wakers) t.join();
  // Each blocking poll needs at most one eventfd write, however many wakes.
  EXPECT_LE(this->poller_->wake_signals(), polls);
  std::cout << "polls=" << polls << " wake_signals=" << this->poller_->wake_signals()
            << " wakes=" << kThreads * kWakesPerThread << "\n";
}

// Ping-pong: each round the other thread publishes a value and wakes once; the
// owner must see every value without a timeout. A lost wake-up stalls a round
// for the whole (long) timeout, which fails the test.
TYPED_TEST(PollerTest, NoWakeIsLostInPingPong) {
  constexpr int kRounds = 5000;
  std::atomic<int> published{0};
  std::atomic<int> acked{0};
  std::thread producer([&] {
    for (int i = 1; i <= kRounds; ++i) {
      while (acked.load(std::memory_order_acquire) != i - 1) std::this_thread::yield();
      // Now and then let the owner block, so both the "not blocking" and
      // the "blocked, write the eventfd" paths of wake() are exercised.
      if (i % 8 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));
      published.store(i, std::memory_order_relaxed);  // ordered by wake()
      this->poller_->wake();
    }
  });
  bool stalled = false;
  for (int i = 1; i <= kRounds && !stalled; ++i) {
    while (published.load(std::memory_order_relaxed) != i) {
      const Clock::time_point start = Clock::now();
      this->poll(kLong);
      if (published.load(std::memory_order_relaxed) != i && Since(start) >= kLong) {
        stalled = true;
        acked.store(kRounds, std::memory_order_release);
        break;
      }
    }
    acked.store(i, std::memory_order_release);
  }
  producer.join();
  EXPECT_FALSE(stalled) << "a wake-up was lost";
}

TEST(PollerBackend, PrintsWhichBackendWasPicked) {
  std::cout << "heph::Poller backend: " << Poller::kName << "\n";
#if defined(__linux__) && !defined(HEPH_POLLER_KQUEUE)
  EXPECT_EQ(Poller::kName, "epoll");
#else  // macOS/BSD, or --define=heph_poller=kqueue
  EXPECT_EQ(Poller::kName, "kqueue");
#endif
  absl::StatusOr<std::unique_ptr<Poller>> p = Poller::Create();
  ASSERT_TRUE(p.ok()) << p.status();
}

#if defined(__linux__)
TEST(EpollPoller, SyscallErrorsNameTheOperationAndErrno) {
  absl::StatusOr<std::unique_ptr<EpollPoller>> p = EpollPoller::Create();
  ASSERT_TRUE(p.ok()) << p.status();
  Pipe pipe;
  const int fd = pipe.read_fd;
  pipe.close_read();  // now a closed descriptor: EBADF
  absl::Status s = (*p)->add(fd, Interest::kReadable, 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("epoll_ctl(ADD, fd="), absl::string_view::npos) << s;
  EXPECT_NE(s.message().find("Bad file descriptor"), absl::string_view::npos) << s;

  s = (*p)->remove(0x7fff0000);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("epoll_ctl(DEL"), absl::string_view::npos) << s;
}
#endif

}  // namespace
}  // namespace heph
