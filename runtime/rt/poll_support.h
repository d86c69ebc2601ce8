// poll_support.h — what every poller backend shares: the wake-up latch (the
// rule that makes wake() cheap and never lost) and the poll() deadline.
//
// WakeLatch. Two bits in one atomic word:
//   kBlocking — the owner is in, or about to enter, a wait that may block;
//   kNotified — a wake() happened that no poll() has consumed yet.
//
//   poll:  A: before a wait that may block: if !prepare_to_block(), wait 0
//             wait(...)
//          B: consumed = consume(); return if consumed or an event
//   wake:  W: if notify(): signal the backend (write the eventfd, trigger
//             the EVFILT_USER event) — only the first wake() while blocking
//
// Why no wake-up is lost. Every access is a read-modify-write (but B's
// relaxed pre-check, see consume()), so all sit in one total order. Only B
// clears kNotified. Take a wake W and the first B after W in that order; it
// belongs to some poll P, and kNotified is still set there, so P returns. P's
// wait cannot block indefinitely: if P's A came after W, A saw kNotified and P
// did not block; if A came before W, then between A and W either some wake
// saw kNotified clear and kBlocking set (it signalled the backend, which makes
// the wait return), or kNotified was already set at A. A signal that lands
// after its poll returned only makes a later wait return early with nothing:
// poll() then simply waits again. W is a release and B an acquire on the same
// atomic, so what the waker wrote before wake() is visible after poll().
//
// Coalescing: between two B steps at most one wake() signals the backend, and
// only when the owner may be blocked; every other wake() is one atomic RMW.
#ifndef HEPH_RUNTIME_RT_POLL_SUPPORT_H_
#define HEPH_RUNTIME_RT_POLL_SUPPORT_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "runtime/rt/interest.h"
#include "runtime/rt/timers.h"

namespace heph {

class WakeLatch {
 public:
  // Any thread (wake). True if the caller must signal the backend.
  bool notify() {
    const std::uint32_t prev = state_.fetch_or(kNotified, std::memory_order_acq_rel);
    if ((prev & kNotified) != 0 || (prev & kBlocking) == 0) return false;
    signals_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  // Owner, step A. False if a wake-up is pending: do not block then.
  bool prepare_to_block() {
    return (state_.fetch_or(kBlocking, std::memory_order_acq_rel) & kNotified) == 0;
  }
  // Owner, step B. True if a wake-up was consumed. The relaxed pre-check
  // only skips the RMW when there is nothing to consume; a wake it misses is
  // consumed by the next poll.
  bool consume() {
    if (state_.load(std::memory_order_relaxed) == 0) return false;
    return (state_.exchange(0, std::memory_order_acq_rel) & kNotified) != 0;
  }
  // How many wake()s signalled the backend (system calls), for metrics.
  std::uint64_t signals() const { return signals_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::uint32_t kBlocking = 1;
  static constexpr std::uint32_t kNotified = 2;
  std::atomic<std::uint32_t> state_{0};
  std::atomic<std::uint64_t> signals_{0};
};

// A poll() timeout turned into a deadline on CLOCK_MONOTONIC.
class PollDeadline {
 public:
  explicit PollDeadline(absl::Duration timeout)
      : infinite_(timeout == absl::InfiniteDuration()),
        nonblocking_(!infinite_ && timeout <= absl::ZeroDuration()) {
    if (!infinite_ && !nonblocking_) deadline_ = MonoAfter(timeout, MonoNow());
  }
  bool infinite() const { return infinite_; }
  bool nonblocking() const { return nonblocking_; }
  // Nanoseconds left (0 once passed); only for a finite, blocking timeout.
  std::int64_t left_ns() const { return std::max<std::int64_t>(deadline_ - MonoNow(), 0); }
  // Whole milliseconds left, rounded UP so a wait never ends before the
  // deadline; -1 for infinite, 0 for non-blocking or passed.
  int left_ms_rounded_up() const {
    if (infinite_) return -1;
    if (nonblocking_) return 0;
    const std::int64_t ms = (left_ns() + 999'999) / 1'000'000;
    return static_cast<int>(std::min<std::int64_t>(ms, std::numeric_limits<int>::max()));
  }
  bool passed() const { return !infinite_ && (nonblocking_ || MonoNow() >= deadline_); }

 private:
  bool infinite_;
  bool nonblocking_;
  MonoNanos deadline_ = 0;
};

// The contract's rules for the arguments of add() and modify() (poller.h),
// checked the same way by every backend; `backend` names it in the error.
inline absl::Status CheckRegistration(const char* backend, int fd, Interest interest,
                                      std::uint64_t token) {
  if (fd < 0) return absl::InvalidArgumentError(absl::StrCat(backend, ": bad fd ", fd));
  if (token == kReservedToken) {
    return absl::InvalidArgumentError(absl::StrCat(backend, ": token kReservedToken is reserved"));
  }
  if (!HasReadable(interest) && !HasWritable(interest)) {
    return absl::InvalidArgumentError(absl::StrCat(backend, ": empty interest"));
  }
  return absl::OkStatus();
}

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_POLL_SUPPORT_H_
