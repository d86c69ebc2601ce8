// The shard actor (server.h): one Keyspace, served in handler style with
// plain methods (nothing to wait for), and its expiry sweeper.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <filesystem>
#include <iterator>
#include <iostream>
#include <memory>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "examples/kv/aof.h"
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

// executeBatch stops once its replies pass this (kv.capnp).
constexpr std::size_t kBatchRepliesLimit = 64 * 1024;

class ShardImpl final : public Shard::Handler {
 public:
  // `aof` may be null (no persistence). Every change the keyspace records
  // goes to it, and is written (synced, for `always`) before the method
  // returns, so before its reply goes out.
  ShardImpl(std::shared_ptr<Keyspace> keyspace, std::shared_ptr<AppendOnlyFile> aof)
      : keyspace_holder_(std::move(keyspace)), keyspace_(*keyspace_holder_), aof_(std::move(aof)) {
    if (aof_ != nullptr) {
      AppendOnlyFile* file = aof_.get();
      keyspace_.SetRecorder([file](const Keyspace::Command& c) { file->Append(c); });
    }
  }
  ~ShardImpl() override {
    if (aof_ != nullptr) keyspace_.SetRecorder(nullptr);
  }

  absl::Status execute(Shard::ExecuteParams& p, Shard::ExecuteResults& r) override {
    ++commands_;
    AppendReply(keyspace_.Execute(p.args, NowMs()), r.reply);
    PersistReplies(1, r.reply);
    return absl::OkStatus();
  }
  absl::Status execute_batch(Shard::ExecuteBatchParams& p, Shard::ExecuteBatchResults& r) override {
    const std::int64_t now = NowMs();
    std::uint32_t done = 0;
    while (done < p.commands.size() && r.replies.size() < kBatchRepliesLimit) {
      AppendReply(keyspace_.Execute(p.commands[done], now), r.replies);
      ++done;
    }
    commands_ += done;
    r.rest.assign(std::make_move_iterator(p.commands.begin() + done), std::make_move_iterator(p.commands.end()));
    PersistReplies(done, r.replies);
    return absl::OkStatus();
  }
  absl::Status get_many(Shard::GetManyParams& p, Shard::GetManyResults& r) override {
    ++commands_;
    Reply values = keyspace_.GetMany(p.keys, NowMs());
    r.values.resize(values.elements.size());
    for (size_t i = 0; i < values.elements.size(); ++i) AppendReply(values.elements[i], r.values[i]);
    return Persist();  // lazily expired keys are recorded deletions
  }
  absl::Status set_many(Shard::SetManyParams& p, Shard::SetManyResults& r) override {
    ++commands_;
    (void)keyspace_.SetMany(p.pairs, NowMs());
    r.done = true;
    return Persist();
  }
  absl::Status count_keys(Shard::CountKeysParams& p, Shard::CountKeysResults& r) override {
    ++commands_;
    r.count = p.command == "EXISTS" ? keyspace_.Exists(p.keys, NowMs()) : keyspace_.Delete(p.keys, NowMs());
    return Persist();
  }
  absl::Status keys(Shard::KeysParams& p, Shard::KeysResults& r) override {
    r.keys = keyspace_.Keys(p.pattern, NowMs());
    return Persist();
  }
  absl::Status scan(Shard::ScanParams& p, Shard::ScanResults& r) override {
    Keyspace::ScanResult s = keyspace_.Scan(p.cursor, p.pattern, p.count, NowMs());
    r.next = s.cursor;
    r.keys = std::move(s.keys);
    return Persist();
  }
  absl::Status db_size(Shard::DbSizeParams&, Shard::DbSizeResults& r) override {
    r.count = static_cast<std::int64_t>(keyspace_.DbSize(NowMs()));
    return absl::OkStatus();
  }
  absl::Status flush(Shard::FlushParams&, Shard::FlushResults& r) override {
    keyspace_.FlushAll();
    r.done = true;
    return Persist();
  }
  absl::Status sweep(Shard::SweepParams&) override {
    // Bounded per run, as Redis's active expiry: the worker stays responsive.
    (void)keyspace_.SweepExpired(NowMs(), 200);
    if (absl::Status s = Persist(); !s.ok()) std::cerr << "kv_server: " << s << "\n";
    return absl::OkStatus();
  }
  absl::Status stats(Shard::StatsParams&, Shard::StatsResults& r) override {
    r.keys = static_cast<std::int64_t>(keyspace_.DbSize(NowMs()));
    r.expires = static_cast<std::int64_t>(keyspace_.volatile_keys());
    r.commands = commands_;
    return absl::OkStatus();
  }

 private:
  // An error of a call with results goes to its caller (the connection
  // answers "-ERR ..."); the data stays in memory.
  absl::Status Persist() {
    if (aof_ == nullptr || !aof_->has_pending()) return absl::OkStatus();
    return aof_->Flush();
  }

  // Persists the changes behind `count` replies in `replies`. If that
  // fails, each reply becomes Redis's MISCONF error: the writes happened in
  // memory but are not durable.
  void PersistReplies(std::size_t count, std::string& replies) {
    absl::Status s = Persist();
    if (s.ok()) return;
    replies.clear();
    const Reply error = Reply::Error(absl::StrCat("MISCONF Errors writing to the AOF file: ", s.message()));
    for (std::size_t i = 0; i < count; ++i) AppendReply(error, replies);
  }

  std::shared_ptr<Keyspace> keyspace_holder_;
  Keyspace& keyspace_;
  std::shared_ptr<AppendOnlyFile> aof_;
  std::uint64_t commands_ = 0;
};

// "shard-<i>-of-<n>.aof" -> n.
std::optional<std::uint32_t> WorkersOfAofName(std::string_view file) {
  constexpr std::string_view kPrefix = "shard-";
  constexpr std::string_view kSuffix = ".aof";
  if (file.size() <= kPrefix.size() + kSuffix.size() || file.substr(0, kPrefix.size()) != kPrefix ||
      file.substr(file.size() - kSuffix.size()) != kSuffix) {
    return std::nullopt;
  }
  const std::string_view middle = file.substr(kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size());
  const std::size_t of = middle.find("-of-");
  std::uint32_t index = 0;
  std::uint32_t count = 0;
  if (of == std::string_view::npos || !absl::SimpleAtoi(absl::string_view(middle.data(), of), &index) ||
      !absl::SimpleAtoi(absl::string_view(middle.data() + of + 4, middle.size() - of - 4), &count)) {
    return std::nullopt;
  }
  return count;
}

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

absl::StatusOr<std::vector<ShardRef>> StartShards(heph::Runtime& runtime,
                                                  const PersistenceOptions& persistence) {
  const std::uint32_t n = runtime.worker_count();
  std::vector<std::shared_ptr<Keyspace>> keyspaces;
  std::vector<std::shared_ptr<AppendOnlyFile>> files(n);
  for (std::uint32_t i = 0; i < n; ++i) keyspaces.push_back(std::make_shared<Keyspace>());
  if (!persistence.dir.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(persistence.dir, ec);
    if (ec) return absl::UnavailableError(absl::StrCat("cannot create ", persistence.dir, ": ", ec.message()));
    // The keys are spread by hash over the shards: files of a run with
    // another number of workers cannot be loaded as they are.
    for (const fs::directory_entry& e : fs::directory_iterator(persistence.dir, ec)) {
      const std::string file = e.path().filename().string();
      const std::optional<std::uint32_t> of = WorkersOfAofName(file);
      if (of.has_value() && *of != n) {
        return absl::FailedPreconditionError(absl::StrCat(persistence.dir, " holds ", file, ", from a run with ",
                                                          *of, " workers: start with --workers=", *of,
                                                          " (or another --dir)"));
      }
    }
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::string path = absl::StrCat(persistence.dir, "/shard-", i, "-of-", n, ".aof");
      std::string warning;
      absl::StatusOr<std::unique_ptr<AppendOnlyFile>> file =
          AppendOnlyFile::Open(path, persistence.fsync, *keyspaces[i], &warning);
      if (!file.ok()) return file.status();
      if (!warning.empty()) std::cerr << "kv_server: " << warning << "\n";
      files[i] = std::move(*file);
    }
  }
  std::vector<ShardRef> shards;
  for (std::uint32_t i = 0; i < n; ++i) {
    ShardRef shard = Shard::Spawn<ShardImpl>(runtime.worker(i), {.name = "shard"}, heph::StopSupervisor{},
                                             keyspaces[i], files[i]);
    heph::ActorRef<heph::Signal> sweeper = runtime.spawn_on(
        i, heph::SpawnOptions{.name = "shard sweeper"}, heph::StopSupervisor{}, &Sweeper, shard);
    runtime.receive_signals(sweeper);
    shards.push_back(std::move(shard));
  }
  return shards;
}

}  // namespace kv
