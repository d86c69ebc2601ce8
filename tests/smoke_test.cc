#include <coroutine>
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
TEST(Smoke, Works) { absl::StatusOr<int> s = 3; EXPECT_EQ(*s, 3); }
