// small_alloc.h — a per-thread allocator for the actor core's small, hot
// objects: actor cells and coroutine frames (up to 256 bytes).
//
// Fresh blocks are carved from chunks (a pointer bump, no per-block header);
// freed blocks go to the freeing thread's list for their 16-byte size class
// and are reused first. Spawning a million actors is then a million bumps
// instead of two million malloc calls, and a frame created and destroyed per
// call (a nested Async) costs a list pop and push.
//
// Chunks: a thread's first 2 MiB come in 64 KiB chunks from ::operator new,
// so a small program stays small. Past that, chunks are 2 MiB, aligned, and
// on Linux marked for transparent huge pages (madvise): a thread spawning a
// million actors then takes one page fault per 2 MiB instead of one per 4 KiB,
// which was about a third of the cost of a spawn here. Where huge pages are
// off, or mmap fails, the 2 MiB chunk is plain memory (or a 64 KiB chunk).
//
// Blocks may be freed on any thread (an actor's cell dies with its last
// reference, wherever that is): they simply join that thread's lists. Chunks
// are never given back to malloc, so memory used at a peak stays reserved for
// reuse (as with any slab allocator); threads' free lists are not merged.
// Under AddressSanitizer, ThreadSanitizer or when HEPH_PLAIN_ALLOC is defined
// every call goes to ::operator new/delete, so the tools see each block.
#ifndef HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_
#define HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_

#include <cstddef>
#include <cstdint>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(HEPH_PLAIN_ALLOC)
#define HEPH_SMALL_ALLOC_POOLED 0
#else
#define HEPH_SMALL_ALLOC_POOLED 1
#endif

namespace heph::internal {

class SmallAlloc {
 public:
  static constexpr std::size_t kMaxSize = 256;
  static constexpr std::size_t kGranule = 16;

  static void* Allocate(std::size_t size) {
#if HEPH_SMALL_ALLOC_POOLED
    if (size <= kMaxSize) return Local().allocate(ClassOf(size));
#endif
    return ::operator new(size);
  }

  static void Free(void* p, std::size_t size) noexcept {
#if HEPH_SMALL_ALLOC_POOLED
    if (size <= kMaxSize) {
      Local().free(p, ClassOf(size));
      return;
    }
#endif
    ::operator delete(p, size);
  }

 private:
  static constexpr std::size_t kClasses = kMaxSize / kGranule;
  static constexpr std::size_t kChunkSize = 64 * 1024;
  static constexpr std::size_t kLargeChunkSize = 2 * 1024 * 1024;

  // A new chunk of kLargeChunkSize bytes, huge-page backed where the system
  // allows, or null (the caller falls back to a small chunk).
  static char* AllocateLargeChunk();

  static std::size_t ClassOf(std::size_t size) {
    return size == 0 ? 0 : (size + kGranule - 1) / kGranule - 1;
  }

  struct FreeBlock {
    FreeBlock* next;
  };

  struct ThreadCache {
    FreeBlock* free_lists[kClasses] = {};
    char* bump = nullptr;
    char* end = nullptr;
    std::size_t chunk_bytes = 0;  // taken so far by this thread

    void* allocate(std::size_t c) {
      if (FreeBlock* b = free_lists[c]) {
        free_lists[c] = b->next;
        return b;
      }
      const std::size_t bytes = (c + 1) * kGranule;
      if (static_cast<std::size_t>(end - bump) < bytes) [[unlikely]] new_chunk();
      void* p = bump;
      bump += bytes;
      return p;
    }
    [[gnu::noinline]] void new_chunk() {
      char* chunk = chunk_bytes >= kLargeChunkSize ? AllocateLargeChunk() : nullptr;
      const std::size_t size = chunk != nullptr ? kLargeChunkSize : kChunkSize;
      if (chunk == nullptr) chunk = static_cast<char*>(::operator new(kChunkSize));
      bump = chunk;
      end = chunk + size;
      chunk_bytes += size;
    }
    void free(void* p, std::size_t c) {
      auto* b = static_cast<FreeBlock*>(p);
      b->next = free_lists[c];
      free_lists[c] = b;
    }
  };

  static ThreadCache& Local() {
    static thread_local ThreadCache cache;
    return cache;
  }
};

}  // namespace heph::internal

#endif  // HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_
