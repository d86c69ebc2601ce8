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

void SmallAlloc::ThreadCache::new_chunk() {
  // The tail of the current chunk (smaller than the block asked for) is lost.
  char* chunk = AllocateChunk(/*huge_pages=*/chunk_bytes > 0);
  new (chunk) ChunkHeader{this};
  bump = chunk + sizeof(ChunkHeader);
  end = chunk + kChunkSize;
  chunk_bytes += kChunkSize;
}

SmallAlloc::ThreadCache* SmallAlloc::Attach() {
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
  tls_cache_ = cache;
  // Without the key (no memory for it), the cache stays with its dead
  // thread: its blocks are still freed safely, it is just never adopted.
  pthread_setspecific(caches_.key, cache);
  return cache;
}

void SmallAlloc::Detach(void* p) {
  auto* cache = static_cast<ThreadCache*>(p);
  // From now on this thread's frees of its own blocks take the returned
  // path, and an allocation attaches a cache again.
  tls_cache_ = nullptr;
  std::lock_guard<std::mutex> lock(caches_.mu);
  cache->next_orphan = caches_.orphans;
  caches_.orphans = cache;
  ++caches_.orphan_count;
}

std::size_t SmallAlloc::ThisThreadChunkBytes() {
  return tls_cache_ != nullptr ? tls_cache_->chunk_bytes : 0;
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
