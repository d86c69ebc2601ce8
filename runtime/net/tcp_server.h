// tcp_server.h — a TCP server in the nginx style on a heph::Runtime.
//
//   heph::Async<absl::Status> Echo(heph::Context<heph::Signal> ctx, heph::TcpStream s);
//   absl::StatusOr<std::unique_ptr<heph::TcpServer>> server = heph::TcpServer::Start(
//       runtime, *heph::SocketAddress::Parse("127.0.0.1:0"), {}, heph::StopSupervisor{}, &Echo);
//   (*server)->receive_signals(runtime);   // INT/TERM/QUIT stop it
//   runtime.start();
//
// One listening socket PER WORKER, all on the same address with SO_REUSEADDR +
// SO_REUSEPORT (the kernel spreads connections over them; port 0 is resolved
// by the first bind and every other worker binds that port). On each worker a
// listener actor (messages: heph::Signal) owns the socket, and an acceptor
// actor on the same worker accepts and spawns one connection actor per
// connection, on that worker: fn(Context<M>, TcpStream, args...), supervised
// by a copy of `supervisor`. An accept error (e.g. out of descriptors) goes to
// that supervisor too (its decision is ignored) and the server keeps going
// after a 10 ms pause; it never stops the server.
//
// The server stops on an exit signal (INT, TERM, QUIT: from stop(), or the
// Runtime's signals after receive_signals) or once every reference to its
// listener actors is gone (this object and the Runtime's signal list): it
// closes its sockets on their workers; connections already accepted go on
// until their actors end.
#ifndef HEPH_RUNTIME_NET_TCP_SERVER_H_
#define HEPH_RUNTIME_NET_TCP_SERVER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/actor.h"
#include "runtime/net/address.h"
#include "runtime/net/tcp.h"
#include "runtime/rt/runtime.h"

namespace heph {

struct TcpServerOptions {
  // Names the listener actors and appears in accept errors.
  std::string_view name = "tcp_server";
  // Spawn options of connection actors.
  SpawnOptions connection = {.name = "tcp_connection"};
  int backlog = 1024;
};

class TcpServer {
 public:
  // Spawns a connection actor for an accepted stream on the given scheduler.
  using ConnectionSpawner = std::function<void(Scheduler&, TcpStream)>;
  // Receives accept errors.
  using ErrorSink = std::function<void(const absl::Status&)>;

  template <class M, class Sup, class... Params, class... A>
  static absl::StatusOr<std::unique_ptr<TcpServer>> Start(
      Runtime& runtime, const SocketAddress& address, TcpServerOptions options, Sup supervisor,
      ActorFn<M, TcpStream, Params...> fn, A&&... args) {
    const SpawnOptions conn = options.connection;
    ConnectionSpawner spawn = [supervisor, fn, conn,
                               bound = std::tuple<Params...>(std::forward<A>(args)...)](
                                  Scheduler& s, TcpStream stream) {
      std::apply(
          [&](const Params&... p) { Spawn(s, conn, supervisor, fn, std::move(stream), p...); },
          bound);
    };
    // The sink outlives Start(): it keeps its own copy of the name.
    ErrorSink errors = [supervisor, name = std::string(options.name)](const absl::Status& s) mutable {
      (void)supervisor(name, s);
    };
    return StartImpl(runtime, address, options, std::move(spawn), std::move(errors));
  }

  ~TcpServer();
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  // The bound address; port() is the resolved port.
  const SocketAddress& address() const { return address_; }
  std::uint16_t port() const { return address_.port(); }

  // Any thread: asks every listener to stop (Signal::kTerminate).
  void stop();
  // Exit signals the Runtime receives stop the server.
  void receive_signals(Runtime& runtime);
  // The listener actors, one per worker.
  const std::vector<ActorRef<Signal>>& listeners() const { return listeners_; }

  // Connections accepted so far by worker i's listener (any thread).
  std::uint64_t accepted_on(std::uint32_t worker) const;
  std::uint64_t accepted() const;

  struct Stats {
    explicit Stats(std::size_t n) : accepted(n) {}
    std::vector<std::atomic<std::uint64_t>> accepted;
  };

 private:
  TcpServer() = default;
  static absl::StatusOr<std::unique_ptr<TcpServer>> StartImpl(Runtime& runtime,
                                                              const SocketAddress& address,
                                                              const TcpServerOptions& options,
                                                              ConnectionSpawner spawn,
                                                              ErrorSink errors);

  SocketAddress address_;
  std::vector<ActorRef<Signal>> listeners_;
  std::shared_ptr<Stats> stats_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_TCP_SERVER_H_
