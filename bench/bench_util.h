// bench_util.h — shared helpers for the benchmark programs: timing, medians,
// best-of-interleaved repetitions, RSS, the BENCH output line, and the raw
// C++20 coroutine baselines (no framework) that every figure is compared
// against in the same run.
//
// Output format, one line per figure:
//   BENCH name=<name> value=<number> unit=<unit> baseline=<number> ratio=<value/baseline>
#ifndef HEPH_BENCH_BENCH_UTIL_H_
#define HEPH_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <chrono>
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

namespace bench {

inline double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Runs `fn` (it returns a figure) as repetition `number`, and prints it.
inline double Repetition(const std::function<double()>& fn, const char* label, int number) {
  const double x = fn();
  std::printf("# %s rep %d: %.6g\n", label, number, x);
  std::fflush(stdout);
  return x;
}

// `reps` runs of `fn`, one after another.
inline std::vector<double> Repetitions(int reps, const std::function<double()>& fn,
                                       const char* label) {
  std::vector<double> v;
  for (int i = 0; i < reps; ++i) v.push_back(Repetition(fn, label, i + 1));
  return v;
}

inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Median of `reps` runs of `fn`.
inline double MedianOf(int reps, const std::function<double()>& fn, const char* label) {
  return Median(Repetitions(reps, fn, label));
}

// Which way a figure improves: rates are higher-is-better, latencies lower.
enum class Better { kHigher, kLower };

// A figure and its baseline from interleaved repetitions: the best of each
// (the BENCH figures) and the median of each (printed alongside).
struct Paired {
  double baseline;
  double value;
  double baseline_median;
  double value_median;
};

// The best and the median of each side's repetitions.
inline Paired Summarize(std::vector<double> baseline, std::vector<double> value, Better better) {
  const auto best = [better](const std::vector<double>& v) {
    return better == Better::kHigher ? *std::max_element(v.begin(), v.end())
                                     : *std::min_element(v.begin(), v.end());
  };
  return Paired{best(baseline), best(value), Median(baseline), Median(value)};
}

// Runs `baseline` and `value` in turn, `reps` times each, so drift on the
// shared host hits both alike, and keeps the best of each. Noise here only
// ever slows a run down, in stretches of up to seconds (bench/host_probe.cc
// shows a plain ALU loop at half speed in such stretches), so the best
// repetition is the one least disturbed. Every repetition is printed, and
// PrintBench(name, Paired) prints the medians too.
inline Paired BestOfInterleaved(int reps, Better better, const std::function<double()>& baseline,
                                const char* baseline_label, const std::function<double()>& value,
                                const char* value_label) {
  std::vector<double> b, v;
  for (int i = 0; i < reps; ++i) {
    b.push_back(Repetition(baseline, baseline_label, i + 1));
    v.push_back(Repetition(value, value_label, i + 1));
  }
  return Summarize(std::move(b), std::move(v), better);
}

inline void PrintBench(const char* name, double value, const char* unit, double baseline) {
  std::printf("BENCH name=%s value=%.6g unit=%s baseline=%.6g ratio=%.3f\n", name, value, unit,
              baseline, value / baseline);
  std::fflush(stdout);
}

// The BENCH line from the best repetitions, after a comment line with the
// medians (what a run in a busy window of the host looks like).
inline void PrintBench(const char* name, const Paired& p, const char* unit) {
  std::printf("# %s median: value=%.6g baseline=%.6g ratio=%.3f\n", name, p.value_median,
              p.baseline_median, p.value_median / p.baseline_median);
  PrintBench(name, p.value, unit, p.baseline);
}

// VmRSS of this process, in bytes (0 if unreadable).
inline std::uint64_t ReadRssBytes() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  std::uint64_t kb = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmRSS:", 6) == 0) {
      kb = std::strtoull(line + 6, nullptr, 10);
      break;
    }
  }
  std::fclose(f);
  return kb * 1024;
}

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "bench: FAILED: %s\n", what.c_str());
  std::exit(1);
}

// Pins the calling thread to `cpu` (modulo the CPU count); false on failure.
inline bool PinThisThread(unsigned cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  const long n = sysconf(_SC_NPROCESSORS_ONLN);
  CPU_SET(cpu % static_cast<unsigned>(n > 0 ? n : 1), &set);
  return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0;
}

// Parses argv[1] as a count, or returns `fallback`.
inline std::uint64_t CountArg(int argc, char** argv, std::uint64_t fallback) {
  if (argc > 1) return std::strtoull(argv[1], nullptr, 10);
  return fallback;
}

// ---------------------------------------------------------------------------
// Raw baseline: plain C++20 coroutines, no framework.
// ---------------------------------------------------------------------------
namespace raw {

// A tiny run loop: a FIFO of ready coroutine handles, resumed one by one.
class Loop {
 public:
  void push(std::coroutine_handle<> h) { q_[tail_++ & kMask] = h; }
  void run() {
    while (head_ != tail_) q_[head_++ & kMask].resume();
  }

 private:
  static constexpr std::uint32_t kMask = 15;  // at most a few ready at once
  std::coroutine_handle<> q_[kMask + 1];
  std::uint32_t head_ = 0;
  std::uint32_t tail_ = 0;
};

// A coroutine owned by its handle; starts suspended, stays suspended at the end.
struct Proc {
  struct promise_type {
    Proc get_return_object() {
      return Proc{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
    std::uint64_t mailbox = 0;  // used by the spawn baseline
  };
  explicit Proc(std::coroutine_handle<promise_type> handle) : h(handle) {}
  Proc(Proc&& o) noexcept : h(o.h) { o.h = nullptr; }
  Proc(const Proc&) = delete;
  ~Proc() {
    if (h) h.destroy();
  }
  std::coroutine_handle<promise_type> h;
};

// When a receiver wakes a sender parked on a full ring.
enum class WakeSender {
  kOnEmpty,    // once the ring is empty: the sender refills all 8 slots per resume
  kOnEachPop,  // as soon as one slot frees: one sender resume per message
};

// A fixed ring of 8 slots between one sender and one receiver coroutine.
// The sender parks when the ring is full and is woken per `Wake`; the
// receiver suspends on every receive and is resumed by the loop once per
// message (the ring is never drained in one resume).
template <class T, WakeSender Wake = WakeSender::kOnEmpty, std::uint32_t N = 8>
class Ring {
 public:
  explicit Ring(Loop* loop) : loop_(loop) {}

  struct SendAwaiter {
    Ring* r;
    T v;
    bool await_ready() {
      if (r->tail_ - r->head_ < N) {
        r->put(v);
        return true;
      }
      return false;
    }
    void await_suspend(std::coroutine_handle<> h) { r->sender_ = h; }
    void await_resume() {
      if (r->sender_parked_) {  // woken: a slot is free now
        r->sender_parked_ = false;
        r->put(v);
      }
    }
  };
  SendAwaiter send(T v) { return SendAwaiter{this, v}; }

  struct ReceiveAwaiter {
    Ring* r;
    bool await_ready() { return false; }  // resumed by the loop per message
    void await_suspend(std::coroutine_handle<> h) {
      if (r->head_ != r->tail_) {
        r->loop_->push(h);
      } else {
        r->receiver_ = h;
      }
    }
    T await_resume() {
      T v = r->slots_[r->head_++ % N];
      if (r->sender_ && (Wake == WakeSender::kOnEachPop || r->head_ == r->tail_)) {
        r->sender_parked_ = true;
        r->loop_->push(r->sender_);
        r->sender_ = nullptr;
      }
      return v;
    }
  };
  ReceiveAwaiter receive() { return ReceiveAwaiter{this}; }

 private:
  void put(const T& v) {
    slots_[tail_++ % N] = v;
    if (receiver_) {
      loop_->push(receiver_);
      receiver_ = nullptr;
    }
  }

  Loop* loop_;
  T slots_[N] = {};
  std::uint32_t head_ = 0;
  std::uint32_t tail_ = 0;
  std::coroutine_handle<> sender_;
  std::coroutine_handle<> receiver_;
  bool sender_parked_ = false;
};

template <class R>
Proc RawSender(R* ring, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) co_await ring->send(i);
}

template <class R>
Proc RawReceiver(R* ring, std::uint64_t n, std::uint64_t* sum) {
  std::uint64_t s = 0;
  for (std::uint64_t i = 0; i < n; ++i) s += co_await ring->receive();
  *sum = s;
}

// One-way messaging: messages per second.
template <WakeSender Wake = WakeSender::kOnEmpty>
double MessagingRate(std::uint64_t n) {
  Loop loop;
  Ring<std::uint64_t, Wake> ring(&loop);
  std::uint64_t sum = 0;
  const double t0 = NowSeconds();
  Proc receiver = RawReceiver(&ring, n, &sum);
  Proc sender = RawSender(&ring, n);
  loop.push(receiver.h);
  loop.push(sender.h);
  loop.run();
  const double t1 = NowSeconds();
  if (!receiver.h.done() || !sender.h.done() || sum != n * (n - 1) / 2) {
    Fail("raw messaging baseline: wrong sum");
  }
  return static_cast<double>(n) / (t1 - t0);
}

inline Proc RawPinger(Ring<std::uint64_t>* req, Ring<std::uint64_t>* resp, std::uint64_t n,
                      std::uint64_t* bad) {
  for (std::uint64_t i = 0; i < n; ++i) {
    co_await req->send(i);
    if (co_await resp->receive() != i + 1) ++*bad;
  }
}

inline Proc RawPonger(Ring<std::uint64_t>* req, Ring<std::uint64_t>* resp, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t v = co_await req->receive();
    co_await resp->send(v + 1);
  }
}

// Ping-pong: round trips per second (one ping and one pong each).
inline double PingPongRate(std::uint64_t n) {
  Loop loop;
  Ring<std::uint64_t> req(&loop);
  Ring<std::uint64_t> resp(&loop);
  std::uint64_t bad = 0;
  const double t0 = NowSeconds();
  Proc server = RawPonger(&req, &resp, n);
  Proc client = RawPinger(&req, &resp, n, &bad);
  loop.push(server.h);
  loop.push(client.h);
  loop.run();
  const double t1 = NowSeconds();
  if (!server.h.done() || !client.h.done() || bad != 0) Fail("raw ping-pong baseline: wrong reply");
  return static_cast<double>(n) / (t1 - t0);
}

// Suspends once, until a value is put in its promise's mailbox.
struct WaitMailbox {
  std::coroutine_handle<Proc::promise_type> self;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<Proc::promise_type> h) { self = h; }
  std::uint64_t await_resume() { return self.promise().mailbox; }
};

inline Proc RawIdle(std::uint64_t* sink) { *sink += co_await WaitMailbox{}; }

// Creates n coroutine frames that each run to their first (only) suspension:
// spawns per second. Then wakes each with one value and frees them.
// `before_start` runs after the handle vector is reserved (e.g. malloc_trim,
// so that every repetition faults in fresh pages like the first).
inline double SpawnRate(std::uint64_t n, const std::function<void()>& before_start = nullptr) {
  std::vector<Proc> procs;
  procs.reserve(n);
  if (before_start) before_start();
  std::uint64_t sink = 0;
  const double t0 = NowSeconds();
  for (std::uint64_t i = 0; i < n; ++i) procs.push_back(RawIdle(&sink));
  for (Proc& p : procs) p.h.resume();  // run each to its first suspension
  const double t1 = NowSeconds();
  for (std::uint64_t i = 0; i < n; ++i) {
    procs[i].h.promise().mailbox = i;
    procs[i].h.resume();
  }
  if (sink != n * (n - 1) / 2) Fail("raw spawn baseline: wrong sum");
  return static_cast<double>(n) / (t1 - t0);
}

}  // namespace raw
}  // namespace bench

#endif  // HEPH_BENCH_BENCH_UTIL_H_
