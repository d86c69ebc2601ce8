#include "runtime/net/tcp_server.h"

#include "absl/strings/str_cat.h"
#include "runtime/rt/timer.h"

namespace heph {
namespace {

// What a worker's listener and acceptor share (both run on that worker).
struct ListenerState {
  TcpListener listener;
  TcpServer::ConnectionSpawner spawn;
  TcpServer::ErrorSink errors;
  std::shared_ptr<TcpServer::Stats> stats;
  std::uint32_t worker = 0;
};

// Accepts in a row at most this many connections, then lets the worker's
// other tasks (the new connections among them) run.
constexpr int kAcceptBurst = 64;

Async<absl::Status> Acceptor(Context<Signal>, std::shared_ptr<ListenerState> st) {
  int burst = 0;
  for (;;) {
    absl::StatusOr<TcpStream> stream = co_await st->listener.accept();
    if (stream.ok()) {
      st->stats->accepted[st->worker].fetch_add(1, std::memory_order_relaxed);
      st->spawn(*Scheduler::current(), std::move(*stream));
      if (++burst == kAcceptBurst) {
        burst = 0;
        co_await YieldNow();
      }
      continue;
    }
    if (absl::IsCancelled(stream.status())) break;
    st->errors(stream.status());
    // E.g. EMFILE: the connection stays in the backlog; do not spin on it.
    co_await Sleep(absl::Milliseconds(10));
  }
  st->listener.close();
  co_return absl::OkStatus();
}

Async<absl::Status> Listener(Context<Signal> ctx, std::shared_ptr<ListenerState> st) {
  // The acceptor runs on this worker; it holds no reference to us.
  (void)Spawn(ctx.scheduler(), SpawnOptions{.name = "tcp_acceptor"}, StopSupervisor{}, &Acceptor,
              st);
  while (std::optional<Signal> s = co_await ctx.receive_next()) {
    if (IsExitSignal(*s)) break;
  }
  // Wakes the acceptor, which closes the socket on its way out.
  st->listener.cancel();
  co_return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<TcpServer>> TcpServer::StartImpl(Runtime& runtime,
                                                                const SocketAddress& address,
                                                                const TcpServerOptions& options,
                                                                ConnectionSpawner spawn,
                                                                ErrorSink errors) {
  const std::uint32_t n = runtime.worker_count();
  std::vector<TcpListener> listeners;
  SocketAddress bind_to = address;
  for (std::uint32_t i = 0; i < n; ++i) {
    absl::StatusOr<TcpListener> l = TcpListener::Bind(
        bind_to, {.reuse_address = true, .reuse_port = true, .backlog = options.backlog});
    if (!l.ok()) {
      return absl::Status(l.status().code(), absl::StrCat(AsAbsl(options.name), ": listener ", i,
                                                          " of ", n, ": ", l.status().message()));
    }
    if (i == 0) bind_to.set_port(l->port());
    listeners.push_back(std::move(*l));
  }
  std::unique_ptr<TcpServer> server(new TcpServer());
  server->address_ = bind_to;
  server->stats_ = std::make_shared<Stats>(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto st = std::make_shared<ListenerState>();
    st->listener = std::move(listeners[i]);
    st->spawn = spawn;  // a copy per worker: no state shared across threads
    st->errors = errors;
    st->stats = server->stats_;
    st->worker = i;
    server->listeners_.push_back(runtime.spawn_on(i, SpawnOptions{.name = options.name},
                                                  StopSupervisor{}, &Listener, std::move(st)));
  }
  return server;
}

TcpServer::~TcpServer() = default;

void TcpServer::stop() {
  for (const ActorRef<Signal>& l : listeners_) (void)l.try_send(Signal::kTerminate);
}

void TcpServer::receive_signals(Runtime& runtime) {
  for (const ActorRef<Signal>& l : listeners_) runtime.receive_signals(l);
}

std::uint64_t TcpServer::accepted_on(std::uint32_t worker) const {
  return stats_->accepted[worker].load(std::memory_order_relaxed);
}

std::uint64_t TcpServer::accepted() const {
  std::uint64_t sum = 0;
  for (const auto& a : stats_->accepted) sum += a.load(std::memory_order_relaxed);
  return sum;
}

}  // namespace heph
