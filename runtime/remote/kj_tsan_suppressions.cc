// TSan suppressions for programs (tests) that drive KJ on heph workers.
// libkj is not instrumented, and kj::Mutex waits on raw futex system calls,
// so TSan cannot see the lock that hands a kj::Executor event's result from
// the executing thread back to executeSync()'s caller (both accesses are KJ
// template code inlined into the caller). Only that hand-over is suppressed;
// heph's own code is checked (the wake-up path from the other thread
// included). Link `//runtime/remote:kj_tsan_suppressions` (alwayslink).
#if defined(__SANITIZE_THREAD__)
extern "C" const char* __tsan_default_suppressions() {
  return "race:kj::_::XThreadEventImpl\n"
         "race:kj::Executor::executeSync\n";
}
#endif
