// WithDeadline around ctx.receive_next() (issue 13, trap 2): it compiled and
// then hung (the receive resumes the actor's own task, not WithDeadline's).
// It must not compile; the timed receive is the way. Without a case macro the
// file shows what to write instead and must compile.
#include "runtime/actor/actor.h"
#include "runtime/rt/timer.h"

namespace {

heph::Async<absl::Status> Actor(heph::Context<int> ctx) {
#if defined(CASE_DEADLINE_AROUND_RECEIVE)
  absl::StatusOr<heph::Received<int>> m =
      co_await heph::WithDeadline(absl::Seconds(1), [&] { return ctx.receive_next(); });
#elif defined(CASE_DEADLINE_AROUND_TIMED_RECEIVE)
  auto m = co_await heph::WithDeadline(absl::Seconds(1), [&] { return ctx.receive_next(absl::Seconds(2)); });
#else
  heph::TryReceiveResult<int> m = co_await ctx.receive_next(absl::Seconds(1));
  if (!m && m.error() == heph::ReceiveError::kEmpty) co_return absl::DeadlineExceededError("no message");
#endif
  co_return absl::OkStatus();
}

}  // namespace

heph::Async<absl::Status> (*keep)(heph::Context<int>) = &Actor;
