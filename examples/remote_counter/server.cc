// The remote counter, server side: the Counter actor of examples/counter
// (the same counter.capnp, the same handler) exported as the bootstrap
// capability of an address, so any Cap'n Proto RPC client can call it —
// examples/remote_counter/client.cc, or a client in any language.
//
//   server --listen=127.0.0.1:4000      (port 0: any free port; or unix:/path)
//
// Prints "listening on <address>" once it accepts, serves until SIGINT or
// SIGTERM, then stops gracefully (open connections close) and exits 0.
#include <iostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "examples/counter/counter.heph.h"
#include "examples/counter/counter.heph.remote.h"
#include "examples/counter/counter_impl.h"
#include "runtime/remote/bridge.h"
#include "runtime/rt/runtime.h"

namespace {

using examples::counter::CounterImpl;
using examples::counter::actors::Counter;
using examples::counter::actors::CounterRef;

int Usage(std::string_view why) {
  std::cerr << "server: " << why << "\nusage: server [--listen=HOST:PORT|unix:PATH]  (default 127.0.0.1:4000)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:4000";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--listen=", 0) == 0) {
      listen = arg.substr(9);
    } else {
      return Usage("unknown argument '" + std::string(arg) + "'");
    }
  }
  // The runtime first: it takes the exit signals before any thread starts.
  heph::Runtime runtime({.name = "remote_counter_server"});
  CounterRef counter = Counter::Spawn<CounterImpl>(runtime);
  absl::StatusOr<std::unique_ptr<heph::remote::RpcServer>> server =
      heph::remote::Serve(runtime, listen, counter);
  if (!server.ok()) {
    std::cerr << "server: " << server.status() << "\n";
    return 1;
  }
  // The export holds the only reference: the counter ends when the server
  // stops, and with it the runtime.
  counter = {};
  (*server)->receive_signals(runtime);
  std::cout << "listening on " << (*server)->address() << std::endl;
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "server: " << s << "\n";
    return 1;
  }
  std::cout << "stopped" << std::endl;
  return 0;
}
