#include "runtime/rt/timers.h"

#include <time.h>

#include <cstdlib>

namespace heph {
namespace {

constexpr std::size_t kArity = 4;

std::size_t Parent(std::size_t i) { return (i - 1) / kArity; }
std::size_t FirstChild(std::size_t i) { return i * kArity + 1; }

}  // namespace

MonoNanos MonoNow() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<MonoNanos>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

MonoNanos MonoAfter(absl::Duration after, MonoNanos now) {
  if (after == absl::InfiniteDuration()) return kMonoNever;
  const std::int64_t ns = absl::ToInt64Nanoseconds(after);  // saturates
  if (ns <= 0) return now;
  return ns > kMonoNever - now ? kMonoNever : now + ns;
}

absl::Duration TimeoutUntil(std::optional<MonoNanos> deadline, MonoNanos now) {
  if (!deadline.has_value() || *deadline == kMonoNever) return absl::InfiniteDuration();
  if (*deadline <= now) return absl::ZeroDuration();
  return absl::Nanoseconds(*deadline - now);
}

TimerId Timers::add(MonoNanos deadline, std::uint64_t token) {
  std::uint32_t slot = free_head_;
  if (slot != kNone) {
    free_head_ = slots_[slot].next_free;
  } else {
    if (slots_.size() >= kNone) std::abort();  // 4G live timers
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.token = token;
  s.next_free = kNone;
  heap_.push_back(Entry{deadline, next_seq_++, slot});
  s.heap_index = static_cast<std::uint32_t>(heap_.size() - 1);
  sift_up(heap_.size() - 1);
  return TimerId((static_cast<std::uint64_t>(s.generation) << 32) | slot);
}

std::uint32_t Timers::find(TimerId id) const {
  const std::uint32_t slot = static_cast<std::uint32_t>(id.value_);
  const std::uint32_t generation = static_cast<std::uint32_t>(id.value_ >> 32);
  if (generation == 0 || slot >= slots_.size()) return kNone;
  const Slot& s = slots_[slot];
  if (s.generation != generation || s.heap_index == kNone) return kNone;
  return slot;
}

bool Timers::pending(TimerId id) const { return find(id) != kNone; }

bool Timers::cancel(TimerId id) {
  const std::uint32_t slot = find(id);
  if (slot == kNone) return false;
  remove_at(slots_[slot].heap_index);
  free_slot(slot);
  return true;
}

std::optional<MonoNanos> Timers::next_deadline() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.front().deadline;
}

std::size_t Timers::expire(MonoNanos now, absl::FunctionRef<void(TimerId, std::uint64_t)> fire) {
  std::size_t fired = 0;
  while (!heap_.empty() && heap_.front().deadline <= now) {
    const std::uint32_t slot = heap_.front().slot;
    const TimerId id((static_cast<std::uint64_t>(slots_[slot].generation) << 32) | slot);
    const std::uint64_t token = slots_[slot].token;
    remove_at(0);
    free_slot(slot);  // before fire(): cancel(id) from the callback is a no-op
    fire(id, token);
    ++fired;
  }
  return fired;
}

void Timers::place(std::size_t index, const Entry& e) {
  heap_[index] = e;
  slots_[e.slot].heap_index = static_cast<std::uint32_t>(index);
}

void Timers::sift_up(std::size_t index) {
  const Entry e = heap_[index];
  while (index > 0) {
    const std::size_t parent = Parent(index);
    if (!Before(e, heap_[parent])) break;
    place(index, heap_[parent]);
    index = parent;
  }
  place(index, e);
}

void Timers::sift_down(std::size_t index) {
  const Entry e = heap_[index];
  const std::size_t n = heap_.size();
  for (;;) {
    const std::size_t first = FirstChild(index);
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (Before(heap_[c], heap_[best])) best = c;
    }
    if (!Before(heap_[best], e)) break;
    place(index, heap_[best]);
    index = best;
  }
  place(index, e);
}

void Timers::remove_at(std::size_t index) {
  const Entry last = heap_.back();
  heap_.pop_back();
  if (index == heap_.size()) return;  // removed the last element
  place(index, last);
  if (index > 0 && Before(last, heap_[Parent(index)])) {
    sift_up(index);
  } else {
    sift_down(index);
  }
}

void Timers::free_slot(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.heap_index = kNone;
  s.token = 0;
  if (++s.generation == 0) s.generation = 1;  // 0 marks the invalid id
  s.next_free = free_head_;
  free_head_ = slot;
}

}  // namespace heph
