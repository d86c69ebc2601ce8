// signals.h — the process signals the runtime turns into messages, and how
// threads of ours keep them from being delivered the default way.
//
// The coordinator reads these signals from a signalfd, which only works if
// every thread of the process blocks them. The Runtime's constructor blocks
// them on its thread, so every thread created after it (workers, the user's
// threads) inherits the mask; sync actors block them themselves with
// BlockRuntimeSignals(), and so must any thread created before the Runtime
// (better: construct the Runtime first in main; runtime.h).
#ifndef HEPH_RUNTIME_RT_SIGNALS_H_
#define HEPH_RUNTIME_RT_SIGNALS_H_

#include <pthread.h>
#include <signal.h>

namespace heph {

// INT, TERM, QUIT, HUP, USR1, USR2.
// The process signals the runtime handles (runtime.cc maps them, in this
// order, to heph::Signal).
inline constexpr int kRuntimeSignalNumbers[] = {SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2};

inline sigset_t RuntimeSignals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : kRuntimeSignalNumbers) sigaddset(&set, s);
  return set;
}

// Blocks the runtime's signals in the calling thread.
inline void BlockRuntimeSignals() {
  const sigset_t set = RuntimeSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_SIGNALS_H_
