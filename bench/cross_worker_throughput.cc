// cross_worker_throughput: one sender actor on worker 0 -> one receiver actor
// on worker 1 (heph::Runtime, workers = 2, pin_workers = true).
//
// 10M uint64_t messages (argv[1] overrides); the receiver's inbox holds 1024
// (SpawnOptions{.inbox_capacity = 1024}); the sender awaits ref.send(i); the
// receiver sums and the sum is checked. Timed from the sender's first send to
// the receiver's last message. Baseline, same run: a raw single-producer
// single-consumer ring of 4096 uint64_t slots between two threads pinned to
// CPUs 0 and 1 (Lamport ring with cached indices, producer and consumer
// spinning).
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/actor/cpu_relax.h"
#include "runtime/rt/runtime.h"

namespace {

constexpr std::uint32_t kInbox = 1024;

struct SpscRing {
  static constexpr std::uint64_t kSlots = 4096;
  alignas(64) std::atomic<std::uint64_t> head{0};  // consumer's position
  alignas(64) std::atomic<std::uint64_t> tail{0};  // producer's position
  alignas(64) std::uint64_t slots[kSlots];
};

// Raw baseline: messages per second.
double RawSpscRate(std::uint64_t n) {
  auto ring = std::make_unique<SpscRing>();
  std::uint64_t sum = 0;
  double t1 = 0;
  std::atomic<bool> ready{false};
  std::thread consumer([&] {
    bench::PinThisThread(1);
    ready.store(true);
    std::uint64_t head = 0;
    std::uint64_t tail_seen = 0;
    std::uint64_t s = 0;
    while (head < n) {
      if (head == tail_seen) {
        while ((tail_seen = ring->tail.load(std::memory_order_acquire)) == head) heph::CpuRelax();
      }
      s += ring->slots[head % SpscRing::kSlots];
      ++head;
      ring->head.store(head, std::memory_order_release);
    }
    t1 = bench::NowSeconds();
    sum = s;
  });
  bench::PinThisThread(0);
  while (!ready.load()) heph::CpuRelax();
  const double t0 = bench::NowSeconds();
  std::uint64_t tail = 0;
  std::uint64_t head_seen = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    if (tail - head_seen == SpscRing::kSlots) {
      while (tail - (head_seen = ring->head.load(std::memory_order_acquire)) ==
             SpscRing::kSlots) {
        heph::CpuRelax();
      }
    }
    ring->slots[tail % SpscRing::kSlots] = i;
    ++tail;
    ring->tail.store(tail, std::memory_order_release);
  }
  consumer.join();
  if (sum != n * (n - 1) / 2) bench::Fail("raw spsc baseline: wrong sum");
  return static_cast<double>(n) / (t1 - t0);
}

struct Times {
  double t0 = 0;
  double t1 = 0;
  std::uint64_t sum = 0;
  std::uint64_t count = 0;
};

heph::Async<absl::Status> Receiver(heph::Context<std::uint64_t> ctx, Times* out) {
  std::uint64_t sum = 0;
  std::uint64_t count = 0;
  while (std::optional<std::uint64_t> m = co_await ctx.receive_next()) {
    sum += *m;
    ++count;
  }
  out->t1 = bench::NowSeconds();
  out->sum = sum;
  out->count = count;
  co_return absl::OkStatus();
}

heph::Async<absl::Status> Sender(heph::Context<std::uint64_t> /*ctx*/,
                                 heph::ActorRef<std::uint64_t> to, std::uint64_t n, Times* out) {
  out->t0 = bench::NowSeconds();
  for (std::uint64_t i = 0; i < n; ++i) {
    absl::Status s = co_await to.send(i);
    if (!s.ok()) co_return s;
  }
  co_return absl::OkStatus();  // drops `to`: the receiver sees "no more messages"
}

double HephRate(std::uint64_t n) {
  Times times;
  heph::Runtime runtime({.name = "cross_worker_throughput", .workers = 2, .pin_workers = true});
  heph::ActorRef<std::uint64_t> receiver =
      runtime.spawn_on(1, heph::SpawnOptions{.name = "receiver", .inbox_capacity = kInbox},
                       heph::StopSupervisor{}, &Receiver, &times);
  runtime.spawn_on(0, heph::SpawnOptions{.name = "sender"}, heph::StopSupervisor{}, &Sender,
                   std::move(receiver), n, &times);
  if (absl::Status s = runtime.start(); !s.ok()) bench::Fail(s.ToString());
  if (times.count != n || times.sum != n * (n - 1) / 2) {
    bench::Fail("cross_worker_throughput: wrong count or sum");
  }
  std::printf("#   wake syscalls: worker 0 (sender) %llu, worker 1 (receiver) %llu\n",
              static_cast<unsigned long long>(runtime.worker(0).wake_syscalls()),
              static_cast<unsigned long long>(runtime.worker(1).wake_syscalls()));
  return static_cast<double>(n) / (times.t1 - times.t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 10'000'000);
  std::printf("# cross_worker_throughput: %llu messages, sender on worker 0 -> receiver on "
              "worker 1, 2 pinned workers, receiver inbox %u\n",
              static_cast<unsigned long long>(n), kInbox);
  // argv[2] == "heph", for profiling: one Heph run, no baseline.
  if (argc > 2 && std::string(argv[2]) == "heph") {
    std::printf("# heph: %.6g\n", HephRate(n));
    return 0;
  }
  const bench::Paired figures = bench::BestOfInterleaved(
      5, bench::Better::kHigher, [&] { return RawSpscRate(n); },
      "raw spsc ring 4096 slots, pinned threads, msgs/s", [&] { return HephRate(n); },
      "heph msgs/s");
  bench::PrintBench("cross_worker_throughput", figures, "msgs/s");
  return 0;
}
