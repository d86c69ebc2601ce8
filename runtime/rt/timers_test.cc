#include "runtime/rt/timers.h"

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace heph {
namespace {

struct Fired {
  TimerId id;
  std::uint64_t token;
};

std::vector<std::uint64_t> ExpireTokens(Timers& timers, MonoNanos now) {
  std::vector<std::uint64_t> tokens;
  timers.expire(now, [&](TimerId, std::uint64_t token) { tokens.push_back(token); });
  return tokens;
}

TEST(Timers, FiresInDeadlineOrderAndTiesInAddOrder) {
  Timers timers;
  timers.add(30, 3);
  timers.add(10, 1);
  timers.add(20, 21);
  timers.add(20, 22);
  timers.add(20, 23);
  EXPECT_EQ(timers.size(), 5u);
  EXPECT_EQ(ExpireTokens(timers, 100), (std::vector<std::uint64_t>{1, 21, 22, 23, 3}));
  EXPECT_TRUE(timers.empty());
}

TEST(Timers, NeverFiresEarly) {
  Timers timers;
  const TimerId id = timers.add(100, 7);
  EXPECT_TRUE(ExpireTokens(timers, 0).empty());
  EXPECT_TRUE(ExpireTokens(timers, 99).empty());
  EXPECT_TRUE(timers.pending(id));
  EXPECT_EQ(ExpireTokens(timers, 100), (std::vector<std::uint64_t>{7}));
  EXPECT_FALSE(timers.pending(id));
  EXPECT_TRUE(ExpireTokens(timers, 1000).empty());  // fires at most once
}

TEST(Timers, ExpireFiresOnlyDueTimers) {
  Timers timers;
  timers.add(10, 1);
  timers.add(20, 2);
  timers.add(30, 3);
  EXPECT_EQ(ExpireTokens(timers, 20), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(30));
}

TEST(Timers, CancelledTimerNeverFires) {
  Timers timers;
  timers.add(10, 1);
  const TimerId middle = timers.add(20, 2);
  timers.add(30, 3);
  EXPECT_TRUE(timers.cancel(middle));
  EXPECT_FALSE(timers.pending(middle));
  EXPECT_FALSE(timers.cancel(middle));  // second cancel: no-op
  EXPECT_EQ(timers.size(), 2u);
  EXPECT_EQ(ExpireTokens(timers, 100), (std::vector<std::uint64_t>{1, 3}));
}

TEST(Timers, CancelAfterFireIsANoOpEvenWhenTheSlotIsReused) {
  Timers timers;
  const TimerId a = timers.add(10, 1);
  std::vector<Fired> fired;
  timers.expire(10, [&](TimerId id, std::uint64_t token) { fired.push_back({id, token}); });
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].id, a);
  EXPECT_EQ(fired[0].token, 1u);

  const TimerId b = timers.add(20, 2);  // reuses a's slot
  EXPECT_FALSE(a == b);
  EXPECT_FALSE(timers.cancel(a));
  EXPECT_TRUE(timers.pending(b));
  EXPECT_EQ(ExpireTokens(timers, 20), (std::vector<std::uint64_t>{2}));
}

TEST(Timers, InvalidIdsAreRejected) {
  Timers timers;
  EXPECT_FALSE(TimerId().valid());
  EXPECT_FALSE(timers.cancel(TimerId()));
  const TimerId id = timers.add(5, 1);
  EXPECT_TRUE(id.valid());
  EXPECT_FALSE(timers.cancel(TimerId()));
  EXPECT_TRUE(timers.pending(id));
}

TEST(Timers, CallbackMayCancelAndAdd) {
  Timers timers;
  TimerId doomed;
  std::vector<std::uint64_t> order;
  timers.add(10, 1);
  doomed = timers.add(20, 2);
  timers.add(30, 3);
  timers.expire(100, [&](TimerId self, std::uint64_t token) {
    order.push_back(token);
    if (token == 1) {
      EXPECT_FALSE(timers.cancel(self));  // already fired
      EXPECT_TRUE(timers.cancel(doomed));
      timers.add(25, 4);   // due: fires in this call, in deadline order
      timers.add(500, 5);  // not due
    }
  });
  EXPECT_EQ(order, (std::vector<std::uint64_t>{1, 4, 3}));
  EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(500));
}

TEST(Timers, NextDeadline) {
  Timers timers;
  EXPECT_EQ(timers.next_deadline(), std::nullopt);
  const TimerId late = timers.add(50, 1);
  EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(50));
  const TimerId early = timers.add(20, 2);
  EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(20));
  timers.add(35, 3);
  EXPECT_TRUE(timers.cancel(early));
  EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(35));
  ExpireTokens(timers, 40);
  EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(50));
  EXPECT_TRUE(timers.cancel(late));
  EXPECT_EQ(timers.next_deadline(), std::nullopt);
}

// 100k timers with random deadlines, a third cancelled at random moments,
// expired at random increasing times, checked against a reference model.
TEST(Timers, HundredThousandRandomTimers) {
  constexpr int kTimers = 100'000;
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<MonoNanos> deadline_dist(0, 1'000'000);
  Timers timers;
  std::vector<TimerId> ids(kTimers);
  std::vector<MonoNanos> deadlines(kTimers);
  std::vector<bool> cancelled(kTimers, false);
  std::vector<int> fire_count(kTimers, 0);
  std::multiset<MonoNanos> model;  // pending deadlines

  for (int i = 0; i < kTimers; ++i) {
    // Many duplicates, to exercise ties.
    deadlines[i] = deadline_dist(rng) / 16 * 16;
    ids[i] = timers.add(deadlines[i], static_cast<std::uint64_t>(i));
    model.insert(deadlines[i]);
  }
  ASSERT_EQ(timers.size(), static_cast<std::size_t>(kTimers));

  MonoNanos now = 0;
  MonoNanos last_fired_deadline = -1;
  std::uint64_t last_fired_token = 0;
  std::size_t total_fired = 0;
  while (!timers.empty()) {
    // Cancel a few random timers (some already fired or cancelled: no-ops).
    for (int k = 0; k < 400; ++k) {
      const int i = static_cast<int>(rng() % kTimers);
      const bool was_pending = fire_count[i] == 0 && !cancelled[i];
      if (rng() % 3 != 0) continue;
      EXPECT_EQ(timers.cancel(ids[i]), was_pending);
      if (was_pending) {
        cancelled[i] = true;
        model.erase(model.find(deadlines[i]));
      }
    }
    ASSERT_EQ(timers.size(), model.size());
    if (model.empty()) {
      EXPECT_EQ(timers.next_deadline(), std::nullopt);
    } else {
      EXPECT_EQ(timers.next_deadline(), std::optional<MonoNanos>(*model.begin()));
    }

    now += static_cast<MonoNanos>(rng() % 2000);
    const std::size_t fired = timers.expire(now, [&](TimerId id, std::uint64_t token) {
      const int i = static_cast<int>(token);
      ASSERT_LT(i, kTimers);
      EXPECT_EQ(id, ids[i]);
      EXPECT_FALSE(cancelled[i]) << "cancelled timer fired";
      EXPECT_LE(deadlines[i], now) << "fired early";
      // Nondecreasing deadlines; equal deadlines in add order.
      EXPECT_TRUE(deadlines[i] > last_fired_deadline ||
                  (deadlines[i] == last_fired_deadline && token > last_fired_token))
          << "out of order: " << deadlines[i] << " after " << last_fired_deadline;
      last_fired_deadline = deadlines[i];
      last_fired_token = token;
      ++fire_count[i];
      model.erase(model.find(deadlines[i]));
    });
    total_fired += fired;
    // Everything due has fired.
    if (!model.empty()) {
      EXPECT_GT(*model.begin(), now);
    }
  }
  std::size_t expected = 0;
  for (int i = 0; i < kTimers; ++i) {
    EXPECT_EQ(fire_count[i], cancelled[i] ? 0 : 1) << "timer " << i;
    if (!cancelled[i]) ++expected;
  }
  EXPECT_EQ(total_fired, expected);
  EXPECT_GT(expected, static_cast<std::size_t>(kTimers / 2));
  EXPECT_LT(expected, static_cast<std::size_t>(kTimers));
}

TEST(Timers, SlotsAreReusedAfterCancel) {
  // Arming and cancelling a timeout per message must not grow memory: the
  // heap holds only pending timers.
  Timers timers;
  for (int i = 0; i < 10'000; ++i) {
    const TimerId id = timers.add(1000 + i, static_cast<std::uint64_t>(i));
    ASSERT_TRUE(timers.cancel(id));
  }
  EXPECT_TRUE(timers.empty());
  EXPECT_EQ(timers.next_deadline(), std::nullopt);
  EXPECT_TRUE(ExpireTokens(timers, kMonoNever).empty());
}

TEST(MonoClock, NowIsMonotonicAndHelpersSaturate) {
  const MonoNanos a = MonoNow();
  const MonoNanos b = MonoNow();
  EXPECT_LE(a, b);
  EXPECT_GT(a, 0);

  EXPECT_EQ(MonoAfter(absl::Milliseconds(3), 100), 100 + 3'000'000);
  EXPECT_EQ(MonoAfter(absl::InfiniteDuration(), 100), kMonoNever);
  EXPECT_EQ(MonoAfter(absl::Hours(24 * 365 * 400), kMonoNever - 5), kMonoNever);
  EXPECT_EQ(MonoAfter(-absl::Seconds(1), 100), 100);

  EXPECT_EQ(TimeoutUntil(std::nullopt, 0), absl::InfiniteDuration());
  EXPECT_EQ(TimeoutUntil(kMonoNever, 0), absl::InfiniteDuration());
  EXPECT_EQ(TimeoutUntil(50, 60), absl::ZeroDuration());
  EXPECT_EQ(TimeoutUntil(60, 60), absl::ZeroDuration());
  EXPECT_EQ(TimeoutUntil(1'000'060, 60), absl::Milliseconds(1));
}

}  // namespace
}  // namespace heph
