// await.h — an actor awaits a KJ promise of its own worker's KJ loop.
//
//   capnp::Request<Calc::AddParams, Calc::AddResults> req = calc.addRequest();
//   req.setA(1);
//   absl::StatusOr<capnp::Response<Calc::AddResults>> r =
//       co_await heph::remote::Await(req.send(), "add on 127.0.0.1:4000");
//
// The coroutine suspends; the promise (with a continuation that stores the
// value or the exception and wakes the task) is evaluated eagerly by the
// worker's KJ loop, and the task is woken on the same worker once it settles.
// kj::Promise<void> gives absl::Status, kj::Promise<T> absl::StatusOr<T>.
// Exceptions map to statuses (StatusFromKj): DISCONNECTED -> Unavailable,
// OVERLOADED -> ResourceExhausted, UNIMPLEMENTED -> Unimplemented, FAILED ->
// Unknown, keeping KJ's description, prefixed by `context` if given.
//
// Only on a worker, and only for promises of that worker's loop (a capnp
// client made on another worker belongs to that worker). Destroying the
// suspended coroutine (e.g. WithDeadline giving up) drops the promise, which
// cancels the KJ operation (for an RPC: the call is cancelled).
#ifndef HEPH_RUNTIME_REMOTE_AWAIT_H_
#define HEPH_RUNTIME_REMOTE_AWAIT_H_

#include <capnp/capability.h>
#include <kj/async.h>

#include <cassert>
#include <coroutine>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/task.h"
#include "runtime/remote/kj_loop.h"

namespace heph::remote {

// The status for a KJ exception (see above); `context` prefixes the message.
absl::Status StatusFromKj(const kj::Exception& e, std::string_view context = {});

template <class T>
class [[nodiscard]] PromiseAwaiter {
 public:
  using Result = std::conditional_t<std::is_void_v<T>, absl::Status, absl::StatusOr<T>>;

  PromiseAwaiter(kj::Promise<T> promise, std::string context)
      : promise_(kj::mv(promise)), context_(std::move(context)) {}
  PromiseAwaiter(const PromiseAwaiter&) = delete;
  PromiseAwaiter& operator=(const PromiseAwaiter&) = delete;
  ~PromiseAwaiter() {
    // Settled and woken, but destroyed before it resumed (cancelled): the
    // wake-up is on its way (CancelScope's rule, task.h).
    if (woken_ && !resumed_) CancelScope::NoteWakeIssued();
  }

  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    task_ = Scheduler::current_task();
    assert(task_ != nullptr && "heph::remote::Await must be awaited inside a task on a worker");
    WorkerKjLoop::Current();  // the loop of this worker must exist and be current
    task_->set_resume_point(h);
    if constexpr (std::is_void_v<T>) {
      pending_ = promise_
                     .then([this]() { settle(absl::OkStatus()); },
                           [this](kj::Exception&& e) { settle(StatusFromKj(e, context_)); })
                     .eagerlyEvaluate(nullptr);
    } else {
      pending_ = promise_
                     .then([this](T&& v) { settle(Result(std::move(v))); },
                           [this](kj::Exception&& e) { settle(StatusFromKj(e, context_)); })
                     .eagerlyEvaluate(nullptr);
    }
  }
  Result await_resume() {
    resumed_ = true;
    return std::move(*result_);
  }

 private:
  void settle(Result r) {
    result_.emplace(std::move(r));
    woken_ = true;
    task_->scheduler()->wake(task_);
  }

  kj::Promise<T> promise_;
  std::string context_;
  // Declared after promise_ (destroyed first): cancels the continuation.
  kj::Promise<void> pending_ = nullptr;
  std::optional<Result> result_;
  Task* task_ = nullptr;
  bool woken_ = false;
  bool resumed_ = false;
};

template <class T>
PromiseAwaiter<T> Await(kj::Promise<T> promise, std::string_view context = {}) {
  return PromiseAwaiter<T>(kj::mv(promise), std::string(context));
}

// A capnp call's RemotePromise (its pipeline is dropped).
template <class T>
PromiseAwaiter<capnp::Response<T>> Await(capnp::RemotePromise<T>&& promise,
                                         std::string_view context = {}) {
  return PromiseAwaiter<capnp::Response<T>>(kj::Promise<capnp::Response<T>>(kj::mv(promise)),
                                            std::string(context));
}

}  // namespace heph::remote

#endif  // HEPH_RUNTIME_REMOTE_AWAIT_H_
