// parker.h — how a worker sleeps and how other threads wake it.
//
// Contract:
//   prepare()  — the worker announces it is about to sleep; returns a ticket.
//   park(ticket, deadline) — sleeps unless unpark() was called since the
//                prepare() that returned `ticket`; may return spuriously.
//   unpark()   — any thread; wakes the worker if it sleeps, or makes its next
//                park() with an older ticket return at once.
// A worker re-checks its input between prepare() and park(), so an unpark()
// racing with it is never lost.
#ifndef HEPH_RUNTIME_RT_PARKER_H_
#define HEPH_RUNTIME_RT_PARKER_H_

#include <atomic>
#include <cstdint>

#include "absl/time/time.h"

namespace heph {

class Parker {
 public:
  std::uint32_t prepare() const { return epoch_.load(std::memory_order_seq_cst); }
  void park(std::uint32_t ticket, absl::Time deadline);
  void unpark();

 private:
  std::atomic<std::uint32_t> epoch_{0};
  std::atomic<std::uint32_t> sleepers_{0};
};

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_PARKER_H_
