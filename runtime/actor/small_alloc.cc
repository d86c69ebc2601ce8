// small_alloc.cc — the large chunks of the per-thread allocator.
#include "runtime/actor/small_alloc.h"

#include <cstdint>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

namespace heph::internal {

char* SmallAlloc::AllocateLargeChunk() {
#if defined(__unix__) || defined(__APPLE__)
  // Map twice the size and keep the aligned middle: a huge page needs a
  // 2 MiB-aligned range.
  const std::size_t size = kLargeChunkSize;
  void* raw = mmap(nullptr, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + size - 1) & ~(std::uintptr_t{size} - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const std::uintptr_t tail = aligned + size;
  const std::uintptr_t mapped_end = start + 2 * size;
  if (mapped_end > tail) munmap(reinterpret_cast<void*>(tail), mapped_end - tail);
#if defined(MADV_HUGEPAGE)
  madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // a hint: failure is fine
#endif
  return reinterpret_cast<char*>(aligned);
#else
  return nullptr;
#endif
}

}  // namespace heph::internal
