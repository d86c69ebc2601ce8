// Specification of the per-thread small-object allocator (small_alloc.h):
// blocks freed on another thread go back to the cache that carved them, so a
// thread's memory stays bounded by its peak however its blocks travel, and a
// cache outlives its thread (blocks freed to it later are kept, and the next
// thread adopts it).
//
// The pool tests call PoolAllocate/PoolFree, which are the pool in every
// build: under ThreadSanitizer they check the cross-thread free path itself
// (a block's contents, written and read by its users on two threads, are
// ordered only by the pool's hand-back).
#include "runtime/actor/small_alloc.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace heph::internal {
namespace {

// Each test uses its own size class, so blocks another test left in a free
// list do not change which addresses it gets.
std::vector<void*> AllocateN(std::size_t n, std::size_t size) {
  std::vector<void*> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(SmallAlloc::Allocate(size));
  return v;
}

void FreeAll(const std::vector<void*>& v, std::size_t size) {
  for (void* p : v) SmallAlloc::Free(p, size);
}

std::vector<void*> PoolAllocateN(std::size_t n, std::size_t size) {
  std::vector<void*> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(SmallAlloc::PoolAllocate(size));
  return v;
}

void PoolFreeAll(const std::vector<void*>& v, std::size_t size) {
  for (void* p : v) SmallAlloc::PoolFree(p, size);
}

std::vector<void*> Sorted(std::vector<void*> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Through SmallAlloc, as the actor core allocates (the pool in normal builds).
TEST(SmallAlloc, BlocksFreedOnAnotherThreadAreReusedByTheThreadThatAllocatedThem) {
  if (!HEPH_SMALL_ALLOC_POOLED) GTEST_SKIP() << "plain allocator in this build";
  constexpr std::size_t kN = 20'000;  // 4 MB: more than one chunk
  constexpr std::size_t kSize = 200;
  const std::vector<void*> first = AllocateN(kN, kSize);
  std::thread([&] { FreeAll(first, kSize); }).join();
  const std::vector<void*> second = AllocateN(kN, kSize);
  EXPECT_EQ(Sorted(first), Sorted(second));
  FreeAll(second, kSize);
}

TEST(SmallAllocPool, ReturnedBlocksAreReusedBeforeAnyNewChunk) {
  constexpr std::size_t kN = 20'000;
  constexpr std::size_t kSize = 208;
  std::thread owner([&] {
    const std::vector<void*> first = PoolAllocateN(kN, kSize);
    const std::size_t chunks = SmallAlloc::ThisThreadChunkBytes();
    EXPECT_GE(chunks, kN * kSize);
    for (int round = 0; round < 5; ++round) {
      std::vector<void*> blocks = round == 0 ? first : PoolAllocateN(kN, kSize);
      EXPECT_EQ(Sorted(blocks), Sorted(first)) << "round " << round;
      std::thread([&] { PoolFreeAll(blocks, kSize); }).join();
    }
    EXPECT_EQ(SmallAlloc::ThisThreadChunkBytes(), chunks);
    PoolFreeAll(PoolAllocateN(kN, kSize), kSize);
  });
  owner.join();
}

// A one-way queue of blocks between two threads.
class BlockQueue {
 public:
  void push(void* p) {
    std::lock_guard<std::mutex> lock(mu_);
    q_.push_back(p);
    cv_.notify_one();
  }
  void* pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !q_.empty(); });
    void* p = q_.front();
    q_.pop_front();
    return p;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<void*> q_;
};

// Fills a block with a pattern of `seq` and checks it.
void Fill(void* p, std::size_t size, std::uint64_t seq) {
  auto* w = static_cast<std::uint64_t*>(p);
  for (std::size_t i = 0; i < size / 8; ++i) w[i] = seq * 1000 + i;
}
bool Holds(const void* p, std::size_t size, std::uint64_t seq) {
  const auto* w = static_cast<const std::uint64_t*>(p);
  for (std::size_t i = 0; i < size / 8; ++i) {
    if (w[i] != seq * 1000 + i) return false;
  }
  return true;
}

// Two threads allocate blocks, write them, and hand them to the other, which
// checks and frees them (a returned free), while they keep allocating. The
// queues only order the hand-over; a block's way back to its owner, and the
// owner's next writes to it, are ordered by the pool alone.
TEST(SmallAllocPool, ConcurrentFreesFromAnotherThreadKeepEachThreadAtItsPeak) {
  constexpr std::uint64_t kBlocks = 50'000;
  constexpr std::size_t kSizes[] = {16, 48, 112, 240};
  BlockQueue to_b, to_a;
  const auto run = [&](BlockQueue* out, BlockQueue* in, std::size_t* growth, int* bad) {
    // Attached (a new cache or an earlier test's orphan) before counting.
    SmallAlloc::PoolFree(SmallAlloc::PoolAllocate(16), 16);
    const std::size_t chunk_bytes = SmallAlloc::ThisThreadChunkBytes();
    for (std::uint64_t i = 0; i < kBlocks; ++i) {
      const std::size_t size = kSizes[i % 4];
      void* p = SmallAlloc::PoolAllocate(size);
      Fill(p, size, i);
      out->push(p);
      // Free the other thread's block of the same step.
      void* q = in->pop();
      if (!Holds(q, size, i)) ++*bad;
      SmallAlloc::PoolFree(q, size);
    }
    *growth = SmallAlloc::ThisThreadChunkBytes() - chunk_bytes;
  };
  std::size_t growth_a = 0, growth_b = 0;
  int bad_a = 0, bad_b = 0;
  std::thread a(run, &to_b, &to_a, &growth_a, &bad_a);
  std::thread b(run, &to_a, &to_b, &growth_b, &bad_b);
  a.join();
  b.join();
  EXPECT_EQ(bad_a, 0);
  EXPECT_EQ(bad_b, 0);
  // A thread has a few blocks live at a time (5 MB went through each): at
  // most one more chunk, if its current one was nearly used up.
  EXPECT_LE(growth_a, SmallAlloc::kChunkSize);
  EXPECT_LE(growth_b, SmallAlloc::kChunkSize);
}

// The owner takes blocks back while the other thread is still freeing them,
// and nothing but the pool orders the two threads (no queue, no join before
// the owner writes): under ThreadSanitizer, a returned free without release
// and acquire is reported as a race on the block.
TEST(SmallAllocPool, ReuseOfAReturnedBlockIsOrderedAfterTheFreeingThreadsLastAccess) {
  constexpr std::size_t kN = 5'000;
  constexpr std::size_t kSize = 80;
  std::thread owner([&] {
    std::vector<void*> blocks = PoolAllocateN(kN, kSize);
    for (std::size_t i = 0; i < kN; ++i) Fill(blocks[i], kSize, i);
    std::atomic<int> bad{0};
    // Started after the fills: thread creation orders them before its reads.
    std::thread freer([&] {
      for (std::size_t i = 0; i < kN; ++i) {
        if (!Holds(blocks[i], kSize, i)) bad.fetch_add(1, std::memory_order_relaxed);
        SmallAlloc::PoolFree(blocks[i], kSize);
      }
    });
    const std::vector<void*> mine = Sorted(blocks);
    std::vector<void*> fresh;  // kept until the end: a local free would be reused first
    std::size_t reused = 0;
    while (reused < kN) {
      void* p = SmallAlloc::PoolAllocate(kSize);
      if (std::binary_search(mine.begin(), mine.end(), p)) {
        Fill(p, kSize, kN + reused);  // writes where the freer just read
        ++reused;
      } else {
        fresh.push_back(p);
        std::this_thread::yield();
      }
    }
    freer.join();
    EXPECT_EQ(bad.load(), 0);
    PoolFreeAll(blocks, kSize);
    PoolFreeAll(fresh, kSize);
  });
  owner.join();
}

TEST(SmallAllocPool, BlocksFreedAfterTheirThreadEndedAreKeptForTheThreadThatAdoptsItsCache) {
  constexpr std::size_t kN = 1'000;
  constexpr std::size_t kSize = 224;
  std::vector<void*> first;
  std::thread([&] { first = PoolAllocateN(kN, kSize); }).join();
  const std::size_t caches = SmallAlloc::CacheCount();
  EXPECT_GE(SmallAlloc::OrphanCount(), 1u);
  // The owner has ended: these go to its orphaned cache's returned lists.
  PoolFreeAll(first, kSize);
  std::vector<void*> second;
  std::thread([&] { second = PoolAllocateN(kN, kSize); }).join();
  EXPECT_EQ(SmallAlloc::CacheCount(), caches) << "the second thread adopted the orphan";
  EXPECT_EQ(Sorted(first), Sorted(second));
  PoolFreeAll(second, kSize);
}

TEST(SmallAllocPool, ThreadsThatComeAndGoReuseCachesInsteadOfCreatingNewOnes) {
  constexpr std::size_t kSize = 176;
  std::thread([&] { SmallAlloc::PoolFree(SmallAlloc::PoolAllocate(kSize), kSize); }).join();
  const std::size_t caches = SmallAlloc::CacheCount();
  for (int i = 0; i < 50; ++i) {
    std::thread([&] {
      std::vector<void*> v = PoolAllocateN(100, kSize);
      PoolFreeAll(v, kSize);
    }).join();
  }
  EXPECT_EQ(SmallAlloc::CacheCount(), caches);
}

// Code that runs at thread exit after the pool's exit hook (here a later
// pthread key's destructor: keys' destructors run in the order of the keys)
// frees blocks of the thread's own, now orphaned, cache and allocates again.
struct LateUse {
  std::vector<void*> blocks;
  bool detached = false;  // the thread had no cache when the destructor ran
  std::vector<void*> again;
};

void LateUseAtExit(void* arg) {
  auto* use = static_cast<LateUse*>(arg);
  use->detached = SmallAlloc::ThisThreadChunkBytes() == 0;
  PoolFreeAll(use->blocks, 96);   // returned frees, onto the orphan
  use->again = PoolAllocateN(100, 96);  // attaches a cache again
}

TEST(SmallAllocPool, CodeRunAtThreadExitAfterThePoolsHookMayStillFreeAndAllocate) {
  SmallAlloc::PoolFree(SmallAlloc::PoolAllocate(96), 96);  // the pool's key exists
  pthread_key_t key;
  ASSERT_EQ(pthread_key_create(&key, &LateUseAtExit), 0);
  LateUse use;
  std::thread([&] {
    use.blocks = PoolAllocateN(100, 96);
    pthread_setspecific(key, &use);
  }).join();
  EXPECT_TRUE(use.detached);
  EXPECT_EQ(Sorted(use.again), Sorted(use.blocks)) << "it adopted its own cache back";
  PoolFreeAll(use.again, 96);
  pthread_key_delete(key);
}

}  // namespace
}  // namespace heph::internal
