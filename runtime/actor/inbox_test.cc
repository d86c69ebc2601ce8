// Specification of the bounded MPSC inbox on its own.
#include "runtime/actor/inbox.h"

#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace heph {
namespace {

template <class M>
struct OwnedInbox {
  explicit OwnedInbox(std::uint32_t capacity) : inbox(capacity) {}
  Inbox<M> inbox;
};

TEST(Inbox, AllocatesItsSlotsOnlyWithTheFirstMessage) {
  OwnedInbox<int> box(8);
  EXPECT_FALSE(box.inbox.has_message());
  int v;
  EXPECT_FALSE(box.inbox.try_pop(v));
  ASSERT_EQ(box.inbox.try_push(5), Inbox<int>::Push::kOk);
  ASSERT_TRUE(box.inbox.try_pop(v));
  EXPECT_EQ(v, 5);
}

TEST(Inbox, CapacityIsRoundedUpToAPowerOfTwo) {
  EXPECT_EQ(InboxCapacityFor(0), 1u);
  EXPECT_EQ(InboxCapacityFor(1), 1u);
  EXPECT_EQ(InboxCapacityFor(5), 8u);
  EXPECT_EQ(InboxCapacityFor(8), 8u);
  EXPECT_EQ(InboxCapacityFor(29), 32u);
}

TEST(Inbox, FullAtCapacityAndLeavesTheMessageUntouched) {
  OwnedInbox<std::vector<int>> box(4);
  for (int i = 0; i < 4; ++i) {
    std::vector<int> m{i};
    ASSERT_EQ(box.inbox.try_push(std::move(m)), Inbox<std::vector<int>>::Push::kOk);
  }
  std::vector<int> extra{99, 100};
  EXPECT_EQ(box.inbox.try_push(std::move(extra)), Inbox<std::vector<int>>::Push::kFull);
  EXPECT_EQ(extra, (std::vector<int>{99, 100}));
}

TEST(Inbox, FifoAcrossWrapAround) {
  OwnedInbox<int> box(8);
  int next_in = 0, next_out = 0;
  for (int round = 0; round < 1000; ++round) {
    for (int i = 0; i < 5; ++i) ASSERT_EQ(box.inbox.try_push(next_in++), Inbox<int>::Push::kOk);
    for (int i = 0; i < 5; ++i) {
      int v = -1;
      ASSERT_TRUE(box.inbox.try_pop(v));
      ASSERT_EQ(v, next_out++);
    }
  }
  int v;
  EXPECT_FALSE(box.inbox.try_pop(v));
}

struct Counted {
  static inline std::atomic<int> live{0};
  Counted() { ++live; }
  Counted(const Counted&) { ++live; }
  Counted(Counted&&) noexcept { ++live; }
  Counted& operator=(Counted&&) = default;
  ~Counted() { --live; }
};

TEST(Inbox, DestroysQueuedMessagesExactlyOnce) {
  {
    OwnedInbox<Counted> box(8);
    for (int i = 0; i < 6; ++i) ASSERT_EQ(box.inbox.try_push(Counted()), Inbox<Counted>::Push::kOk);
    ASSERT_TRUE(box.inbox.try_pop_into([](Counted&&) {}));
    EXPECT_EQ(Counted::live.load(), 5);
  }
  EXPECT_EQ(Counted::live.load(), 0);
}

TEST(Inbox, ManyProducersKeepPerProducerOrderAndLoseNothing) {
  constexpr int kProducers = 4;
  constexpr std::uint32_t kPerProducer = 200'000;
  OwnedInbox<std::uint64_t> box(16);
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (std::uint32_t i = 0; i < kPerProducer;) {
        std::uint64_t m = (std::uint64_t(p) << 32) | i;
        if (box.inbox.try_push(std::move(m)) == Inbox<std::uint64_t>::Push::kOk) ++i;
      }
    });
  }
  std::vector<std::uint32_t> next(kProducers, 0);
  std::uint64_t received = 0;
  while (received < kProducers * std::uint64_t{kPerProducer}) {
    std::uint64_t m;
    if (!box.inbox.try_pop(m)) continue;
    const int p = static_cast<int>(m >> 32);
    ASSERT_EQ(static_cast<std::uint32_t>(m), next[p]) << "producer " << p << " out of order";
    ++next[p];
    ++received;
  }
  for (auto& t : producers) t.join();
  std::uint64_t m;
  EXPECT_FALSE(box.inbox.try_pop(m));
}

}  // namespace
}  // namespace heph
