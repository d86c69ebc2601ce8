// small_alloc.h — a per-thread allocator for the actor core's small, hot
// objects: actor cells, coroutine frames and RPC reply slots (up to 256
// bytes).
//
// Each thread has a cache: a free list per 16-byte size class and a chunk to
// carve fresh blocks from (a pointer bump, no per-block header). Spawning a
// million actors is then a million bumps instead of two million malloc
// calls, and a frame created and destroyed per call (a nested Async) costs a
// list pop and push.
//
// Chunks are 2 MiB, aligned to 2 MiB, and start with a 16-byte header naming
// the cache that carved them, so any block's owner is one mask and one load
// away. A thread's first chunk uses ordinary pages (a small program touches
// only what it uses); later ones are marked for transparent huge pages
// (madvise), so a thread spawning a million actors takes one page fault per
// 2 MiB instead of one per 4 KiB, which was about a third of the cost of a
// spawn here. Without mmap, chunks come from aligned ::operator new.
//
// Freeing. A block may be freed on any thread (an actor's cell dies with its
// last reference, its frame where it ran). Freed on the owner's thread it
// goes on the owner's free list for its class. Freed on another thread it is
// pushed (one CAS) onto the owner's "returned" list for its class, a
// lock-free stack only the owner takes from: when the owner's free list for
// a class is empty, it takes the whole returned list (one exchange) before
// carving fresh memory. So a thread carves a new chunk only when it has no
// free block of the class asked for, local or returned: its chunks stay
// bounded by its peak of live blocks per class, summed over the classes,
// plus the unused tail of one chunk, whichever threads free them. Chunks
// are never given back to the system; free blocks are not moved between
// classes or between caches.
//
// Thread exit. A cache is heap memory and is never destroyed. When its
// thread ends (a worker at runtime shutdown, a sync actor's thread), a
// pthread key destructor, which runs after the thread's C++ thread_local
// destructors, detaches it and puts it on a global list of orphans; blocks
// freed to it later still land on its returned lists. The next thread to
// use the allocator adopts an orphan (most recent first) with its free
// blocks, chunk and returned lists instead of starting a new cache, so
// threads that come and go reuse the same memory.
//
// HEPH_SMALL_ALLOC_POOLED says whether Allocate/Free use the pool. Under
// AddressSanitizer, ThreadSanitizer or when HEPH_PLAIN_ALLOC is defined
// every call goes to ::operator new/delete, so the tools see each block;
// HEPH_POOLED_ALLOC, defined for the whole build (--copt=-DHEPH_POOLED_ALLOC),
// pools anyway (a TSan run of the runtime over the pool's cross-thread
// frees). The pool itself (PoolAllocate/PoolFree) is compiled in every
// build, so its own tests run under the sanitizers too.
#ifndef HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_
#define HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>

#if defined(HEPH_POOLED_ALLOC)
#define HEPH_SMALL_ALLOC_POOLED 1
#elif defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(HEPH_PLAIN_ALLOC)
#define HEPH_SMALL_ALLOC_POOLED 0
#else
#define HEPH_SMALL_ALLOC_POOLED 1
#endif

namespace heph::internal {

class SmallAlloc {
 public:
  static constexpr std::size_t kMaxSize = 256;
  static constexpr std::size_t kGranule = 16;
  static constexpr std::size_t kChunkSize = 2 * 1024 * 1024;

  static void* Allocate(std::size_t size) {
#if HEPH_SMALL_ALLOC_POOLED
    if (size <= kMaxSize) return PoolAllocate(size);
#endif
    return ::operator new(size);
  }

  static void Free(void* p, std::size_t size) noexcept {
#if HEPH_SMALL_ALLOC_POOLED
    if (size <= kMaxSize) {
      PoolFree(p, size);
      return;
    }
#endif
    ::operator delete(p, size);
  }

  // The pool, whatever HEPH_SMALL_ALLOC_POOLED says. size <= kMaxSize; a
  // block is freed with the size it was allocated with, on any thread.
  static void* PoolAllocate(std::size_t size) {
    ThreadCache* cache = tls_cache_;
    if (cache == nullptr) [[unlikely]] cache = Attach();
    return cache->allocate(ClassOf(size));
  }

  static void PoolFree(void* p, std::size_t size) noexcept {
    ThreadCache* owner = OwnerOf(p);
    if (owner == tls_cache_) {
      owner->free_local(p, ClassOf(size));
    } else {
      owner->free_returned(p, ClassOf(size));
    }
  }

  // For tests and benchmarks. Bytes of chunks the calling thread's cache has
  // carved (0 if the thread has no cache); caches ever created; caches whose
  // thread ended and that no thread has adopted yet.
  static std::size_t ThisThreadChunkBytes();
  static std::size_t CacheCount();
  static std::size_t OrphanCount();

 private:
  static constexpr std::size_t kClasses = kMaxSize / kGranule;

  static std::size_t ClassOf(std::size_t size) {
    return size == 0 ? 0 : (size + kGranule - 1) / kGranule - 1;
  }

  struct FreeBlock {
    FreeBlock* next;
  };

  struct ThreadCache;

  // At the start of every chunk; blocks follow it (16-byte aligned).
  struct alignas(kGranule) ChunkHeader {
    ThreadCache* owner;
  };

  static ThreadCache* OwnerOf(void* p) {
    const auto chunk = reinterpret_cast<std::uintptr_t>(p) & ~(std::uintptr_t{kChunkSize} - 1);
    return reinterpret_cast<const ChunkHeader*>(chunk)->owner;
  }

  struct alignas(64) ThreadCache {
    // The owning thread's, only.
    FreeBlock* free_lists[kClasses] = {};
    char* bump = nullptr;
    char* end = nullptr;
    std::size_t chunk_bytes = 0;      // carved so far
    ThreadCache* next_orphan = nullptr;  // under the orphan lock
    ThreadCache* next_cache = nullptr;   // every cache, ever (immutable once linked)
    // Blocks other threads freed, per class: they push, the owner takes all.
    // A line of its own, so their pushes do not disturb the owner's lists.
    alignas(64) std::atomic<FreeBlock*> returned[kClasses] = {};

    void* allocate(std::size_t c) {
      if (FreeBlock* b = free_lists[c]) {
        free_lists[c] = b->next;
        return b;
      }
      if (returned[c].load(std::memory_order_relaxed) != nullptr) [[unlikely]] {
        return take_returned(c);
      }
      const std::size_t bytes = (c + 1) * kGranule;
      if (static_cast<std::size_t>(end - bump) < bytes) [[unlikely]] new_chunk();
      void* p = bump;
      bump += bytes;
      return p;
    }
    [[gnu::noinline]] void* take_returned(std::size_t c) {
      // Only the owner takes, and it takes the whole list: no ABA.
      FreeBlock* b = returned[c].exchange(nullptr, std::memory_order_acquire);
      free_lists[c] = b->next;
      return b;
    }
    [[gnu::noinline]] void new_chunk();
    void free_local(void* p, std::size_t c) {
      auto* b = static_cast<FreeBlock*>(p);
      b->next = free_lists[c];
      free_lists[c] = b;
    }
    void free_returned(void* p, std::size_t c) {
      auto* b = static_cast<FreeBlock*>(p);
      FreeBlock* head = returned[c].load(std::memory_order_relaxed);
      do {
        b->next = head;
      } while (!returned[c].compare_exchange_weak(head, b, std::memory_order_release,
                                                  std::memory_order_relaxed));
    }
  };

  // Gives the calling thread a cache (an orphan, or a new one).
  [[gnu::noinline]] static ThreadCache* Attach();
  // The thread-exit hook: makes `cache` an orphan.
  static void Detach(void* cache);
  // A new chunk of kChunkSize bytes aligned to kChunkSize; huge-page backed
  // where asked for and the system allows.
  static char* AllocateChunk(bool huge_pages);

  // Orphans and every cache (small_alloc.cc).
  struct Caches;
  static Caches caches_;

  // Constant-initialised: reading it costs no guard or wrapper call.
  static inline thread_local ThreadCache* tls_cache_ = nullptr;
};

}  // namespace heph::internal

#endif  // HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_
