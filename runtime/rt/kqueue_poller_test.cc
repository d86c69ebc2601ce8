// kqueue_poller_test.cc — what is particular to the kqueue backend. The
// contract itself is tested by the typed suite in poller_test.cc, which runs
// KqueuePoller too.
#include "runtime/rt/kqueue_poller.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <memory>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace heph {
namespace {

std::unique_ptr<KqueuePoller> MakePoller() {
  absl::StatusOr<std::unique_ptr<KqueuePoller>> p = KqueuePoller::Create();
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *std::move(p) : nullptr;
}

TEST(KqueuePoller, SyscallErrorsNameTheOperationFilterAndErrno) {
  std::unique_ptr<KqueuePoller> p = MakePoller();
  ASSERT_NE(p, nullptr);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  close(fds[0]);
  close(fds[1]);  // now closed descriptors: EBADF
  absl::Status s = p->add(fds[0], Interest::kReadable, 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("kevent(EV_ADD, EVFILT_READ, fd="), absl::string_view::npos) << s;
  EXPECT_NE(s.message().find("Bad file descriptor"), absl::string_view::npos) << s;
  // The failed add left nothing registered: a second try fails the same way,
  // not with AlreadyExists.
  EXPECT_EQ(p->add(fds[0], Interest::kReadable, 1).code(), s.code());
}

TEST(KqueuePoller, DoubleAddIsAlreadyExistsAndUnknownFdIsNotFound) {
  std::unique_ptr<KqueuePoller> p = MakePoller();
  ASSERT_NE(p, nullptr);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_TRUE(p->add(fds[0], Interest::kReadable, 1).ok());
  EXPECT_EQ(p->add(fds[0], Interest::kWritable, 2).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(p->modify(fds[1], Interest::kWritable, 2).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(p->remove(fds[1]).code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(p->remove(fds[0]).ok());
  close(fds[0]);
  close(fds[1]);
}

TEST(KqueuePoller, ModifyDropsTheDirectionNoLongerWanted) {
  std::unique_ptr<KqueuePoller> p = MakePoller();
  ASSERT_NE(p, nullptr);
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
  ASSERT_TRUE(p->add(sv[0], Interest::kReadWrite, 1).ok());
  std::array<PollEvent, 4> events;
  absl::StatusOr<std::size_t> n = p->poll(events, absl::Seconds(10));
  ASSERT_TRUE(n.ok()) << n.status();
  ASSERT_EQ(*n, 1u);
  EXPECT_TRUE(events[0].writable);

  // Read only now: writable must not be reported, readable must.
  ASSERT_TRUE(p->modify(sv[0], Interest::kReadable, 2).ok());
  ASSERT_EQ(write(sv[1], "x", 1), 1);
  n = p->poll(events, absl::Seconds(10));
  ASSERT_TRUE(n.ok()) << n.status();
  ASSERT_EQ(*n, 1u);
  EXPECT_EQ(events[0].token, 2u);
  EXPECT_TRUE(events[0].readable);
  EXPECT_FALSE(events[0].writable);

  // And remove() deletes exactly the remaining filter.
  ASSERT_TRUE(p->remove(sv[0]).ok());
  ASSERT_EQ(write(sv[1], "y", 1), 1);
  n = p->poll(events, absl::Milliseconds(20));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0u);
  close(sv[0]);
  close(sv[1]);
}

TEST(KqueuePoller, PeerCloseIsHangupOnBothDirections) {
  std::unique_ptr<KqueuePoller> p = MakePoller();
  ASSERT_NE(p, nullptr);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
  ASSERT_TRUE(p->add(fds[1], Interest::kWritable, 5).ok());
  std::array<PollEvent, 2> events;
  ASSERT_EQ(*p->poll(events, absl::Seconds(10)), 1u);  // writable at first
  close(fds[0]);  // the reader goes away: writing would fail (EPIPE)
  absl::StatusOr<std::size_t> n = p->poll(events, absl::Seconds(10));
  ASSERT_TRUE(n.ok()) << n.status();
  ASSERT_EQ(*n, 1u);
  EXPECT_EQ(events[0].token, 5u);
  EXPECT_TRUE(events[0].writable);
  EXPECT_TRUE(events[0].hangup);
  ASSERT_TRUE(p->remove(fds[1]).ok());
  close(fds[1]);
}

}  // namespace
}  // namespace heph
