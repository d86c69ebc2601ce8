// server.h — the kv server's actors: one shard per worker (ShardImpl, owning
// the keys that hash to it: a Keyspace, its timer-driven expiry sweep) and
// one connection actor per client (Connection, on the worker that accepted
// it), which parses RESP, runs each command on the shard that owns its key
// (a local call when that is its own worker's shard) or fans out and
// gathers for the multi-key ones, and writes the replies in order.
#ifndef HEPH_EXAMPLES_KV_SERVER_H_
#define HEPH_EXAMPLES_KV_SERVER_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/status/statusor.h"
#include "examples/kv/aof.h"
#include "examples/kv/kv.heph.h"
#include "runtime/actor/actor.h"
#include "runtime/net/tcp.h"
#include "runtime/rt/runtime.h"

namespace kv {

// Which shard owns `key` (FNV-1a: stable across runs and builds).
std::uint32_t ShardOf(std::string_view key, std::uint32_t shards);

// A counter bumped from many threads: one padded slot per thread (up to 64,
// then shared), summed when read, so the hot path writes only its own line.
class ThreadCounter {
 public:
  void add(std::uint64_t n) { slots_[Slot()].value.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t sum() const {
    std::uint64_t total = 0;
    for (const Padded& p : slots_) total += p.value.load(std::memory_order_relaxed);
    return total;
  }

 private:
  static std::size_t Slot() {
    static std::atomic<std::size_t> next{0};
    thread_local const std::size_t slot = next.fetch_add(1, std::memory_order_relaxed) % 64;
    return slot;
  }
  struct alignas(64) Padded {
    std::atomic<std::uint64_t> value{0};
  };
  Padded slots_[64];
};

// Limits on clients (Redis's defaults).
struct ClientLimits {
  // Connections beyond this get "-ERR max number of clients reached" and
  // are closed (--maxclients).
  std::uint64_t max_clients = 10000;
  // Replies waiting for one client beyond this close it (--client-output-limit).
  // The connection stops reading while its replies wait, so only a single
  // big reply (KEYS, LRANGE, MGET of big values) can come near it.
  std::uint64_t max_output = std::uint64_t{512} * 1024 * 1024;
};

// What every connection shares: the shards, and the figures INFO and
// CLIENT LIST report.
struct ServerState {
  std::vector<actors::ShardRef> shards;
  absl::Time started = absl::Now();
  std::uint16_t port = 0;
  std::uint32_t workers = 1;
  ClientLimits limits;
  std::atomic<std::uint64_t> connected_clients{0};
  std::atomic<std::uint64_t> total_connections{0};
  std::atomic<std::uint64_t> rejected_connections{0};
  std::atomic<std::uint64_t> output_limit_disconnections{0};
  ThreadCounter total_commands;
  std::atomic<std::uint64_t> next_client_id{1};

  struct Client {
    std::string address;
    std::string name;
    absl::Time since;
  };
  std::mutex clients_mu;
  std::map<std::uint64_t, Client> clients;  // guarded by clients_mu
};

struct PersistenceOptions {
  // Empty: none (data lives in memory only). Else shard i of N keeps its
  // append-only file in dir/shard-<i>-of-<N>.aof (aof.h).
  std::string dir;
  FsyncPolicy fsync = FsyncPolicy::kEverySec;
};

// Loads every shard's file (if persistent), then spawns one shard per worker
// (shard i on worker i) and, per shard, its expiry sweeper (a timer actor
// registered for the runtime's exit signals, on which it ends). Errors name
// the file (and the offset of a corrupt command).
absl::StatusOr<std::vector<actors::ShardRef>> StartShards(heph::Runtime& runtime,
                                                          const PersistenceOptions& persistence);

// A client connection: until it closes, sends QUIT, or sends input that
// cannot be framed (answered with the protocol error, then closed).
heph::Async<absl::Status> Connection(heph::Context<heph::Signal> ctx, heph::TcpStream stream,
                               std::shared_ptr<ServerState> state);

}  // namespace kv

#endif  // HEPH_EXAMPLES_KV_SERVER_H_
