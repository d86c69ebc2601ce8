// Specification of the per-thread small-object allocator (small_alloc.h):
// blocks freed on another thread go back to the thread that allocated them,
// so a thread's memory stays bounded by its peak however its blocks travel.
#include "runtime/actor/small_alloc.h"

#include <algorithm>
#include <cstddef>
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

std::vector<void*> Sorted(std::vector<void*> v) {
  std::sort(v.begin(), v.end());
  return v;
}

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

}  // namespace
}  // namespace heph::internal
