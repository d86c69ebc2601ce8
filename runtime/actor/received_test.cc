// Specification of Received<M>, the result of `co_await ctx.receive_next()`.
#include "runtime/actor/received.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "gtest/gtest.h"

namespace heph {
namespace {

TEST(Received, EmptyMeansNoMoreMessages) {
  Received<int> none;
  EXPECT_FALSE(none);
  EXPECT_FALSE(none.has_value());
  std::optional<int> as_optional = std::move(none);
  EXPECT_EQ(as_optional, std::nullopt);
}

TEST(Received, HoldsTheMessageAndConvertsToAnOptional) {
  Received<std::string> got;
  got.emplace("hello");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, "hello");
  EXPECT_EQ(got->size(), 5u);
  std::optional<std::string> as_optional = std::move(got);
  EXPECT_EQ(as_optional, "hello");
}

TEST(Received, CopiesWhenTheMessageCopies) {
  Received<std::string> got;
  got.emplace("twice");
  Received<std::string> copy = got;
  EXPECT_EQ(*copy, "twice");
  EXPECT_EQ(*got, "twice");
}

TEST(Received, WorksWithMoveOnlyMessages) {
  Received<std::unique_ptr<int>> got;
  got.emplace(std::make_unique<int>(7));
  Received<std::unique_ptr<int>> moved = std::move(got);
  std::optional<std::unique_ptr<int>> as_optional = std::move(moved);
  ASSERT_TRUE(as_optional.has_value());
  EXPECT_EQ(**as_optional, 7);
}

struct Counted {
  static inline int live = 0;
  Counted() { ++live; }
  Counted(Counted&&) noexcept { ++live; }
  ~Counted() { --live; }
};

TEST(Received, DestroysItsMessageExactlyOnce) {
  {
    Received<Counted> a;
    a.emplace();
    Received<Counted> b = std::move(a);  // a still holds a moved-from message
    EXPECT_EQ(Counted::live, 2);
    Received<Counted> empty;
  }
  EXPECT_EQ(Counted::live, 0);
}

}  // namespace
}  // namespace heph
