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

// Why no wake-up is lost (see the contract in poller.h).
//
// Every access to `state_` is a read-modify-write, so all of them sit in one
// total order (the modification order of `state_`). Only the owner's poll()
// ever clears kNotified (with `exchange(0)`, step B below), and it sets
// kBlocking (step A) only right before an epoll_wait that may block:
//
//   poll:  A: prev = fetch_or(kBlocking); if (prev & kNotified) timeout = 0
//             epoll_wait(timeout)
//          B: prev = exchange(0); return if (prev & kNotified) or an event
//   wake:  W: prev = fetch_or(kNotified);
//             write(eventfd) iff !(prev & kNotified) && (prev & kBlocking)
//
// Take a wake W and the first B after W in that order; it belongs to some
// poll P. kNotified is still set at that B (nothing else clears it), so P
// returns. P's epoll_wait cannot block indefinitely:
//   - if P's A came after W, A saw kNotified and P did not block at all;
//   - if P's A came before W, then between A and W either some wake saw
//     kNotified clear and kBlocking set (it wrote the eventfd, which is
//     level-triggered in the epoll set, so epoll_wait returns), or kNotified
//     was already set at A and P did not block.
// A poll that does not block (timeout 0) never sets kBlocking and returns
// at once anyway. An eventfd write that lands after its poll already
// returned only makes a later epoll_wait return early; poll() drains it and
// loops (not notified, no event), so it surfaces as nothing at all.
//
// Memory ordering: W is a release and B an acquire on the same atomic, and B
// reads W's value or a later RMW of the release sequence headed by W, so
// whatever the waker wrote before wake() is visible after poll() returns.
//
// Coalescing: between two B steps at most one wake() writes the eventfd, and
// only if the owner may be blocked; all others are one atomic RMW each.

namespace heph {
namespace {

absl::Status SyscallError(int err, const std::string& what) {
  return absl::ErrnoToStatus(err, absl::StrCat("EpollPoller: ", what));
}

std::int64_t MonotonicNanos() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
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
    if (token == kReservedToken) {
      return absl::InvalidArgumentError("EpollPoller: token kReservedToken is reserved");
    }
    if (!HasReadable(interest) && !HasWritable(interest)) {
      return absl::InvalidArgumentError("EpollPoller: empty interest");
    }
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
  const std::uint32_t prev = state_.fetch_or(kNotified, std::memory_order_acq_rel);
  if ((prev & kNotified) != 0 || (prev & kBlocking) == 0) return;
  wake_signals_.fetch_add(1, std::memory_order_relaxed);
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

  const bool infinite = timeout == absl::InfiniteDuration();
  const bool nonblocking = !infinite && timeout <= absl::ZeroDuration();
  std::int64_t deadline = 0;  // CLOCK_MONOTONIC ns; used when finite
  if (!infinite && !nonblocking) {
    const std::int64_t now = MonotonicNanos();
    const std::int64_t span = absl::ToInt64Nanoseconds(timeout);  // saturates
    deadline = span > INT64_MAX - now ? INT64_MAX : now + span;
  }

  for (;;) {
    int timeout_ms = 0;
    if (infinite) {
      timeout_ms = -1;
    } else if (!nonblocking) {
      const std::int64_t left = deadline - MonotonicNanos();
      if (left > 0) {
        // Round up: epoll_wait has millisecond resolution and must not make
        // us return before the deadline.
        const std::int64_t ms = (left + 999'999) / 1'000'000;
        timeout_ms = static_cast<int>(std::min<std::int64_t>(ms, INT_MAX));
      }
    }

    if (timeout_ms != 0) {
      // Step A.
      const std::uint32_t prev = state_.fetch_or(kBlocking, std::memory_order_acq_rel);
      if ((prev & kNotified) != 0) timeout_ms = 0;
    }
    const int n = epoll_wait(epoll_fd_, buffer_.data(), static_cast<int>(room), timeout_ms);
    const int err = errno;
    // Step B. The relaxed load only skips the RMW when there is nothing to
    // consume; if it misses a concurrent wake, the next poll consumes it.
    std::uint32_t prev = 0;
    if (state_.load(std::memory_order_relaxed) != 0) {
      prev = state_.exchange(0, std::memory_order_acq_rel);
    }
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
    if (out > 0 || (prev & kNotified) != 0 || nonblocking) return out;
    if (!infinite && MonotonicNanos() >= deadline) return out;
    // Nothing for the caller (EINTR, a stale eventfd write, or epoll_wait
    // woke a little early): wait for the rest of the timeout.
  }
}

}  // namespace heph
