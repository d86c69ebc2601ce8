// kqueue_poller.h — the BSD/macOS poller backend: kqueue (EV_CLEAR, i.e.
// edge-triggered, EVFILT_READ/EVFILT_WRITE) for readiness, an EVFILT_USER
// event for wake(). Keeps the contract in poller.h. On Linux it builds on the
// emulation in third_party/kqueue_emulation, so the same suite tests it.
//
// Wake protocol: a WakeLatch (poll_support.h), as in EpollPoller: only the
// wake() that finds the owner blocking issues a syscall, here
// kevent(NOTE_TRIGGER) on the user event, which is EV_CLEAR so one trigger is
// one return.
//
// Registrations. kqueue keys events by (fd, filter), so an fd with
// kReadWrite interest is two kevent registrations; this class keeps the
// interest per fd (to refuse a second add(), and to delete the right filters)
// and merges the READ and WRITE events of one fd into one PollEvent.
#ifndef HEPH_RUNTIME_RT_KQUEUE_POLLER_H_
#define HEPH_RUNTIME_RT_KQUEUE_POLLER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/rt/interest.h"
#include "runtime/rt/poll_support.h"

struct kevent;  // <sys/event.h>, included by the .cc only

namespace heph {

class KqueuePoller {
 public:
  static constexpr std::string_view kName = "kqueue";

  static absl::StatusOr<std::unique_ptr<KqueuePoller>> Create();

  ~KqueuePoller();
  KqueuePoller(const KqueuePoller&) = delete;
  KqueuePoller& operator=(const KqueuePoller&) = delete;

  // Owner thread. See poller.h.
  absl::Status add(int fd, Interest interest, std::uint64_t token);
  absl::Status modify(int fd, Interest interest, std::uint64_t token);
  absl::Status remove(int fd);
  absl::StatusOr<std::size_t> poll(std::span<PollEvent> events, absl::Duration timeout);

  // Any thread.
  void wake();
  std::uint64_t wake_signals() const { return latch_.signals(); }

 private:

  explicit KqueuePoller(int kq);
  // Adds (EV_ADD|EV_CLEAR, re-arming) the filters of `interest` and deletes
  // those of `drop`; undoes its adds if one fails.
  absl::Status apply(int fd, Interest interest, std::uint64_t token, Interest drop,
                     const char* what);

  const int kq_;
  WakeLatch latch_;  // see poll_support.h
  absl::flat_hash_map<int, Interest> registered_;  // owner thread
  std::vector<struct kevent> buffer_;              // owner thread
  absl::flat_hash_map<int, std::size_t> merge_;    // owner thread, per poll()
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_KQUEUE_POLLER_H_
