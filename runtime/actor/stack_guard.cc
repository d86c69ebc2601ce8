// stack_guard.cc — reading a thread's stack bounds, and the error.
#include "runtime/actor/stack_guard.h"

#include <algorithm>
#include <string>

#if defined(__linux__)
#include <pthread.h>
#elif defined(__APPLE__)
#include <pthread.h>
#endif

namespace heph::internal {

namespace {
// The lowest usable address and the size of this thread's stack, or {0, 0}.
struct StackBounds {
  std::uintptr_t low = 0;
  std::size_t size = 0;
};

StackBounds ReadStackBounds() {
  StackBounds bounds;
#if defined(__linux__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* low = nullptr;
    std::size_t size = 0;
    if (pthread_attr_getstack(&attr, &low, &size) == 0) {
      std::size_t guard = 0;
      pthread_attr_getguardsize(&attr, &guard);
      bounds.low = reinterpret_cast<std::uintptr_t>(low) + guard;
      bounds.size = size > guard ? size - guard : 0;
    }
    pthread_attr_destroy(&attr);
  }
#elif defined(__APPLE__)
  const auto high = reinterpret_cast<std::uintptr_t>(pthread_get_stackaddr_np(pthread_self()));
  bounds.size = pthread_get_stacksize_np(pthread_self());
  bounds.low = high - bounds.size;
#endif
  return bounds;
}
}  // namespace

std::uintptr_t ReadStackFloor() {
  const StackBounds bounds = ReadStackBounds();
  std::uintptr_t floor = 1;  // unknown: never exhausted
  if (bounds.low != 0 && bounds.size != 0) {
    floor = bounds.low + std::min(kStackReserve, bounds.size / 4);
#if defined(__SANITIZE_THREAD__)
    // ThreadSanitizer keeps at most 65536 frames of a stack and fails a
    // CHECK (then hangs) beyond; a level of nesting is a few frames of about
    // 64 bytes, so under it chains stop within the top 512 KiB.
    constexpr std::size_t kTsanUsableStack = 512 * 1024;
    if (bounds.size > kTsanUsableStack + kStackReserve) {
      floor = std::max(floor, bounds.low + bounds.size - kTsanUsableStack);
    }
#endif
  }
  tls_stack_floor = floor;
  return floor;
}

void ThrowAsyncNestingTooDeep(std::uintptr_t sp) {
  const StackBounds bounds = ReadStackBounds();
  const std::size_t left = sp > bounds.low ? sp - bounds.low : 0;
  throw AsyncNestingTooDeep(
      "heph: co_await of an Async nested too deeply: " + std::to_string(left / 1024) + " KiB of this thread's " +
      std::to_string(bounds.size / 1024) +
      " KiB stack left (a chain of nested co_awaits that did not suspend, such as a deep "
      "recursion); write it as a loop or bound its depth (runtime/actor/stack_guard.h)");
}

}  // namespace heph::internal
