#include "runtime/rt/epoll_poller.h"

#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/rt/poll_support.h"

// The wake-up rule and why no wake-up is lost: see poll_support.h.

namespace heph {
namespace {

absl::Status SyscallError(int err, const std::string& what) {
  return absl::ErrnoToStatus(err, absl::StrCat("EpollPoller: ", what));
}

const char* OpName(int op) {
  switch (op) {
    case EPOLL_CTL_ADD:
      return "ADD";
    case EPOLL_CTL_MOD:
      return "MOD";
    case EPOLL_CTL_DEL:
      return "DEL";
  }
  return "?";
}

}  // namespace

absl::StatusOr<std::unique_ptr<EpollPoller>> EpollPoller::Create() {
  const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) return SyscallError(errno, "epoll_create1");
  const int wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd < 0) {
    const int err = errno;
    close(epoll_fd);
    return SyscallError(err, "eventfd");
  }
  // Level-triggered on purpose: an unread count keeps it ready until drained.
  struct epoll_event ev = {};
  ev.events = EPOLLIN;
  ev.data.u64 = kReservedToken;
  if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &ev) != 0) {
    const int err = errno;
    close(wake_fd);
    close(epoll_fd);
    return SyscallError(err, "epoll_ctl(ADD, eventfd)");
  }
  return std::unique_ptr<EpollPoller>(new EpollPoller(epoll_fd, wake_fd));
}

EpollPoller::~EpollPoller() {
  close(wake_fd_);
  close(epoll_fd_);
}

absl::Status EpollPoller::control(int op, int fd, Interest interest, std::uint64_t token) {
  if (fd < 0) return absl::InvalidArgumentError(absl::StrCat("EpollPoller: bad fd ", fd));
  struct epoll_event ev = {};
  if (op != EPOLL_CTL_DEL) {
    if (absl::Status s = CheckRegistration("EpollPoller", fd, interest, token); !s.ok()) return s;
    ev.events = EPOLLET;
    if (HasReadable(interest)) ev.events |= EPOLLIN | EPOLLRDHUP;
    if (HasWritable(interest)) ev.events |= EPOLLOUT;
    ev.data.u64 = token;
  }
  if (epoll_ctl(epoll_fd_, op, fd, &ev) != 0) {
    return SyscallError(errno, absl::StrCat("epoll_ctl(", OpName(op), ", fd=", fd, ")"));
  }
  return absl::OkStatus();
}

absl::Status EpollPoller::add(int fd, Interest interest, std::uint64_t token) {
  return control(EPOLL_CTL_ADD, fd, interest, token);
}

absl::Status EpollPoller::modify(int fd, Interest interest, std::uint64_t token) {
  // EPOLL_CTL_MOD re-evaluates readiness, which is the re-arm the contract
  // promises.
  return control(EPOLL_CTL_MOD, fd, interest, token);
}

absl::Status EpollPoller::remove(int fd) {
  return control(EPOLL_CTL_DEL, fd, Interest::kReadable, 0);
}

void EpollPoller::drain_wake_fd() {
  std::uint64_t count;
  while (read(wake_fd_, &count, sizeof(count)) < 0 && errno == EINTR) {
  }
  // EAGAIN: already drained (a racing wake's write may land later; the next
  // epoll_wait then returns early and we drain again).
}

void EpollPoller::wake() {
  if (!latch_.notify()) return;
  const std::uint64_t one = 1;
  for (;;) {
    if (write(wake_fd_, &one, sizeof(one)) == sizeof(one)) return;
    if (errno == EINTR) continue;
    // EAGAIN: the counter is saturated, so the eventfd is readable: the owner
    // wakes anyway.
    if (errno == EAGAIN) return;
    // Only a bad fd (use after destruction) gets here; a lost wake-up would
    // hang the owner, so do not continue silently.
    std::fprintf(stderr, "EpollPoller::wake: write(eventfd) failed: errno %d\n", errno);
    std::abort();
  }
}

absl::StatusOr<std::size_t> EpollPoller::poll(std::span<PollEvent> events, absl::Duration timeout) {
  if (events.empty()) return absl::InvalidArgumentError("EpollPoller: poll() with no room");
  const std::size_t room = std::min<std::size_t>(events.size(), INT_MAX);
  if (buffer_.size() < room) buffer_.resize(room);

  const PollDeadline deadline(timeout);
  for (;;) {
    int timeout_ms = deadline.left_ms_rounded_up();
    if (timeout_ms != 0 && !latch_.prepare_to_block()) timeout_ms = 0;  // step A
    const int n = epoll_wait(epoll_fd_, buffer_.data(), static_cast<int>(room), timeout_ms);
    const int err = errno;
    const bool woken = latch_.consume();  // step B
    if (n < 0 && err != EINTR) return SyscallError(err, "epoll_wait");

    std::size_t out = 0;
    for (int i = 0; i < n; ++i) {
      const struct epoll_event& ev = buffer_[i];
      if (ev.data.u64 == kReservedToken) {
        drain_wake_fd();
        continue;
      }
      const std::uint32_t bits = ev.events;
      PollEvent& e = events[out++];
      e.token = ev.data.u64;
      e.readable = (bits & (EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
      e.writable = (bits & (EPOLLOUT | EPOLLERR)) != 0;
      e.error = (bits & EPOLLERR) != 0;
      e.hangup = (bits & (EPOLLHUP | EPOLLRDHUP)) != 0;
    }
    if (out > 0 || woken || deadline.passed()) return out;
    // Nothing for the caller (EINTR, a stale eventfd write, or epoll_wait
    // woke a little early): wait for the rest of the timeout.
  }
}

}  // namespace heph
