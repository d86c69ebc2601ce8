// tcp_echo_server: echoes every byte back to its sender.
//
//   bazel run //examples:tcp_echo_server -- [port]     # port 0 (default): any
//
// Listens on 127.0.0.1, prints "tcp_echo_server listening on 127.0.0.1:<port>",
// and stops on SIGINT or SIGTERM (exit code 0; connections still open are
// served until their clients close them). A second SIGINT or SIGTERM during
// that stops it at once (exit code 1, the reason on stderr).
#include <cstdlib>
#include <iostream>

#include "absl/status/status.h"
#include "runtime/actor/actor.h"
#include "runtime/net/tcp_server.h"
#include "runtime/rt/runtime.h"

heph::Async<absl::Status> Echo(heph::Context<heph::Signal>, heph::TcpStream client) {
  char buf[16384];
  for (;;) {
    absl::StatusOr<std::size_t> n = co_await client.read(buf);
    if (!n.ok()) co_return n.status();
    if (*n == 0) co_return absl::OkStatus();  // the client closed
    if (absl::Status w = co_await client.write_all(std::span<const char>(buf, *n)); !w.ok()) {
      co_return w;
    }
  }
}

int main(int argc, char** argv) {
  // First: from here on the runtime's signals are captured (a SIGTERM sent
  // once "listening" is printed is delivered when start() runs).
  heph::Runtime runtime({.name = "tcp_echo_server"});
  const int port = argc > 1 ? std::atoi(argv[1]) : 0;
  if (port < 0 || port > 65535) {
    std::cerr << "usage: tcp_echo_server [port]\n";
    return 2;
  }
  // A failing connection (e.g. reset by its client) is logged and stopped;
  // the server goes on.
  absl::StatusOr<std::unique_ptr<heph::TcpServer>> server = heph::TcpServer::Start(
      runtime, heph::SocketAddress::Loopback(static_cast<std::uint16_t>(port)),
      {.name = "tcp_echo_server"}, heph::StopSupervisor{}, &Echo);
  if (!server.ok()) {
    std::cerr << "tcp_echo_server: " << server.status() << "\n";
    return 1;
  }
  (*server)->receive_signals(runtime);
  std::cout << "tcp_echo_server listening on " << (*server)->address().ToString() << std::endl;
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "tcp_echo_server: " << s << "\n";
    return 1;
  }
  return 0;
}
