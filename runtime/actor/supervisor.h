// supervisor.h — what happens when an actor fails.
//
// An actor ends with a status. OK means it finished; any other status (or an
// exception escaping the actor, turned into an kInternal status naming it) goes
// to the actor's supervisor, which answers with a SupervisorStrategy:
//   - Stop:              the actor ends; its inbox closes.
//   - Restart(args...):  the actor function runs again with these arguments,
//                        on the same inbox (queued messages survive).
//
// A supervisor is any object callable as
//   SupervisorStrategy<Args...> operator()(std::string_view actor, const absl::Status& error)
// where Args are the actor function's arguments after its Context. It may
// also decide separately (as Heph's decide_on_panic / decide_on_restart_error):
//   SupervisorStrategy<Args...> on_exception(std::string_view actor, const absl::Status& error)
//       an exception escaped the actor (`error` is kInternal: "actor 'x' threw: ...");
//   SupervisorStrategy<Args...> on_restart_error(std::string_view actor, const absl::Status& error)
//       a restart itself failed: starting the actor function again threw
//       (allocating its frame, or moving an argument into it).
// Without them, both log and stop the actor (Heph's defaults). A restart that
// fails again right after on_restart_error chose Restart stops the actor.
//
// Provided: StopSupervisor (logs and stops) and RestartSupervisor (restarts
// with the arguments it was given, at most `max_restarts` times within
// `window`, then stops; exceptions count as errors, a failed restart stops).
#ifndef HEPH_RUNTIME_ACTOR_SUPERVISOR_H_
#define HEPH_RUNTIME_ACTOR_SUPERVISOR_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace heph {

// Tag for "stop the actor"; converts to any SupervisorStrategy.
struct StopActor {};

template <class... Args>
class SupervisorStrategy {
 public:
  SupervisorStrategy(StopActor) {}  // NOLINT: implicit on purpose
  static SupervisorStrategy Stop() { return SupervisorStrategy(StopActor{}); }
  static SupervisorStrategy Restart(Args... args) {
    SupervisorStrategy s{StopActor{}};
    s.restart_args_.emplace(std::move(args)...);
    return s;
  }
  bool is_restart() const { return restart_args_.has_value(); }
  std::tuple<Args...>& restart_args() { return *restart_args_; }

 private:
  std::optional<std::tuple<Args...>> restart_args_;
};

inline void LogActorFailure(std::string_view actor, const absl::Status& error,
                            std::string_view decision) {
  std::fprintf(stderr, "heph: actor '%.*s' failed: %s; %.*s\n", static_cast<int>(actor.size()),
               actor.data(), error.ToString().c_str(), static_cast<int>(decision.size()),
               decision.data());
}

// Logs the error and stops the actor.
struct StopSupervisor {
  StopActor operator()(std::string_view actor, const absl::Status& error) const {
    LogActorFailure(actor, error, "stopping it");
    return {};
  }
};

// Stops the actor without logging.
struct SilentStopSupervisor {
  StopActor operator()(std::string_view, const absl::Status&) const { return {}; }
};

// Restarts the actor with the arguments given here, at most `max_restarts`
// times within `window` (defaults: 5 in 5 s); the count starts again once
// `window` has passed since the first restart counted. Past the limit it stops.
template <class... Args>
class RestartSupervisor {
 public:
  static constexpr std::uint32_t kDefaultMaxRestarts = 5;
  static constexpr absl::Duration kDefaultWindow = absl::Seconds(5);

  explicit RestartSupervisor(Args... args) : args_(std::move(args)...) {}

  RestartSupervisor& WithLimit(std::uint32_t max_restarts, absl::Duration window) {
    max_restarts_ = max_restarts;
    window_ = window;
    return *this;
  }
  // For tests: the clock used to measure the window.
  RestartSupervisor& WithClock(std::function<absl::Time()> clock) {
    clock_ = std::move(clock);
    return *this;
  }

  SupervisorStrategy<Args...> operator()(std::string_view actor, const absl::Status& error) {
    const absl::Time now = clock_ ? clock_() : absl::Now();
    if (restarts_ == 0 || now - window_start_ > window_) {
      window_start_ = now;
      restarts_ = 0;
    }
    if (restarts_ >= max_restarts_) {
      LogActorFailure(actor, error, "restart limit reached, stopping it");
      return StopActor{};
    }
    ++restarts_;
    LogActorFailure(actor, error, "restarting it");
    return std::apply(
        [](const Args&... a) { return SupervisorStrategy<Args...>::Restart(a...); }, args_);
  }
  // An exception is handled as an error: restarted within the same limit.
  SupervisorStrategy<Args...> on_exception(std::string_view actor, const absl::Status& error) {
    return (*this)(actor, error);
  }

  std::uint32_t restarts_in_window() const { return restarts_; }

 private:
  std::tuple<Args...> args_;
  std::uint32_t max_restarts_ = kDefaultMaxRestarts;
  absl::Duration window_ = kDefaultWindow;
  std::function<absl::Time()> clock_;
  std::uint32_t restarts_ = 0;
  absl::Time window_start_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_SUPERVISOR_H_
