// kqueue_emulation_test.cc — kqueue semantics of the Linux emulation: what a
// program written against BSD/macOS <sys/event.h> relies on.
#include "third_party/kqueue_emulation/sys/event.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace {

using Clock = std::chrono::steady_clock;

void* Tag(std::uintptr_t v) { return reinterpret_cast<void*>(v); }

struct timespec Ms(long ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1'000'000;
  return ts;
}

class KqueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kq_ = kqueue();
    ASSERT_GE(kq_, 0) << "errno " << errno;
    int fds[2];
    ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
    rd_ = fds[0];
    wr_ = fds[1];
  }
  void TearDown() override {
    if (rd_ >= 0) close(rd_);
    if (wr_ >= 0) close(wr_);
    close(kq_);
  }

  // Applies one change with no eventlist; returns kevent's result.
  int Change(std::uintptr_t ident, int16_t filter, uint16_t flags, uint32_t fflags = 0,
             int64_t data = 0, void* udata = nullptr) {
    struct kevent ch;
    EV_SET(&ch, ident, filter, flags, fflags, data, udata);
    return kevent(kq_, &ch, 1, nullptr, 0, nullptr);
  }

  // Waits up to `ms` (0: does not block) for events.
  std::vector<struct kevent> Wait(long ms, int room = 16) {
    std::vector<struct kevent> out(static_cast<std::size_t>(room));
    const struct timespec ts = Ms(ms);
    const int n = kevent(kq_, nullptr, 0, out.data(), room, &ts);
    EXPECT_GE(n, 0) << "errno " << errno;
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return out;
  }

  void Put(std::size_t n) {
    const std::string bytes(n, 'x');
    ASSERT_EQ(write(wr_, bytes.data(), n), static_cast<ssize_t>(n));
  }
  void Drain() {
    char buf[4096];
    while (read(rd_, buf, sizeof(buf)) > 0) {
    }
  }

  int kq_ = -1;
  int rd_ = -1;
  int wr_ = -1;
};

TEST_F(KqueueTest, ReadFilterIsLevelTriggeredByDefaultWithBytesAvailable) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD, 0, 0, Tag(77)), 0);
  EXPECT_TRUE(Wait(0).empty());
  Put(3);
  for (int round = 0; round < 2; ++round) {  // still readable: reported again
    std::vector<struct kevent> ev = Wait(1000);
    ASSERT_EQ(ev.size(), 1u) << "round " << round;
    EXPECT_EQ(ev[0].ident, static_cast<std::uintptr_t>(rd_));
    EXPECT_EQ(ev[0].filter, EVFILT_READ);
    EXPECT_EQ(ev[0].data, 3);
    EXPECT_EQ(ev[0].udata, Tag(77));
    EXPECT_EQ(ev[0].flags & (EV_EOF | EV_ERROR), 0);
  }
  Drain();
  EXPECT_TRUE(Wait(0).empty());
}

TEST_F(KqueueTest, EvClearReportsOncePerChange) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_CLEAR, 0, 0, Tag(1)), 0);
  Put(2);
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_NE(ev[0].flags & EV_CLEAR, 0);
  EXPECT_TRUE(Wait(20).empty());  // not drained, but no new activity
  Put(1);
  ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].data, 3);
}

TEST_F(KqueueTest, ReAddUpdatesInPlaceAndReArms) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_CLEAR, 0, 0, Tag(1)), 0);
  Put(1);
  ASSERT_EQ(Wait(1000).size(), 1u);
  ASSERT_TRUE(Wait(0).empty());
  // Same (ident, filter): modifies the knote (new udata), no duplicate, and
  // reports the still-pending data again.
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_CLEAR, 0, 0, Tag(2)), 0);
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].udata, Tag(2));
}

TEST_F(KqueueTest, KnotesAreKeyedByIdentAndFilter) {
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
  ASSERT_EQ(Change(sv[0], EVFILT_READ, EV_ADD, 0, 0, Tag(10)), 0);
  ASSERT_EQ(Change(sv[0], EVFILT_WRITE, EV_ADD, 0, 0, Tag(20)), 0);
  ASSERT_EQ(write(sv[1], "abcd", 4), 4);
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 2u);
  bool saw_read = false;
  bool saw_write = false;
  for (const struct kevent& e : ev) {
    EXPECT_EQ(e.ident, static_cast<std::uintptr_t>(sv[0]));
    if (e.filter == EVFILT_READ) {
      saw_read = true;
      EXPECT_EQ(e.udata, Tag(10));
      EXPECT_EQ(e.data, 4);
    } else if (e.filter == EVFILT_WRITE) {
      saw_write = true;
      EXPECT_EQ(e.udata, Tag(20));
    }
  }
  EXPECT_TRUE(saw_read && saw_write);
  // Deleting one filter leaves the other.
  ASSERT_EQ(Change(sv[0], EVFILT_READ, EV_DELETE), 0);
  ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].filter, EVFILT_WRITE);
  close(sv[0]);
  close(sv[1]);
}

TEST_F(KqueueTest, OneShotIsDeletedAfterDelivery) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_ONESHOT), 0);
  Put(1);
  ASSERT_EQ(Wait(1000).size(), 1u);
  EXPECT_TRUE(Wait(0).empty());  // level data still there, but knote is gone
  EXPECT_EQ(Change(rd_, EVFILT_READ, EV_DELETE), -1);
  EXPECT_EQ(errno, ENOENT);
}

TEST_F(KqueueTest, DisableKeepsKnoteSilentAndEnableReports) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_DISABLE, 0, 0, Tag(5)), 0);
  Put(1);
  EXPECT_TRUE(Wait(20).empty());
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ENABLE), 0);
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].udata, Tag(5));
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_DISABLE), 0);
  EXPECT_TRUE(Wait(20).empty());
}

TEST_F(KqueueTest, DispatchDisablesAfterEachDelivery) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_DISPATCH), 0);
  Put(1);
  ASSERT_EQ(Wait(1000).size(), 1u);
  Put(1);
  EXPECT_TRUE(Wait(20).empty());
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ENABLE), 0);
  ASSERT_EQ(Wait(1000).size(), 1u);
}

TEST_F(KqueueTest, EofOnPeerCloseForReadAndWrite) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD | EV_CLEAR), 0);
  close(wr_);
  wr_ = -1;
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_NE(ev[0].flags & EV_EOF, 0);

  int fds[2];
  ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  ASSERT_EQ(Change(fds[1], EVFILT_WRITE, EV_ADD | EV_CLEAR), 0);
  ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].flags & EV_EOF, 0);  // writable, reader alive
  close(fds[0]);
  ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].filter, EVFILT_WRITE);
  EXPECT_NE(ev[0].flags & EV_EOF, 0);
  close(fds[1]);
}

TEST_F(KqueueTest, FailedChangesBecomeEvErrorEntriesWhenThereIsRoom) {
  struct kevent ch[4];
  EV_SET(&ch[0], rd_, EVFILT_READ, EV_DELETE, 0, 0, Tag(1));            // ENOENT
  EV_SET(&ch[1], 100000, EVFILT_READ, EV_ADD, 0, 0, Tag(2));            // EBADF
  EV_SET(&ch[2], rd_, static_cast<int16_t>(-100), EV_ADD, 0, 0, Tag(3));  // EINVAL
  EV_SET(&ch[3], rd_, EVFILT_READ, EV_ADD, 0, 0, Tag(4));               // fine
  Put(1);
  struct kevent out[8];
  const struct timespec zero = Ms(0);
  ASSERT_EQ(kevent(kq_, ch, 4, out, 8, &zero), 3);  // errors only, no scan
  const int expected[] = {ENOENT, EBADF, EINVAL};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(out[i].flags, EV_ERROR) << i;
    EXPECT_EQ(out[i].data, expected[i]) << i;
    EXPECT_EQ(out[i].ident, ch[i].ident) << i;
    EXPECT_EQ(out[i].udata, ch[i].udata) << i;
  }
  // The valid change was applied.
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].udata, Tag(4));
}

TEST_F(KqueueTest, WithoutRoomTheFirstFailureEndsTheCall) {
  struct kevent ch[2];
  EV_SET(&ch[0], 100000, EVFILT_READ, EV_ADD, 0, 0, nullptr);
  EV_SET(&ch[1], rd_, EVFILT_READ, EV_ADD, 0, 0, nullptr);
  EXPECT_EQ(kevent(kq_, ch, 2, nullptr, 0, nullptr), -1);
  EXPECT_EQ(errno, EBADF);
  // The change after the failure was not applied.
  EXPECT_EQ(Change(rd_, EVFILT_READ, EV_DELETE), -1);
  EXPECT_EQ(errno, ENOENT);
}

TEST_F(KqueueTest, ReceiptAnswersEveryChangeWithoutDrainingEvents) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD), 0);
  Put(1);
  struct kevent ch;
  EV_SET(&ch, wr_, EVFILT_WRITE, EV_ADD | EV_RECEIPT, 0, 0, Tag(9));
  struct kevent out[4];
  ASSERT_EQ(kevent(kq_, &ch, 1, out, 4, nullptr), 1);  // returns at once
  EXPECT_EQ(out[0].flags, EV_ERROR);
  EXPECT_EQ(out[0].data, 0);
  EXPECT_EQ(out[0].udata, Tag(9));
  EXPECT_EQ(Wait(1000).size(), 2u);  // the read and the write events
}

TEST_F(KqueueTest, BadArguments) {
  struct kevent out[1];
  EXPECT_EQ(kevent(-1, nullptr, 0, out, 1, nullptr), -1);
  EXPECT_EQ(errno, EBADF);
  EXPECT_EQ(kevent(rd_, nullptr, 0, out, 1, nullptr), -1);  // not a kqueue
  EXPECT_EQ(errno, EBADF);
  struct timespec bad = {0, 1'000'000'000};
  EXPECT_EQ(kevent(kq_, nullptr, 0, out, 1, &bad), -1);
  EXPECT_EQ(errno, EINVAL);
  EXPECT_EQ(kevent(kq_, nullptr, -1, out, 1, nullptr), -1);
  EXPECT_EQ(errno, EINVAL);
  EXPECT_EQ(Change(rd_, EVFILT_READ, EV_ENABLE), -1);  // no such knote
  EXPECT_EQ(errno, ENOENT);
  EXPECT_EQ(Change(0, EVFILT_SIGNAL, EV_ADD), -1);
  EXPECT_EQ(errno, EINVAL);
  EXPECT_EQ(Change(1, EVFILT_TIMER, EV_ADD, 0, -5), -1);
  EXPECT_EQ(errno, EINVAL);
}

TEST_F(KqueueTest, ClosedKqueueIsEbadf) {
  const int kq = kqueue();
  ASSERT_GE(kq, 0);
  close(kq);
  struct kevent out[1];
  const struct timespec zero = Ms(0);
  EXPECT_EQ(kevent(kq, nullptr, 0, out, 1, &zero), -1);
  EXPECT_EQ(errno, EBADF);
}

TEST_F(KqueueTest, TimeoutsAreHonoured) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD), 0);
  Clock::time_point start = Clock::now();
  EXPECT_TRUE(Wait(30).empty());
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(30));
  start = Clock::now();
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(Wait(0).empty());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  // nevents == 0 never waits, even with an infinite timeout.
  EXPECT_EQ(kevent(kq_, nullptr, 0, nullptr, 0, nullptr), 0);
}

TEST_F(KqueueTest, UserEventTriggerClearAndFflags) {
  ASSERT_EQ(Change(42, EVFILT_USER, EV_ADD | EV_CLEAR, NOTE_FFCOPY | 0x5, 0, Tag(3)), 0);
  EXPECT_TRUE(Wait(0).empty());  // not triggered yet
  ASSERT_EQ(Change(42, EVFILT_USER, 0, NOTE_TRIGGER | NOTE_FFOR | 0x10, 7), 0);
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].ident, 42u);
  EXPECT_EQ(ev[0].filter, EVFILT_USER);
  EXPECT_EQ(ev[0].fflags, 0x15u);
  EXPECT_EQ(ev[0].data, 7);
  EXPECT_EQ(ev[0].udata, Tag(3));
  EXPECT_TRUE(Wait(20).empty());  // EV_CLEAR: consumed
  ASSERT_EQ(Change(42, EVFILT_USER, 0, NOTE_TRIGGER | NOTE_FFAND | 0x0), 0);
  ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].fflags, 0u);
}

TEST_F(KqueueTest, UserEventWithoutClearStaysTriggered) {
  ASSERT_EQ(Change(1, EVFILT_USER, EV_ADD), 0);
  ASSERT_EQ(Change(1, EVFILT_USER, 0, NOTE_TRIGGER), 0);
  EXPECT_EQ(Wait(1000).size(), 1u);
  EXPECT_EQ(Wait(1000).size(), 1u);
  ASSERT_EQ(Change(1, EVFILT_USER, EV_DELETE), 0);
  EXPECT_TRUE(Wait(0).empty());
}

TEST_F(KqueueTest, TriggerFromAnotherThreadWakesABlockedKevent) {
  ASSERT_EQ(Change(7, EVFILT_USER, EV_ADD | EV_CLEAR), 0);
  std::thread trigger([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    struct kevent ch;
    EV_SET(&ch, 7, EVFILT_USER, 0, NOTE_TRIGGER, 0, nullptr);
    EXPECT_EQ(kevent(kq_, &ch, 1, nullptr, 0, nullptr), 0);
  });
  struct kevent out[2];
  ASSERT_EQ(kevent(kq_, nullptr, 0, out, 2, nullptr), 1);  // blocks until the trigger
  EXPECT_EQ(out[0].ident, 7u);
  trigger.join();
}

TEST_F(KqueueTest, PeriodicTimerCountsExpirations) {
  const Clock::time_point start = Clock::now();
  ASSERT_EQ(Change(1, EVFILT_TIMER, EV_ADD, 0, 20, Tag(8)), 0);  // 20 ms
  std::vector<struct kevent> ev = Wait(5000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(20));
  EXPECT_EQ(ev[0].filter, EVFILT_TIMER);
  EXPECT_EQ(ev[0].udata, Tag(8));
  EXPECT_GE(ev[0].data, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(70));
  ev = Wait(5000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_GE(ev[0].data, 2);  // several periods elapsed since the last report
  ASSERT_EQ(Change(1, EVFILT_TIMER, EV_DELETE), 0);
}

TEST_F(KqueueTest, OneShotTimerInMicrosecondsFiresOnceAndIsDeleted) {
  ASSERT_EQ(Change(2, EVFILT_TIMER, EV_ADD | EV_ONESHOT, NOTE_USECONDS, 5000), 0);
  std::vector<struct kevent> ev = Wait(5000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].data, 1);
  EXPECT_TRUE(Wait(30).empty());
  EXPECT_EQ(Change(2, EVFILT_TIMER, EV_DELETE), -1);
  EXPECT_EQ(errno, ENOENT);
}

TEST_F(KqueueTest, SignalFilterCountsBlockedSignals) {
  // The emulation reads signals through signalfd: they must be blocked.
  sigset_t set;
  sigset_t old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  ASSERT_EQ(pthread_sigmask(SIG_BLOCK, &set, &old), 0);
  ASSERT_EQ(Change(SIGUSR2, EVFILT_SIGNAL, EV_ADD, 0, 0, Tag(6)), 0);
  ASSERT_EQ(kill(getpid(), SIGUSR2), 0);
  std::vector<struct kevent> ev = Wait(5000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].ident, static_cast<std::uintptr_t>(SIGUSR2));
  EXPECT_EQ(ev[0].filter, EVFILT_SIGNAL);
  EXPECT_EQ(ev[0].udata, Tag(6));
  EXPECT_GE(ev[0].data, 1);
  EXPECT_TRUE(Wait(0).empty());
  ASSERT_EQ(Change(SIGUSR2, EVFILT_SIGNAL, EV_DELETE), 0);
  ASSERT_EQ(pthread_sigmask(SIG_SETMASK, &old, nullptr), 0);
}

TEST_F(KqueueTest, ClosingAWatchedFdDropsItsEvents) {
  ASSERT_EQ(Change(rd_, EVFILT_READ, EV_ADD), 0);
  Put(1);
  const int old_rd = rd_;
  close(rd_);
  rd_ = -1;
  EXPECT_TRUE(Wait(20).empty());
  // The number may come back as another file; adding it again works.
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
  ASSERT_EQ(write(fds[1], "z", 1), 1);
  ASSERT_EQ(Change(fds[0], EVFILT_READ, EV_ADD, 0, 0, Tag(11)), 0);
  std::vector<struct kevent> ev = Wait(1000);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].udata, Tag(11));
  (void)old_rd;
  close(fds[0]);
  close(fds[1]);
}

TEST_F(KqueueTest, SmallEventlistLeavesTheRestForLater) {
  int fds[3][2];
  for (auto& p : fds) ASSERT_EQ(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
  for (auto& p : fds) {
    ASSERT_EQ(Change(p[0], EVFILT_READ, EV_ADD | EV_CLEAR), 0);
    ASSERT_EQ(write(p[1], "q", 1), 1);
  }
  std::size_t total = 0;
  for (int i = 0; i < 3; ++i) total += Wait(1000, 1).size();
  EXPECT_EQ(total, 3u);
  EXPECT_TRUE(Wait(0).empty());
  for (auto& p : fds) {
    close(p[0]);
    close(p[1]);
  }
}

}  // namespace

namespace {
int OpenFds() {
  int n = 0;
  for (int fd = 0; fd < 4096; ++fd) n += fcntl(fd, F_GETFD) != -1;
  return n;
}
}  // namespace

// Emulation-only: kqueue_emulation_close frees every inner descriptor at once.
TEST(KqueueEmulationClose, FreesTheInnerDescriptorsAtOnce) {
  const int before = OpenFds();
  const int kq = kqueue();
  ASSERT_GE(kq, 0);
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  struct kevent change;
  EV_SET(&change, p[0], EVFILT_READ, EV_ADD | EV_CLEAR, 0, 0, nullptr);
  ASSERT_EQ(kevent(kq, &change, 1, nullptr, 0, nullptr), 0);
  EV_SET(&change, 7, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0, nullptr);
  ASSERT_EQ(kevent(kq, &change, 1, nullptr, 0, nullptr), 0);
  EXPECT_GT(OpenFds(), before + 2);
  EXPECT_EQ(kqueue_emulation_close(kq), 0);
  close(p[0]);
  close(p[1]);
  EXPECT_EQ(OpenFds(), before);
}
