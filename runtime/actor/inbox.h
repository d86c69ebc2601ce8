// inbox.h — a bounded multi-producer, single-consumer queue of messages.
//
// Any thread may push; only the owning actor pops. Capacity is a power of two
// (requests are rounded up), between 1 and kMaxInboxCapacity.
//
// How it works. Producers claim a position with one CAS on `tail`, construct
// the message in that slot, then stamp the slot with position + 1 (release).
// The consumer reads the slot at `head` once its stamp says position head + 1
// (acquire), moves the message out, destroys it and advances `head`. A
// producer may claim position t only when `t - head < capacity`, i.e. the
// consumer has already released the slot's previous occupant, so slots are
// never written twice. Stamps are never cleared: a slot's older stamp (from
// the previous lap, or 0) never equals the position the consumer expects, so
// the consumer writes nothing but `head`.
//
// Cache lines (messages crossing cores). `tail` and `cached_head` share the
// producers' line, `head` has the consumer's line, and each slot keeps its
// stamp next to the message. Producers check fullness against `cached_head`
// (never above the real head, so never wrong) and re-read `head` only when the
// inbox looks full; the consumer never reads `tail` and never writes a slot.
// Slot lines thus travel from producer to consumer only, a few messages per
// line.
//
// Order: positions are claimed in one total order and consumed in that order,
// so messages from one sender arrive in the order they were sent (FIFO per
// sender). A claimed but not yet stamped slot makes the inbox look empty to the
// consumer until its producer publishes it; the actor cell's wake-up protocol
// (actor_cell.h) covers that window.
//
// Nothing in the inbox can throw: message types move without throwing
// (checked where actor cells and references are instantiated, message_type.h)
// and every `make` passed to try_emplace is noexcept, so a claimed slot is
// always published and no message is ever lost or built twice. Whatever may
// throw (a copy, a conversion) happens before the claim, in the sender.
//
// Storage: the block (positions and slots) is allocated by the first push,
// not at spawn, so an actor that has not received anything yet costs no inbox
// memory (most of a million idle actors' footprint otherwise). Producers race
// to install it with one CAS; the loser frees its copy. The inbox frees it.
// Until then the inbox is one word, holding its capacity; the block keeps the
// mask on both the producers' and the consumer's line.
#ifndef HEPH_RUNTIME_ACTOR_INBOX_H_
#define HEPH_RUNTIME_ACTOR_INBOX_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
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
  explicit Inbox(std::uint32_t capacity) : word_((std::uintptr_t{capacity - 1} << 1) | 1) {}
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;
  // Destroys the messages still queued (each exactly once).
  ~Inbox() {
    drain();
    if (Block* b = block(std::memory_order_acquire)) Free(b);
  }

  enum class Push { kOk, kFull };

  // Any thread. On kFull, `message` is left untouched.
  // The claim is a sequentially consistent RMW on `tail`: the cell's wake-up
  // protocol (actor_cell.h) pairs it with the receiver's announcement, so the
  // publishing store itself needs no fence.
  template <class U>
  Push try_push(U&& message) {
    static_assert(std::is_nothrow_constructible_v<M, U&&>,
                  "Inbox<M>::try_push: constructing M from this argument may throw; build the M first");
    return try_emplace([&]() noexcept -> U&& { return std::forward<U>(message); });
  }

  // As try_push, constructing the message from make() only once a slot is
  // claimed (make() is not called on kFull).
  template <class Make>
  [[gnu::always_inline]] Push try_emplace(Make&& make) {
    // The common case inline: block present, room by the cached head, CAS
    // won at the first try. Anything else goes to claim_slow().
    Block* b = block(std::memory_order_acquire);
    std::uint32_t t;
    if (b != nullptr) [[likely]] {
      t = b->tail.load(std::memory_order_relaxed);
      // acquire: pairs with the release below, which carries the consumer's
      // release of `head` to producers that did not read `head` themselves.
      const std::uint32_t h = b->cached_head.load(std::memory_order_acquire);
      if (t - h <= b->mask && b->tail.compare_exchange_strong(t, t + 1, std::memory_order_seq_cst,
                                                            std::memory_order_relaxed)) [[likely]] {
        publish(b, t, make);
        return Push::kOk;
      }
    }
    const Claim c = claim_slow();
    if (c.block == nullptr) return Push::kFull;
    publish(c.block, c.position, make);
    return Push::kOk;
  }

  // Consumer only. Returns false when no published message is at the head.
  bool try_pop(M& out) {
    return try_pop_into([&](M&& m) { out = std::move(m); });
  }
  // Consumer only: hands the popped message to `fn` (no default ctor needed).
  template <class Fn>
  bool try_pop_into(Fn&& fn) {
    Block* b = block(std::memory_order_acquire);
    if (b == nullptr) return false;
    const std::uint32_t h = b->head.load(std::memory_order_relaxed);
    Slot& slot = b->slot(h & b->head_mask);
    if (slot.stamp.load(std::memory_order_acquire) != h + 1) return false;
    M* value = slot.value();
    fn(std::move(*value));
    value->~M();
    // Release only: no full fence per message. A sender that announced
    // itself blocked just as this slot freed is served at the consumer's next
    // pop or, at the latest, when it parks (a seq_cst RMW), see actor_cell.h.
    b->head.store(h + 1, std::memory_order_release);
    return true;
  }

  // Consumer only: lets producers see the slots freed so far without their
  // slow path (before the consumer pushes blocked senders' messages itself).
  // Any value read from `head` is a safe cached head.
  void refresh_cached_head() {
    if (Block* b = block(std::memory_order_relaxed)) {
      b->cached_head.store(b->head.load(std::memory_order_relaxed), std::memory_order_release);
    }
  }

  // Consumer, when it is about to park: has any producer claimed a position
  // not consumed yet (published or not)? Reads the producers' line.
  bool has_claimed() const {
    Block* b = block(std::memory_order_seq_cst);
    if (b == nullptr) return false;
    return b->tail.load(std::memory_order_seq_cst) != b->head.load(std::memory_order_relaxed);
  }

  // Consumer (or sole owner): is a published message at the head?
  bool has_message(std::memory_order order = std::memory_order_acquire) const {
    Block* b = block(order == std::memory_order_seq_cst ? order : std::memory_order_acquire);
    if (b == nullptr) return false;
    const std::uint32_t h = b->head.load(std::memory_order_relaxed);
    return b->slot(h & b->head_mask).stamp.load(order) == h + 1;
  }

  // Destroys every published message. Consumer only, or the last owner.
  void drain() {
    while (try_pop_into([](M&&) {})) {
    }
  }

  // Approximate number of queued messages (for metrics and tests).
  std::uint32_t size() const {
    Block* b = block(std::memory_order_acquire);
    if (b == nullptr) return 0;
    return b->tail.load(std::memory_order_relaxed) - b->head.load(std::memory_order_relaxed);
  }

 private:
  static constexpr std::size_t kLine = 64;

  struct Slot {
    alignas(M) unsigned char storage[sizeof(M)];
    // position + 1 of the message last published here (0: never used).
    std::atomic<std::uint32_t> stamp{0};
    M* value() { return std::launder(reinterpret_cast<M*>(storage)); }
  };

  struct alignas(kLine) Block {
    explicit Block(std::uint32_t m) : mask(m), head_mask(m) {}
    std::atomic<std::uint32_t> tail{0};         // producers' line
    std::atomic<std::uint32_t> cached_head{0};  // producers' view of `head`
    const std::uint32_t mask;                   // capacity - 1
    alignas(kLine) std::atomic<std::uint32_t> head{0};  // the consumer's line
    const std::uint32_t head_mask;                      // mask, on this line
    Slot& slot(std::uint32_t i) const {
      auto* first = reinterpret_cast<Slot*>(const_cast<char*>(reinterpret_cast<const char*>(this)) +
                                            SlotsOffset());
      return first[i];
    }
  };
  static constexpr std::size_t SlotsOffset() {
    return (sizeof(Block) + alignof(Slot) - 1) / alignof(Slot) * alignof(Slot);
  }
  static constexpr std::align_val_t kAlign{alignof(Block) > alignof(Slot) ? alignof(Block)
                                                                          : alignof(Slot)};

  void Free(Block* b) {
    for (std::uint32_t i = 0; i <= b->mask; ++i) b->slot(i).~Slot();
    b->~Block();
    ::operator delete(static_cast<void*>(b), kAlign);
  }

  template <class Make>
  [[gnu::always_inline]] void publish(Block* b, std::uint32_t position, Make& make) {
    static_assert(noexcept(M(make())),
                  "heph internal: a message built in a claimed inbox slot must not throw "
                  "(build it before the claim)");
    Slot& slot = b->slot(position & b->mask);
    new (slot.value()) M(make());
    slot.stamp.store(position + 1, std::memory_order_release);
  }

  // A claimed position, or block == nullptr when the inbox is full.
  struct Claim {
    Block* block;
    std::uint32_t position;
  };
  // The general claim: installs the block on first use, refreshes the cached
  // head when the inbox looks full, retries lost CASes.
  [[gnu::noinline]] Claim claim_slow() {
    Block* b = block(std::memory_order_acquire);
    if (b == nullptr) b = install_block();
    std::uint32_t t = b->tail.load(std::memory_order_relaxed);
    for (;;) {
      std::uint32_t h = b->cached_head.load(std::memory_order_acquire);
      if (t - h > b->mask) {
        h = b->head.load(std::memory_order_acquire);
        b->cached_head.store(h, std::memory_order_release);
        if (t - h > b->mask) {
          const std::uint32_t now = b->tail.load(std::memory_order_relaxed);
          if (now == t) return Claim{nullptr, 0};
          t = now;
          continue;
        }
      }
      if (b->tail.compare_exchange_weak(t, t + 1, std::memory_order_seq_cst,
                                        std::memory_order_relaxed)) {
        return Claim{b, t};
      }
    }
  }

  // The first push allocates the block; concurrent first pushes race with
  // one CAS and the loser frees its copy.
  Block* install_block() {
    std::uintptr_t expected = word_.load(std::memory_order_acquire);
    if (!(expected & 1)) return AsBlock(expected);
    const auto mask = static_cast<std::uint32_t>(expected >> 1);
    void* memory = ::operator new(SlotsOffset() + (std::size_t{mask} + 1) * sizeof(Slot), kAlign);
    Block* fresh = new (memory) Block(mask);
    for (std::uint32_t i = 0; i <= mask; ++i) new (&fresh->slot(i)) Slot();
    if (word_.compare_exchange_strong(expected, reinterpret_cast<std::uintptr_t>(fresh),
                                      std::memory_order_seq_cst, std::memory_order_acquire)) {
      return fresh;
    }
    Free(fresh);
    return AsBlock(expected);
  }

  static Block* AsBlock(std::uintptr_t w) { return (w & 1) ? nullptr : reinterpret_cast<Block*>(w); }
  // The block, or null while none is allocated.
  Block* block(std::memory_order order) const { return AsBlock(word_.load(order)); }

  // The block's address once allocated; until then (capacity - 1) << 1 | 1,
  // so an inbox costs one word until its first message.
  std::atomic<std::uintptr_t> word_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_INBOX_H_
