// Specification of Async<T>: lazy, value and exception propagation, and a
// bounded stack however many awaits complete in a row.
#include "runtime/actor/async.h"

#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

Async<int> Value(int v) { co_return v; }
Async<int> Add(int a, int b) { co_return co_await Value(a) + co_await Value(b); }
Async<void> Throws() {
  throw std::runtime_error("boom");
  co_return;
}

TEST(Async, ReturnsTheValueOfNestedCalls) {
  testing::TestRuntime rt;
  absl::StatusOr<int> r = rt.run(Add(2, 40));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, 42);
}

TEST(Async, IsLazyUntilAwaited) {
  bool started = false;
  auto fn = [&]() -> Async<void> {
    started = true;
    co_return;
  };
  Async<void> a = fn();
  EXPECT_FALSE(started);
  testing::TestRuntime rt;
  ASSERT_TRUE(rt.run(std::move(a)).ok());
  EXPECT_TRUE(started);
}

TEST(Async, ExceptionPropagatesToTheAwaiter) {
  auto outer = []() -> Async<std::string> {
    try {
      co_await Throws();
    } catch (const std::runtime_error& e) {
      co_return std::string(e.what());
    }
    co_return std::string("no exception");
  };
  testing::TestRuntime rt;
  absl::StatusOr<std::string> r = rt.run(outer());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "boom");
}

// 10M awaits that complete immediately must not grow the stack, whatever the
// optimisation level or sanitizer (no reliance on symmetric-transfer tail calls).
TEST(Async, ManySynchronousCompletionsKeepTheStackBounded) {
  auto loop = []() -> Async<long> {
    long sum = 0;
    for (int i = 0; i < 10'000'000; ++i) sum += co_await Value(1);
    co_return sum;
  };
  testing::TestRuntime rt;
  absl::StatusOr<long> r = rt.run(loop());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 10'000'000);
}

// depth levels of co_await nested inside each other, none of which suspends.
Async<long> Nested(long depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await Nested(depth - 1);
}

TEST(Async, ANestedChainWithinTheStackRunsToTheEnd) {
  testing::TestRuntime rt;
  absl::StatusOr<long> r = rt.run(Nested(5'000));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, 5'000);
}

// Regression (issue 11, item 8): 200k nested co_awaits overflowed the stack.
// Now the co_await that would start a level with the stack nearly exhausted
// throws, the chain unwinds, and the caller can go on.
TEST(Async, ANestedChainDeeperThanTheStackThrowsInsteadOfOverflowing) {
  auto outer = []() -> Async<std::string> {
    try {
      co_await Nested(100'000'000);  // far more than any stack holds
    } catch (const AsyncNestingTooDeep& e) {
      co_return e.what();
    }
    co_return "no exception";
  };
  testing::TestRuntime rt;
  absl::StatusOr<std::string> r = rt.run(outer());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_NE(r->find("co_await of an Async nested too deeply"), std::string::npos) << *r;
  EXPECT_NE(r->find("KiB stack left"), std::string::npos) << *r;
  // The thread's stack is whole again: a new chain runs.
  absl::StatusOr<long> again = rt.run(Nested(1'000));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 1'000);
}

}  // namespace
}  // namespace heph
