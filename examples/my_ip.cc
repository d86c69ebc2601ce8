// my_ip: a TCP server that answers each client with the client's own address
// ("127.0.0.1:53422\n") and closes the connection — Heph's "my ip" example.
//
//   bazel run //examples:my_ip -- [port]     # port 0 (default): any free port
//
// Listens on 127.0.0.1, prints "my_ip listening on 127.0.0.1:<port>", and
// stops on SIGINT or SIGTERM (exit code 0). One listening socket per worker
// (heph::TcpServer); each connection is an actor on the worker that accepted it.
#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/status/status.h"
#include "runtime/actor/actor.h"
#include "runtime/net/tcp_server.h"
#include "runtime/rt/runtime.h"

heph::Async<absl::Status> AnswerAddress(heph::Context<heph::Signal>, heph::TcpStream client) {
  const std::string answer = client.peer_address().ToString() + "\n";
  co_return co_await client.write_all(answer);
}

int main(int argc, char** argv) {
  // First: from here on the runtime's signals are captured (a SIGTERM sent
  // once "listening" is printed is delivered when start() runs).
  heph::Runtime runtime({.name = "my_ip"});
  const int port = argc > 1 ? std::atoi(argv[1]) : 0;
  if (port < 0 || port > 65535) {
    std::cerr << "usage: my_ip [port]\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<heph::TcpServer>> server = heph::TcpServer::Start(
      runtime, heph::SocketAddress::Loopback(static_cast<std::uint16_t>(port)),
      {.name = "my_ip"}, heph::StopSupervisor{}, &AnswerAddress);
  if (!server.ok()) {
    std::cerr << "my_ip: " << server.status() << "\n";
    return 1;
  }
  (*server)->receive_signals(runtime);  // INT/TERM stop the listeners
  std::cout << "my_ip listening on " << (*server)->address().ToString() << std::endl;
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "my_ip: " << s << "\n";
    return 1;
  }
  return 0;
}
