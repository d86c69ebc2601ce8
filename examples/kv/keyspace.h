// keyspace.h — one shard's database for the kv server (issue 14): the data
// and the per-key command logic, as a plain class (no actors, no sockets, no
// RESP). The shard actor owns one Keyspace; the server splits multi-key
// commands per shard and merges the parts.
//
// Time: every call takes `now_ms`, the caller's clock in milliseconds (wall
// or monotonic: the keyspace only compares and adds). Expiry times are
// absolute on that clock. A key with expiry T is live while now <= T and
// expired once now > T (Redis's rule: never early). An expired key behaves as
// absent; it is deleted when touched (lazily) or by SweepExpired.
//
// Replies: Redis 7's replies and error texts (RESP2), see reply.h.
//
// The write log (for the AOF): SetRecorder installs a callback that receives,
// in order, one command per change of the data. Replaying the recorded
// commands with Replay() into an empty Keyspace, at any later time, rebuilds
// the same data and the same (absolute) expiries. What is recorded:
//   - most writes verbatim (INCR, APPEND, LPUSH, LPOP k n, HSET, SADD, ZADD,
//     ZPOPMIN k n, MSET, PERSIST, GETSET, ...), only when they changed data;
//   - SET/SETNX as `SET k v`, `SET k v PXAT <abs>` (EX/PX/EXAT/PXAT rewritten
//     to an absolute ms time) or `SET k v KEEPTTL`; NX/XX/GET are dropped
//     (the condition held);
//   - EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT as `PEXPIREAT k <abs>`, or `DEL k`
//     when the time is already past (the key is deleted);
//   - SPOP as `SREM k <the popped members>` (the pick is random);
//   - DEL as `DEL <the keys that existed>`;
//   - every deletion of an expired key (lazy or by the sweep) as `DEL k`;
//   - FlushAll as `FLUSHALL`.
// Replay runs commands in "loading" mode, as Redis loads its AOF: nothing
// expires during it (a recorded INCR applied to a key that was live when it
// ran must find it), and nothing is recorded. Keys whose time has passed are
// removed afterwards, on access or by the sweep.
//
// Storage: the table (an absl::flat_hash_set) holds one pointer per key, to
// the key's heap block: a head byte (the type, and a flag: has an expiry),
// the key's length (a LEB128 varint) and bytes, then for a string the value's
// length (varint) and bytes, for a list, hash, set or sorted set a pointer to
// the container, and last the 8-byte expiry time when the key has one. The
// table hashes and compares the key inside the block. A small key such as
// `SET key:123456 123456` takes one 32-byte malloc chunk, and its share of
// the table's 9-byte slots (pointer and control byte; the table is 44-88%
// full): about 51 bytes a key at 1M keys. A string overwritten by one of the
// same size is written in place; one of another size keeps the block when it
// fits its allocation (malloc_usable_size) leaving at most max(size, 64)
// bytes unused, and otherwise moves to a new block; APPEND grows the block by
// half again, so repeated appends stay linear. The expiry index (time, key)
// copies the keys of volatile keys only.
#ifndef HEPH_EXAMPLES_KV_KEYSPACE_H_
#define HEPH_EXAMPLES_KV_KEYSPACE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "examples/kv/reply.h"

namespace kv {

// Redis's glob matching (util.c stringmatchlen): `*`, `?`, `[abc]`, `[^a]`,
// `[a-z]`, and `\` escaping the next character. Like Redis's, "*" does not
// match the empty string; Keys and Scan treat the pattern "*" as "all keys".
bool GlobMatch(std::string_view pattern, std::string_view text, bool nocase = false);

// A score as Redis 7 replies it: "inf", "-inf", otherwise the shortest of
// %.15g/%.16g/%.17g that reads back as the same double ("1", "1.5", "0.1",
// "1e+20"). (Redis 7.2 prints the shortest representation; 7.0 used %.17g.)
std::string FormatScore(double score);

// The hash that orders SCAN: stable across processes and table growth.
std::uint64_t ScanHash(std::string_view key);

class Keyspace {
 public:
  using Command = std::vector<std::string>;
  using Recorder = std::function<void(const Command&)>;

  Keyspace();
  Keyspace(const Keyspace&) = delete;
  Keyspace& operator=(const Keyspace&) = delete;

  // The write-log hook (see the top of this file); empty: nothing recorded.
  void SetRecorder(Recorder recorder) { recorder_ = std::move(recorder); }

  // Runs one command: args[0] is the name (any case), the rest its
  // arguments. Per-key commands: GET SET SETNX GETSET DEL EXISTS INCR DECR
  // INCRBY DECRBY APPEND STRLEN EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL
  // PERSIST TYPE LPUSH RPUSH LPOP RPOP LRANGE LLEN HSET HGET HDEL HGETALL
  // HLEN SADD SREM SMEMBERS SPOP SCARD ZADD ZRANGE ZPOPMIN ZCARD ZSCORE ZREM;
  // this shard's part of MGET MSET DEL EXISTS; and DBSIZE, KEYS, FLUSHALL for
  // this shard.
  Reply Execute(const Command& args, std::int64_t now_ms);

  // Runs a recorded command (loading mode: nothing expires, nothing is
  // recorded). `now_ms` only matters for commands never recorded with
  // relative times; pass the current time.
  Reply Replay(const Command& args, std::int64_t now_ms);

  // This shard's part of MGET: an array with each key's string value, or
  // null (missing, expired, or not a string).
  Reply GetMany(const std::vector<std::string>& keys, std::int64_t now_ms);
  // This shard's part of MSET: key value key value ...; replies OK.
  Reply SetMany(const std::vector<std::string>& keys_and_values, std::int64_t now_ms);
  // DEL / EXISTS over several keys: how many were deleted / exist (EXISTS
  // counts a key named twice twice, as Redis does).
  std::int64_t Delete(const std::vector<std::string>& keys, std::int64_t now_ms);
  std::int64_t Exists(const std::vector<std::string>& keys, std::int64_t now_ms);

  // Live keys (expired ones not counted). O(1) plus the expired keys not yet
  // removed.
  std::size_t DbSize(std::int64_t now_ms) const;
  // Deletes everything (recorded as FLUSHALL).
  void FlushAll();
  // The live keys matching `pattern` (GlobMatch), in no particular order.
  std::vector<std::string> Keys(std::string_view pattern, std::int64_t now_ms);

  // SCAN for this shard. Keys are visited in the order of ScanHash; the
  // cursor is the next hash to visit (0 starts; a returned 0 means done).
  // Guarantee: every key present (and live) for the whole scan is returned
  // exactly once; a key added or deleted during the scan may or may not be.
  // A call returns about `count` matching keys (more if hashes tie, fewer at
  // the end). Each call costs O(keys in the shard).
  struct ScanResult {
    std::uint64_t cursor = 0;
    std::vector<std::string> keys;
  };
  ScanResult Scan(std::uint64_t cursor, std::string_view pattern, std::size_t count,
                  std::int64_t now_ms);

  // The active sweep, for a timer: removes up to `budget` expired keys, the
  // longest-expired first; returns how many it removed.
  std::size_t SweepExpired(std::int64_t now_ms, std::size_t budget);

  // Keys stored, including expired ones not yet removed.
  std::size_t stored_keys() const { return table_.size(); }
  // Keys with an expiry (live or not yet removed).
  std::size_t volatile_keys() const { return expiries_.size(); }

 private:
  static constexpr std::int64_t kNoExpiry = std::numeric_limits<std::int64_t>::min();

  using List = std::deque<std::string>;
  using Hash = absl::flat_hash_map<std::string, std::string>;
  using Set = absl::flat_hash_set<std::string>;
  // A sorted set: members ordered by (score, member) in `order` (std::set
  // nodes never move, so `scores` keys are views of the members there).
  struct ZSet {
    struct Less {
      using is_transparent = void;
      template <typename A, typename B>
      bool operator()(const A& a, const B& b) const {
        if (a.first != b.first) return a.first < b.first;
        return std::string_view(a.second) < std::string_view(b.second);
      }
    };
    std::set<std::pair<double, std::string>, Less> order;
    absl::flat_hash_map<absl::string_view, double> scores;
  };
  // The stored types, in TYPE's order.
  enum class Type : std::uint8_t { kString, kList, kHash, kSet, kZSet };
  template <typename T>
  static constexpr Type TypeOf() {
    if constexpr (std::is_same_v<T, List>) {
      return Type::kList;
    } else if constexpr (std::is_same_v<T, Hash>) {
      return Type::kHash;
    } else if constexpr (std::is_same_v<T, Set>) {
      return Type::kSet;
    } else {
      static_assert(std::is_same_v<T, ZSet>);
      return Type::kZSet;
    }
  }

  // One key and its value: the owner of the key's heap block (the layout is
  // at the top of this file) and of its container. The table hashes and
  // compares the key read from the block, so a write may replace the block by
  // one with the same key: the table's elements are const, hence the const
  // writes on a mutable pointer.
  class Entry {
   public:
    static Entry String(std::string_view key, std::string_view value);
    template <typename T>
    static Entry Container(std::string_view key, std::unique_ptr<T> container);
    Entry(Entry&& other) noexcept : block_(std::exchange(other.block_, nullptr)) {}
    Entry& operator=(Entry&& other) noexcept {
      std::swap(block_, other.block_);
      return *this;
    }
    ~Entry();

    std::string_view key() const;
    Type type() const;
    // kNoExpiry: none.
    std::int64_t expires_at() const;
    // The value of a string.
    std::string_view string() const;
    // The container, or nullptr if the value is not a T.
    template <typename T>
    T* As() const;

    // Writes; each keeps the key, and the expiry unless it sets it.
    void SetString(std::string_view value) const;  // whatever the type was
    void Append(std::string_view tail) const;      // a string
    void SetExpiresAt(std::int64_t when) const;    // kNoExpiry clears it

   private:
    explicit Entry(char* block) : block_(block) {}
    static void DeleteContainer(Type type, void* container);

    mutable char* block_;
  };
  // The table's hash and equality, on Entry and on a key (heterogeneous
  // lookup: finding a key builds no Entry).
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const;
    std::size_t operator()(const Entry& e) const;
  };
  struct KeyEq {
    using is_transparent = void;
    bool operator()(const Entry& a, const Entry& b) const;
    bool operator()(const Entry& a, std::string_view b) const;
    bool operator()(std::string_view a, const Entry& b) const;
  };
  using Table = absl::flat_hash_set<Entry, KeyHash, KeyEq>;

  // The volatile keys by expiry time, for the sweep and DbSize.
  struct ExpiryLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      if (a.first != b.first) return a.first < b.first;
      return std::string_view(a.second) < std::string_view(b.second);
    }
  };
  using ExpiryIndex = absl::btree_set<std::pair<std::int64_t, std::string>, ExpiryLess>;

  using Handler = Reply (Keyspace::*)(const Command&, std::int64_t);
  struct Spec {
    Handler handler;
    int arity;  // Redis's: n exactly, -n at least n (the name included)
  };
  static const absl::flat_hash_map<std::string, Spec>& Commands();

  bool Expired(const Entry& e, std::int64_t now) const {
    if (loading_) return false;
    const std::int64_t t = e.expires_at();
    return t != kNoExpiry && now > t;
  }
  // The live entry for `key`, or end() (an expired one is deleted first).
  Table::iterator Find(std::string_view key, std::int64_t now);
  void Erase(Table::iterator it);
  // Erases an expired entry, recorded as DEL.
  void EraseExpired(Table::iterator it);
  void SetExpiry(const Entry& e, std::int64_t when);
  // Stores a string value at `key`, whose live entry is `it` (from Find;
  // end(): none), clearing the expiry (keep_ttl: keeping it).
  const Entry& PutString(Table::iterator it, std::string_view key, std::string_view value,
                         bool keep_ttl);
  // Stores an empty T at `key` (which has no live entry).
  template <typename T>
  T* AddContainer(std::string_view key);
  // Gives `cmd` to the recorder (when one is set and not loading); build a
  // command only `if (recording())`: most shards run without an AOF.
  void Record(const Command& cmd);
  bool recording() const { return recorder_ && !loading_; }

  // A live entry holding a string / a T: nullptr if missing; `wrong` if
  // another type.
  const Entry* GetString(std::string_view key, std::int64_t now, bool* wrong);
  template <typename T>
  T* Get(std::string_view key, std::int64_t now, bool* wrong);

  Reply CmdGet(const Command& a, std::int64_t now);
  Reply CmdSet(const Command& a, std::int64_t now);
  Reply CmdSetNx(const Command& a, std::int64_t now);
  Reply CmdGetSet(const Command& a, std::int64_t now);
  Reply CmdDel(const Command& a, std::int64_t now);
  Reply CmdExists(const Command& a, std::int64_t now);
  Reply CmdIncr(const Command& a, std::int64_t now);
  Reply CmdDecr(const Command& a, std::int64_t now);
  Reply CmdIncrBy(const Command& a, std::int64_t now);
  Reply CmdDecrBy(const Command& a, std::int64_t now);
  Reply IncrBy(const Command& a, std::int64_t by, std::int64_t now);
  Reply CmdAppend(const Command& a, std::int64_t now);
  Reply CmdStrlen(const Command& a, std::int64_t now);
  Reply CmdMGet(const Command& a, std::int64_t now);
  Reply CmdMSet(const Command& a, std::int64_t now);
  Reply CmdExpire(const Command& a, std::int64_t now);
  Reply CmdTtl(const Command& a, std::int64_t now);
  Reply CmdPersist(const Command& a, std::int64_t now);
  Reply CmdType(const Command& a, std::int64_t now);
  Reply CmdPush(const Command& a, std::int64_t now);
  Reply CmdPop(const Command& a, std::int64_t now);
  Reply CmdLRange(const Command& a, std::int64_t now);
  Reply CmdLLen(const Command& a, std::int64_t now);
  Reply CmdHSet(const Command& a, std::int64_t now);
  Reply CmdHGet(const Command& a, std::int64_t now);
  Reply CmdHDel(const Command& a, std::int64_t now);
  Reply CmdHGetAll(const Command& a, std::int64_t now);
  Reply CmdHLen(const Command& a, std::int64_t now);
  Reply CmdSAdd(const Command& a, std::int64_t now);
  Reply CmdSRem(const Command& a, std::int64_t now);
  Reply CmdSMembers(const Command& a, std::int64_t now);
  Reply CmdSPop(const Command& a, std::int64_t now);
  Reply CmdSCard(const Command& a, std::int64_t now);
  Reply CmdZAdd(const Command& a, std::int64_t now);
  Reply CmdZRange(const Command& a, std::int64_t now);
  Reply CmdZPopMin(const Command& a, std::int64_t now);
  Reply CmdZCard(const Command& a, std::int64_t now);
  Reply CmdZScore(const Command& a, std::int64_t now);
  Reply CmdZRem(const Command& a, std::int64_t now);
  Reply CmdDbSize(const Command& a, std::int64_t now);
  Reply CmdKeys(const Command& a, std::int64_t now);
  Reply CmdFlushAll(const Command& a, std::int64_t now);

  Table table_;
  ExpiryIndex expiries_;
  Recorder recorder_;
  bool loading_ = false;
  std::mt19937_64 rng_;
};

}  // namespace kv

#endif  // HEPH_EXAMPLES_KV_KEYSPACE_H_
