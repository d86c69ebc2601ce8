// inbox.h — a bounded multi-producer, single-consumer queue of messages.
//
// Any thread may push; only the owning actor pops. Capacity is a power of two
// (requests are rounded up), between 1 and kMaxInboxCapacity.
//
// How it works. Producers claim a position with one CAS on `tail_`, construct
// the message in that slot, then set the slot's `filled` flag (release). The
// consumer reads the slot at `head_` once its flag is set (acquire), destroys
// it, clears the flag and advances `head_`. A producer may claim position t
// only when `t - head < capacity`, i.e. the consumer has already released the
// slot's previous occupant, so slots are never written twice.
//
// Order: positions are claimed in one total order and consumed in that order,
// so messages from one sender arrive in the order they were sent (FIFO per
// sender). A claimed but not yet filled slot makes the inbox look empty to the
// consumer until its producer publishes it; the actor cell's wake-up protocol
// (actor_cell.h) covers that window.
//
// Storage: the slots and their flags are allocated by the first push, not at
// spawn, so an actor that has not received anything yet costs no inbox memory
// (most of a million idle actors' footprint otherwise). Producers race to
// install it with one CAS; the loser frees its copy. The inbox frees it.
#ifndef HEPH_RUNTIME_ACTOR_INBOX_H_
#define HEPH_RUNTIME_ACTOR_INBOX_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

namespace heph {

inline constexpr std::uint32_t kDefaultInboxCapacity = 8;
inline constexpr std::uint32_t kMaxInboxCapacity = 1u << 16;

// Rounds a requested capacity to the one the inbox uses.
constexpr std::uint32_t InboxCapacityFor(std::uint32_t requested) {
  if (requested <= 1) return 1;
  if (requested >= kMaxInboxCapacity) return kMaxInboxCapacity;
  std::uint32_t c = 1;
  while (c < requested) c <<= 1;
  return c;
}

template <class M>
class Inbox {
 public:
  // Bytes of storage for `capacity` (already rounded) slots and flags.
  static constexpr std::size_t StorageBytes(std::uint32_t capacity) {
    return capacity * sizeof(M) + capacity * sizeof(std::atomic<std::uint8_t>);
  }

  explicit Inbox(std::uint32_t capacity) : mask_(capacity - 1) {}
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;
  // Destroys the messages still queued (each exactly once).
  ~Inbox() {
    drain();
    if (M* slots = slots_.load(std::memory_order_acquire)) Free(slots);
  }

  std::uint32_t capacity() const { return mask_ + 1; }

  enum class Push { kOk, kFull };

  // Any thread. On kFull, `message` is left untouched.
  // `publish_seq_cst` makes the publishing store sequentially consistent, as
  // the cell's wake-up protocol needs for producers on other threads.
  template <class U>
  Push try_push(U&& message, bool publish_seq_cst) {
    M* slots = slots_.load(std::memory_order_acquire);
    if (slots == nullptr) slots = install_storage();
    std::uint32_t t = tail_.load(std::memory_order_relaxed);
    for (;;) {
      const std::uint32_t h = head_.load(std::memory_order_acquire);
      if (t - h > mask_) {
        const std::uint32_t now = tail_.load(std::memory_order_relaxed);
        if (now == t) return Push::kFull;
        t = now;
        continue;
      }
      if (tail_.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel,
                                      std::memory_order_relaxed)) {
        break;
      }
    }
    const std::uint32_t index = t & mask_;
    new (&slots[index]) M(std::forward<U>(message));
    flag(slots, index).store(1, publish_seq_cst ? std::memory_order_seq_cst
                                                : std::memory_order_release);
    return Push::kOk;
  }

  // Consumer only. Returns false when no published message is at the head.
  bool try_pop(M& out) {
    return try_pop_into([&](M&& m) { out = std::move(m); });
  }
  // Consumer only: constructs the popped message in place (no default ctor).
  template <class Fn>
  bool try_pop_into(Fn&& fn) {
    M* slots = slots_.load(std::memory_order_acquire);
    if (slots == nullptr) return false;
    const std::uint32_t h = head_.load(std::memory_order_relaxed);
    const std::uint32_t index = h & mask_;
    if (flag(slots, index).load(std::memory_order_acquire) == 0) return false;
    M& slot = slots[index];
    fn(std::move(slot));
    slot.~M();
    flag(slots, index).store(0, std::memory_order_relaxed);
    // Release only: no full fence per message. A sender that announced
    // itself blocked just as this slot freed is served at the consumer's next
    // pop or, at the latest, when it parks (a seq_cst RMW), see actor_cell.h.
    head_.store(h + 1, std::memory_order_release);
    return true;
  }

  // Consumer (or sole owner): is a published message at the head?
  bool has_message(std::memory_order order = std::memory_order_acquire) const {
    M* slots = slots_.load(order == std::memory_order_seq_cst ? order : std::memory_order_acquire);
    if (slots == nullptr) return false;
    const std::uint32_t h = head_.load(std::memory_order_relaxed);
    return flag(slots, h & mask_).load(order) != 0;
  }

  // Destroys every published message. Consumer only, or the last owner.
  void drain() {
    while (try_pop_into([](M&&) {})) {
    }
  }

  // Approximate number of queued messages (for metrics and tests).
  std::uint32_t size() const {
    return tail_.load(std::memory_order_relaxed) - head_.load(std::memory_order_relaxed);
  }

 private:
  static constexpr std::align_val_t kAlign{alignof(M) > alignof(std::max_align_t)
                                               ? alignof(M)
                                               : alignof(std::max_align_t)};
  static std::atomic<std::uint8_t>& flag(M* slots, std::uint32_t i, std::uint32_t capacity) {
    return reinterpret_cast<std::atomic<std::uint8_t>*>(slots + capacity)[i];
  }
  std::atomic<std::uint8_t>& flag(M* slots, std::uint32_t i) const {
    return flag(slots, i, mask_ + 1);
  }
  void Free(M* slots) { ::operator delete(static_cast<void*>(slots), kAlign); }

  // The first push allocates the storage; concurrent first pushes race with
  // one CAS and the loser frees its copy.
  M* install_storage() {
    const std::uint32_t capacity = mask_ + 1;
    auto* fresh = static_cast<M*>(::operator new(StorageBytes(capacity), kAlign));
    for (std::uint32_t i = 0; i < capacity; ++i) {
      new (&flag(fresh, i, capacity)) std::atomic<std::uint8_t>(0);
    }
    M* expected = nullptr;
    if (slots_.compare_exchange_strong(expected, fresh, std::memory_order_seq_cst,
                                       std::memory_order_acquire)) {
      return fresh;
    }
    Free(fresh);
    return expected;
  }

  std::atomic<std::uint32_t> tail_{0};
  std::atomic<std::uint32_t> head_{0};
  const std::uint32_t mask_;
  std::atomic<M*> slots_{nullptr};  // then `capacity` flag bytes after the slots
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_INBOX_H_
