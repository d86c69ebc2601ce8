// The shard actor (server.h): one Keyspace, served in handler style with
// plain methods (nothing to wait for), and its expiry sweeper.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "examples/kv/keyspace.h"
#include "examples/kv/kv.heph.h"
#include "examples/kv/resp.h"
#include "examples/kv/server.h"
#include "runtime/rt/timer.h"

namespace kv {
namespace {

using actors::Shard;
using actors::ShardRef;

// Wall-clock milliseconds: expiry times are absolute (and survive restarts).
std::int64_t NowMs() { return absl::ToUnixMillis(absl::Now()); }

class ShardImpl final : public Shard::Handler {
 public:
  absl::Status execute(Shard::ExecuteParams& p, Shard::ExecuteResults& r) override {
    ++commands_;
    AppendReply(keyspace_.Execute(p.args, NowMs()), r.reply);
    return absl::OkStatus();
  }
  absl::Status get_many(Shard::GetManyParams& p, Shard::GetManyResults& r) override {
    ++commands_;
    Reply values = keyspace_.GetMany(p.keys, NowMs());
    r.values.resize(values.elements.size());
    for (size_t i = 0; i < values.elements.size(); ++i) AppendReply(values.elements[i], r.values[i]);
    return absl::OkStatus();
  }
  absl::Status set_many(Shard::SetManyParams& p, Shard::SetManyResults& r) override {
    ++commands_;
    (void)keyspace_.SetMany(p.pairs, NowMs());
    r.done = true;
    return absl::OkStatus();
  }
  absl::Status count_keys(Shard::CountKeysParams& p, Shard::CountKeysResults& r) override {
    ++commands_;
    r.count = p.command == "EXISTS" ? keyspace_.Exists(p.keys, NowMs()) : keyspace_.Delete(p.keys, NowMs());
    return absl::OkStatus();
  }
  absl::Status keys(Shard::KeysParams& p, Shard::KeysResults& r) override {
    r.keys = keyspace_.Keys(p.pattern, NowMs());
    return absl::OkStatus();
  }
  absl::Status scan(Shard::ScanParams& p, Shard::ScanResults& r) override {
    Keyspace::ScanResult s = keyspace_.Scan(p.cursor, p.pattern, p.count, NowMs());
    r.next = s.cursor;
    r.keys = std::move(s.keys);
    return absl::OkStatus();
  }
  absl::Status db_size(Shard::DbSizeParams&, Shard::DbSizeResults& r) override {
    r.count = static_cast<std::int64_t>(keyspace_.DbSize(NowMs()));
    return absl::OkStatus();
  }
  absl::Status flush(Shard::FlushParams&, Shard::FlushResults& r) override {
    keyspace_.FlushAll();
    r.done = true;
    return absl::OkStatus();
  }
  absl::Status sweep(Shard::SweepParams&) override {
    // Bounded per run, as Redis's active expiry: the worker stays responsive.
    (void)keyspace_.SweepExpired(NowMs(), 200);
    return absl::OkStatus();
  }
  absl::Status stats(Shard::StatsParams&, Shard::StatsResults& r) override {
    r.keys = static_cast<std::int64_t>(keyspace_.DbSize(NowMs()));
    r.expires = static_cast<std::int64_t>(keyspace_.volatile_keys());
    r.commands = commands_;
    return absl::OkStatus();
  }

 private:
  Keyspace keyspace_;
  std::uint64_t commands_ = 0;
};

// Every 100 ms: the shard's active expiry sweep. Ends on an exit signal.
heph::Async<absl::Status> Sweeper(heph::Context<heph::Signal> ctx, ShardRef shard) {
  for (;;) {
    heph::TryReceiveResult<heph::Signal> signal = co_await ctx.receive_next(absl::Milliseconds(100));
    if (signal.has_value() || signal.error() == heph::ReceiveError::kDisconnected) break;
    (void)shard.try_sweep();  // a full inbox: the next tick sweeps
    if (!shard.is_connected()) break;
  }
  co_return absl::OkStatus();
}

}  // namespace

std::vector<ShardRef> StartShards(heph::Runtime& runtime) {
  std::vector<ShardRef> shards;
  for (std::uint32_t i = 0; i < runtime.worker_count(); ++i) {
    ShardRef shard = Shard::Spawn<ShardImpl>(runtime.worker(i), {.name = "shard"});
    heph::ActorRef<heph::Signal> sweeper = runtime.spawn_on(
        i, heph::SpawnOptions{.name = "shard sweeper"}, heph::StopSupervisor{}, &Sweeper, shard);
    runtime.receive_signals(sweeper);
    shards.push_back(std::move(shard));
  }
  return shards;
}

}  // namespace kv
