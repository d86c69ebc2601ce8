#include "runtime/net/tcp_server.h"

#include <cstdio>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "runtime/rt/timer.h"

namespace heph {
namespace {

// What a worker's listener and acceptor share (both run on that worker).
struct ListenerState {
  TcpListener listener;
  TcpServer::ConnectionSpawner spawn;
  std::shared_ptr<TcpServer::Stats> stats;
  std::uint32_t worker = 0;
  std::string name;     // the server's
  std::string address;  // the bound address, as text
  absl::Duration backoff;
  bool nodelay = true;
  std::function<void(std::string_view)> log;

  void Log(const std::string& line) const {
    if (log) {
      log(line);
    } else {
      std::fprintf(stderr, "heph: %s\n", line.c_str());
    }
  }
};

// Accepts in a row at most this many connections, then lets the worker's
// other tasks (the new connections among them) run.
constexpr int kAcceptBurst = 64;

// This listener begins backing off; the first of the server's listeners to do
// so reports the back-off period.
void BeginBackoff(const ListenerState& st, const absl::Status& error) {
  if (st.stats->backing_off.fetch_add(1, std::memory_order_acq_rel) != 0) return;
  st.stats->backoff_began_ns.store(absl::ToUnixNanos(absl::Now()), std::memory_order_relaxed);
  // "accept on <address>: Too many open files" -> "accept: Too many open files".
  std::string_view what(error.message().data(), error.message().size());
  const std::string prefix = absl::StrCat("accept on ", st.address, ": ");
  if (what.starts_with(prefix)) what.remove_prefix(prefix.size());
  st.Log(absl::StrCat(st.name, " on ", st.address, ": accept: ", AsAbsl(what),
                      "; the server keeps running and retries accepting every ",
                      absl::ToInt64Milliseconds(st.backoff),
                      " ms (new connections wait in the backlog)"));
}

// This listener accepts again (or stops); the last one out of the back-off
// period reports its end, unless the server is stopping.
void EndBackoff(const ListenerState& st, bool accepting) {
  if (st.stats->backing_off.fetch_sub(1, std::memory_order_acq_rel) != 1 || !accepting) return;
  const absl::Duration d =
      absl::Now() - absl::FromUnixNanos(st.stats->backoff_began_ns.load(std::memory_order_relaxed));
  st.Log(absl::StrCat(st.name, " on ", st.address, ": accepting again after ",
                      absl::ToInt64Milliseconds(d), " ms of back-off"));
}

Async<absl::Status> Acceptor(Context<Signal>, std::shared_ptr<ListenerState> st) {
  int burst = 0;
  bool backing_off = false;
  for (;;) {
    absl::StatusOr<std::optional<TcpStream>> stream;
    if (!backing_off) {
      absl::StatusOr<TcpStream> next = co_await st->listener.accept();
      if (next.ok()) {
        stream = std::optional<TcpStream>(std::move(*next));
      } else {
        stream = next.status();
      }
    } else {
      // A stop during the pause takes effect when it ends (Cancelled).
      co_await Sleep(st->backoff);
      stream = st->listener.try_accept();
      // Accepting works again (a connection, or none waiting): the period
      // ends for this listener.
      if (stream.ok()) {
        backing_off = false;
        EndBackoff(*st, /*accepting=*/true);
      }
    }
    if (stream.ok()) {
      if (!*stream) continue;  // none waiting: wait in accept()
      st->stats->accepted[st->worker].fetch_add(1, std::memory_order_relaxed);
      // A failure here (the peer already reset the connection) shows up in
      // the connection actor's first read or write.
      if (st->nodelay) (void)(*stream)->set_nodelay(true);
      st->spawn(*Scheduler::current(), std::move(**stream));
      if (++burst == kAcceptBurst) {
        burst = 0;
        co_await YieldNow();
      }
      continue;
    }
    if (absl::IsCancelled(stream.status())) break;
    // E.g. EMFILE: the connection stays in the backlog and the listener stays
    // readable; back off instead of spinning on it.
    if (!backing_off) {
      backing_off = true;
      BeginBackoff(*st, stream.status());
    }
  }
  if (backing_off) EndBackoff(*st, /*accepting=*/false);
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
                                                                ConnectionSpawner spawn) {
  const std::uint32_t n = runtime.worker_count();
  std::vector<TcpListener> listeners;
  SocketAddress bind_to = address;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::optional<int> cpu;
    if (std::optional<unsigned> pinned = runtime.pinned_cpu(i)) cpu = static_cast<int>(*pinned);
    absl::StatusOr<TcpListener> l =
        TcpListener::Bind(bind_to, {.reuse_address = true,
                                    .reuse_port = true,
                                    .backlog = options.backlog,
                                    .incoming_cpu = cpu});
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
    st->stats = server->stats_;
    st->worker = i;
    st->name = std::string(options.name);
    st->address = bind_to.ToString();
    st->backoff = options.accept_backoff;
    st->nodelay = options.nodelay;
    server->listener_fds_.push_back(st->listener.fd());
    st->log = options.log;
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

int TcpServer::backing_off() const { return stats_->backing_off.load(std::memory_order_relaxed); }

std::uint64_t TcpServer::accepted() const {
  std::uint64_t sum = 0;
  for (const auto& a : stats_->accepted) sum += a.load(std::memory_order_relaxed);
  return sum;
}

}  // namespace heph
