// Helpers shared by the runtime/net tests.
#ifndef HEPH_RUNTIME_NET_NET_TEST_UTIL_H_
#define HEPH_RUNTIME_NET_NET_TEST_UTIL_H_

#include <dirent.h>
#include <sys/resource.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace heph::testing {

// Deterministic bytes for connection `id`.
inline std::vector<char> Payload(std::uint64_t id, std::size_t size) {
  std::vector<char> v(size);
  std::uint64_t x = id * 0x9E3779B97F4A7C15ull + 1;
  for (char& c : v) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
  return v;
}

// FNV-1a.
inline std::uint64_t Checksum(std::span<const char> data) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

inline int CountOpenFds() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') ++n;
    }
    closedir(d);
  }
  return n - 1;  // the directory stream itself
}

inline void RaiseFdLimit(rlim_t want) {
  rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < want) {
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace heph::testing

#endif  // HEPH_RUNTIME_NET_NET_TEST_UTIL_H_
