// received.h — Received<M>: what `co_await ctx.receive_next()` yields.
//
//   while (std::optional<Msg> m = co_await ctx.receive_next()) { ... }  // as an optional
//   auto m = co_await ctx.receive_next();                                // or as it is
//   if (!m) { /* no more messages */ }  else { use(*m); }
//
// A message, or none ("no more messages"). It reads like std::optional<M>
// (bool test, *, ->, has_value) and converts to one, built in place.
//
// Why not std::optional<M> itself: g++ copies a trivially copyable optional
// out of a coroutine's await_resume with one wide load right after the
// narrower stores that built it. The CPU cannot forward those stores to that
// load, and the stall cost a quarter of the local message rate (bench/
// local_messaging). Received<M> has its own move, which copies member by
// member, so every load matches the store before it.
#ifndef HEPH_RUNTIME_ACTOR_RECEIVED_H_
#define HEPH_RUNTIME_ACTOR_RECEIVED_H_

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace heph {

template <class M>
class Received {
 public:
  Received() noexcept {}
  Received(Received&& other) noexcept(std::is_nothrow_move_constructible_v<M>)
      : has_(other.has_) {
    if (has_) std::construct_at(&value_, std::move(other.value_));
  }
  Received(const Received& other)
    requires std::is_copy_constructible_v<M>
      : has_(other.has_) {
    if (has_) std::construct_at(&value_, other.value_);
  }
  Received& operator=(Received&&) = delete;
  ~Received()
    requires std::is_trivially_destructible_v<M>
  = default;
  ~Received() {
    if (has_) value_.~M();
  }

  // For the actor core: stores the message (none stored yet).
  template <class... Args>
  void emplace(Args&&... args) {
    std::construct_at(&value_, std::forward<Args>(args)...);
    has_ = true;
  }

  bool has_value() const { return has_; }
  explicit operator bool() const { return has_; }
  M& operator*() & { return value_; }
  const M& operator*() const& { return value_; }
  M&& operator*() && { return std::move(value_); }
  M* operator->() { return &value_; }
  const M* operator->() const { return &value_; }

  // As an optional (the message moved into it).
  operator std::optional<M>() && {
    if (!has_) return std::nullopt;
    return std::optional<M>(std::move(value_));
  }

 private:
  union {
    M value_;
  };
  bool has_ = false;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_RECEIVED_H_
