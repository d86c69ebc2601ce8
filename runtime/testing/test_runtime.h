// test_runtime.h — a single-threaded runtime for unit tests.
//
//   heph::testing::TestRuntime rt;
//   auto ref = rt.spawn(heph::StopSupervisor{}, &MyActor, 1);
//   ASSERT_TRUE(ref.try_send(42).ok());
//   absl::StatusOr<int> v = rt.run(SomeAsyncFunction());   // to completion
//   EXPECT_TRUE(rt.join(ref, absl::Seconds(1)).ok());      // or DeadlineExceeded
//
// Everything runs on the calling thread, inside run/join/run_until_idle.
// Messages from other threads still wake it. Destroying the runtime abandons
// actors that have not ended.
#ifndef HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_
#define HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_

#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/actor/async_task.h"
#include "runtime/rt/worker.h"

namespace heph::testing {

class TestRuntime {
 public:
  static constexpr absl::Duration kDefaultTimeout = absl::Seconds(30);

  TestRuntime() = default;
  TestRuntime(const TestRuntime&) = delete;
  TestRuntime& operator=(const TestRuntime&) = delete;

  Scheduler& scheduler() { return worker_; }

  template <class... A>
  auto spawn(A&&... args) {
    return Spawn(worker_, std::forward<A>(args)...);
  }

  // Runs ready actors until none is ready (does not wait for other threads).
  void run_until_idle() { worker_.run_until_idle(); }

  // Runs `async` (and every actor) until it completes. Returns its value,
  // DeadlineExceeded after `timeout`, or the exception it threw (rethrown).
  template <class T>
  auto run(Async<T> async, absl::Duration timeout = kDefaultTimeout)
      -> std::conditional_t<std::is_void_v<T>, absl::Status, absl::StatusOr<T>> {
    AsyncTask<T> task(std::move(async));
    worker_.adopt(&task);
    absl::Status s = worker_.run(
        {.until = [&] { return task.done(); }, .deadline = absl::Now() + timeout});
    worker_.forget_finished();  // `task` lives in this frame
    if (!task.done()) {
      worker_.shutdown();  // the task must not outlive this frame
      if (s.ok()) s = absl::FailedPreconditionError("run: every actor ended, the task did not");
      return absl::DeadlineExceededError(absl::StrCat("run: not done: ", s.message()));
    }
    if constexpr (std::is_void_v<T>) {
      task.take_result();
      return absl::OkStatus();
    } else {
      return task.take_result();
    }
  }

  // Runs actors until the actor behind `ref` has ended, or `timeout` passes
  // (DeadlineExceeded naming the actor).
  template <class M>
  absl::Status join(const ActorRef<M>& ref, absl::Duration timeout = kDefaultTimeout) {
    ActorCellBase* cell = ref.cell();
    absl::Status s = worker_.run(
        {.until = [cell] { return cell->is_finished(); }, .deadline = absl::Now() + timeout});
    if (cell->is_finished()) return absl::OkStatus();
    return absl::DeadlineExceededError(
        absl::StrCat("actor '", AsAbsl(ref.name()), "' did not end within ", absl::FormatDuration(timeout)));
  }

  // Runs until every actor has ended, or `timeout`.
  absl::Status run_all(absl::Duration timeout = kDefaultTimeout) {
    return worker_.run({.deadline = absl::Now() + timeout});
  }

 private:
  Worker worker_;
};

}  // namespace heph::testing

#endif  // HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_
