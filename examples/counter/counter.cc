// The counter example: an actor implementing the Counter protocol generated
// from counter.capnp, and a client actor calling it through a typed reference.
#include <cstdint>
#include <iostream>

#include "absl/status/status.h"
#include "examples/counter/counter.heph.h"
#include "examples/counter/counter_impl.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"

namespace {

using examples::counter::actors::Counter;
using examples::counter::CounterImpl;
using examples::counter::actors::CounterRef;

heph::Async<absl::Status> Client(heph::Context<int>, CounterRef counter) {
  for (std::uint64_t i = 1; i <= 10; ++i) {
    if (absl::Status s = co_await counter.add(i); !s.ok()) co_return s;
  }
  absl::StatusOr<Counter::GetResults> total = co_await counter.get();
  if (!total.ok()) co_return total.status();
  std::cout << "total: " << total->value << std::endl;
  co_return absl::OkStatus();
}

}  // namespace

int main() {
  heph::Runtime runtime({.name = "counter"});
  // Named "Counter", with the protocol's inbox capacity ($Heph.inboxCapacity).
  CounterRef counter = Counter::Spawn<CounterImpl>(runtime);
  runtime.spawn(heph::SpawnOptions{.name = "client"}, heph::StopSupervisor{}, &Client, counter);
  counter = {};  // the counter ends once the client's reference is gone too
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "runtime failed: " << s << "\n";
    return 1;
  }
  return 0;
}
