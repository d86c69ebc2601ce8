// epoll_poller.h — the Linux poller backend: epoll (edge-triggered) for
// readiness, an eventfd for wake(). Keeps the contract in poller.h.
//
// Wake protocol: a WakeLatch (poll_support.h); only the wake() that finds the
// owner blocking (or about to block) in epoll_wait writes the eventfd. Every
// other wake() is a single atomic RMW.
#ifndef HEPH_RUNTIME_RT_EPOLL_POLLER_H_
#define HEPH_RUNTIME_RT_EPOLL_POLLER_H_

#include <sys/epoll.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/rt/interest.h"
#include "runtime/rt/poll_support.h"

namespace heph {

class EpollPoller {
 public:
  static constexpr std::string_view kName = "epoll";

  static absl::StatusOr<std::unique_ptr<EpollPoller>> Create();

  ~EpollPoller();
  EpollPoller(const EpollPoller&) = delete;
  EpollPoller& operator=(const EpollPoller&) = delete;

  // Owner thread. See poller.h.
  absl::Status add(int fd, Interest interest, std::uint64_t token);
  absl::Status modify(int fd, Interest interest, std::uint64_t token);
  absl::Status remove(int fd);
  absl::StatusOr<std::size_t> poll(std::span<PollEvent> events, absl::Duration timeout);

  // Any thread.
  void wake();
  std::uint64_t wake_signals() const { return latch_.signals(); }

 private:

  EpollPoller(int epoll_fd, int wake_fd) : epoll_fd_(epoll_fd), wake_fd_(wake_fd) {}
  absl::Status control(int op, int fd, Interest interest, std::uint64_t token);
  void drain_wake_fd();

  const int epoll_fd_;
  const int wake_fd_;
  WakeLatch latch_;  // see poll_support.h
  std::vector<struct epoll_event> buffer_;  // owner thread; sized to the caller's span
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_EPOLL_POLLER_H_
