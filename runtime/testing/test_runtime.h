// test_runtime.h — a single-threaded runtime for unit tests.
//
//   heph::testing::TestRuntime rt;
//   auto ref = rt.spawn(heph::StopSupervisor{}, &MyActor, 1);
//   ASSERT_TRUE(ref.try_send(42).ok());
//   absl::StatusOr<int> v = rt.run(SomeAsyncFunction());   // to completion
//   ASSERT_TRUE(rt.run(SomeStatusFunction()).ok());        // the run's error or the task's
//   EXPECT_TRUE(rt.join(std::move(ref)).ok());            // drops ref, runs until it ends
//   rt.poll_once(ref);                                     // one step of that actor only
//   heph::testing::size_of_actor(&MyActor, 1).frame        // bytes of its coroutine frame
//   auto lossy = heph::testing::WithMessageLoss(ref, 10.0, /*seed=*/1);  // drops ~10%
//
// Everything runs on the calling thread, inside run/join/run_until_idle.
// Messages from other threads still wake it. Destroying the runtime abandons
// actors that have not ended.
#ifndef HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_
#define HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_

#include <atomic>
#include <cstddef>
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
  // The same for a generated typed reference (rt.join(std::move(counter_ref))).
  template <class TypedRef>
    requires(!std::is_lvalue_reference_v<TypedRef> && requires(TypedRef& r) {
      r.actor().cell();
      r = TypedRef();
    })
  absl::Status join(TypedRef&& ref, absl::Duration timeout = kDefaultTimeout) {
    auto actor = ref.actor();
    ref = TypedRef();
    return join(std::move(actor), timeout);
  }

  // One step of the actor behind `ref`: collects wake-ups (without waiting),
  // then resumes that actor once if it is ready; other actors do not run.
  enum class Poll { kNotReady, kPending, kEnded };
  template <class M>
  Poll poll_once(const ActorRef<M>& ref) {
    ActorCellBase* cell = ref.cell();
    if (cell == nullptr || cell->is_finished()) return Poll::kEnded;
    if (!worker_.poll_once(cell)) return Poll::kNotReady;
    return cell->is_finished() ? Poll::kEnded : Poll::kPending;
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

// What an actor costs: its coroutine frame (arguments, locals kept across a
// co_await, the promise) and its cell (inbox word, reference counts,
// waiters, the hand-over reserve). Heph's size_of_actor, measured: the frame
// is created with `args` and destroyed before it runs.
struct ActorSize {
  std::size_t frame = 0;
  std::size_t cell = 0;
  std::size_t total() const { return frame + cell; }
};
template <class M, class... Params, class... A>
ActorSize size_of_actor(ActorFn<M, Params...> fn, A&&... args) {
  ActorSize size;
  size.cell = sizeof(heph::internal::SupervisedCell<M, StopSupervisor, Params...>);
  heph::internal::AsyncPromiseBase::frame_size_probe = &size.frame;
  {
    Async<absl::Status> frame = fn(Context<M>(nullptr), Params(std::forward<A>(args))...);
  }
  heph::internal::AsyncPromiseBase::frame_size_probe = nullptr;
  return size;
}

namespace internal {
// The ops of a reference that loses messages: a seeded, thread-safe draw per
// send decides; a lost message is reported sent, built and destroyed.
template <class M>
struct LossyOps : heph::internal::RefOps<M> {
  LossyOps(const heph::internal::RefOps<M>* in, double percent, std::uint64_t s)
      : heph::internal::RefOps<M>{&TryEmplace, &Retain, &Release}, inner(in), threshold(Threshold(percent)), seed(s) {
    if (inner != nullptr && inner->retain != nullptr) inner->retain(inner);
  }
  ~LossyOps() {
    if (inner != nullptr && inner->release != nullptr) inner->release(inner);
  }
  static std::uint64_t Threshold(double percent) {
    if (percent <= 0) return 0;
    if (percent >= 100) return ~std::uint64_t{0};
    return static_cast<std::uint64_t>(percent / 100.0 * 18446744073709551615.0);
  }
  // splitmix64 of seed + n: the n-th draw, the same for the same seed.
  bool lose_next() const {
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (draws.fetch_add(1, std::memory_order_relaxed) + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return threshold != 0 && z <= threshold;
  }
  static bool TryEmplace(const heph::internal::RefOps<M>* self, ActorCellBase* cell, M (*make)(void*) noexcept,
                         void* ctx) {
    auto* lossy = static_cast<const LossyOps*>(self);
    if (lossy->lose_next()) {
      lossy->lost.fetch_add(1, std::memory_order_relaxed);
      [[maybe_unused]] M lost_in_transit = make(ctx);  // built and destroyed: an rpc's responder drops
      return true;                                     // "sent"
    }
    if (lossy->inner != nullptr) return lossy->inner->try_emplace(lossy->inner, cell, make, ctx);
    return static_cast<ActorCell<M>*>(cell)->inbox().try_emplace([&]() noexcept { return make(ctx); }) ==
           Inbox<M>::Push::kOk;
  }
  static void Retain(const heph::internal::RefOps<M>* self) {
    static_cast<const LossyOps*>(self)->refs.fetch_add(1, std::memory_order_relaxed);
  }
  static void Release(const heph::internal::RefOps<M>* self) {
    auto* lossy = static_cast<const LossyOps*>(self);
    if (lossy->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete lossy;
  }

  const heph::internal::RefOps<M>* inner;
  const std::uint64_t threshold;
  const std::uint64_t seed;
  mutable std::atomic<std::uint64_t> draws{0};
  mutable std::atomic<std::uint64_t> lost{0};
  mutable std::atomic<std::uint32_t> refs{1};
};
}  // namespace internal

// A reference to the same actor that loses about `percent` % of what is sent
// through it (try_send, send, rpc: the send reports success, the message is
// dropped, an rpc then gets NoResponse), decided by a seeded sequence: the same
// seed and order of sends lose the same messages. Copies share the sequence.
// Other references to the actor are unaffected. For testing how actors cope
// with loss (as across a network).
template <class M>
ActorRef<M> WithMessageLoss(const ActorRef<M>& ref, double percent, std::uint64_t seed) {
  if (!ref) return ActorRef<M>();
  return ActorRef<M>::WithOps(ref.cell(), new internal::LossyOps<M>(ref.ops(), percent, seed));
}

}  // namespace heph::testing

#endif  // HEPH_RUNTIME_TESTING_TEST_RUNTIME_H_
