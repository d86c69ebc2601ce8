// small_alloc.cc — chunks, and attaching caches to threads and detaching
// them at thread exit (see small_alloc.h).
#include "runtime/actor/small_alloc.h"

#include <pthread.h>

#include <cstdint>
#include <mutex>
#include <new>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

namespace heph::internal {

// The caches' registry. Its lock is taken when a thread first uses the
// allocator and when it ends, never on an allocation.
struct SmallAlloc::Caches {
  std::mutex mu;
  ThreadCache* orphans = nullptr;  // most recent first, through next_orphan
  ThreadCache* all = nullptr;      // through next_cache
  std::size_t orphan_count = 0;
  std::size_t cache_count = 0;
  pthread_once_t key_once = PTHREAD_ONCE_INIT;
  pthread_key_t key{};
};

constinit SmallAlloc::Caches SmallAlloc::caches_;

char* SmallAlloc::AllocateChunk(bool huge_pages) {
#if defined(__unix__) || defined(__APPLE__)
  // Map twice the size and keep the aligned middle: the owner lookup masks
  // block addresses, and a huge page needs a 2 MiB-aligned range.
  const std::size_t size = kChunkSize;
  void* raw = mmap(nullptr, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw != MAP_FAILED) {
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + size - 1) & ~(std::uintptr_t{size} - 1);
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t tail = aligned + size;
    const std::uintptr_t mapped_end = start + 2 * size;
    if (mapped_end > tail) munmap(reinterpret_cast<void*>(tail), mapped_end - tail);
#if defined(MADV_HUGEPAGE)
    if (huge_pages) madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // a hint
#endif
    return reinterpret_cast<char*>(aligned);
  }
#endif
  (void)huge_pages;
  return static_cast<char*>(::operator new(kChunkSize, std::align_val_t{kChunkSize}));
}

constinit SmallAlloc::ThreadCache SmallAlloc::detached_;

void* SmallAlloc::TakeReturned(std::size_t c) {
  Local& l = local_;
  FreeBlock* b = l.cache->returned[c].exchange(nullptr, std::memory_order_acquire);
  l.free_lists[c] = b->next;
  return b;
}

void* SmallAlloc::Refill(std::size_t c) {
  Local& l = local_;
  if (l.cache == &detached_) {
    Attach();
    // An adopted cache may have blocks of this class, or room.
    return PoolAllocate((c + 1) * kGranule);
  }
  // The tail of the current chunk (smaller than the block asked for) is lost.
  char* chunk = AllocateChunk(/*huge_pages=*/l.cache->chunk_bytes > 0);
  new (chunk) ChunkHeader{l.cache};
  l.cache->chunk_bytes += kChunkSize;
  l.bump = chunk + sizeof(ChunkHeader) + (c + 1) * kGranule;
  l.end = chunk + kChunkSize;
  return chunk + sizeof(ChunkHeader);
}

void SmallAlloc::Attach() {
  pthread_once(&caches_.key_once, [] {
    // Runs after the thread's C++ thread_local destructors, which may still
    // free (or allocate) blocks; with a value set again, it runs again.
    pthread_key_create(&caches_.key, &SmallAlloc::Detach);
    // A child of fork() must not inherit the lock held by a thread it lacks.
    pthread_atfork([] { caches_.mu.lock(); }, [] { caches_.mu.unlock(); },
                   [] { caches_.mu.unlock(); });
  });
  ThreadCache* cache = nullptr;
  {
    std::lock_guard<std::mutex> lock(caches_.mu);
    cache = caches_.orphans;
    if (cache != nullptr) {
      caches_.orphans = cache->next_orphan;
      cache->next_orphan = nullptr;
      --caches_.orphan_count;
    }
  }
  if (cache == nullptr) {
    cache = new ThreadCache;
    std::lock_guard<std::mutex> lock(caches_.mu);
    cache->next_cache = caches_.all;
    caches_.all = cache;
    ++caches_.cache_count;
  }
  Local& l = local_;
  for (std::size_t c = 0; c < kClasses; ++c) l.free_lists[c] = cache->saved_free_lists[c];
  l.bump = cache->saved_bump;
  l.end = cache->saved_end;
  l.cache = cache;
  // Without the key (no memory for it), the cache stays with its dead
  // thread: its blocks are still freed safely, it is just never adopted.
  pthread_setspecific(caches_.key, cache);
}

void SmallAlloc::Detach(void* p) {
  auto* cache = static_cast<ThreadCache*>(p);
  Local& l = local_;
  for (std::size_t c = 0; c < kClasses; ++c) {
    cache->saved_free_lists[c] = l.free_lists[c];
    l.free_lists[c] = nullptr;
  }
  cache->saved_bump = l.bump;
  cache->saved_end = l.end;
  // From now on this thread's frees of its old blocks take the returned
  // path, and an allocation attaches a cache again.
  l.bump = l.end = nullptr;
  l.cache = &detached_;
  std::lock_guard<std::mutex> lock(caches_.mu);
  cache->next_orphan = caches_.orphans;
  caches_.orphans = cache;
  ++caches_.orphan_count;
}

std::size_t SmallAlloc::ThisThreadChunkBytes() {
  return local_.cache != &detached_ ? local_.cache->chunk_bytes : 0;
}

std::size_t SmallAlloc::CacheCount() {
  std::lock_guard<std::mutex> lock(caches_.mu);
  return caches_.cache_count;
}

std::size_t SmallAlloc::OrphanCount() {
  std::lock_guard<std::mutex> lock(caches_.mu);
  return caches_.orphan_count;
}

}  // namespace heph::internal
