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
// by a copy of `supervisor`.
//
// Accepted connections get TCP_NODELAY (Nagle off: a request/response
// protocol's small writes leave at once), unless TcpServerOptions::nodelay is
// false. When the Runtime pins its workers to CPUs (RuntimeOptions::
// pin_workers), each worker's listening socket sets SO_INCOMING_CPU to its
// worker's CPU, so the kernel prefers the listener whose worker runs on the
// CPU that processed the connection's packets (Linux; elsewhere the option
// does not exist and nothing is set).
//
// Accept errors never stop the server. When accept fails (out of file
// descriptors: EMFILE, ENFILE; or ENOBUFS, ENOMEM, ...) the listener backs
// off: it stops accepting for `accept_backoff` (100 ms by default, as nginx
// does) and tries again, for as long as it takes. New connections wait in the
// kernel's backlog meanwhile; connections already accepted go on being served;
// a stop during a pause takes effect when the pause ends. The server reports
// each back-off period once, however long it lasts and however many workers
// are in it, with one line when it begins and one when accepting works again,
// through `TcpServerOptions::log` (stderr by default):
//
//   heph: echo on 127.0.0.1:7000: accept: Too many open files; the server keeps
//     running and retries accepting every 100 ms (new connections wait in the backlog)
//   heph: echo on 127.0.0.1:7000: accepting again after 2350 ms of back-off
//
// (one line each). A back-off period lasts from the first failing accept until
// a retry finds accepting works again (a connection, or none waiting) on every
// listener that was backing off. A server hovering at its limit may begin a
// new period soon after one ends; a period lasts at least `accept_backoff`, so
// that is at most two lines per `accept_backoff`.
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
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/net/address.h"
#include "runtime/net/tcp.h"
#include "runtime/rt/runtime.h"

namespace heph {

struct TcpServerOptions {
  // Names the listener actors and appears in the server's log lines.
  std::string_view name = "tcp_server";
  // Spawn options of connection actors.
  SpawnOptions connection = {.name = "tcp_connection"};
  int backlog = 1024;
  // TCP_NODELAY on every accepted connection.
  bool nodelay = true;
  // After a failing accept, the listener waits this long before it tries
  // again (see the top of this file).
  absl::Duration accept_backoff = absl::Milliseconds(100);
  // Receives the server's log lines (no trailing newline), from its workers'
  // threads. Empty: "heph: <line>" on stderr.
  std::function<void(std::string_view)> log;
};

class TcpServer {
 public:
  // Spawns a connection actor for an accepted stream on the given scheduler.
  using ConnectionSpawner = std::function<void(Scheduler&, TcpStream)>;

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
    return StartImpl(runtime, address, options, std::move(spawn));
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

  // Worker i's listening socket, for inspection (getsockopt); valid until the
  // server stops.
  int listener_fd(std::uint32_t worker) const { return listener_fds_[worker]; }

  // Connections accepted so far by worker i's listener (any thread).
  std::uint64_t accepted_on(std::uint32_t worker) const;
  std::uint64_t accepted() const;

  // Listeners currently backing off accept (out of descriptors, ...).
  int backing_off() const;

  struct Stats {
    explicit Stats(std::size_t n) : accepted(n) {}
    std::vector<std::atomic<std::uint64_t>> accepted;
    // The back-off period (see the top of this file): how many listeners are
    // in it, and when it began (absl::Time in Unix nanoseconds).
    std::atomic<int> backing_off{0};
    std::atomic<std::int64_t> backoff_began_ns{0};
  };

 private:
  TcpServer() = default;
  static absl::StatusOr<std::unique_ptr<TcpServer>> StartImpl(Runtime& runtime,
                                                              const SocketAddress& address,
                                                              const TcpServerOptions& options,
                                                              ConnectionSpawner spawn);

  SocketAddress address_;
  std::vector<ActorRef<Signal>> listeners_;
  std::vector<int> listener_fds_;
  std::shared_ptr<Stats> stats_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_TCP_SERVER_H_
