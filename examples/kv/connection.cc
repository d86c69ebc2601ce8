// The connection actor (server.h): RESP in, commands to shards, RESP out.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "examples/kv/kv.heph.h"
#include "examples/kv/reply.h"
#include "examples/kv/resp.h"
#include "examples/kv/server.h"

namespace kv {

std::uint32_t ShardOf(std::string_view key, std::uint32_t shards) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<std::uint32_t>(h % shards);
}

namespace {

using actors::Shard;
using actors::ShardRef;

std::string Lower(std::string_view s) { return absl::AsciiStrToLower(absl::string_view(s.data(), s.size())); }

std::string ArityError(std::string_view command) {
  return absl::StrCat("ERR wrong number of arguments for '", Lower(command), "' command");
}

// An error from a shard call (the shard ended: only while stopping).
std::string ShardError(const absl::Status& s) { return absl::StrCat("ERR ", s.message()); }

// One connection's state.
struct Session {
  std::shared_ptr<ServerState> state;
  std::uint64_t id = 0;
  bool quit = false;
};

// SCAN's cursor across shards: the shard's index in the low bits, its own
// cursor above (0 in both: start; 0 back: done).
constexpr unsigned kShardBits = 10;

// The most commands one shard message carries.
constexpr std::size_t kMaxRun = 64;
// Replies are written once this many bytes wait (and after each read's
// commands).
constexpr std::size_t kWriteAt = 64 * 1024;

heph::Async<void> Execute(Session& session, std::vector<std::string>& args, std::string& out);

heph::Async<void> FanOutCount(Session& session, const std::string& command,
                              std::vector<std::string>& args, std::string& out) {
  ServerState& st = *session.state;
  const std::uint32_t n = static_cast<std::uint32_t>(st.shards.size());
  std::vector<std::vector<std::string>> per(n);
  for (size_t i = 1; i < args.size(); ++i) per[ShardOf(args[i], n)].push_back(std::move(args[i]));
  std::int64_t total = 0;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (per[s].empty()) continue;
    absl::StatusOr<Shard::CountKeysResults> r = co_await st.shards[s].count_keys(command, std::move(per[s]));
    if (!r.ok()) {
      AppendError(ShardError(r.status()), out);
      co_return;
    }
    total += r->count;
  }
  AppendInteger(total, out);
}

heph::Async<void> MGet(Session& session, std::vector<std::string>& args, std::string& out) {
  ServerState& st = *session.state;
  const std::uint32_t n = static_cast<std::uint32_t>(st.shards.size());
  std::vector<std::vector<std::string>> per(n);
  std::vector<std::pair<std::uint32_t, std::size_t>> where;  // per key: shard, position
  for (size_t i = 1; i < args.size(); ++i) {
    const std::uint32_t s = ShardOf(args[i], n);
    where.emplace_back(s, per[s].size());
    per[s].push_back(std::move(args[i]));
  }
  std::vector<std::vector<std::string>> values(n);
  for (std::uint32_t s = 0; s < n; ++s) {
    if (per[s].empty()) continue;
    absl::StatusOr<Shard::GetManyResults> r = co_await st.shards[s].get_many(std::move(per[s]));
    if (!r.ok()) {
      AppendError(ShardError(r.status()), out);
      co_return;
    }
    values[s] = std::move(r->values);
  }
  AppendArrayHeader(static_cast<std::int64_t>(where.size()), out);
  for (const auto& [s, i] : where) out += values[s][i];
}

heph::Async<void> MSet(Session& session, std::vector<std::string>& args, std::string& out) {
  ServerState& st = *session.state;
  const std::uint32_t n = static_cast<std::uint32_t>(st.shards.size());
  if (n == 1) {  // one shard: the arguments as they are
    args.erase(args.begin());
    absl::StatusOr<Shard::SetManyResults> r = co_await st.shards[0].set_many(std::move(args));
    if (r.ok()) {
      AppendOk(out);
    } else {
      AppendError(ShardError(r.status()), out);
    }
    co_return;
  }
  std::vector<std::vector<std::string>> per(n);
  for (auto& p : per) p.reserve(args.size() / n + 2);
  for (size_t i = 1; i + 1 < args.size(); i += 2) {
    const std::uint32_t s = ShardOf(args[i], n);
    per[s].push_back(std::move(args[i]));
    per[s].push_back(std::move(args[i + 1]));
  }
  for (std::uint32_t s = 0; s < n; ++s) {
    if (per[s].empty()) continue;
    absl::StatusOr<Shard::SetManyResults> r = co_await st.shards[s].set_many(std::move(per[s]));
    if (!r.ok()) {
      AppendError(ShardError(r.status()), out);
      co_return;
    }
  }
  AppendOk(out);
}

heph::Async<void> Keys(Session& session, const std::string& pattern, std::string& out) {
  std::vector<std::string> all;
  for (ShardRef& shard : session.state->shards) {
    absl::StatusOr<Shard::KeysResults> r = co_await shard.keys(pattern);
    if (!r.ok()) {
      AppendError(ShardError(r.status()), out);
      co_return;
    }
    for (std::string& k : r->keys) all.push_back(std::move(k));
  }
  AppendArrayHeader(static_cast<std::int64_t>(all.size()), out);
  for (const std::string& k : all) AppendBulk(k, out);
}

heph::Async<void> Scan(Session& session, std::vector<std::string>& args, std::string& out) {
  ServerState& st = *session.state;
  std::uint64_t cursor = 0;
  if (!absl::SimpleAtoi(args[1], &cursor)) {
    AppendError("ERR invalid cursor", out);
    co_return;
  }
  std::string pattern = "*";
  std::uint32_t count = 10;
  for (size_t i = 2; i < args.size(); i += 2) {
    const std::string opt = absl::AsciiStrToUpper(args[i]);
    if (i + 1 >= args.size()) {
      AppendError("ERR syntax error", out);
      co_return;
    }
    if (opt == "MATCH") {
      pattern = args[i + 1];
    } else if (opt == "COUNT") {
      if (!absl::SimpleAtoi(args[i + 1], &count) || count < 1) {
        AppendError(count < 1 ? "ERR syntax error" : "ERR value is not an integer or out of range", out);
        co_return;
      }
    } else {
      AppendError("ERR syntax error", out);
      co_return;
    }
  }
  std::uint32_t shard = static_cast<std::uint32_t>(cursor & ((1u << kShardBits) - 1));
  std::uint64_t inner = cursor >> kShardBits;
  if (shard >= st.shards.size()) {
    AppendError("ERR invalid cursor", out);
    co_return;
  }
  absl::StatusOr<Shard::ScanResults> r = co_await st.shards[shard].scan(inner, pattern, count);
  if (!r.ok()) {
    AppendError(ShardError(r.status()), out);
    co_return;
  }
  std::uint64_t next = 0;
  if (r->next != 0) {
    next = (r->next << kShardBits) | shard;
  } else if (shard + 1 < st.shards.size()) {
    next = shard + 1;  // the next shard, from its start
  }
  AppendArrayHeader(2, out);
  AppendBulk(std::to_string(next), out);
  AppendArrayHeader(static_cast<std::int64_t>(r->keys.size()), out);
  for (const std::string& k : r->keys) AppendBulk(k, out);
}

heph::Async<void> Info(Session& session, const std::string& section, std::string& out) {
  ServerState& st = *session.state;
  std::int64_t keys = 0;
  std::int64_t expires = 0;
  std::uint64_t shard_commands = 0;
  for (ShardRef& shard : st.shards) {
    absl::StatusOr<Shard::StatsResults> r = co_await shard.stats();
    if (r.ok()) {
      keys += r->keys;
      expires += r->expires;
      shard_commands += r->commands;
    }
  }
  const bool all = section.empty() || section == "all" || section == "everything" || section == "default";
  std::string text;
  if (all || section == "server") {
    absl::StrAppend(&text, "# Server\r\nredis_version:7.0.15\r\nheph_kv_version:1\r\n",
                    "process_id:", ::getpid(), "\r\ntcp_port:", st.port, "\r\n",
                    "uptime_in_seconds:", absl::ToInt64Seconds(absl::Now() - st.started), "\r\n",
                    "io_threads_active:0\r\nworkers:", st.workers, "\r\n\r\n");
  }
  if (all || section == "clients") {
    absl::StrAppend(&text, "# Clients\r\nconnected_clients:", st.connected_clients.load(),
                    "\r\nmaxclients:", st.limits.max_clients, "\r\n\r\n");
  }
  if (all || section == "stats") {
    absl::StrAppend(&text, "# Stats\r\ntotal_connections_received:", st.total_connections.load(),
                    "\r\ntotal_commands_processed:", st.total_commands.sum(),
                    "\r\nrejected_connections:", st.rejected_connections.load(),
                    "\r\nclient_output_buffer_limit_disconnections:", st.output_limit_disconnections.load(),
                    "\r\nshard_commands_processed:", shard_commands, "\r\n\r\n");
  }
  if (all || section == "keyspace") {
    absl::StrAppend(&text, "# Keyspace\r\n");
    if (keys > 0) absl::StrAppend(&text, "db0:keys=", keys, ",expires=", expires, ",avg_ttl=0\r\n");
    absl::StrAppend(&text, "\r\n");
  }
  AppendBulk(text, out);
}

void Client(Session& session, std::vector<std::string>& args, std::string& out) {
  ServerState& st = *session.state;
  const std::string sub = args.size() > 1 ? absl::AsciiStrToUpper(args[1]) : "";
  std::lock_guard<std::mutex> lock(st.clients_mu);
  ServerState::Client& me = st.clients[session.id];
  if (sub == "SETNAME" && args.size() == 3) {
    if (args[2].find_first_of(" \n") != std::string::npos) {
      AppendError("ERR Client names cannot contain spaces, newlines or special characters.", out);
      return;
    }
    me.name = args[2];
    AppendOk(out);
  } else if (sub == "GETNAME" && args.size() == 2) {
    if (me.name.empty()) {
      AppendNull(out);
    } else {
      AppendBulk(me.name, out);
    }
  } else if (sub == "ID" && args.size() == 2) {
    AppendInteger(static_cast<std::int64_t>(session.id), out);
  } else if (sub == "LIST") {
    std::string text;
    const absl::Time now = absl::Now();
    for (const auto& [id, c] : st.clients) {
      absl::StrAppend(&text, "id=", id, " addr=", c.address, " name=", c.name,
                      " age=", absl::ToInt64Seconds(now - c.since), " db=0\n");
    }
    AppendBulk(text, out);
  } else if (sub == "SETINFO") {
    AppendOk(out);
  } else {
    AppendError(absl::StrCat("ERR unknown subcommand '", args.size() > 1 ? args[1] : "",
                             "'. Try CLIENT HELP."),
                out);
  }
}

heph::Async<void> Execute(Session& session, std::vector<std::string>& args, std::string& out) {
  ServerState& st = *session.state;
  const std::string name = absl::AsciiStrToUpper(args[0]);
  const size_t argc = args.size();
  auto arity = [&](bool ok) {
    if (!ok) AppendError(ArityError(args[0]), out);
    return ok;
  };
  if (name == "PING") {
    if (!arity(argc <= 2)) co_return;
    if (argc == 2) {
      AppendBulk(args[1], out);
    } else {
      AppendSimple("PONG", out);
    }
  } else if (name == "ECHO") {
    if (arity(argc == 2)) AppendBulk(args[1], out);
  } else if (name == "QUIT") {
    AppendOk(out);
    session.quit = true;
  } else if (name == "SELECT") {
    if (!arity(argc == 2)) co_return;
    if (args[1] == "0") {
      AppendOk(out);
    } else {
      std::int64_t db = 0;
      AppendError(absl::SimpleAtoi(args[1], &db) ? "ERR DB index is out of range"
                                                 : "ERR value is not an integer or out of range",
                  out);
    }
  } else if (name == "COMMAND") {
    // Enough for redis-cli's start-up (COMMAND DOCS) and COUNT.
    const std::string sub = argc > 1 ? absl::AsciiStrToUpper(args[1]) : "";
    if (sub == "COUNT") {
      AppendInteger(60, out);
    } else {
      AppendArrayHeader(0, out);
    }
  } else if (name == "CONFIG") {
    if (argc >= 3 && absl::AsciiStrToUpper(args[1]) == "GET") {
      // What redis-benchmark and redis-cli ask.
      const std::string param = Lower(args[2]);
      if (param == "save") {
        AppendArrayHeader(2, out);
        AppendBulk("save", out);
        AppendBulk("", out);
      } else if (param == "appendonly") {
        AppendArrayHeader(2, out);
        AppendBulk("appendonly", out);
        AppendBulk("yes", out);
      } else if (param == "databases") {
        AppendArrayHeader(2, out);
        AppendBulk("databases", out);
        AppendBulk("1", out);
      } else {
        AppendArrayHeader(0, out);
      }
    } else {
      AppendError("ERR CONFIG subcommand not supported (only CONFIG GET)", out);
    }
  } else if (name == "INFO") {
    // Named, not a temporary in the co_await: g++ 12 frees a conditional's
    // temporary string there from the wrong storage.
    const std::string section = argc > 1 ? Lower(args[1]) : std::string();
    co_await Info(session, section, out);
  } else if (name == "CLIENT") {
    Client(session, args, out);
  } else if (name == "DBSIZE") {
    if (!arity(argc == 1)) co_return;
    std::int64_t total = 0;
    for (ShardRef& shard : st.shards) {
      absl::StatusOr<Shard::DbSizeResults> r = co_await shard.db_size();
      if (r.ok()) total += r->count;
    }
    AppendInteger(total, out);
  } else if (name == "FLUSHDB" || name == "FLUSHALL") {
    for (ShardRef& shard : st.shards) (void)co_await shard.flush();
    AppendOk(out);
  } else if (name == "KEYS") {
    if (arity(argc == 2)) co_await Keys(session, args[1], out);
  } else if (name == "SCAN") {
    if (arity(argc >= 2)) co_await Scan(session, args, out);
  } else if (name == "MGET") {
    if (arity(argc >= 2)) co_await MGet(session, args, out);
  } else if (name == "MSET") {
    if (arity(argc >= 3 && argc % 2 == 1)) co_await MSet(session, args, out);
  } else if (name == "DEL" || name == "EXISTS" || name == "UNLINK") {
    if (arity(argc >= 2)) co_await FanOutCount(session, name, args, out);
  } else {
    // A command on one key (its first argument): the shard that owns it.
    // (Without a key, shard 0 answers: the arity or unknown-command error.)
    const std::uint32_t shard = argc > 1 ? ShardOf(args[1], static_cast<std::uint32_t>(st.shards.size())) : 0;
    absl::StatusOr<Shard::ExecuteResults> r = co_await st.shards[shard].execute(std::move(args));
    if (r.ok()) {
      out += r->reply;
    } else {
      AppendError(ShardError(r.status()), out);
    }
  }
}

// Whether the connection runs `command` itself (or fans it out) rather than
// passing it whole to the shard that owns its first argument.
bool RunsOnConnection(const std::vector<std::string>& command) {
  static const auto* const names = new absl::flat_hash_set<std::string>{
      "PING", "ECHO", "QUIT", "SELECT", "COMMAND", "CONFIG", "INFO", "CLIENT", "DBSIZE", "FLUSHDB",
      "FLUSHALL", "KEYS", "SCAN", "MGET", "MSET", "DEL", "EXISTS", "UNLINK"};
  const std::string& name = command[0];
  if (name.size() > 8) return false;  // no name above is longer
  char upper[8];
  for (std::size_t i = 0; i < name.size(); ++i) {
    upper[i] = static_cast<char>(absl::ascii_toupper(static_cast<unsigned char>(name[i])));
  }
  return names->contains(absl::string_view(upper, name.size()));
}

// A pipeline's consecutive commands for one shard, sent as one message.
struct ShardRun {
  std::uint32_t shard = 0;
  std::vector<std::vector<std::string>> commands;
};

// Writes `out` (and clears it); false if the connection must close: the
// write failed, or `out` holds more than the output limit. Replies go out
// at least every kWriteAt bytes and the connection reads nothing more until
// they are written, so a client that does not read holds at most that plus
// one reply; a reply above the limit closes it (Redis's hard
// client-output-buffer-limit).
heph::Async<bool> WriteOut(Session& session, heph::TcpStream& stream, std::string& out) {
  ServerState& st = *session.state;
  if (out.size() > st.limits.max_output) {
    std::cerr << "kv_server: closing client id=" << session.id << " addr="
              << stream.peer_address().ToString() << ": " << out.size()
              << " bytes of replies pass the output limit of " << st.limits.max_output
              << " bytes (--client-output-limit)\n";
    st.output_limit_disconnections.fetch_add(1);
    out.clear();
    co_return false;
  }
  const bool written = (co_await stream.write_all(out)).ok();
  out.clear();
  co_return written;
}

// Runs `run` on its shard (and empties it), appending the replies to `out`
// and writing them whenever kWriteAt bytes wait; false if the connection
// must close (WriteOut).
heph::Async<bool> SendRun(Session& session, heph::TcpStream& stream, ShardRun& run, std::string& out) {
  ShardRef& shard = session.state->shards[run.shard];
  bool open = true;
  if (run.commands.size() == 1) {
    absl::StatusOr<Shard::ExecuteResults> r = co_await shard.execute(std::move(run.commands[0]));
    if (r.ok()) {
      out += r->reply;
    } else {
      AppendError(ShardError(r.status()), out);
    }
  } else {
    std::vector<std::vector<std::string>> commands = std::move(run.commands);
    while (open && !commands.empty()) {
      const std::size_t n = commands.size();
      absl::StatusOr<Shard::ExecuteBatchResults> r = co_await shard.execute_batch(std::move(commands));
      if (!r.ok()) {
        for (std::size_t i = 0; i < n; ++i) AppendError(ShardError(r.status()), out);
        break;
      }
      out += r->replies;
      if (r->rest.empty()) break;
      // The shard stopped after big replies: write them, then the rest.
      open = co_await WriteOut(session, stream, out);
      commands = std::move(r->rest);
    }
  }
  run.commands.clear();
  if (open && out.size() >= kWriteAt) open = co_await WriteOut(session, stream, out);
  co_return open;
}

}  // namespace

heph::Async<absl::Status> Connection(heph::Context<heph::Signal>, heph::TcpStream stream,
                                     std::shared_ptr<ServerState> state) {
  Session session{state, state->next_client_id.fetch_add(1), false};
  const std::uint64_t clients = state->connected_clients.fetch_add(1) + 1;
  state->total_connections.fetch_add(1);
  if (clients > state->limits.max_clients) {
    // As Redis: the error, then the connection closes.
    (void)co_await stream.write_all(std::string_view("-ERR max number of clients reached\r\n"));
    state->connected_clients.fetch_sub(1);
    state->rejected_connections.fetch_add(1);
    co_return absl::OkStatus();
  }
  {
    std::lock_guard<std::mutex> lock(state->clients_mu);
    state->clients[session.id] = {stream.peer_address().ToString(), "", absl::Now()};
  }
  const std::uint32_t shards = static_cast<std::uint32_t>(state->shards.size());
  RespParser parser;
  std::vector<std::string> command;
  ShardRun run;
  std::string out;
  bool open = true;   // replies can still be written
  bool more = true;   // and input read after them
  while (open && more && !session.quit) {
    std::span<char> space = parser.prepare();
    absl::StatusOr<std::size_t> n = co_await stream.read(space);
    if (!n.ok() || *n == 0) break;  // reset or closed
    parser.commit(*n);
    std::uint64_t commands = 0;
    while (open && !session.quit) {
      const RespParser::Status s = parser.next(command);
      if (s == RespParser::Status::kNeedMore) break;
      if (s == RespParser::Status::kError) {
        // The replies so far, the protocol error, then the connection closes.
        if (!run.commands.empty()) open = co_await SendRun(session, stream, run, out);
        AppendError(parser.error(), out);
        more = false;
        break;
      }
      ++commands;
      if (RunsOnConnection(command)) {
        if (!run.commands.empty()) {
          open = co_await SendRun(session, stream, run, out);
          if (!open) break;
        }
        co_await Execute(session, command, out);
        if (out.size() >= kWriteAt) open = co_await WriteOut(session, stream, out);
        continue;
      }
      // A command on one key (its first argument) goes to the shard that
      // owns it, together with the commands before it that go there too.
      // (Without a key, shard 0 answers: the arity or unknown-command error.)
      const std::uint32_t shard = command.size() > 1 ? ShardOf(command[1], shards) : 0;
      if (!run.commands.empty() && (run.shard != shard || run.commands.size() == kMaxRun)) {
        open = co_await SendRun(session, stream, run, out);
        if (!open) break;
      }
      run.shard = shard;
      run.commands.push_back(std::move(command));
      command.clear();
    }
    if (open && !run.commands.empty()) open = co_await SendRun(session, stream, run, out);
    state->total_commands.add(commands);
    if (open && !out.empty()) open = co_await WriteOut(session, stream, out);
  }
  state->connected_clients.fetch_sub(1);
  {
    std::lock_guard<std::mutex> lock(state->clients_mu);
    state->clients.erase(session.id);
  }
  co_return absl::OkStatus();
}

}  // namespace kv
