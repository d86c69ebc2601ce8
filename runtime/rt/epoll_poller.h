// epoll_poller.h — the Linux poller backend: epoll (edge-triggered) for
// readiness, an eventfd for wake(). Keeps the contract in poller.h.
//
// Wake protocol. `state_` holds two bits:
//   kBlocking — the owner is in, or about to enter, an epoll_wait that may
//               block (set before the call, cleared after it returns);
//   kNotified — a wake() happened that no poll() has consumed yet.
// wake() sets kNotified; only the wake() that sets it first *and* finds
// kBlocking set writes the eventfd. Every other wake() is a single atomic RMW.
// See epoll_poller.cc for why no wake-up is lost.
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
  std::uint64_t wake_signals() const { return wake_signals_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::uint32_t kBlocking = 1;
  static constexpr std::uint32_t kNotified = 2;

  EpollPoller(int epoll_fd, int wake_fd) : epoll_fd_(epoll_fd), wake_fd_(wake_fd) {}
  absl::Status control(int op, int fd, Interest interest, std::uint64_t token);
  void drain_wake_fd();

  const int epoll_fd_;
  const int wake_fd_;
  std::atomic<std::uint32_t> state_{0};
  std::atomic<std::uint64_t> wake_signals_{0};
  std::vector<struct epoll_event> buffer_;  // owner thread; sized to the caller's span
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_EPOLL_POLLER_H_
