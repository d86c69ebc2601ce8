// The remote counter, client side: connects to a server serving Counter
// (examples/remote_counter/server.cc) and uses it through the same generated
// CounterRef a local actor would: add 1..10, then get.
//
//   client --connect=127.0.0.1:4000      (or unix:/path)
//
// Prints "total=<n>" (the server's total: 55 after the first client), or the
// error naming the address, and exits 1 on failure.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "examples/counter/counter.heph.h"
#include "examples/counter/counter.heph.remote.h"
#include "runtime/actor/actor.h"
#include "runtime/remote/bridge.h"
#include "runtime/rt/runtime.h"

namespace {

using examples::counter::actors::Counter;
using examples::counter::actors::CounterRef;

// Nothing here knows the counter is remote, except how the reference is made.
heph::Async<absl::Status> UseCounter(CounterRef counter) {
  for (std::uint64_t i = 1; i <= 10; ++i) {
    if (absl::Status s = co_await counter.add(i); !s.ok()) co_return s;
  }
  absl::StatusOr<Counter::GetResults> total = co_await counter.get();
  if (!total.ok()) co_return total.status();
  std::cout << "total=" << total->value << std::endl;
  co_return absl::OkStatus();
}

heph::Async<absl::Status> Client(heph::Context<heph::NoMessages>, std::string address,
                                 std::shared_ptr<absl::Status> result) {
  absl::StatusOr<CounterRef> counter = co_await heph::remote::Connect<Counter>(address);
  if (!counter.ok()) {
    *result = counter.status();
    co_return absl::OkStatus();
  }
  *result = co_await UseCounter(*counter);
  co_return absl::OkStatus();
}

int Usage(std::string_view why) {
  std::cerr << "client: " << why << "\nusage: client [--connect=HOST:PORT|unix:PATH]  (default 127.0.0.1:4000)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string address = "127.0.0.1:4000";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--connect=", 0) == 0) {
      address = arg.substr(10);
    } else {
      return Usage("unknown argument '" + std::string(arg) + "'");
    }
  }
  heph::Runtime runtime({.name = "remote_counter_client", .workers = 1});
  auto result = std::make_shared<absl::Status>();
  runtime.spawn(heph::SpawnOptions{.name = "client"}, heph::StopSupervisor{}, &Client, address, result);
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "client: " << s << "\n";
    return 1;
  }
  if (!result->ok()) {
    std::cerr << "client: " << *result << "\n";
    return 1;
  }
  return 0;
}
