// timers.h — a worker's timers: a 4-ary min-heap keyed by deadline, with
// O(log n) add and cancel (cancelled timers leave the heap at once, so a
// worker that arms and cancels many timeouts does not accumulate garbage).
//
// Clock: deadlines are `MonoNanos`, nanoseconds on CLOCK_MONOTONIC (arbitrary
// epoch, never jumps, not affected by settimeofday). `MonoNow()` reads it.
//
// Contract:
// - add(deadline, token) arms a timer and returns its id. The token is the
//   caller's (e.g. a Task* cast to uint64); Timers never interprets it.
// - A timer fires at most once, only from expire(now) with now >= deadline
//   (never early). Due timers fire in (deadline, add order) order.
// - cancel(id) returns true if the timer was pending; it then never fires.
//   Cancelling a fired, cancelled or unknown id returns false and does
//   nothing (ids are not reused for 2^32 add()s on the same slot).
// - next_deadline() is the earliest pending deadline (for the poll timeout).
// - The `fire` callback of expire() may call add() and cancel(): a timer it
//   cancels does not fire; a timer it adds fires in the same expire() call if
//   its deadline <= now (so a callback that keeps re-adding due timers never
//   lets expire() return).
// Threads: single-threaded (the owning worker's thread), no locking.
#ifndef HEPH_RUNTIME_RT_TIMERS_H_
#define HEPH_RUNTIME_RT_TIMERS_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/time/time.h"

namespace heph {

// Nanoseconds on CLOCK_MONOTONIC.
using MonoNanos = std::int64_t;
inline constexpr MonoNanos kMonoNever = std::numeric_limits<MonoNanos>::max();

MonoNanos MonoNow();
// `now + after`, saturating at kMonoNever (InfiniteDuration gives kMonoNever);
// negative durations give `now`.
MonoNanos MonoAfter(absl::Duration after, MonoNanos now);
// The poll timeout that ends at `deadline`: InfiniteDuration for nullopt or
// kMonoNever, ZeroDuration if it has passed.
absl::Duration TimeoutUntil(std::optional<MonoNanos> deadline, MonoNanos now);

class TimerId {
 public:
  constexpr TimerId() = default;  // invalid: cancel() returns false
  constexpr bool valid() const { return value_ != 0; }
  constexpr std::uint64_t value() const { return value_; }
  // The id whose value() is `value` (ids passed through an integer).
  static constexpr TimerId FromValue(std::uint64_t value) { return TimerId(value); }
  friend constexpr bool operator==(TimerId a, TimerId b) { return a.value_ == b.value_; }

 private:
  friend class Timers;
  constexpr explicit TimerId(std::uint64_t value) : value_(value) {}
  std::uint64_t value_ = 0;  // generation << 32 | slot; generation >= 1
};

class Timers {
 public:
  Timers() = default;
  Timers(const Timers&) = delete;
  Timers& operator=(const Timers&) = delete;

  TimerId add(MonoNanos deadline, std::uint64_t token);
  bool cancel(TimerId id);
  bool pending(TimerId id) const;
  std::optional<MonoNanos> next_deadline() const;

  // Fires every pending timer with deadline <= now, earliest first, by
  // calling fire(id, token) (the timer is already gone when it is called).
  // Returns how many fired.
  std::size_t expire(MonoNanos now, absl::FunctionRef<void(TimerId, std::uint64_t)> fire);

  std::size_t size() const { return heap_.size(); }
  bool empty() const { return heap_.empty(); }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  struct Entry {
    MonoNanos deadline;
    std::uint64_t seq;  // add order: breaks deadline ties
    std::uint32_t slot;
  };
  struct Slot {
    std::uint32_t generation = 1;
    std::uint32_t heap_index = kNone;  // kNone while free
    std::uint32_t next_free = kNone;
    std::uint64_t token = 0;
  };

  static bool Before(const Entry& a, const Entry& b) {
    return a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq);
  }
  // The slot of a pending timer `id`, or kNone.
  std::uint32_t find(TimerId id) const;
  void place(std::size_t index, const Entry& e);
  void sift_up(std::size_t index);
  void sift_down(std::size_t index);
  void remove_at(std::size_t index);
  void free_slot(std::uint32_t slot);

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::uint32_t free_head_ = kNone;
  std::uint64_t next_seq_ = 0;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_TIMERS_H_
