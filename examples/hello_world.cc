// The smallest Heph program: one actor that greets every name it receives.
#include <iostream>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

// An actor is a coroutine taking its context and its arguments.
heph::Async<absl::Status> Greeter(heph::Context<std::string> ctx, std::string greeting) {
  // receive_next() waits for a message; it ends the loop once the inbox is
  // empty and no reference to this actor remains.
  while (std::optional<std::string> name = co_await ctx.receive_next()) {
    std::cout << greeting << ", " << *name << "!" << std::endl;
  }
  co_return absl::OkStatus();
}

int main() {
  heph::Runtime runtime({.name = "hello_world"});
  heph::ActorRef<std::string> greeter =
      runtime.spawn(heph::SpawnOptions{.name = "greeter"}, heph::StopSupervisor{}, &Greeter,
                    std::string("Hello"));
  if (absl::Status s = greeter.try_send("World").status(); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  greeter = {};  // drop our reference: the greeter ends after its last message
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "runtime failed: " << s << "\n";
    return 1;
  }
  return 0;
}
