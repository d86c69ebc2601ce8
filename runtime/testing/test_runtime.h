// test_runtime.h — a single-threaded runtime for unit tests.
//
//   heph::testing::TestRuntime rt;
//   auto ref = rt.spawn(heph::StopSupervisor{}, &MyActor, 1);
//   ASSERT_TRUE(ref.try_send(42).ok());
//   absl::StatusOr<int> v = rt.run(SomeAsyncFunction());   // to completion
//   ASSERT_TRUE(rt.run(SomeStatusFunction()).ok());        // the run's error or the task's
//   EXPECT_TRUE(rt.join(std::move(ref)).ok());            // drops ref, runs until it ends
//
// Everything runs on the calling thread, inside run/join/run_until_idle.
// Messages from other threads still wake it. Destroying the runtime abandons
// actors that have not ended.
#ifndef HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_
#define HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_

#include <cstdint>
#include <string>
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

namespace internal {
// What run() returns for an Async<T>: one status level, never nested, so
// `rt.run(f()).ok()` is false whenever the run or the task failed.
template <class T>
struct RunResult {
  using type = absl::StatusOr<T>;
};
template <>
struct RunResult<void> {
  using type = absl::Status;
};
template <>
struct RunResult<absl::Status> {
  using type = absl::Status;
};
template <class U>
struct RunResult<absl::StatusOr<U>> {
  using type = absl::StatusOr<U>;
};
}  // namespace internal

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
  // Options may be braced: spawn({.name = "x"}, supervisor, &Fn, args...).
  template <class... A>
  auto spawn(const SpawnOptions& options, A&&... args) {
    return Spawn(worker_, options, std::forward<A>(args)...);
  }

  // Runs ready actors until none is ready (does not wait for other threads).
  void run_until_idle() { worker_.run_until_idle(); }

  // Runs `async` (and every actor) until it completes. Returns its value,
  // DeadlineExceeded ("run: not done: ...") after `timeout`, or the exception
  // it threw (rethrown). A task returning absl::Status gives that status, one
  // returning absl::StatusOr<U> gives that StatusOr<U> (run's own errors take
  // their place), any other T an absl::StatusOr<T>, void an absl::Status.
  template <class T>
  typename internal::RunResult<T>::type run(Async<T> async,
                                           absl::Duration timeout = kDefaultTimeout) {
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
  // (DeadlineExceeded naming the actor and the references that keep it
  // waiting). An actor that ends once no reference to it remains (a receive
  // loop, a generated Serve) cannot end while `ref` exists: hand the last
  // reference over with rt.join(std::move(ref)), which drops it first.
  template <class M>
  absl::Status join(const ActorRef<M>& ref, absl::Duration timeout = kDefaultTimeout) {
    return join_cell(ref.cell(), timeout, /*caller_keeps_a_reference=*/true);
  }
  template <class M>
  absl::Status join(ActorRef<M>&& ref, absl::Duration timeout = kDefaultTimeout) {
    ActorCellBase* cell = ref.cell();
    if (cell == nullptr) return absl::OkStatus();
    cell->retain();  // the cell, not a reference: the actor may end
    ref = ActorRef<M>();
    absl::Status s = join_cell(cell, timeout, /*caller_keeps_a_reference=*/false);
    cell->release();
    return s;
  }

  // Runs until every actor has ended, or `timeout`.
  absl::Status run_all(absl::Duration timeout = kDefaultTimeout) {
    return worker_.run({.deadline = absl::Now() + timeout});
  }

 private:
  absl::Status join_cell(ActorCellBase* cell, absl::Duration timeout, bool caller_keeps_a_reference) {
    if (cell == nullptr) return absl::OkStatus();
    (void)worker_.run({.until = [cell] { return cell->is_finished(); }, .deadline = absl::Now() + timeout});
    if (cell->is_finished()) return absl::OkStatus();
    std::string why;
    if (const std::uint32_t refs = cell->senders(); refs > 0) {
      why = absl::StrCat("; ", refs, refs == 1 ? " reference" : " references", " to it remain");
      if (caller_keeps_a_reference) {
        absl::StrAppend(&why, ", including the one passed to join (if the actor ends when its last "
                              "reference goes, write rt.join(std::move(ref)))");
      }
    }
    return absl::DeadlineExceededError(absl::StrCat("actor '", AsAbsl(cell->name()), "' did not end within ",
                                                    absl::FormatDuration(timeout), why));
  }

  Worker worker_;
};

}  // namespace heph::testing

#endif  // HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_
