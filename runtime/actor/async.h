// async.h — `Async<T>`, the coroutine type of async functions and actors.
//
//   heph::Async<int> answer() { co_return 42; }
//   heph::Async<absl::Status> caller() { int x = co_await answer(); ... }
//
// An Async is lazy: it starts when awaited. It is move-only and owns its frame.
//
// Stack depth is bounded without relying on the compiler's tail calls (g++
// makes symmetric transfer a tail call only at -O2 without sanitizers): the
// awaiting coroutine starts the child with a plain call; a child that finishes
// during that call returns to it and the parent continues without any
// transfer. Only a child that suspended and was later resumed by the scheduler
// transfers to its parent at the end, one frame above the scheduler loop.
//
// A chain of nested co_awaits that never suspend thus grows the stack with its
// depth: past what the thread's stack holds (about 125k levels at -O2 on an
// 8 MiB stack), co_await throws AsyncNestingTooDeep (stack_guard.h) instead of
// overflowing.
//
// Exceptions thrown inside an Async propagate to the awaiting coroutine.
#ifndef HEPH_RUNTIME_ACTOR_ASYNC_H_
#define HEPH_RUNTIME_ACTOR_ASYNC_H_

#include <coroutine>
#include <cstdint>
#include <new>
#include <exception>
#include <optional>
#include <utility>

#include "runtime/actor/small_alloc.h"
#include "runtime/actor/stack_guard.h"

namespace heph {

template <class T>
class Async;

namespace internal {

class AsyncPromiseBase {
 public:
  // Frames come from the per-thread small-object allocator.
  static void* operator new(std::size_t size) {
    if (frame_size_probe != nullptr) [[unlikely]] *frame_size_probe = size;
    return SmallAlloc::Allocate(size);
  }
  // For test tools (testing::size_of_actor): when set, the next frame's size
  // allocated on this thread is stored there.
  static inline thread_local std::size_t* frame_size_probe = nullptr;
  static void operator delete(void* p, std::size_t size) noexcept { SmallAlloc::Free(p, size); }

  std::suspend_always initial_suspend() noexcept { return {}; }

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> h) noexcept {
      AsyncPromiseBase& self = h.promise();
      if (self.started_inline_) {
        // Finished during the parent's call to resume(): return to it.
        self.finished_inline_ = true;
        return std::noop_coroutine();
      }
      if (self.continuation_) return self.continuation_;
      return std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }

  // Runs the coroutine `self` (whose promise is *this) from `parent`'s
  // await_suspend. Returns true if the parent must suspend (the child did).
  bool start_from(std::coroutine_handle<> self, std::coroutine_handle<> parent) {
    CheckStackRoom();  // may throw AsyncNestingTooDeep: `self` has not started
    continuation_ = parent;
    started_inline_ = true;
    self.resume();
    started_inline_ = false;
    return !finished_inline_;
  }

  bool failed() const { return result_ == Result::kException; }

 protected:
  enum class Result : std::uint8_t { kNone, kValue, kException };

  std::coroutine_handle<> continuation_;
  bool started_inline_ = false;
  bool finished_inline_ = false;
  Result result_ = Result::kNone;
};

// The value and the exception share storage: a frame pays for the larger of
// the two, not both (frames are most of an idle actor's memory).
template <class T>
class AsyncPromise : public AsyncPromiseBase {
 public:
  AsyncPromise() noexcept {}
  ~AsyncPromise() {
    if (result_ == Result::kValue) {
      value_.~T();
    } else if (result_ == Result::kException) {
      exception_.~exception_ptr();
    }
  }

  Async<T> get_return_object() noexcept;
  template <class U>
  void return_value(U&& value) {
    new (&value_) T(std::forward<U>(value));
    result_ = Result::kValue;
  }
  void unhandled_exception() noexcept {
    new (&exception_) std::exception_ptr(std::current_exception());
    result_ = Result::kException;
  }

  // The value, or the exception rethrown.
  T take_value() {
    if (result_ == Result::kException) std::rethrow_exception(take_exception());
    return std::move(value_);
  }
  // Only when a value was returned.
  T* value() { return result_ == Result::kValue ? &value_ : nullptr; }
  std::exception_ptr take_exception() { return std::exchange(exception_, nullptr); }

 private:
  union {
    T value_;
    std::exception_ptr exception_;
  };
};

template <>
class AsyncPromise<void> : public AsyncPromiseBase {
 public:
  Async<void> get_return_object() noexcept;
  void return_void() noexcept { result_ = Result::kValue; }
  void unhandled_exception() noexcept {
    exception_ = std::current_exception();
    result_ = Result::kException;
  }
  void take_value() {
    if (result_ == Result::kException) std::rethrow_exception(take_exception());
  }
  std::exception_ptr take_exception() { return std::exchange(exception_, nullptr); }

 private:
  std::exception_ptr exception_;
};

}  // namespace internal

template <class T = void>
class [[nodiscard]] Async {
 public:
  using promise_type = internal::AsyncPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Async() = default;
  explicit Async(Handle h) : handle_(h) {}
  Async(Async&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Async& operator=(Async&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  ~Async() { reset(); }

  class Awaiter {
   public:
    explicit Awaiter(Handle h) : handle_(h) {}
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> parent) {
      return handle_.promise().start_from(handle_, parent);
    }
    T await_resume() { return handle_.promise().take_value(); }

   private:
    Handle handle_;
  };
  Awaiter operator co_await() && { return Awaiter(handle_); }

  // For schedulers: the raw frame. The Async keeps ownership.
  Handle handle() const { return handle_; }
  // Gives up ownership of the frame (the caller destroys it).
  Handle release() { return std::exchange(handle_, nullptr); }
  explicit operator bool() const { return handle_ != nullptr; }

 private:
  void reset() {
    if (handle_) handle_.destroy();
    handle_ = nullptr;
  }
  Handle handle_;
};

namespace internal {
template <class T>
Async<T> AsyncPromise<T>::get_return_object() noexcept {
  return Async<T>(std::coroutine_handle<AsyncPromise<T>>::from_promise(*this));
}
inline Async<void> AsyncPromise<void>::get_return_object() noexcept {
  return Async<void>(std::coroutine_handle<AsyncPromise<void>>::from_promise(*this));
}
}  // namespace internal

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_ASYNC_H_
