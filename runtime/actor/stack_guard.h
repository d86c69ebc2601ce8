// stack_guard.h — turns a too-deep chain of nested co_awaits into an
// exception instead of a stack overflow.
//
// Awaiting an Async that has not started runs it with a plain call on the
// awaiting thread's stack (async.h), so a chain of N nested co_awaits that do
// not suspend (recursion: f(n) awaits f(n - 1)) uses N times a few dozen to a
// few hundred bytes of stack. A worker's stack is the thread's (8 MiB by
// default on Linux), which holds a chain of about 125k levels at -O2, 35k at
// -O0 and 13k under AddressSanitizer (measured with g++ 12); under
// ThreadSanitizer, which cannot record deeper stacks, about 8k.
//
// The limit: before starting a nested Async, CheckStackRoom() compares the
// stack pointer with the lowest address the thread may reach, less a reserve
// (kStackReserve, or a quarter of a small stack) left for the code that runs
// between two checks and for unwinding. Below it, the co_await throws
// AsyncNestingTooDeep, which unwinds the chain like any exception (to the
// actor's supervisor, if nothing catches it). The check costs a thread-local
// load and a compare per nested start; a thread's bounds are read once.
//
// A deep recursion is better written as a loop, or its depth bounded.
#ifndef HEPH_RUNTIME_ACTOR_STACK_GUARD_H_
#define HEPH_RUNTIME_ACTOR_STACK_GUARD_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace heph {

// Thrown by co_await of an Async when the thread's stack is nearly exhausted.
class AsyncNestingTooDeep : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace internal {

inline constexpr std::size_t kStackReserve = 256 * 1024;

// The lowest address of this thread's stack plus the reserve; 0 until read,
// 1 when the bounds are unknown (then nothing is checked).
inline thread_local std::uintptr_t tls_stack_floor = 0;

// Reads this thread's stack bounds (once), sets tls_stack_floor.
std::uintptr_t ReadStackFloor();
[[noreturn]] void ThrowAsyncNestingTooDeep(std::uintptr_t sp);

// The stack pointer, read without making the caller keep a frame pointer.
[[gnu::always_inline]] inline std::uintptr_t StackPointer() {
  std::uintptr_t sp;
#if defined(__x86_64__)
  asm("mov %%rsp, %0" : "=r"(sp));
#elif defined(__aarch64__)
  asm("mov %0, sp" : "=r"(sp));
#else
  sp = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
#endif
  return sp;
}

[[gnu::always_inline]] inline void CheckStackRoom() {
  const std::uintptr_t sp = StackPointer();
  std::uintptr_t floor = tls_stack_floor;
  if (floor == 0) [[unlikely]] floor = ReadStackFloor();
  // Unsigned: a stack pointer on another stack (below this one's floor by
  // more than the stack's size, or above it) never counts as exhausted.
  if (floor > sp && floor - sp <= kStackReserve) [[unlikely]] ThrowAsyncNestingTooDeep(sp);
}

}  // namespace internal
}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_STACK_GUARD_H_
