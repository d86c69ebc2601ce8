// sync_actor: blocking work in a sync actor, fed by async actors.
//
//   tools/bazel run //examples:sync_actor -- FILE...   # no FILE: hashes itself
//
// The hasher is a sync actor (Runtime::spawn_sync): a plain function on its
// own thread, free to block (here it reads whole files). Two async client
// actors ask it for the hash of each of their files with an RPC, pausing
// between requests; awaiting the answer suspends only the client, never its
// worker. The hasher waits for requests with a timed receive:
// ctx.receive_next(timeout) gives a request, kEmpty when none came in time,
// or kDisconnected once both clients ended (no reference remains).
#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "runtime/actor/actor.h"
#include "runtime/rt/runtime.h"
#include "runtime/rt/timer.h"

struct FileDigest {
  std::uint64_t fnv1a = 0;  // FNV-1a, 64 bits
  std::uint64_t bytes = 0;
  std::string error;  // empty if the file was read
};

using HashRequest = heph::RpcMessage<std::string, FileDigest>;

// One write per line: the hasher and the clients print from different threads.
void PrintLine(const std::string& line) { std::cout << line + "\n" << std::flush; }

// Blocking: reads the whole file.
FileDigest HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {.error = "cannot open"};
  FileDigest d{.fnv1a = 0xcbf29ce484222325};
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      d.fnv1a = (d.fnv1a ^ static_cast<unsigned char>(buf[i])) * 0x100000001b3;
    }
    d.bytes += static_cast<std::uint64_t>(in.gcount());
  }
  if (in.bad()) return {.error = "read error"};
  return d;
}

// A sync actor: its context is a reference, its receives block its thread.
absl::Status Hasher(heph::SyncContext<HashRequest>& ctx, absl::Duration idle_timeout) {
  int hashed = 0;
  for (;;) {
    heph::TryReceiveResult<HashRequest> r = ctx.receive_next(idle_timeout);
    if (!r) {
      if (r.error() == heph::ReceiveError::kDisconnected) break;
      PrintLine("hasher: no request for " + absl::FormatDuration(idle_timeout) + ", still waiting");
      continue;  // kEmpty
    }
    HashRequest request = r.take();
    request.response.respond(HashFile(request.request));
    ++hashed;
  }
  PrintLine(absl::StrCat("hasher: no more requests; files hashed: ", hashed));
  return absl::OkStatus();
}

heph::Async<absl::Status> Client(heph::Context<heph::NoMessages>, int id,
                                 heph::ActorRef<HashRequest> hasher,
                                 std::vector<std::string> paths) {
  for (const std::string& path : paths) {
    absl::StatusOr<FileDigest> d = co_await hasher.rpc<FileDigest>(path);
    if (!d.ok()) co_return d.status();
    if (d->error.empty()) {
      PrintLine(absl::StrFormat("client %d: %s: fnv1a-64 %016x, %d bytes", id, path, d->fnv1a,
                                d->bytes));
    } else {
      PrintLine(absl::StrCat("client ", id, ": ", path, ": ", d->error));
    }
    co_await heph::Sleep(absl::Milliseconds(300));  // the hasher's receive times out meanwhile
  }
  co_return absl::OkStatus();  // drops this client's reference to the hasher
}

int main(int argc, char** argv) {
  heph::Runtime runtime({.name = "sync_actor", .workers = 2});
  std::vector<std::string> paths[2];
  for (int i = 1; i < argc; ++i) paths[(i - 1) % 2].push_back(argv[i]);
  if (argc == 1) paths[0].push_back(argv[0]);

  heph::ActorRef<HashRequest> hasher = runtime.spawn_sync(
      {.name = "hasher"}, heph::StopSupervisor{}, &Hasher, absl::Milliseconds(100));
  for (int id = 1; id <= 2; ++id) {
    runtime.spawn({.name = "client"}, heph::StopSupervisor{}, &Client, id, hasher,
                  std::move(paths[id - 1]));
  }
  hasher = {};  // only the clients hold references now
  if (absl::Status s = runtime.start(); !s.ok()) {
    std::cerr << "runtime failed: " << s << "\n";
    return 1;
  }
  return 0;
}
