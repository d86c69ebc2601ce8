#include "runtime/rt/sync_actor.h"

#include "runtime/rt/signals.h"

#if defined(__linux__)
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <chrono>
#include <thread>

#include <algorithm>
#include <cstring>

namespace heph {
namespace internal {

SyncScheduler::~SyncScheduler() = default;

#if defined(__linux__)
namespace {
// Sleeps while *word == 0, at most `timeout_ns` (< 0: no limit). Spurious
// returns are fine: callers loop.
void FutexWait(std::atomic<std::uint32_t>* word, std::int64_t timeout_ns) {
  struct timespec ts;
  struct timespec* timeout = nullptr;
  if (timeout_ns >= 0) {
    ts.tv_sec = static_cast<time_t>(timeout_ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(timeout_ns % 1'000'000'000);
    timeout = &ts;
  }
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT_PRIVATE, 0, timeout, nullptr, 0);
}
void FutexWake(std::atomic<std::uint32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}
}  // namespace
#endif

void SyncScheduler::park() {
  // Take the token; without one, sleep while it is still 0 (see the class
  // comment). A spurious return from the wait just loops.
  while (token_.exchange(0, std::memory_order_acquire) == 0) {
#if defined(__linux__)
    FutexWait(&token_, -1);
#else
    token_.wait(0, std::memory_order_acquire);
#endif
  }
}

bool SyncScheduler::park_until(MonoNanos deadline) {
  while (token_.exchange(0, std::memory_order_acquire) == 0) {
    const MonoNanos now = MonoNow();
    if (now >= deadline) return false;
#if defined(__linux__)
    FutexWait(&token_, deadline - now);
#else
    // No portable timed wait on an atomic: look again every millisecond.
    std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<MonoNanos>(deadline - now, 1'000'000)));
#endif
  }
  return true;
}

void SyncScheduler::unpark() {
  token_.store(1, std::memory_order_release);
#if defined(__linux__)
  FutexWake(&token_);
#else
  token_.notify_one();
#endif
}

void SyncScheduler::cancel() {
  cancelled_.store(true, std::memory_order_release);
  unpark();
}

void SyncScheduler::adopt_task(Task* task) {
  thread_ = std::thread([this, task] {
    // Process signals belong to the runtime's coordinator (signals.h).
    BlockRuntimeSignals();
    {
      EnterScope scope(this);
      body_(task);
    }
    // The body released the thread's hold; the host's keeps `this` alive
    // until it has joined the thread.
    done_.store(true, std::memory_order_release);
  });
}

void SyncScheduler::join_thread() {
  if (thread_.joinable()) thread_.join();
}

void SetSyncThreadName(std::string_view actor) {
#if defined(__linux__)
  char name[16];  // the kernel keeps 15 characters
  const std::size_t n = std::min(actor.size(), sizeof(name) - 1);
  std::memcpy(name, actor.data(), n);
  name[n] = '\0';
  pthread_setname_np(pthread_self(), name);
#else
  (void)actor;
#endif
}

}  // namespace internal

SyncActorHost::~SyncActorHost() {
  cancel();
  join();
}

void SyncActorHost::start(ActorCellBase* cell, internal::SyncScheduler& scheduler) {
  std::vector<ActorCellBase*> reaped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    reaped = reap_locked();
  }
  for (ActorCellBase* c : reaped) c->release();

  std::lock_guard<std::mutex> lock(mu_);
  entries_.reserve(entries_.size() + 1);  // no allocation failure once the thread runs
  // Counted before the thread starts: it may end at once.
  running_.fetch_add(1, std::memory_order_acq_rel);
  if (on_started_) on_started_();
  if (cancel_all_) scheduler.cancel();
  cell->retain();  // the host's hold, until the thread is joined
  try {
    scheduler.adopt(cell);  // starts the thread
  } catch (...) {
    // No thread: drop its hold and the host's (the caller's reference holds
    // the last one) and uncount the actor.
    cell->release();
    cell->release();
    actor_ended();
    throw;
  }
  entries_.push_back(Entry{cell, &scheduler});
}

void SyncActorHost::actor_ended() {
  running_.fetch_sub(1, std::memory_order_acq_rel);
  if (on_ended_) on_ended_();
}

std::vector<ActorCellBase*> SyncActorHost::reap_locked() {
  std::vector<ActorCellBase*> reaped;
  std::erase_if(entries_, [&](Entry& e) {
    if (e.joining || !e.scheduler->thread_done()) return false;
    e.scheduler->join_thread();  // the thread only has to return
    reaped.push_back(e.cell);
    return true;
  });
  return reaped;
}

void SyncActorHost::join() {
  std::lock_guard<std::mutex> join_lock(join_mu_);
  for (;;) {
    Entry picked{nullptr, nullptr};
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (Entry& e : entries_) {
        if (!e.joining) {
          e.joining = true;
          picked = e;
          break;
        }
      }
    }
    if (picked.cell == nullptr) return;
    picked.scheduler->join_thread();
    {
      std::lock_guard<std::mutex> lock(mu_);
      std::erase_if(entries_, [&](const Entry& e) { return e.cell == picked.cell; });
    }
    picked.cell->release();
  }
}

void SyncActorHost::cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  cancel_all_ = true;
  for (Entry& e : entries_) e.scheduler->cancel();
}

}  // namespace heph
