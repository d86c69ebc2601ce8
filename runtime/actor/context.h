// context.h — Context<M>: what an actor function receives first.
//
//   heph::Async<absl::Status> Greeter(heph::Context<std::string> ctx, std::string greeting) {
//     while (std::optional<std::string> name = co_await ctx.receive_next()) {
//       std::cout << greeting << ", " << *name << "!\n";
//     }
//     co_return absl::OkStatus();  // no more messages: every reference is gone
//   }
//
// A Context is a small handle (one pointer) to the running actor, valid for
// the actor's whole life, across restarts. Only the actor itself may receive.
#ifndef HEPH_RUNTIME_ACTOR_CONTEXT_H_
#define HEPH_RUNTIME_ACTOR_CONTEXT_H_

#include <coroutine>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "runtime/actor/actor_cell.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/received.h"

namespace heph {

template <class M>
class Context {
 public:
  using Message = M;

  explicit Context(ActorCell<M>* cell) : cell_(cell) {}

  class ReceiveAwaiter {
   public:
    explicit ReceiveAwaiter(ActorCell<M>* cell) : cell_(cell) {}
    bool await_ready() const { return cell_->receive_ready(); }
    bool await_suspend(std::coroutine_handle<> h) { return !cell_->park_receiver(h); }
    Received<M> await_resume() { return cell_->template take_message<Received<M>>(); }

   private:
    ActorCell<M>* cell_;
  };

  // Waits for the next message. Yields an empty Received<M> ("no more
  // messages") once the inbox is empty and no reference to this actor
  // remains. Received<M> reads like, and converts to, std::optional<M>.
  ReceiveAwaiter receive_next() { return ReceiveAwaiter(cell_); }

  // Never waits.
  TryReceiveResult<M> try_receive_next() { return cell_->try_receive(); }

  // A new reference to this actor.
  ActorRef<M> self() const { return ActorRef<M>::ForCell(cell_); }

  std::string_view name() const { return cell_->name(); }
  Scheduler& scheduler() const { return *cell_->scheduler(); }

 private:
  ActorCell<M>* cell_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_CONTEXT_H_
