// kqueue_poller.h — the BSD/macOS poller backend: kqueue (EV_CLEAR, i.e.
// edge-triggered, EVFILT_READ/EVFILT_WRITE) for readiness, an EVFILT_USER
// event for wake(). Keeps the contract in poller.h. On Linux it builds on the
// emulation in third_party/kqueue_emulation, so the same suite tests it.
//
// Wake protocol: the same `state_` bits and rule as EpollPoller (see
// epoll_poller.h/.cc): only the wake() that first sets kNotified while the
// owner may block issues a syscall, here kevent(NOTE_TRIGGER) on the user
// event, which is EV_CLEAR so one trigger is one return.
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
  std::uint64_t wake_signals() const { return wake_signals_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::uint32_t kBlocking = 1;
  static constexpr std::uint32_t kNotified = 2;

  explicit KqueuePoller(int kq);
  // Adds (EV_ADD|EV_CLEAR, re-arming) the filters of `interest` and deletes
  // those of `drop`; undoes its adds if one fails.
  absl::Status apply(int fd, Interest interest, std::uint64_t token, Interest drop,
                     const char* what);

  const int kq_;
  std::atomic<std::uint32_t> state_{0};
  std::atomic<std::uint64_t> wake_signals_{0};
  absl::flat_hash_map<int, Interest> registered_;  // owner thread
  std::vector<struct kevent> buffer_;              // owner thread
  absl::flat_hash_map<int, std::size_t> merge_;    // owner thread, per poll()
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_KQUEUE_POLLER_H_
