// cpu_relax.h — the pause a spin-wait executes between two looks.
//
// On x86 `pause` lets the sibling hyperthread run and avoids the memory-order
// flush when the awaited store arrives; elsewhere it compiles to nothing.
#ifndef HEPH_RUNTIME_ACTOR_CPU_RELAX_H_
#define HEPH_RUNTIME_ACTOR_CPU_RELAX_H_

namespace heph {

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_CPU_RELAX_H_
