// async_task.h — runs one Async<T> as a top-level task and keeps its result.
// The owner keeps the AsyncTask alive until it is done or the scheduler is
// shut down (used by the test runtime and Runtime::block_on).
#ifndef HEPH_RUNTIME_ACTOR_ASYNC_TASK_H_
#define HEPH_RUNTIME_ACTOR_ASYNC_TASK_H_

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "runtime/actor/async.h"
#include "runtime/actor/task.h"

namespace heph {

template <class T>
class AsyncTask final : public Task {
 public:
  explicit AsyncTask(Async<T> async) : async_(std::move(async)) {
    resume_point_ = async_.handle();
  }
  ~AsyncTask() = default;

  bool done() const { return done_; }
  bool abandoned() const { return abandoned_; }
  // Only once done(): the value, or the exception rethrown.
  T take_result() { return async_.handle().promise().take_value(); }

 private:
  bool run() override {
    resume_point_.resume();
    done_ = async_.handle().done();
    return done_;
  }
  void abandon() override {
    abandoned_ = true;
    async_ = Async<T>();
  }
  void forget() override {}

  Async<T> async_;
  bool done_ = false;
  bool abandoned_ = false;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_ASYNC_TASK_H_
