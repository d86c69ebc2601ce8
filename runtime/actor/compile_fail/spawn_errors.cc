// Mistakes a user makes when spawning, which must fail at the user's line with
// a message that says what to write instead (issue 13). Without a case macro
// the file shows the right versions and must compile.
#include <string>

#include "runtime/actor/actor.h"

namespace {

heph::Async<absl::Status> Greeter(heph::Context<std::string> ctx, std::string greeting) {
  while (auto name = co_await ctx.receive_next()) {
  }
  (void)greeting;
  co_return absl::OkStatus();
}

void Use(heph::Scheduler& scheduler) {
#if defined(CASE_CAPTURING_LAMBDA)
  int counter = 0;
  auto ref = heph::Spawn(scheduler, heph::StopSupervisor{},
                         [&counter](heph::Context<int> ctx) -> heph::Async<absl::Status> {
                           ++counter;
                           co_return absl::OkStatus();
                         });
#elif defined(CASE_WRONG_SUPERVISOR)
  heph::ActorRef<std::string> ref =
      heph::Spawn(scheduler, heph::RestartSupervisor<int>(5), &Greeter, std::string("hi"));
#elif defined(CASE_MISSING_ARGUMENT)
  heph::ActorRef<std::string> ref = heph::Spawn(scheduler, heph::StopSupervisor{}, &Greeter);
#else
  heph::ActorRef<std::string> greeter = heph::Spawn(scheduler, heph::StopSupervisor{}, &Greeter, std::string("hi"));
  heph::ActorRef<std::string> restarted = heph::Spawn(
      scheduler, {.name = "restarted"}, heph::RestartSupervisor<std::string>(std::string("again")), &Greeter,
      std::string("hi"));
  // A lambda without captures is an actor as it is (no leading + needed).
  heph::ActorRef<int> lambda = heph::Spawn(scheduler, heph::StopSupervisor{},
                                           [](heph::Context<int> ctx, int start) -> heph::Async<absl::Status> {
                                             (void)ctx;
                                             (void)start;
                                             co_return absl::OkStatus();
                                           },
                                           1);
#endif
}

}  // namespace

void (*keep)(heph::Scheduler&) = &Use;
