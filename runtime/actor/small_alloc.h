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
// carving fresh memory. So a thread carves fresh blocks only when it has no
// free block of the class asked for, local or returned: its chunks stay
// bounded by its peak of live blocks per class, summed over the classes,
// plus the chunk it is carving (and a tail under 256 bytes per chunk),
// whichever threads free them. Chunks are never given back to the system;
// free blocks are not moved between classes or between caches.
//
// Fast paths. While a thread has a cache, the cache's free lists and chunk
// bounds live in the thread's thread-local storage (as in a plain
// thread-local pool); the cache object holds the returned lists. Allocating
// is a pop, or, with the list empty, one load of the returned list's head
// and a bump. Freeing reads the chunk header and compares it with the
// thread's cache: then a push, or the CAS onto the owner's returned list.
//
// Thread exit. A cache is heap memory and is never destroyed. When its
// thread ends (a worker at runtime shutdown, a sync actor's thread), a
// pthread key destructor, which runs after the thread's C++ thread_local
// destructors, saves the thread-local part into the cache and puts it on a
// global list of orphans; blocks freed to it later still land on its
// returned lists (its own thread's late frees too). The next thread to use
// the allocator adopts an orphan (the most recent) with its free blocks,
// chunk and returned lists instead of starting a new cache, so threads that
// come and go reuse the same memory. The registry's lock is taken only
// there, and when a thread first allocates.
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
    const std::size_t c = ClassOf(size);
    Local& l = local_;
    if (FreeBlock* b = l.free_lists[c]) {
      l.free_lists[c] = b->next;
      return b;
    }
    if (l.cache->returned[c].load(std::memory_order_relaxed) != nullptr) [[unlikely]] {
      return TakeReturned(c);
    }
    const std::size_t bytes = (c + 1) * kGranule;
    if (static_cast<std::size_t>(l.end - l.bump) < bytes) [[unlikely]] return Refill(c);
    void* p = l.bump;
    l.bump += bytes;
    return p;
  }

  static void PoolFree(void* p, std::size_t size) noexcept {
    const std::size_t c = ClassOf(size);
    Local& l = local_;
    ThreadCache* owner = OwnerOf(p);
    auto* b = static_cast<FreeBlock*>(p);
    if (owner == l.cache) {
      b->next = l.free_lists[c];
      l.free_lists[c] = b;
    } else {
      owner->push_returned(b, c);
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

  // A cache: heap memory, never destroyed. While a thread has it, its free
  // lists and chunk bounds live in that thread's Local (reached without an
  // indirection); they are saved here while it is an orphan.
  struct alignas(64) ThreadCache {
    FreeBlock* saved_free_lists[kClasses] = {};
    char* saved_bump = nullptr;
    char* saved_end = nullptr;
    std::size_t chunk_bytes = 0;         // carved so far; the owner's
    ThreadCache* next_orphan = nullptr;  // under the registry's lock
    ThreadCache* next_cache = nullptr;   // every cache, ever
    // Blocks other threads freed, per class: they push, the owner takes all.
    // A line of its own, so their pushes do not disturb the owner's fields.
    alignas(64) std::atomic<FreeBlock*> returned[kClasses] = {};

    void push_returned(FreeBlock* b, std::size_t c) {
      FreeBlock* head = returned[c].load(std::memory_order_relaxed);
      do {
        b->next = head;
      } while (!returned[c].compare_exchange_weak(head, b, std::memory_order_release,
                                                  std::memory_order_relaxed));
    }
  };

  // At the start of every chunk; blocks follow it (16-byte aligned).
  struct alignas(kGranule) ChunkHeader {
    ThreadCache* owner;
  };

  static ThreadCache* OwnerOf(void* p) {
    const auto chunk = reinterpret_cast<std::uintptr_t>(p) & ~(std::uintptr_t{kChunkSize} - 1);
    return reinterpret_cast<const ChunkHeader*>(chunk)->owner;
  }

  // A thread without a cache points at this one: nothing is ever returned to
  // it and it names no chunk, so the fast paths need no null check; Refill
  // attaches a real cache.
  static ThreadCache detached_;

  // The calling thread's side of its cache.
  struct Local {
    FreeBlock* free_lists[kClasses];
    char* bump;  // bump == end: no chunk yet
    char* end;
    ThreadCache* cache;  // &detached_: none
  };

  // Takes the whole returned list of class c (only the owner takes, and it
  // takes everything: no ABA) and returns its first block.
  [[gnu::noinline]] static void* TakeReturned(std::size_t c);
  // The current chunk cannot fit a block of class c: attaches a cache if
  // the thread has none, else carves a new chunk; returns a block.
  [[gnu::noinline]] static void* Refill(std::size_t c);
  // Gives the calling thread a cache (an orphan, or a new one).
  static void Attach();
  // The thread-exit hook (a pthread key destructor): makes `cache` an orphan.
  static void Detach(void* cache);
  // A new chunk of kChunkSize bytes aligned to kChunkSize; huge-page backed
  // where asked for and the system allows.
  static char* AllocateChunk(bool huge_pages);

  // Orphans and every cache (small_alloc.cc).
  struct Caches;
  static Caches caches_;

  // Constant-initialised: reading it costs no guard or wrapper call.
  static inline thread_local Local local_ = {{}, nullptr, nullptr, &detached_};
};

}  // namespace heph::internal

#endif  // HEPH_RUNTIME_ACTOR_SMALL_ALLOC_H_
