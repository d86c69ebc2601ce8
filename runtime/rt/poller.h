// poller.h — the contract every I/O poller backend keeps, and the choice of
// backend for this platform (`heph::Poller`).
//
// A poller does two things only: it reports *readiness* of registered file
// descriptors, and it can be *woken* from any thread. Reading, writing,
// accepting and connecting live in a layer above; no backend-specific concept
// (epoll flags, kevent filters) appears in this interface.
//
// The vocabulary (Interest, PollEvent, kReservedToken) is in interest.h.
//
// Backend interface (each backend is a class with exactly these members):
//
//   static constexpr std::string_view kName;         // "epoll", "kqueue", ...
//   static absl::StatusOr<std::unique_ptr<B>> Create();
//
//   absl::Status add(int fd, Interest interest, std::uint64_t token);
//   absl::Status modify(int fd, Interest interest, std::uint64_t token);
//   absl::Status remove(int fd);
//   absl::StatusOr<std::size_t> poll(std::span<PollEvent> events,
//                                    absl::Duration timeout);
//   void wake();                                    // any thread
//   std::uint64_t wake_signals() const;             // any thread, metrics
//
// Threads. One thread owns the poller: it calls add/modify/remove/poll and
// destroys it. `wake()` and `wake_signals()` may be called from any thread
// while the poller is alive; the owner must make sure no wake() is running or
// will start when it destroys the poller.
//
// Registration and edge-triggered readiness.
// - add(fd, interest, token): starts watching `fd` for `interest` (at least one
//   of readable/writable). Events for `fd` carry `token`; the poller never
//   interprets it. `kReservedToken` is refused (InvalidArgument). An fd is
//   registered at most once (AlreadyExists on epoll).
// - Readiness is EDGE-TRIGGERED: an event is reported when the fd becomes ready
//   (including "already ready at add()/modify()") and again only after new
//   activity on it. After an event, perform the I/O for every registered
//   direction until it would block (EAGAIN); only then is a later event
//   guaranteed when the fd becomes ready again. Not draining may mean no
//   further event, ever (some backends do report new arrivals anyway; do not
//   rely on it).
// - modify(fd, interest, token): changes interest/token and RE-ARMS: if the fd
//   is ready for the new interest at that moment, the next poll() reports it
//   even without new activity. This is how a reader that stopped before EAGAIN
//   (e.g. for fairness) asks to be told again.
// - remove(fd): stops watching; no event for `fd` is reported by a poll() that
//   starts after remove() returned. Close the fd only after remove() (closing
//   first is allowed on epoll but not portable).
//
// Event bits.
// - `readable`: a read/accept will not block: it returns data, end-of-file or
//   an error. Peer close and error conditions are reported as readable.
// - `writable`: a write/connect-completion will not block. Error conditions
//   are also reported as writable (the write returns the error at once).
// - `error`, `hangup` are HINTS: they may be missing on some backends or
//   arrive together with readable/writable. Learn the real error from the I/O
//   call (or SO_ERROR), never from the hint alone.
// - One event per fd per poll() (bits are merged).
//
// poll(events, timeout).
// - Fills `events` (which must not be empty) with up to events.size() ready
//   events and returns how many. `timeout`: ZeroDuration (or negative) never
//   blocks; InfiniteDuration blocks until an event or a wake(); otherwise
//   blocks up to `timeout`, measured on the monotonic clock.
// - It returns before `timeout` only when it has at least one event, or a
//   wake() was consumed, or (rarely) spuriously; callers must re-check their
//   own state after every return. A poll that returns 0 because the timeout
//   passed never returns before the timeout has elapsed.
// - Syscall failures come back as absl::Status naming the operation and errno.
//
// Wake-ups: the rule. `wake()` makes the poll() that is blocked or about to
// block return promptly; if no poll() is in progress, the NEXT poll() returns
// promptly (without blocking) instead. A wake() is never lost: every wake()
// is consumed by a poll() that returns after the wake() started (it may
// return with zero events). Wakes coalesce: any number of wake()s before a
// poll() consumes them cause one prompt return, and a wake() issued while the
// poller is not blocking costs an atomic operation, not a syscall
// (`wake_signals()` counts the syscalls). wake() has release semantics and
// the poll() that consumes it acquires: everything the waker wrote before
// wake() is visible to the owner after that poll() returns. So the owner's
// loop is: poll(); then check its cross-thread queues; and producers push onto
// the queue first and then call wake().
#ifndef HEPH_RUNTIME_RT_POLLER_H_
#define HEPH_RUNTIME_RT_POLLER_H_

#include "runtime/rt/interest.h"

#if defined(HEPH_POLLER_KQUEUE)
// Selected explicitly (on Linux: over the emulation; see BUILD.bazel).
#if defined(__linux__)
#include "runtime/rt/epoll_poller.h"
#endif
#include "runtime/rt/kqueue_poller.h"
namespace heph {
using Poller = KqueuePoller;
}  // namespace heph
#elif defined(__linux__)
#include "runtime/rt/epoll_poller.h"
namespace heph {
using Poller = EpollPoller;
}  // namespace heph
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || \
    defined(__OpenBSD__) || defined(__DragonFly__)
#include "runtime/rt/kqueue_poller.h"
namespace heph {
using Poller = KqueuePoller;
}  // namespace heph
#else
#error "heph: no poller backend for this platform"
#endif

#endif  // HEPH_RUNTIME_RT_POLLER_H_
