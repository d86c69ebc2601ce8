// Specification of supervision: what happens when an actor fails.
#include "runtime/actor/supervisor.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

using testing::TestRuntime;

// Fails on every message; counts its starts. Its argument is its generation.
Async<absl::Status> FailOnMessage(Context<std::uint64_t> ctx, int generation, std::vector<int>* starts,
                                  std::vector<std::uint64_t>* got) {
  starts->push_back(generation);
  while (std::optional<std::uint64_t> m = co_await ctx.receive_next()) {
    got->push_back(*m);
    if (*m == 0) co_return absl::InternalError("asked to fail");
    if (*m == 1) throw std::runtime_error("asked to throw");
  }
  co_return absl::OkStatus();
}

// Records every error it sees and answers with `decision`.
struct RecordingSupervisor {
  std::vector<absl::Status>* errors;
  bool restart;
  int next_generation = 1;
  SupervisorStrategy<int, std::vector<int>*, std::vector<std::uint64_t>*> operator()(
      std::string_view, const absl::Status& error) {
    errors->push_back(error);
    if (!restart) return StopActor{};
    return SupervisorStrategy<int, std::vector<int>*, std::vector<std::uint64_t>*>::Restart(
        next_generation++, starts, got);
  }
  std::vector<int>* starts;
  std::vector<std::uint64_t>* got;
};

TEST(Supervision, ErrorWithStopDecisionEndsTheActor) {
  TestRuntime rt;
  std::vector<absl::Status> errors;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(
      SpawnOptions{.name = "failer"}, RecordingSupervisor{&errors, false, 1, &starts, &got},
      &FailOnMessage, 0, &starts, &got);
  ASSERT_TRUE(ref.try_send(0).ok());
  ASSERT_TRUE(rt.join(ref).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message(), "asked to fail");
  EXPECT_EQ(starts, (std::vector<int>{0}));
  EXPECT_FALSE(ref.is_connected());
}

TEST(Supervision, ErrorWithRestartDecisionRestartsWithNewArgumentsAndKeepsTheInbox) {
  TestRuntime rt;
  std::vector<absl::Status> errors;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(RecordingSupervisor{&errors, true, 1, &starts, &got},
                                         &FailOnMessage, 0, &starts, &got);
  // Queued before the actor runs: the failure on 0 must not lose 7 and 8.
  ASSERT_TRUE(ref.try_send(0).ok());
  ASSERT_TRUE(ref.try_send(7).ok());
  ASSERT_TRUE(ref.try_send(8).ok());
  rt.run_until_idle();
  EXPECT_EQ(starts, (std::vector<int>{0, 1}));  // restarted once, with generation 1
  EXPECT_EQ(got, (std::vector<std::uint64_t>{0, 7, 8}));
  EXPECT_TRUE(ref.is_connected());
  ref = {};
  ASSERT_TRUE(rt.run_all().ok());
}

// As RecordingSupervisor, with its own decisions for exceptions and failed
// restarts (recorded apart from errors).
struct SeparateDecisionsSupervisor : RecordingSupervisor {
  std::vector<absl::Status>* exceptions;
  std::vector<absl::Status>* restart_errors;
  bool restart_on_exception;
  SupervisorStrategy<int, std::vector<int>*, std::vector<std::uint64_t>*> on_exception(
      std::string_view, const absl::Status& error) {
    exceptions->push_back(error);
    if (!restart_on_exception) return StopActor{};
    return SupervisorStrategy<int, std::vector<int>*, std::vector<std::uint64_t>*>::Restart(
        next_generation++, starts, got);
  }
  SupervisorStrategy<int, std::vector<int>*, std::vector<std::uint64_t>*> on_restart_error(
      std::string_view, const absl::Status& error) {
    restart_errors->push_back(error);
    return SupervisorStrategy<int, std::vector<int>*, std::vector<std::uint64_t>*>::Restart(
        next_generation++, starts, got);
  }
};

TEST(Supervision, AnExceptionGoesToOnExceptionAsAnErrorNamingTheActor) {
  TestRuntime rt;
  std::vector<absl::Status> errors, exceptions, restart_errors;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(
      SpawnOptions{.name = "thrower"},
      SeparateDecisionsSupervisor{{&errors, false, 1, &starts, &got}, &exceptions, &restart_errors, true},
      &FailOnMessage, 0, &starts, &got);
  ASSERT_TRUE(ref.try_send(1).ok());  // throws: restarted by on_exception
  ASSERT_TRUE(ref.try_send(0).ok());  // an error: stopped by operator()
  ASSERT_TRUE(rt.join(ref).ok());
  ASSERT_EQ(exceptions.size(), 1u);
  EXPECT_TRUE(absl::IsInternal(exceptions[0]));
  EXPECT_NE(exceptions[0].message().find("thrower"), std::string_view::npos) << exceptions[0];
  EXPECT_NE(exceptions[0].message().find("asked to throw"), std::string_view::npos) << exceptions[0];
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message(), "asked to fail");
  EXPECT_EQ(starts, (std::vector<int>{0, 1}));
  EXPECT_TRUE(restart_errors.empty());
}

// Heph's default for a panic: stop. A supervisor without on_exception is not
// asked (its operator() is for the errors the actor returns).
TEST(Supervision, AnExceptionStopsTheActorWhenTheSupervisorHasNoOnException) {
  TestRuntime rt;
  std::vector<absl::Status> errors;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(RecordingSupervisor{&errors, true, 1, &starts, &got},
                                         &FailOnMessage, 0, &starts, &got);
  ASSERT_TRUE(ref.try_send(1).ok());
  ASSERT_TRUE(rt.join(ref).ok());
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(starts, (std::vector<int>{0}));
}

// An argument whose move throws once armed, except while a supervisor builds
// its decision: restarting the actor with it fails.
bool building_decision = false;
struct Fuse {
  bool armed = false;
  explicit Fuse(bool a) : armed(a) {}
  Fuse(Fuse&& other) : armed(other.armed) {  // NOLINT: throws on purpose
    if (armed && !building_decision) throw std::runtime_error("fuse blew");
  }
};
SupervisorStrategy<Fuse, std::vector<int>*> RestartWithArmedFuse(std::vector<int>* starts) {
  building_decision = true;
  auto decision = SupervisorStrategy<Fuse, std::vector<int>*>::Restart(Fuse(true), starts);
  building_decision = false;
  return decision;
}
Async<absl::Status> FailsAtOnce(Context<int>, Fuse, std::vector<int>* starts) {
  starts->push_back(1);
  co_return absl::InternalError("failed");
}

TEST(Supervision, AFailedRestartGoesToOnRestartErrorAndFailingAgainStops) {
  TestRuntime rt;
  std::vector<int> starts;
  std::vector<absl::Status> restart_errors;
  struct Sup {
    std::vector<int>* starts;
    std::vector<absl::Status>* restart_errors;
    SupervisorStrategy<Fuse, std::vector<int>*> operator()(std::string_view, const absl::Status&) {
      return RestartWithArmedFuse(starts);  // will blow
    }
    SupervisorStrategy<Fuse, std::vector<int>*> on_restart_error(std::string_view, const absl::Status& e) {
      restart_errors->push_back(e);
      return RestartWithArmedFuse(starts);  // blows again
    }
  };
  ActorRef<int> ref = rt.spawn(SpawnOptions{.name = "fused"}, Sup{&starts, &restart_errors}, &FailsAtOnce,
                               Fuse(false), &starts);
  ASSERT_TRUE(rt.join(std::move(ref), absl::Seconds(5)).ok());  // stopped, not stuck or crashed
  EXPECT_EQ(starts, (std::vector<int>{1}));
  ASSERT_EQ(restart_errors.size(), 1u);
  EXPECT_EQ(restart_errors[0].message(), "restarting actor 'fused' threw: fuse blew");
}

TEST(Supervision, OkEndsTheActorWithoutAskingTheSupervisor) {
  TestRuntime rt;
  std::vector<absl::Status> errors;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(RecordingSupervisor{&errors, true, 1, &starts, &got},
                                         &FailOnMessage, 0, &starts, &got);
  ActorCellBase* cell = ref.cell();
  cell->retain();
  ref = {};  // no reference: receive_next reports the end, the actor returns OK
  ASSERT_TRUE(rt.run_all().ok());
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(cell->is_finished());
  cell->release();
}

// A fake clock for restart windows.
struct FakeClock {
  absl::Time now = absl::UnixEpoch();
};

TEST(RestartSupervisor, AllowsAtMostNRestartsWithinTheWindowThenStops) {
  FakeClock clock;
  RestartSupervisor<int> sup(7);
  sup.WithLimit(3, absl::Seconds(5)).WithClock([&] { return clock.now; });
  const absl::Status err = absl::InternalError("x");
  for (int i = 0; i < 3; ++i) {
    SupervisorStrategy<int> d = sup("a", err);
    ASSERT_TRUE(d.is_restart()) << i;
    EXPECT_EQ(std::get<0>(d.restart_args()), 7);
    clock.now += absl::Seconds(1);
  }
  EXPECT_FALSE(sup("a", err).is_restart());
}

TEST(RestartSupervisor, CounterResetsOnceTheWindowHasPassed) {
  FakeClock clock;
  RestartSupervisor<int> sup(7);
  sup.WithLimit(2, absl::Seconds(5)).WithClock([&] { return clock.now; });
  const absl::Status err = absl::InternalError("x");
  EXPECT_TRUE(sup("a", err).is_restart());
  EXPECT_TRUE(sup("a", err).is_restart());
  clock.now += absl::Seconds(6);
  EXPECT_TRUE(sup("a", err).is_restart());  // a new window
  EXPECT_EQ(sup.restarts_in_window(), 1u);
}

TEST(RestartSupervisor, DefaultsAreFiveRestartsInFiveSeconds) {
  EXPECT_EQ(RestartSupervisor<int>::kDefaultMaxRestarts, 5u);
  EXPECT_EQ(RestartSupervisor<int>::kDefaultWindow, absl::Seconds(5));
}

TEST(RestartSupervisor, RestartsOnAnExceptionAsOnAnErrorWithinTheSameLimit) {
  TestRuntime rt;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(
      SpawnOptions{.name = "thrower", .inbox_capacity = 16},
      RestartSupervisor<int, std::vector<int>*, std::vector<std::uint64_t>*>(9, &starts, &got)
          .WithLimit(2, absl::Hours(1)),
      &FailOnMessage, 0, &starts, &got);
  ASSERT_TRUE(ref.try_send(1).ok());  // throws
  ASSERT_TRUE(ref.try_send(0).ok());  // fails
  ASSERT_TRUE(ref.try_send(1).ok());  // throws: the limit is reached
  ASSERT_TRUE(rt.join(ref).ok());
  EXPECT_EQ(starts, (std::vector<int>{0, 9, 9}));
}

TEST(RestartSupervisor, RestartsARealActorUntilTheLimit) {
  TestRuntime rt;
  std::vector<int> starts;
  std::vector<std::uint64_t> got;
  ActorRef<std::uint64_t> ref = rt.spawn(
      SpawnOptions{.name = "flaky", .inbox_capacity = 16},
      RestartSupervisor<int, std::vector<int>*, std::vector<std::uint64_t>*>(9, &starts, &got)
          .WithLimit(2, absl::Hours(1)),
      &FailOnMessage, 0, &starts, &got);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(ref.try_send(0).ok());
  ASSERT_TRUE(rt.join(ref).ok());
  EXPECT_EQ(starts, (std::vector<int>{0, 9, 9}));  // first run + 2 restarts
  EXPECT_EQ(got.size(), 3u);
}

}  // namespace
}  // namespace heph
