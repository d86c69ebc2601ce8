// kv_server: a Redis-compatible key-value server built from actors (issue
// 14): RESP2 over TCP with pipelining, one shard actor per worker owning the
// keys that hash to it, one connection actor per client on the worker that
// accepted it. redis-cli and redis-benchmark talk to it unchanged.
//
//   kv_server [--port=6379] [--workers=N] [--bind=127.0.0.1]
//             [--dir=DATA_DIR [--appendfsync=everysec|always|no]]
//             [--maxclients=10000] [--client-output-limit=BYTES]
//             [--idle-spin-us=100]
//
// With --dir, each shard keeps an append-only file there (aof.h), replayed
// at start-up. Prints "kv_server listening on 127.0.0.1:<port> (N workers)";
// SIGINT or SIGTERM stops accepting, lets open connections finish, writes
// and syncs the files, and exits 0.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "examples/kv/server.h"
#include "runtime/net/tcp_server.h"
#include "runtime/rt/runtime.h"

namespace {

int Usage(std::string_view why) {
  std::cerr << "kv_server: " << why
            << "\nusage: kv_server [--port=6379] [--workers=N] [--bind=127.0.0.1]"
               " [--dir=DATA_DIR [--appendfsync=everysec|always|no]]"
               " [--maxclients=10000] [--client-output-limit=536870912] [--idle-spin-us=100]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint32_t port = 6379;
  std::uint32_t workers = 0;  // one per CPU
  std::string bind = "127.0.0.1";
  kv::PersistenceOptions persistence;
  kv::ClientLimits limits;
  std::optional<std::uint32_t> idle_spin_us;  // the runtime's default
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string_view> {
      if (arg.rfind(flag, 0) == 0) return arg.substr(flag.size());
      return std::nullopt;
    };
    if (auto v = value("--port=")) {
      if (!absl::SimpleAtoi(absl::string_view(v->data(), v->size()), &port) || port > 65535) {
        return Usage("bad --port");
      }
    } else if (auto w = value("--workers=")) {
      if (!absl::SimpleAtoi(absl::string_view(w->data(), w->size()), &workers) || workers == 0 ||
          workers > 1024) {
        return Usage("bad --workers (1 to 1024)");
      }
    } else if (auto b = value("--bind=")) {
      bind = std::string(*b);
    } else if (auto d = value("--dir=")) {
      persistence.dir = std::string(*d);
    } else if (auto f = value("--appendfsync=")) {
      absl::StatusOr<kv::FsyncPolicy> policy = kv::ParseFsyncPolicy(*f);
      if (!policy.ok()) return Usage(std::string(policy.status().message()));
      persistence.fsync = *policy;
    } else if (auto m = value("--maxclients=")) {
      if (!absl::SimpleAtoi(absl::string_view(m->data(), m->size()), &limits.max_clients) ||
          limits.max_clients == 0) {
        return Usage("bad --maxclients (at least 1)");
      }
    } else if (auto o = value("--client-output-limit=")) {
      if (!absl::SimpleAtoi(absl::string_view(o->data(), o->size()), &limits.max_output) ||
          limits.max_output == 0) {
        return Usage("bad --client-output-limit (bytes, at least 1)");
      }
    } else if (auto sp = value("--idle-spin-us=")) {
      std::uint32_t us = 0;
      if (!absl::SimpleAtoi(absl::string_view(sp->data(), sp->size()), &us) || us > 1000000) {
        return Usage("bad --idle-spin-us (0 to 1000000)");
      }
      idle_spin_us = us;
    } else {
      return Usage("unknown argument '" + std::string(arg) + "'");
    }
  }
  heph::RuntimeOptions options{.name = "kv_server"};
  if (workers != 0) options.workers = workers;
  // How long an idle worker spins (watching its sockets and inbound queue)
  // before it sleeps in the poller (WorkerOptions::spin).
  if (idle_spin_us.has_value()) options.worker.spin = absl::Microseconds(*idle_spin_us);
  heph::Runtime runtime(options);
  absl::StatusOr<heph::SocketAddress> address =
      heph::SocketAddress::Parse(bind + ":" + std::to_string(port));
  if (!address.ok()) {
    std::cerr << "kv_server: " << address.status() << "\n";
    return 1;
  }
  auto state = std::make_shared<kv::ServerState>();
  absl::StatusOr<std::vector<kv::actors::ShardRef>> shards = kv::StartShards(runtime, persistence);
  if (!shards.ok()) {
    std::cerr << "kv_server: " << shards.status() << "\n";
    return 1;
  }
  state->shards = *std::move(shards);
  state->workers = runtime.worker_count();
  state->limits = limits;
  absl::StatusOr<std::unique_ptr<heph::TcpServer>> server = heph::TcpServer::Start(
      runtime, *address, {.name = "kv_server", .connection = {.name = "kv connection"}},
      heph::StopSupervisor{}, &kv::Connection, state);
  if (!server.ok()) {
    std::cerr << "kv_server: " << server.status() << "\n";
    return 1;
  }
  state->port = (*server)->port();
  (*server)->receive_signals(runtime);
  // The connections hold the shards from here on: once the server stopped
  // and the last client left, the shards end, and so does the runtime.
  state.reset();
  std::cout << "kv_server listening on " << (*server)->address().ToString() << " ("
            << runtime.worker_count() << " workers)" << std::endl;
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "kv_server: " << s << "\n";
    return 1;
  }
  return 0;
}
