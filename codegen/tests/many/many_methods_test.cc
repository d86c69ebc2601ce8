// A 1,000-method protocol (many.capnp, written by many_methods.sh): its
// generated header compiles with an implementation in the handler style
// (many_impl.h, also written by the script: plain functions and two
// coroutines), and calls reach the first,
// middle and last methods, one-way and with results.
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codegen/tests/many/many.heph.h"
#include "codegen/tests/many/many_impl.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/testing/test_runtime.h"

namespace {

using heph::Async;
using many::actors::Many;
using many::actors::ManyRef;

Async<absl::Status> ManyActor(heph::Context<Many::Message> ctx, std::uint64_t* sum) {
  ManyImpl impl(sum);
  co_return co_await impl.Serve(ctx);
}

// call<i> answers value + i with the text; notify<i> adds value + i to the sum.
Async<absl::Status> CallFirstMiddleLast(ManyRef many, std::uint64_t* sum) {
  std::string first = "first";
  auto r0 = co_await many.call0(1, std::move(first));
  EXPECT_TRUE(r0.ok()) << r0.status();
  if (r0.ok()) {
    EXPECT_EQ(r0->value, 1u);
    EXPECT_EQ(r0->text, "first");
  }
  std::string middle = "middle";
  auto r500 = co_await many.call500(7, std::move(middle));
  EXPECT_TRUE(r500.ok()) << r500.status();
  if (r500.ok()) {
    EXPECT_EQ(r500->value, 507u);
    EXPECT_EQ(r500->text, "middle");
  }
  Many::Call998Params last_call;
  last_call.value = 2;
  last_call.text = "last call";
  auto r998 = co_await many.call998(std::move(last_call));
  EXPECT_TRUE(r998.ok()) << r998.status();
  if (r998.ok()) {
    EXPECT_EQ(r998->value, 1000u);
    EXPECT_EQ(r998->text, "last call");
  }

  absl::Status s3 = co_await many.notify3(10);       // + 13
  EXPECT_TRUE(s3.ok()) << s3;
  absl::Status s499 = co_await many.notify499(1);    // + 500
  EXPECT_TRUE(s499.ok()) << s499;
  absl::Status s999 = co_await many.notify999(1);    // + 1000
  EXPECT_TRUE(s999.ok()) << s999;
  absl::Status t999 = many.try_notify999(0);         // + 999
  EXPECT_TRUE(t999.ok()) << t999;
  // One call more: the actor has handled the one-way sends before it.
  std::string after = "after";
  auto r1 = co_await many.call1(0, std::move(after));
  EXPECT_TRUE(r1.ok() && r1->value == 1u) << r1.status();
  EXPECT_EQ(*sum, 13u + 500u + 1000u + 999u);
  co_return absl::OkStatus();
}

TEST(ManyMethodsTest, CallsReachFirstMiddleAndLastMethods) {
  heph::testing::TestRuntime rt;
  std::uint64_t sum = 0;
  ManyRef many(rt.spawn(heph::SpawnOptions{.name = "many", .inbox_capacity = Many::kDefaultInboxCapacity},
                        heph::StopSupervisor{}, &ManyActor, &sum));
  absl::Status result = rt.run(CallFirstMiddleLast(many, &sum));
  EXPECT_TRUE(result.ok()) << result;
}

// Visit's switch reaches the last method.
struct LastVisitor {
  std::uint64_t* seen;
  void operator()(Many::Notify999Params& p) const { *seen = p.value; }
  template <class Other>
  void operator()(Other&) const {
    ADD_FAILURE() << "visited the wrong method";
  }
};

TEST(ManyMethodsTest, MessagesKnowTheirMethodAndMove) {
  Many::Notify999Params last;
  last.value = 42;
  Many::Message message(last);
  EXPECT_EQ(message.index(), 999u);
  EXPECT_EQ(message.method_name(), "Many.notify999");
  Many::Message moved(std::move(message));
  EXPECT_EQ(moved.index(), 999u);
  EXPECT_EQ(moved.m999.value, 42u);
  static_assert(std::is_nothrow_move_constructible_v<Many::Message>);
  static_assert(std::is_nothrow_move_assignable_v<Many::Message>);

  std::uint64_t seen = 0;
  Many::Visit(moved, LastVisitor{&seen});
  EXPECT_EQ(seen, 42u);
}

}  // namespace
