// local_messaging: one sender actor -> one receiver actor on one worker.
//
// 10M uint64_t messages (argv[1] overrides), default inbox (8), the sender
// awaits ref.send(i); the receiver sums and the sum is checked. Baseline: the
// raw coroutine + 8-slot ring loop of bench_util.h, in the same run.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace {

heph::Async<absl::Status> Receiver(heph::Context<std::uint64_t> ctx, std::uint64_t* sum_out,
                                   std::uint64_t* count_out) {
  std::uint64_t sum = 0;
  std::uint64_t count = 0;
  while (std::optional<std::uint64_t> m = co_await ctx.receive_next()) {
    sum += *m;
    ++count;
  }
  *sum_out = sum;
  *count_out = count;
  co_return absl::OkStatus();
}

heph::Async<absl::Status> Sender(heph::Context<std::uint64_t> /*ctx*/,
                                 heph::ActorRef<std::uint64_t> to, std::uint64_t n) {
  for (std::uint64_t i = 0; i < n; ++i) {
    absl::Status s = co_await to.send(i);
    if (!s.ok()) co_return s;
  }
  co_return absl::OkStatus();  // drops `to`: the receiver sees "no more messages"
}

double HephMessagingRate(std::uint64_t n, std::uint32_t inbox) {
  std::uint64_t sum = 0;
  std::uint64_t count = 0;
  // One worker, pinned to CPU 0 (an unpinned thread may migrate mid-run).
  heph::Runtime runtime({.name = "local_messaging", .workers = 1, .pin_workers = true});
  const double t0 = bench::NowSeconds();
  heph::ActorRef<std::uint64_t> receiver = runtime.spawn(
      heph::SpawnOptions{.name = "receiver", .inbox_capacity = inbox}, heph::StopSupervisor{}, &Receiver, &sum, &count);
  runtime.spawn(heph::SpawnOptions{.name = "sender"}, heph::StopSupervisor{}, &Sender,
                std::move(receiver), n);
  if (absl::Status s = runtime.start(); !s.ok()) bench::Fail(s.ToString());
  const double t1 = bench::NowSeconds();
  if (count != n || sum != n * (n - 1) / 2) bench::Fail("local_messaging: wrong count or sum");
  return static_cast<double>(n) / (t1 - t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = bench::CountArg(argc, argv, 10'000'000);
  // argv[2]: the receiver's inbox capacity (default 8), for profiling only:
  // the figure and its baseline use the default.
  const std::uint32_t inbox =
      argc > 2 ? static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 10)) : 8;
  std::printf("# local_messaging: %llu messages, 1 sender -> 1 receiver, 1 worker, inbox 8\n",
              static_cast<unsigned long long>(n));
  // The baseline: the sender refills the ring when the receiver emptied it.
  // The variant waking the sender on every pop (as Heph's send() does when
  // the inbox is full) is printed for information only.
  bench::MedianOf(
      3,
      [&] { return bench::raw::MessagingRate<bench::raw::WakeSender::kOnEachPop>(n); },
      "raw coroutine ring, sender woken per pop, msgs/s (info)");
  const bench::Paired figures = bench::BestOfInterleaved(
      5, bench::Better::kHigher, [&] { return bench::raw::MessagingRate(n); },
      "raw coroutine ring msgs/s", [&] { return HephMessagingRate(n, inbox); }, "heph msgs/s");
  bench::PrintBench("local_messaging", figures, "msgs/s");
  return 0;
}
