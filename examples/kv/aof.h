// aof.h — a shard's append-only file: every change of its Keyspace (its
// write log, keyspace.h) appended as a RESP command, made durable by the
// fsync policy, and replayed at start-up.
//
//   always    fdatasync after every batch of writes, before the replies go
//             out: nothing acknowledged is lost, even by kill -9 or a crash
//             of the machine. Costs the worker a sync per command batch.
//   everysec  the data is written (write(2)) before the replies go out, and
//             a background thread fdatasyncs once a second: a process crash
//             loses nothing acknowledged, a machine crash up to ~1 s. The
//             worker never waits for the disk. (The default, as Redis's.)
//   no        written, never synced by us (the kernel decides).
//
// Loading: the file's commands replay into the keyspace (Keyspace::Replay).
// A truncated last command (a crash in the middle of a write) is reported
// and cut off; anything else malformed, or a command the keyspace refuses,
// stops the start-up with the file and the byte offset.
#ifndef HEPH_EXAMPLES_KV_AOF_H_
#define HEPH_EXAMPLES_KV_AOF_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "examples/kv/keyspace.h"

namespace kv {

enum class FsyncPolicy { kAlways, kEverySec, kNo };

// "always", "everysec", "no"; anything else is InvalidArgument naming it.
absl::StatusOr<FsyncPolicy> ParseFsyncPolicy(std::string_view text);

class AppendOnlyFile {
 public:
  // Replays `path` (if it exists) into `keyspace`, then opens it for
  // appending. A cut-off last command is reported in `*warning`.
  static absl::StatusOr<std::unique_ptr<AppendOnlyFile>> Open(const std::string& path,
                                                              FsyncPolicy policy,
                                                              Keyspace& keyspace,
                                                              std::string* warning);
  ~AppendOnlyFile();  // writes what is pending, syncs, stops the syncer, closes
  AppendOnlyFile(const AppendOnlyFile&) = delete;
  AppendOnlyFile& operator=(const AppendOnlyFile&) = delete;

  // Buffers one command (the keyspace's recorder calls it).
  void Append(const std::vector<std::string>& command);
  // Writes what is buffered (and, for `always`, syncs). Called before the
  // replies of a batch go out. The error names the file.
  absl::Status Flush();
  bool has_pending() const { return !pending_.empty(); }

  const std::string& path() const { return path_; }
  std::uint64_t commands_loaded() const { return loaded_; }

 private:
  AppendOnlyFile(std::string path, int fd, FsyncPolicy policy);
  void SyncEverySecond();

  std::string path_;
  int fd_;
  FsyncPolicy policy_;
  std::string pending_;
  std::uint64_t loaded_ = 0;
  absl::Status failure_;  // a write that failed: later writes fail too
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;  // guarded by mu_
  std::thread syncer_;
};

}  // namespace kv

#endif  // HEPH_EXAMPLES_KV_AOF_H_
