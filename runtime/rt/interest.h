// interest.h — the vocabulary of the poller contract (see poller.h): what to
// watch an fd for, and what poll() reports. Backend-neutral.
#ifndef HEPH_RUNTIME_RT_INTEREST_H_
#define HEPH_RUNTIME_RT_INTEREST_H_

#include <cstdint>
#include <limits>

namespace heph {

// What to watch an fd for. A bit set; combine with `|`.
enum class Interest : std::uint8_t {
  kReadable = 1,
  kWritable = 2,
  kReadWrite = 3,
};

constexpr Interest operator|(Interest a, Interest b) {
  return static_cast<Interest>(static_cast<std::uint8_t>(a) | static_cast<std::uint8_t>(b));
}
constexpr bool HasReadable(Interest i) {
  return (static_cast<std::uint8_t>(i) & static_cast<std::uint8_t>(Interest::kReadable)) != 0;
}
constexpr bool HasWritable(Interest i) {
  return (static_cast<std::uint8_t>(i) & static_cast<std::uint8_t>(Interest::kWritable)) != 0;
}

// One ready fd, as reported by poll().
struct PollEvent {
  std::uint64_t token = 0;  // as given to add()/modify()
  bool readable = false;
  bool writable = false;
  bool error = false;   // hint
  bool hangup = false;  // hint: peer closed (its write side, or both)
};

// Backends use this token internally for their wake-up source.
inline constexpr std::uint64_t kReservedToken = std::numeric_limits<std::uint64_t>::max();

}  // namespace heph

#endif  // HEPH_RUNTIME_RT_INTEREST_H_
