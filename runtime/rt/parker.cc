#include "runtime/rt/parker.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "absl/time/clock.h"

namespace heph {
namespace {

long Futex(std::atomic<std::uint32_t>* word, int op, std::uint32_t value,
           const struct timespec* timeout) {
  return syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), op, value, timeout, nullptr, 0);
}

}  // namespace

void Parker::park(std::uint32_t ticket, absl::Time deadline) {
  sleepers_.fetch_add(1, std::memory_order_seq_cst);
  if (epoch_.load(std::memory_order_seq_cst) == ticket) {
    if (deadline == absl::InfiniteFuture()) {
      Futex(&epoch_, FUTEX_WAIT_PRIVATE, ticket, nullptr);
    } else {
      absl::Duration left = deadline - absl::Now();
      if (left > absl::ZeroDuration()) {
        struct timespec ts = absl::ToTimespec(left);
        Futex(&epoch_, FUTEX_WAIT_PRIVATE, ticket, &ts);
      }
    }
  }
  sleepers_.fetch_sub(1, std::memory_order_relaxed);
}

void Parker::unpark() {
  epoch_.fetch_add(1, std::memory_order_seq_cst);
  if (sleepers_.load(std::memory_order_seq_cst) != 0) {
    Futex(&epoch_, FUTEX_WAKE_PRIVATE, 1, nullptr);
  }
}

}  // namespace heph
