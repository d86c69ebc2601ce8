// spawn.h — starting actors.
//
//   heph::Async<absl::Status> Counter(heph::Context<int> ctx, int start);
//   heph::ActorRef<int> ref = heph::Spawn(scheduler, heph::StopSupervisor{}, &Counter, 0);
//   heph::ActorRef<int> big = heph::Spawn(scheduler, {.name = "counter", .inbox_capacity = 32},
//                                         heph::StopSupervisor{}, &Counter, 0);
//
// An actor function takes a Context<M> and its arguments and returns
// Async<absl::Status>. Spawn allocates the actor (one allocation for its
// state, one for its coroutine frame; the inbox's slots come with the first
// message), hands it to the scheduler, which runs it first on its own
// thread, and returns a reference.
//
// When the function returns an error or throws, the supervisor decides (see
// supervisor.h). The inbox, and the messages in it, survive a restart.
#ifndef HEPH_RUNTIME_ACTOR_SPAWN_H_
#define HEPH_RUNTIME_ACTOR_SPAWN_H_

#include <cstddef>
#include <cstdint>
#include <exception>
#include <new>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/actor/actor_cell.h"
#include "runtime/actor/actor_ref.h"
#include "runtime/actor/async.h"
#include "runtime/actor/context.h"
#include "runtime/actor/small_alloc.h"
#include "runtime/actor/supervisor.h"
#include "runtime/actor/task.h"

namespace heph {

struct SpawnOptions {
  // Used in errors and logs. Must outlive the actor (a literal, typically).
  std::string_view name = "actor";
  // Rounded up to a power of two, at most kMaxInboxCapacity.
  std::uint32_t inbox_capacity = kDefaultInboxCapacity;
  // Its share of its worker when several actors are ready (task.h): HIGH
  // runs about 1.5x as often as NORMAL, NORMAL 1.5x as often as LOW.
  Priority priority = Priority::kNormal;
};

template <class M, class... Args>
using ActorFn = Async<absl::Status> (*)(Context<M>, Args...);

namespace internal {

// Turns an exception thrown by restarting an actor into the status its
// supervisor's on_restart_error gets.
inline absl::Status RestartError(std::string_view actor, std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return absl::InternalError(absl::StrCat("restarting actor '", AsAbsl(actor), "' threw: ", ex.what()));
  } catch (...) {
    return absl::InternalError(absl::StrCat("restarting actor '", AsAbsl(actor), "' threw a non-std exception"));
  }
}

// Turns an exception escaping an actor into the status its supervisor gets.
inline absl::Status StatusFromException(std::string_view actor, std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return absl::InternalError(absl::StrCat("actor '", AsAbsl(actor), "' threw: ", ex.what()));
  } catch (...) {
    return absl::InternalError(absl::StrCat("actor '", AsAbsl(actor), "' threw a non-std exception"));
  }
}

template <class M, class Sup, class... Args>
class SupervisedCell final : public ActorCell<M> {
 public:
  using Fn = ActorFn<M, Args...>;

  static SupervisedCell* Create(const SpawnOptions& options, Fn fn, Sup supervisor) {
    return new SupervisedCell(options.name, InboxCapacityFor(options.inbox_capacity), fn,
                              std::move(supervisor));
  }

  static void* operator new(std::size_t size) { return SmallAlloc::Allocate(size); }
  static void operator delete(void* p, std::size_t size) noexcept { SmallAlloc::Free(p, size); }

  void start(Args... args) {
    this->top_ = fn_(Context<M>(this), std::move(args)...).release();
    this->resume_point_ = this->top_;
  }

 private:
  SupervisedCell(std::string_view name, std::uint32_t capacity, Fn fn, Sup sup)
      : ActorCell<M>(name, capacity), fn_(fn), supervisor_(std::move(sup)) {}
  ~SupervisedCell() override {
    if (this->top_) this->top_.destroy();
  }

  bool on_coroutine_done() override {
    auto& promise = this->top_.promise();
    absl::Status status = promise.failed()
                              ? StatusFromException(this->name(), promise.take_exception())
                              : std::move(*promise.value());
    const bool threw = promise.failed();
    this->top_.destroy();
    this->top_ = nullptr;
    if (status.ok()) {
      end();
      return true;
    }
    SupervisorStrategy<Args...> decision = threw ? decide_on_exception(status) : supervisor_(this->name(), status);
    if (!decision.is_restart()) {
      end();
      return true;
    }
    // A restart that throws (its frame or an argument) goes to
    // on_restart_error; one that fails again after that stops the actor.
    absl::Status error;
    if (restarted(decision, error)) return false;
    SupervisorStrategy<Args...> retry = decide_on_restart_error(error);
    if (retry.is_restart()) {
      if (restarted(retry, error)) return false;
      LogActorFailure(this->name(), error, "the restart failed again, stopping it");
    }
    end();
    return true;
  }

  // Starts the actor function again with the decision's arguments; false
  // with `error` set if that threw.
  bool restarted(SupervisorStrategy<Args...>& decision, absl::Status& error) {
    try {
      std::apply([this](Args&... args) { start(std::move(args)...); }, decision.restart_args());
    } catch (...) {
      error = RestartError(this->name(), std::current_exception());
      return false;
    }
    this->scheduler_->wake(this);
    return true;
  }

  SupervisorStrategy<Args...> decide_on_exception(const absl::Status& error) {
    if constexpr (requires { supervisor_.on_exception(this->name(), error); }) {
      return supervisor_.on_exception(this->name(), error);
    } else {
      LogActorFailure(this->name(), error, "stopping it (the supervisor has no on_exception)");
      return StopActor{};
    }
  }
  SupervisorStrategy<Args...> decide_on_restart_error(const absl::Status& error) {
    if constexpr (requires { supervisor_.on_restart_error(this->name(), error); }) {
      return supervisor_.on_restart_error(this->name(), error);
    } else {
      LogActorFailure(this->name(), error, "stopping it (the supervisor has no on_restart_error)");
      return StopActor{};
    }
  }

  void abandon() override {
    if (this->top_) {
      this->top_.destroy();
      this->top_ = nullptr;
    }
    this->receiving_ = false;
    end();
  }

  void forget() override { this->release(); }

  void end() {
    this->finish();
    this->inbox_.drain();
  }

  void destroy_self() override { delete this; }

  Fn fn_;
  [[no_unique_address]] Sup supervisor_;
};

}  // namespace internal

template <class M, class Sup, class... Params, class... A>
ActorRef<M> Spawn(Scheduler& scheduler, const SpawnOptions& options, Sup supervisor,
                  ActorFn<M, Params...> fn, A&&... args) {
  // Checked here, so the compiler's error points at the caller's spawn.
  static_assert(sizeof...(A) == sizeof...(Params),
                "heph::Spawn: give as many arguments as the actor function has parameters after its "
                "Context");
  if constexpr (sizeof...(A) == sizeof...(Params)) {
    static_assert((std::is_constructible_v<Params, A&&> && ...),
                  "heph::Spawn: an argument does not convert to the actor function's parameter");
  }
  static_assert(std::is_invocable_r_v<SupervisorStrategy<Params...>, Sup&, std::string_view, const absl::Status&>,
                "heph::Spawn: the supervisor does not fit this actor: it must be callable as "
                "SupervisorStrategy<Args...>(std::string_view actor, const absl::Status& error), Args being "
                "the actor function's parameters after its Context (StopSupervisor fits any actor; "
                "RestartSupervisor<Args...> needs the same Args)");
  using Cell = internal::SupervisedCell<M, Sup, Params...>;
  Cell* cell = Cell::Create(options, fn, std::move(supervisor));
  cell->priority_ = options.priority;
  ActorRef<M> ref = ActorRef<M>::AdoptNewCell(cell);
  cell->start(Params(std::forward<A>(args))...);
  scheduler.adopt(cell);
  return ref;
}

template <class M, class Sup, class... Params, class... A>
ActorRef<M> Spawn(Scheduler& scheduler, Sup supervisor, ActorFn<M, Params...> fn, A&&... args) {
  return Spawn(scheduler, SpawnOptions{}, std::move(supervisor), fn, std::forward<A>(args)...);
}

namespace internal {
template <class T>
inline constexpr bool kIsActorFn = false;
template <class M, class... Params>
inline constexpr bool kIsActorFn<ActorFn<M, Params...>> = true;
template <class F>
concept ConvertsToActorFn = requires(F f) { requires kIsActorFn<decltype(+f)>; };
}  // namespace internal

// An actor given as a lambda: one without captures converts to its function
// pointer (no leading + needed); any other callable is an error that says why.
template <class Sup, class F, class... A>
  requires(!std::is_pointer_v<std::decay_t<F>>)
auto Spawn(Scheduler& scheduler, const SpawnOptions& options, Sup supervisor, F&& fn, A&&... args) {
  static_assert(internal::ConvertsToActorFn<std::decay_t<F>>,
                "heph::Spawn: an actor is a function `heph::Async<absl::Status> f(heph::Context<M>, Args...)`: "
                "a plain function, or a lambda without captures. A capturing lambda cannot be an actor (its "
                "captures would not survive a restart, nor outlive the spawning scope): pass what it "
                "captures as the actor's arguments");
  if constexpr (internal::ConvertsToActorFn<std::decay_t<F>>) {
    return Spawn(scheduler, options, std::move(supervisor), +fn, std::forward<A>(args)...);
  }
}
template <class Sup, class F, class... A>
  requires(!std::is_pointer_v<std::decay_t<F>> && !std::is_convertible_v<Sup, const SpawnOptions&>)
auto Spawn(Scheduler& scheduler, Sup supervisor, F&& fn, A&&... args) {
  return Spawn(scheduler, SpawnOptions{}, std::move(supervisor), std::forward<F>(fn), std::forward<A>(args)...);
}

}  // namespace heph

#endif  // HEPH_RUNTIME_ACTOR_SPAWN_H_
