// Message types the actor core rejects at compile time, one case per macro
// (compile_fail_test.sh compiles this file once per case and checks the
// compiler's error names the rule). Without a case macro the file shows the
// accepted versions of the same shapes and must compile.
//
// The rule (message_type.h): messages, rpc requests and responses, and map<N>()
// conversions must not throw while they move into an inbox or a reply slot.
#include <deque>
#include <string>

#include "runtime/actor/actor.h"

namespace {

// A move that may throw: rejected.
struct ThrowingMove {
  ThrowingMove() = default;
  ThrowingMove(ThrowingMove&&) noexcept(false) {}
};
// The common trap: a user-declared copy constructor suppresses the implicit
// move, so a "move" is a copy, which may throw.
struct CopyOnly {
  CopyOnly() = default;
  CopyOnly(const CopyOnly& other) : text(other.text) {}
  std::string text;
};
// A conversion that may throw, for map<N>().
struct Converted {
  Converted(const char* s) : text(s) {}  // NOLINT: conversion on purpose
  std::string text;
};
// Accepted: plain structs, and explicit noexcept moves and conversions.
struct Plain {
  std::string text;
  std::deque<int>* not_owned = nullptr;
};
struct NoexceptConverted {
  NoexceptConverted(int v) noexcept : value(v) {}  // NOLINT
  int value;
};

heph::Async<absl::Status> Use(heph::Scheduler& scheduler) {
#if defined(CASE_THROWING_MOVE_SEND)
  heph::ActorRef<ThrowingMove> ref;
  (void)ref.try_send(ThrowingMove{});
#elif defined(CASE_THROWING_MOVE_SPAWN)
  heph::ActorRef<ThrowingMove> ref = heph::Spawn(
      scheduler, heph::StopSupervisor{},
      +[](heph::Context<ThrowingMove> ctx) -> heph::Async<absl::Status> {
        while (auto m = co_await ctx.receive_next()) {
        }
        co_return absl::OkStatus();
      });
#elif defined(CASE_COPY_ONLY)
  heph::ActorRef<CopyOnly> ref;
  co_await ref.send(CopyOnly{});
#elif defined(CASE_STD_DEQUE)
  heph::ActorRef<std::deque<int>> ref;  // libstdc++'s deque allocates when moved
  (void)ref.try_send({});
#elif defined(CASE_THROWING_MAP)
  heph::ActorRef<Converted> ref;
  heph::ActorRef<const char*> mapped = ref.map<const char*>();
#elif defined(CASE_THROWING_RPC_REQUEST)
  heph::ActorRef<heph::RpcMessage<CopyOnly, int>> ref;
  absl::StatusOr<int> r = co_await ref.rpc<int>(CopyOnly{});
#elif defined(CASE_THROWING_RPC_RESPONSE)
  heph::ActorRef<heph::RpcMessage<int, CopyOnly>> ref;
  absl::StatusOr<CopyOnly> r = co_await ref.rpc<CopyOnly>(1);
#else
  heph::ActorRef<Plain> plain = heph::Spawn(
      scheduler, heph::StopSupervisor{},
      +[](heph::Context<Plain> ctx) -> heph::Async<absl::Status> {
        while (auto m = co_await ctx.receive_next()) {
        }
        co_return absl::OkStatus();
      });
  (void)plain.try_send(Plain{});
  co_await plain.send(Plain{});
  heph::ActorRef<NoexceptConverted> converted;
  heph::ActorRef<int> mapped = converted.map<int>();
  (void)mapped.try_send(1);
  heph::ActorRef<heph::RpcMessage<Plain, std::string>> server;
  absl::StatusOr<std::string> r = co_await server.rpc<std::string>(Plain{});
#endif
  (void)scheduler;
  co_return absl::OkStatus();
}

}  // namespace

heph::Async<absl::Status> (*keep)(heph::Scheduler&) = &Use;
