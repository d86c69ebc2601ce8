// keyspace.cc — see keyspace.h.
#include "examples/kv/keyspace.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <queue>
#include <type_traits>

#include <malloc.h>

#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace kv {
namespace {

using Command = Keyspace::Command;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// Debian's Abseil has its own string_view (not std's): convert at its APIs.
absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

const char kWrongType[] = "WRONGTYPE Operation against a key holding the wrong kind of value";
const char kNotInteger[] = "ERR value is not an integer or out of range";
const char kNotFloat[] = "ERR value is not a valid float";
const char kSyntax[] = "ERR syntax error";
const char kOverflow[] = "ERR increment or decrement would overflow";
const char kNotPositive[] = "ERR value is out of range, must be positive";

Reply WrongType() { return Reply::Error(kWrongType); }
Reply NotInteger() { return Reply::Error(kNotInteger); }
Reply Syntax() { return Reply::Error(kSyntax); }
Reply InvalidExpire(std::string_view cmd) {
  return Reply::Error(absl::StrCat("ERR invalid expire time in '", A(cmd), "' command"));
}
Reply EmptyArray() { return Reply::Array({}); }

bool Is(std::string_view a, std::string_view b) { return absl::EqualsIgnoreCase(A(a), A(b)); }

// Redis's string2ll: optional '-', no '+', no leading zeros, no spaces.
bool ParseInt(std::string_view s, std::int64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  if (s == "0") {
    *out = 0;
    return true;
  }
  std::size_t i = 0;
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    i = 1;
    if (s.size() == 1) return false;
  }
  if (s[i] < '1' || s[i] > '9') return false;
  std::uint64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    std::uint64_t d = static_cast<std::uint64_t>(s[i] - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  if (negative) {
    if (v > static_cast<std::uint64_t>(kMax) + 1) return false;
    *out = v == static_cast<std::uint64_t>(kMax) + 1 ? kMin : -static_cast<std::int64_t>(v);
  } else {
    if (v > static_cast<std::uint64_t>(kMax)) return false;
    *out = static_cast<std::int64_t>(v);
  }
  return true;
}

// Redis's string2d: strtod over the whole string, no leading space, no NaN.
bool ParseScore(const std::string& s, double* out) {
  if (s.empty() || absl::ascii_isspace(static_cast<unsigned char>(s[0]))) return false;
  errno = 0;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return false;
  if (errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL || d == 0)) return false;
  if (std::isnan(d)) return false;
  *out = d;
  return true;
}

// A count argument of LPOP/RPOP/SPOP/ZPOPMIN: 0..LONG_MAX.
bool ParseCount(std::string_view s, std::int64_t* out) { return ParseInt(s, out) && *out >= 0; }

Reply BulkArray(std::vector<std::string> items) {
  std::vector<Reply> e;
  e.reserve(items.size());
  for (auto& s : items) e.push_back(Reply::Bulk(std::move(s)));
  return Reply::Array(std::move(e));
}

std::string UnknownCommand(const Command& args) {
  std::string name = args.empty() ? std::string() : args[0].substr(0, 128);
  std::string rest;
  for (std::size_t i = 1; i < args.size() && rest.size() < 128; ++i) {
    absl::StrAppend(&rest, "'", args[i].substr(0, 128 - rest.size()), "' ");
  }
  std::string msg =
      absl::StrCat("ERR unknown command '", name, "', with args beginning with: ", rest);
  // Redis replaces line breaks so the error stays one line.
  for (char& c : msg) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return msg;
}

}  // namespace

// ---------------------------------------------------------------------------
// Helpers shared with the server.

bool GlobMatch(std::string_view pattern, std::string_view text, bool nocase) {
  // A port of Redis 7's stringmatchlen (with its guard against patterns that
  // backtrack exponentially); the bounds checks replace its NUL reads.
  struct Matcher {
    bool nocase;
    bool skip_longer = false;
    static char At(std::string_view s, std::size_t i) { return i < s.size() ? s[i] : '\0'; }
    char Fold(char c) const {
      return nocase ? static_cast<char>(absl::ascii_tolower(static_cast<unsigned char>(c))) : c;
    }
    bool Match(std::string_view p, std::string_view s, int nesting) {
      if (nesting > 1000) return false;
      while (!p.empty() && !s.empty()) {
        switch (p[0]) {
          case '*': {
            while (p.size() > 1 && p[1] == '*') p.remove_prefix(1);
            if (p.size() == 1) return true;
            while (!s.empty()) {
              if (Match(p.substr(1), s, nesting + 1)) return true;
              if (skip_longer) return false;
              s.remove_prefix(1);
            }
            skip_longer = true;
            return false;
          }
          case '?':
            s.remove_prefix(1);
            break;
          case '[': {
            p.remove_prefix(1);
            bool negate = At(p, 0) == '^';
            if (negate) p.remove_prefix(1);
            bool match = false;
            while (true) {
              if (At(p, 0) == '\\' && p.size() >= 2) {
                p.remove_prefix(1);
                if (Fold(p[0]) == Fold(s[0])) match = true;
              } else if (At(p, 0) == ']') {
                break;
              } else if (p.empty()) {
                // Unterminated class: Redis steps back so the outer loop's
                // step lands on the end.
                break;
              } else if (p.size() >= 3 && p[1] == '-') {
                int start = Fold(p[0]);
                int end = Fold(p[2]);
                int c = Fold(s[0]);
                if (start > end) std::swap(start, end);
                p.remove_prefix(2);
                if (c >= start && c <= end) match = true;
              } else {
                if (Fold(p[0]) == Fold(s[0])) match = true;
              }
              p.remove_prefix(1);
            }
            if (negate) match = !match;
            if (!match) return false;
            s.remove_prefix(1);
            if (p.empty()) {
              // The unterminated case: nothing left to step over.
              if (s.empty()) return true;
              return false;
            }
            break;
          }
          case '\\':
            if (p.size() >= 2) p.remove_prefix(1);
            [[fallthrough]];
          default:
            if (Fold(p[0]) != Fold(s[0])) return false;
            s.remove_prefix(1);
            break;
        }
        p.remove_prefix(1);
        if (s.empty()) {
          while (!p.empty() && p[0] == '*') p.remove_prefix(1);
          break;
        }
      }
      return p.empty() && s.empty();
    }
  };
  Matcher m{nocase};
  return m.Match(pattern, text, 0);
}

std::string FormatScore(double score) {
  if (std::isinf(score)) return score > 0 ? "inf" : "-inf";
  char buf[64];
  for (int precision : {15, 16, 17}) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, score);
    if (precision == 17 || std::strtod(buf, nullptr) == score) break;
  }
  return buf;
}

std::uint64_t ScanHash(std::string_view key) {
  // FNV-1a, then splitmix64's finaliser to spread the bits.
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

// ---------------------------------------------------------------------------
// Storage.

// The entry's block (the layout is at the top of keyspace.h).
namespace {

constexpr char kTypeBits = 0x07;
constexpr char kHasExpiry = 0x08;

std::size_t VarintSize(std::size_t n) {
  std::size_t size = 1;
  for (; n >= 0x80; n >>= 7) ++size;
  return size;
}

char* PutVarint(char* p, std::size_t n) {
  for (; n >= 0x80; n >>= 7) *p++ = static_cast<char>(n | 0x80);
  *p++ = static_cast<char>(n);
  return p;
}

inline const char* GetVarint(const char* p, std::size_t* n) {
  if (static_cast<unsigned char>(*p) < 0x80) {  // most lengths: one byte
    *n = static_cast<unsigned char>(*p);
    return p + 1;
  }
  std::size_t v = 0;
  unsigned shift = 0;
  unsigned char c;
  do {
    c = static_cast<unsigned char>(*p++);
    v |= static_cast<std::size_t>(c & 0x7f) << shift;
    shift += 7;
  } while (c & 0x80);
  *n = v;
  return p;
}

char* PutBytes(char* p, std::string_view s) {
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

char* Allocate(std::size_t size) {
  void* p = std::malloc(size);
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<char*>(p);
}

char* Reallocate(char* block, std::size_t size) {
  void* p = std::realloc(block, size);
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<char*>(p);
}

// `block` with room for `size` bytes, its first `keep` bytes kept: the same
// block when `size` fits its allocation and leaves at most max(size, 64)
// bytes of it unused, otherwise a new one.
char* Refit(char* block, std::size_t keep, std::size_t size) {
  constexpr std::size_t kSmallChunk = 64;
  const std::size_t capacity = malloc_usable_size(block);
  if (size <= capacity && capacity - size <= std::max(size, kSmallChunk)) return block;
  char* fresh = Allocate(size);
  std::memcpy(fresh, block, keep);
  std::free(block);
  return fresh;
}

inline std::string_view KeyOf(const char* block) {
  std::size_t size;
  const char* key = GetVarint(block + 1, &size);
  return {key, size};
}

// Where the value's part starts: right after the key.
inline std::size_t PayloadOffset(const char* block) {
  const std::string_view key = KeyOf(block);
  return static_cast<std::size_t>(key.data() + key.size() - block);
}

// Where the value's part ends and the expiry (if any) starts: after a
// string's bytes, or after a container's pointer.
inline std::size_t PayloadEnd(const char* block, bool is_string) {
  const std::size_t payload = PayloadOffset(block);
  if (!is_string) return payload + sizeof(void*);
  std::size_t size;
  return static_cast<std::size_t>(GetVarint(block + payload, &size) - block) + size;
}

}  // namespace

Keyspace::Entry Keyspace::Entry::String(std::string_view key, std::string_view value) {
  const std::size_t size =
      1 + VarintSize(key.size()) + key.size() + VarintSize(value.size()) + value.size();
  char* block = Allocate(size);
  block[0] = static_cast<char>(Type::kString);
  char* p = PutBytes(PutVarint(block + 1, key.size()), key);
  PutBytes(PutVarint(p, value.size()), value);
  return Entry(block);
}

template <typename T>
Keyspace::Entry Keyspace::Entry::Container(std::string_view key, std::unique_ptr<T> container) {
  const std::size_t size = 1 + VarintSize(key.size()) + key.size() + sizeof(void*);
  char* block = Allocate(size);
  block[0] = static_cast<char>(TypeOf<T>());
  char* p = PutBytes(PutVarint(block + 1, key.size()), key);
  void* owned = container.release();
  std::memcpy(p, &owned, sizeof owned);
  return Entry(block);
}

Keyspace::Entry::~Entry() {
  if (block_ == nullptr) return;
  const Type t = type();
  if (t != Type::kString) {
    void* container;
    std::memcpy(&container, block_ + PayloadOffset(block_), sizeof container);
    DeleteContainer(t, container);
  }
  std::free(block_);
}

void Keyspace::Entry::DeleteContainer(Type type, void* container) {
  switch (type) {
    case Type::kString: break;
    case Type::kList: delete static_cast<List*>(container); break;
    case Type::kHash: delete static_cast<Hash*>(container); break;
    case Type::kSet: delete static_cast<Set*>(container); break;
    case Type::kZSet: delete static_cast<ZSet*>(container); break;
  }
}

inline std::string_view Keyspace::Entry::key() const { return KeyOf(block_); }

inline Keyspace::Type Keyspace::Entry::type() const {
  return static_cast<Type>(block_[0] & kTypeBits);
}

inline std::int64_t Keyspace::Entry::expires_at() const {
  if ((block_[0] & kHasExpiry) == 0) return kNoExpiry;
  std::int64_t when;
  std::memcpy(&when, block_ + PayloadEnd(block_, type() == Type::kString), sizeof when);
  return when;
}

inline std::string_view Keyspace::Entry::string() const {
  std::size_t size;
  const char* value = GetVarint(block_ + PayloadOffset(block_), &size);
  return {value, size};
}

template <typename T>
inline T* Keyspace::Entry::As() const {
  if (type() != TypeOf<T>()) return nullptr;
  void* container;
  std::memcpy(&container, block_ + PayloadOffset(block_), sizeof container);
  return static_cast<T*>(container);
}

void Keyspace::Entry::SetString(std::string_view value) const {
  const Type old_type = type();
  void* old_container = nullptr;
  const std::size_t payload = PayloadOffset(block_);
  if (old_type == Type::kString) {
    std::size_t old_size;
    const auto old_value =
        static_cast<std::size_t>(GetVarint(block_ + payload, &old_size) - block_);
    if (old_size == value.size()) {  // the common overwrite: in place
      PutBytes(block_ + old_value, value);
      return;
    }
  } else {
    std::memcpy(&old_container, block_ + payload, sizeof old_container);
  }
  const std::int64_t expiry = expires_at();
  const bool has_expiry = expiry != kNoExpiry;
  const std::size_t size = payload + VarintSize(value.size()) + value.size() +
                           (has_expiry ? sizeof expiry : 0);
  block_ = Refit(block_, payload, size);
  block_[0] = static_cast<char>(static_cast<char>(Type::kString) | (block_[0] & kHasExpiry));
  char* p = PutBytes(PutVarint(block_ + payload, value.size()), value);
  if (has_expiry) std::memcpy(p, &expiry, sizeof expiry);
  if (old_container != nullptr) DeleteContainer(old_type, old_container);
}

void Keyspace::Entry::Append(std::string_view tail) const {
  const std::int64_t expiry = expires_at();
  const bool has_expiry = expiry != kNoExpiry;
  const std::size_t payload = PayloadOffset(block_);
  std::size_t old_size;
  const auto old_value = static_cast<std::size_t>(GetVarint(block_ + payload, &old_size) - block_);
  const std::size_t new_size = old_size + tail.size();
  const std::size_t value = payload + VarintSize(new_size);
  const std::size_t size = value + new_size + (has_expiry ? sizeof expiry : 0);
  // Grown by half again: repeated appends copy each byte O(1) times.
  if (size > malloc_usable_size(block_)) block_ = Reallocate(block_, size + size / 2);
  if (value != old_value) std::memmove(block_ + value, block_ + old_value, old_size);
  PutVarint(block_ + payload, new_size);
  char* p = PutBytes(block_ + value + old_size, tail);
  if (has_expiry) std::memcpy(p, &expiry, sizeof expiry);
}

void Keyspace::Entry::SetExpiresAt(std::int64_t when) const {
  if (when == kNoExpiry) {
    block_[0] = static_cast<char>(block_[0] & ~kHasExpiry);
    return;
  }
  const std::size_t end = PayloadEnd(block_, type() == Type::kString);
  const std::size_t size = end + sizeof when;
  if ((block_[0] & kHasExpiry) == 0 && size > malloc_usable_size(block_)) {
    block_ = Reallocate(block_, size);
  }
  block_[0] = static_cast<char>(block_[0] | kHasExpiry);
  std::memcpy(block_ + end, &when, sizeof when);
}

inline std::size_t Keyspace::KeyHash::operator()(std::string_view key) const {
  return absl::Hash<absl::string_view>()(A(key));
}
inline std::size_t Keyspace::KeyHash::operator()(const Entry& e) const { return (*this)(e.key()); }

inline bool Keyspace::KeyEq::operator()(const Entry& a, const Entry& b) const {
  return a.key() == b.key();
}
inline bool Keyspace::KeyEq::operator()(const Entry& a, std::string_view b) const {
  return a.key() == b;
}
inline bool Keyspace::KeyEq::operator()(std::string_view a, const Entry& b) const {
  return a == b.key();
}

// ---------------------------------------------------------------------------
// Storage.

Keyspace::Keyspace() : rng_(0x6b657973706163ull) {}

Keyspace::Table::iterator Keyspace::Find(std::string_view key, std::int64_t now) {
  auto it = table_.find(key);
  if (it == table_.end() || !Expired(*it, now)) return it;
  EraseExpired(it);
  return table_.end();
}

void Keyspace::EraseExpired(Table::iterator it) {
  if (recording()) Record({"DEL", std::string(it->key())});
  Erase(it);
}

void Keyspace::Erase(Table::iterator it) {
  const std::int64_t when = it->expires_at();
  if (when != kNoExpiry) {
    expiries_.erase(std::pair<std::int64_t, std::string_view>(when, it->key()));
  }
  table_.erase(it);
}

void Keyspace::SetExpiry(const Entry& e, std::int64_t when) {
  const std::int64_t current = e.expires_at();
  if (current == when) return;
  if (current != kNoExpiry) {
    expiries_.erase(std::pair<std::int64_t, std::string_view>(current, e.key()));
  }
  e.SetExpiresAt(when);
  if (when != kNoExpiry) expiries_.emplace(when, std::string(e.key()));
}

const Keyspace::Entry& Keyspace::PutString(Table::iterator it, std::string_view key,
                                           std::string_view value, bool keep_ttl) {
  if (it == table_.end()) return *table_.insert(Entry::String(key, value)).first;
  if (!keep_ttl) SetExpiry(*it, kNoExpiry);
  it->SetString(value);
  return *it;
}

template <typename T>
T* Keyspace::AddContainer(std::string_view key) {
  auto container = std::make_unique<T>();
  T* added = container.get();
  table_.insert(Entry::Container(key, std::move(container)));
  return added;
}

void Keyspace::Record(const Command& cmd) {
  if (recording()) recorder_(cmd);
}

const Keyspace::Entry* Keyspace::GetString(std::string_view key, std::int64_t now, bool* wrong) {
  auto it = Find(key, now);
  *wrong = it != table_.end() && it->type() != Type::kString;
  return it == table_.end() || *wrong ? nullptr : &*it;
}

template <typename T>
T* Keyspace::Get(std::string_view key, std::int64_t now, bool* wrong) {
  auto it = Find(key, now);
  T* value = it == table_.end() ? nullptr : it->template As<T>();
  *wrong = it != table_.end() && value == nullptr;
  return value;
}

// ---------------------------------------------------------------------------
// Dispatch.

const absl::flat_hash_map<std::string, Keyspace::Spec>& Keyspace::Commands() {
  static const auto* table = new absl::flat_hash_map<std::string, Spec>{
      {"get", {&Keyspace::CmdGet, 2}},
      {"set", {&Keyspace::CmdSet, -3}},
      {"setnx", {&Keyspace::CmdSetNx, 3}},
      {"getset", {&Keyspace::CmdGetSet, 3}},
      {"del", {&Keyspace::CmdDel, -2}},
      {"exists", {&Keyspace::CmdExists, -2}},
      {"incr", {&Keyspace::CmdIncr, 2}},
      {"decr", {&Keyspace::CmdDecr, 2}},
      {"incrby", {&Keyspace::CmdIncrBy, 3}},
      {"decrby", {&Keyspace::CmdDecrBy, 3}},
      {"append", {&Keyspace::CmdAppend, 3}},
      {"strlen", {&Keyspace::CmdStrlen, 2}},
      {"mget", {&Keyspace::CmdMGet, -2}},
      {"mset", {&Keyspace::CmdMSet, -3}},
      {"expire", {&Keyspace::CmdExpire, -3}},
      {"pexpire", {&Keyspace::CmdExpire, -3}},
      {"expireat", {&Keyspace::CmdExpire, -3}},
      {"pexpireat", {&Keyspace::CmdExpire, -3}},
      {"ttl", {&Keyspace::CmdTtl, 2}},
      {"pttl", {&Keyspace::CmdTtl, 2}},
      {"persist", {&Keyspace::CmdPersist, 2}},
      {"type", {&Keyspace::CmdType, 2}},
      {"lpush", {&Keyspace::CmdPush, -3}},
      {"rpush", {&Keyspace::CmdPush, -3}},
      {"lpop", {&Keyspace::CmdPop, -2}},
      {"rpop", {&Keyspace::CmdPop, -2}},
      {"lrange", {&Keyspace::CmdLRange, 4}},
      {"llen", {&Keyspace::CmdLLen, 2}},
      {"hset", {&Keyspace::CmdHSet, -4}},
      {"hget", {&Keyspace::CmdHGet, 3}},
      {"hdel", {&Keyspace::CmdHDel, -3}},
      {"hgetall", {&Keyspace::CmdHGetAll, 2}},
      {"hlen", {&Keyspace::CmdHLen, 2}},
      {"sadd", {&Keyspace::CmdSAdd, -3}},
      {"srem", {&Keyspace::CmdSRem, -3}},
      {"smembers", {&Keyspace::CmdSMembers, 2}},
      {"spop", {&Keyspace::CmdSPop, -2}},
      {"scard", {&Keyspace::CmdSCard, 2}},
      {"zadd", {&Keyspace::CmdZAdd, -4}},
      {"zrange", {&Keyspace::CmdZRange, -4}},
      {"zpopmin", {&Keyspace::CmdZPopMin, -2}},
      {"zcard", {&Keyspace::CmdZCard, 2}},
      {"zscore", {&Keyspace::CmdZScore, 3}},
      {"zrem", {&Keyspace::CmdZRem, -3}},
      {"dbsize", {&Keyspace::CmdDbSize, 1}},
      {"keys", {&Keyspace::CmdKeys, 2}},
      {"flushall", {&Keyspace::CmdFlushAll, -1}},
  };
  return *table;
}

Reply Keyspace::Execute(const Command& args, std::int64_t now_ms) {
  if (args.empty()) return Reply::Error(UnknownCommand(args));
  std::string name = absl::AsciiStrToLower(args[0]);
  const auto& table = Commands();
  auto it = table.find(name);
  if (it == table.end()) return Reply::Error(UnknownCommand(args));
  const Spec& spec = it->second;
  const auto argc = static_cast<int>(args.size());
  if ((spec.arity > 0 && argc != spec.arity) || (spec.arity < 0 && argc < -spec.arity)) {
    return Reply::Error(absl::StrCat("ERR wrong number of arguments for '", name, "' command"));
  }
  return (this->*spec.handler)(args, now_ms);
}

Reply Keyspace::Replay(const Command& args, std::int64_t now_ms) {
  loading_ = true;
  Reply r = Execute(args, now_ms);
  loading_ = false;
  return r;
}

// ---------------------------------------------------------------------------
// Strings.

Reply Keyspace::CmdGet(const Command& a, std::int64_t now) {
  bool wrong;
  const Entry* e = GetString(a[1], now, &wrong);
  if (wrong) return WrongType();
  return e ? Reply::Bulk(std::string(e->string())) : Reply::Null();
}

Reply Keyspace::CmdSet(const Command& a, std::int64_t now) {
  enum Unit { kNone, kEx, kPx, kExAt, kPxAt };
  bool nx = false, xx = false, get = false, keep_ttl = false;
  Unit unit = kNone;
  const std::string* expire_arg = nullptr;
  for (std::size_t j = 3; j < a.size(); ++j) {
    const std::string& opt = a[j];
    const bool has_next = j + 1 < a.size();
    auto timed = [&](Unit u) {
      return (unit == kNone || unit == u) && !keep_ttl && has_next;
    };
    if (Is(opt, "nx") && !xx) {
      nx = true;
    } else if (Is(opt, "xx") && !nx) {
      xx = true;
    } else if (Is(opt, "get")) {
      get = true;
    } else if (Is(opt, "keepttl") && unit == kNone) {
      keep_ttl = true;
    } else if (Is(opt, "ex") && timed(kEx)) {
      unit = kEx;
      expire_arg = &a[++j];
    } else if (Is(opt, "px") && timed(kPx)) {
      unit = kPx;
      expire_arg = &a[++j];
    } else if (Is(opt, "exat") && timed(kExAt)) {
      unit = kExAt;
      expire_arg = &a[++j];
    } else if (Is(opt, "pxat") && timed(kPxAt)) {
      unit = kPxAt;
      expire_arg = &a[++j];
    } else {
      return Syntax();
    }
  }
  std::int64_t when = kNoExpiry;
  if (unit != kNone) {
    std::int64_t v;
    if (!ParseInt(*expire_arg, &v)) return NotInteger();
    const bool seconds = unit == kEx || unit == kExAt;
    if (v <= 0 || (seconds && v > kMax / 1000)) return InvalidExpire("set");
    if (seconds) v *= 1000;
    if (unit == kEx || unit == kPx) {
      if (__builtin_add_overflow(v, now, &v)) return InvalidExpire("set");
    }
    if (v <= 0) return InvalidExpire("set");
    when = v;
  }
  auto it = Find(a[1], now);
  const bool found = it != table_.end();
  Reply old = Reply::Null();
  if (get && found) {
    if (it->type() != Type::kString) return WrongType();
    old = Reply::Bulk(std::string(it->string()));
  }
  if ((nx && found) || (xx && !found)) return get ? old : Reply::Null();
  const Entry& e = PutString(it, a[1], a[2], keep_ttl);
  if (when != kNoExpiry) SetExpiry(e, when);
  if (recording()) {
    Command log = {"SET", a[1], a[2]};
    if (when != kNoExpiry) {
      log.push_back("PXAT");
      log.push_back(absl::StrCat(when));
    } else if (keep_ttl) {
      log.push_back("KEEPTTL");
    }
    Record(log);
  }
  return get ? old : Reply::Ok();
}

Reply Keyspace::CmdSetNx(const Command& a, std::int64_t now) {
  auto it = Find(a[1], now);
  if (it != table_.end()) return Reply::Integer(0);
  PutString(it, a[1], a[2], false);
  if (recording()) Record({"SET", a[1], a[2]});
  return Reply::Integer(1);
}

Reply Keyspace::CmdGetSet(const Command& a, std::int64_t now) {
  auto it = Find(a[1], now);
  const bool found = it != table_.end();
  if (found && it->type() != Type::kString) return WrongType();
  Reply old = found ? Reply::Bulk(std::string(it->string())) : Reply::Null();
  PutString(it, a[1], a[2], false);
  Record(a);
  return old;
}

Reply Keyspace::CmdDel(const Command& a, std::int64_t now) {
  return Reply::Integer(Delete(std::vector<std::string>(a.begin() + 1, a.end()), now));
}

Reply Keyspace::CmdExists(const Command& a, std::int64_t now) {
  return Reply::Integer(Exists(std::vector<std::string>(a.begin() + 1, a.end()), now));
}

std::int64_t Keyspace::Delete(const std::vector<std::string>& keys, std::int64_t now_ms) {
  Command log;
  const bool record = recording();
  if (record) log.push_back("DEL");
  std::int64_t n = 0;
  for (const auto& k : keys) {
    auto it = Find(k, now_ms);
    if (it == table_.end()) continue;
    Erase(it);
    ++n;
    if (record) log.push_back(k);
  }
  if (n > 0 && record) Record(log);
  return n;
}

std::int64_t Keyspace::Exists(const std::vector<std::string>& keys, std::int64_t now_ms) {
  std::int64_t n = 0;
  for (const auto& k : keys) n += Find(k, now_ms) != table_.end();
  return n;
}

Reply Keyspace::CmdIncr(const Command& a, std::int64_t now) { return IncrBy(a, 1, now); }
Reply Keyspace::CmdDecr(const Command& a, std::int64_t now) { return IncrBy(a, -1, now); }

Reply Keyspace::CmdIncrBy(const Command& a, std::int64_t now) {
  std::int64_t by;
  if (!ParseInt(a[2], &by)) return NotInteger();
  return IncrBy(a, by, now);
}

Reply Keyspace::CmdDecrBy(const Command& a, std::int64_t now) {
  std::int64_t by;
  if (!ParseInt(a[2], &by)) return NotInteger();
  if (by == kMin) return Reply::Error("ERR decrement would overflow");
  return IncrBy(a, -by, now);
}

Reply Keyspace::IncrBy(const Command& a, std::int64_t by, std::int64_t now) {
  bool wrong;
  const Entry* e = GetString(a[1], now, &wrong);
  if (wrong) return WrongType();
  std::int64_t old = 0;
  if (e && !ParseInt(e->string(), &old)) return NotInteger();
  if ((by < 0 && old < 0 && by < kMin - old) || (by > 0 && old > 0 && by > kMax - old)) {
    return Reply::Error(kOverflow);
  }
  const std::int64_t v = old + by;
  const absl::AlphaNum digits(v);
  const std::string_view value(digits.data(), digits.size());
  if (e) {
    e->SetString(value);  // keeps the expiry
  } else {
    PutString(table_.end(), a[1], value, false);
  }
  Record(a);
  return Reply::Integer(v);
}

Reply Keyspace::CmdAppend(const Command& a, std::int64_t now) {
  bool wrong;
  const Entry* e = GetString(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (e) {
    e->Append(a[2]);
  } else {
    e = &PutString(table_.end(), a[1], a[2], false);
  }
  Record(a);
  return Reply::Integer(static_cast<std::int64_t>(e->string().size()));
}

Reply Keyspace::CmdStrlen(const Command& a, std::int64_t now) {
  bool wrong;
  const Entry* e = GetString(a[1], now, &wrong);
  if (wrong) return WrongType();
  return Reply::Integer(e ? static_cast<std::int64_t>(e->string().size()) : 0);
}

Reply Keyspace::CmdMGet(const Command& a, std::int64_t now) {
  return GetMany(std::vector<std::string>(a.begin() + 1, a.end()), now);
}

Reply Keyspace::GetMany(const std::vector<std::string>& keys, std::int64_t now_ms) {
  std::vector<Reply> out;
  out.reserve(keys.size());
  for (const auto& k : keys) {
    bool wrong;
    const Entry* e = GetString(k, now_ms, &wrong);
    out.push_back(e ? Reply::Bulk(std::string(e->string())) : Reply::Null());
  }
  return Reply::Array(std::move(out));
}

Reply Keyspace::CmdMSet(const Command& a, std::int64_t now) {
  if (a.size() % 2 == 0) return Reply::Error("ERR wrong number of arguments for 'mset' command");
  return SetMany(std::vector<std::string>(a.begin() + 1, a.end()), now);
}

Reply Keyspace::SetMany(const std::vector<std::string>& kv, std::int64_t now_ms) {
  if (kv.size() % 2 != 0) return Reply::Error("ERR wrong number of arguments for 'mset' command");
  if (kv.empty()) return Reply::Ok();
  for (std::size_t i = 0; i < kv.size(); i += 2) {
    // Find first: an expired key is deleted (and recorded) before its reuse.
    PutString(Find(kv[i], now_ms), kv[i], kv[i + 1], false);
  }
  if (recording()) {
    Command log = {"MSET"};
    log.insert(log.end(), kv.begin(), kv.end());
    Record(log);
  }
  return Reply::Ok();
}

// ---------------------------------------------------------------------------
// Expiry.

Reply Keyspace::CmdExpire(const Command& a, std::int64_t now) {
  const std::string name = absl::AsciiStrToLower(a[0]);
  const bool seconds = name == "expire" || name == "expireat";
  const bool relative = name == "expire" || name == "pexpire";
  bool nx = false, xx = false, gt = false, lt = false;
  for (std::size_t j = 3; j < a.size(); ++j) {
    if (Is(a[j], "nx")) {
      nx = true;
    } else if (Is(a[j], "xx")) {
      xx = true;
    } else if (Is(a[j], "gt")) {
      gt = true;
    } else if (Is(a[j], "lt")) {
      lt = true;
    } else {
      return Reply::Error(absl::StrCat("ERR Unsupported option ", a[j]));
    }
  }
  if (nx && (xx || gt || lt)) {
    return Reply::Error("ERR NX and XX, GT or LT options at the same time are not compatible");
  }
  if (gt && lt) return Reply::Error("ERR GT and LT options at the same time are not compatible");
  std::int64_t when;
  if (!ParseInt(a[2], &when)) return NotInteger();
  if (seconds) {
    if (when > kMax / 1000 || when < kMin / 1000) return InvalidExpire(name);
    when *= 1000;
  }
  if (relative && __builtin_add_overflow(when, now, &when)) return InvalidExpire(name);
  auto it = Find(a[1], now);
  if (it == table_.end()) return Reply::Integer(0);
  const std::int64_t current = it->expires_at();
  if (nx && current != kNoExpiry) return Reply::Integer(0);
  if (xx && current == kNoExpiry) return Reply::Integer(0);
  if (gt && (current == kNoExpiry || when <= current)) return Reply::Integer(0);
  if (lt && current != kNoExpiry && when >= current) return Reply::Integer(0);
  if (when <= now && !loading_) {
    // Already past: the key goes now (Redis's checkAlreadyExpired).
    if (recording()) Record({"DEL", a[1]});
    Erase(it);
    return Reply::Integer(1);
  }
  SetExpiry(*it, when);
  if (recording()) Record({"PEXPIREAT", a[1], absl::StrCat(when)});
  return Reply::Integer(1);
}

Reply Keyspace::CmdTtl(const Command& a, std::int64_t now) {
  auto it = Find(a[1], now);
  if (it == table_.end()) return Reply::Integer(-2);
  const std::int64_t when = it->expires_at();
  if (when == kNoExpiry) return Reply::Integer(-1);
  std::int64_t ttl = std::max<std::int64_t>(0, when - now);
  if (Is(a[0], "ttl")) ttl = (ttl + 500) / 1000;
  return Reply::Integer(ttl);
}

Reply Keyspace::CmdPersist(const Command& a, std::int64_t now) {
  auto it = Find(a[1], now);
  if (it == table_.end() || it->expires_at() == kNoExpiry) return Reply::Integer(0);
  SetExpiry(*it, kNoExpiry);
  Record(a);
  return Reply::Integer(1);
}

Reply Keyspace::CmdType(const Command& a, std::int64_t now) {
  auto it = Find(a[1], now);
  if (it == table_.end()) return Reply::Simple("none");
  static constexpr const char* kNames[] = {"string", "list", "hash", "set", "zset"};
  return Reply::Simple(kNames[static_cast<int>(it->type())]);
}

std::size_t Keyspace::DbSize(std::int64_t now_ms) const {
  std::size_t expired = 0;
  for (auto it = expiries_.begin(); it != expiries_.end() && it->first < now_ms; ++it) ++expired;
  return table_.size() - expired;
}

void Keyspace::FlushAll() {
  table_.clear();
  expiries_.clear();
  if (recording()) Record({"FLUSHALL"});
}

std::vector<std::string> Keyspace::Keys(std::string_view pattern, std::int64_t now_ms) {
  std::vector<std::string> out;
  std::vector<std::string> expired;
  // As Redis: "*" matches every key (GlobMatch("*", "") is false).
  const bool match_all = pattern == "*";
  for (const Entry& e : table_) {
    const std::string_view k = e.key();
    if (Expired(e, now_ms)) {
      expired.emplace_back(k);
    } else if (match_all || GlobMatch(pattern, k)) {
      out.emplace_back(k);
    }
  }
  for (const auto& k : expired) Find(k, now_ms);
  return out;
}

Keyspace::ScanResult Keyspace::Scan(std::uint64_t cursor, std::string_view pattern,
                                    std::size_t count, std::int64_t now_ms) {
  count = std::max<std::size_t>(count, 1);
  const bool match_all = pattern == "*";
  // Pass 1: the `count` smallest hashes >= cursor among the live matching
  // keys (a max-heap holds them).
  std::priority_queue<std::uint64_t> smallest;
  std::vector<std::string> expired;
  for (const Entry& e : table_) {
    const std::string_view k = e.key();
    if (Expired(e, now_ms)) {
      expired.emplace_back(k);
      continue;
    }
    const std::uint64_t h = ScanHash(k);
    if (h < cursor) continue;
    if (smallest.size() == count && h >= smallest.top()) continue;
    if (!match_all && !GlobMatch(pattern, k)) continue;
    smallest.push(h);
    if (smallest.size() > count) smallest.pop();
  }
  for (const auto& k : expired) Find(k, now_ms);
  ScanResult result;
  if (smallest.empty()) return result;
  const std::uint64_t last = smallest.top();
  const bool done = smallest.size() < count;
  // Pass 2: every key in [cursor, last], ties at `last` included, so the next
  // cursor can start after it.
  for (const Entry& e : table_) {
    const std::string_view k = e.key();
    const std::uint64_t h = ScanHash(k);
    if (h < cursor || h > last) continue;
    if (!match_all && !GlobMatch(pattern, k)) continue;
    result.keys.emplace_back(k);
  }
  result.cursor = done || last == std::numeric_limits<std::uint64_t>::max() ? 0 : last + 1;
  return result;
}

std::size_t Keyspace::SweepExpired(std::int64_t now_ms, std::size_t budget) {
  std::size_t removed = 0;
  while (removed < budget && !expiries_.empty() && expiries_.begin()->first < now_ms) {
    EraseExpired(table_.find(std::string_view(expiries_.begin()->second)));
    ++removed;
  }
  return removed;
}

Reply Keyspace::CmdDbSize(const Command&, std::int64_t now) {
  return Reply::Integer(static_cast<std::int64_t>(DbSize(now)));
}

Reply Keyspace::CmdKeys(const Command& a, std::int64_t now) { return BulkArray(Keys(a[1], now)); }

Reply Keyspace::CmdFlushAll(const Command& a, std::int64_t) {
  // FLUSHALL [ASYNC|SYNC]: both are synchronous here.
  if (a.size() > 2 || (a.size() == 2 && !Is(a[1], "async") && !Is(a[1], "sync"))) {
    return Syntax();
  }
  FlushAll();
  return Reply::Ok();
}

// ---------------------------------------------------------------------------
// Lists.

Reply Keyspace::CmdPush(const Command& a, std::int64_t now) {
  bool wrong;
  List* l = Get<List>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!l) l = AddContainer<List>(a[1]);
  const bool left = Is(a[0], "lpush");
  for (std::size_t i = 2; i < a.size(); ++i) {
    if (left) {
      l->push_front(a[i]);
    } else {
      l->push_back(a[i]);
    }
  }
  Record(a);
  return Reply::Integer(static_cast<std::int64_t>(l->size()));
}

Reply Keyspace::CmdPop(const Command& a, std::int64_t now) {
  if (a.size() > 3) {
    return Reply::Error(absl::StrCat("ERR wrong number of arguments for '",
                                     absl::AsciiStrToLower(a[0]), "' command"));
  }
  const bool has_count = a.size() == 3;
  std::int64_t count = 1;
  if (has_count && !ParseCount(a[2], &count)) return Reply::Error(kNotPositive);
  bool wrong;
  List* l = Get<List>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!l) return has_count ? Reply::NullArray() : Reply::Null();
  if (has_count && count == 0) return EmptyArray();
  const bool left = Is(a[0], "lpop");
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(count), l->size());
  std::vector<std::string> popped;
  popped.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (left) {
      popped.push_back(std::move(l->front()));
      l->pop_front();
    } else {
      popped.push_back(std::move(l->back()));
      l->pop_back();
    }
  }
  if (l->empty()) Erase(table_.find(std::string_view(a[1])));
  if (recording()) Record({a[0], a[1], absl::StrCat(n)});
  if (!has_count) return Reply::Bulk(std::move(popped[0]));
  return BulkArray(std::move(popped));
}

Reply Keyspace::CmdLRange(const Command& a, std::int64_t now) {
  std::int64_t start, stop;
  if (!ParseInt(a[2], &start) || !ParseInt(a[3], &stop)) return NotInteger();
  bool wrong;
  List* l = Get<List>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!l) return EmptyArray();
  const auto len = static_cast<std::int64_t>(l->size());
  if (start < 0) start = std::max<std::int64_t>(0, len + start);
  if (stop < 0) stop = len + stop;
  if (start > stop || start >= len) return EmptyArray();
  if (stop >= len) stop = len - 1;
  std::vector<Reply> out;
  out.reserve(static_cast<std::size_t>(stop - start + 1));
  for (auto i = start; i <= stop; ++i) out.push_back(Reply::Bulk((*l)[static_cast<std::size_t>(i)]));
  return Reply::Array(std::move(out));
}

Reply Keyspace::CmdLLen(const Command& a, std::int64_t now) {
  bool wrong;
  List* l = Get<List>(a[1], now, &wrong);
  if (wrong) return WrongType();
  return Reply::Integer(l ? static_cast<std::int64_t>(l->size()) : 0);
}

// ---------------------------------------------------------------------------
// Hashes.

Reply Keyspace::CmdHSet(const Command& a, std::int64_t now) {
  if (a.size() % 2 == 1) return Reply::Error("ERR wrong number of arguments for 'hset' command");
  bool wrong;
  Hash* h = Get<Hash>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!h) h = AddContainer<Hash>(a[1]);
  std::int64_t added = 0;
  for (std::size_t i = 2; i < a.size(); i += 2) {
    added += h->insert_or_assign(a[i], a[i + 1]).second;
  }
  Record(a);
  return Reply::Integer(added);
}

Reply Keyspace::CmdHGet(const Command& a, std::int64_t now) {
  bool wrong;
  Hash* h = Get<Hash>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!h) return Reply::Null();
  auto it = h->find(a[2]);
  return it == h->end() ? Reply::Null() : Reply::Bulk(it->second);
}

Reply Keyspace::CmdHDel(const Command& a, std::int64_t now) {
  bool wrong;
  Hash* h = Get<Hash>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!h) return Reply::Integer(0);
  std::int64_t removed = 0;
  for (std::size_t i = 2; i < a.size(); ++i) removed += static_cast<std::int64_t>(h->erase(a[i]));
  if (h->empty()) Erase(table_.find(std::string_view(a[1])));
  if (removed > 0) Record(a);
  return Reply::Integer(removed);
}

Reply Keyspace::CmdHGetAll(const Command& a, std::int64_t now) {
  bool wrong;
  Hash* h = Get<Hash>(a[1], now, &wrong);
  if (wrong) return WrongType();
  std::vector<Reply> out;
  if (h) {
    out.reserve(h->size() * 2);
    for (const auto& [f, v] : *h) {
      out.push_back(Reply::Bulk(f));
      out.push_back(Reply::Bulk(v));
    }
  }
  return Reply::Array(std::move(out));
}

Reply Keyspace::CmdHLen(const Command& a, std::int64_t now) {
  bool wrong;
  Hash* h = Get<Hash>(a[1], now, &wrong);
  if (wrong) return WrongType();
  return Reply::Integer(h ? static_cast<std::int64_t>(h->size()) : 0);
}

// ---------------------------------------------------------------------------
// Sets.

Reply Keyspace::CmdSAdd(const Command& a, std::int64_t now) {
  bool wrong;
  Set* s = Get<Set>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!s) s = AddContainer<Set>(a[1]);
  std::int64_t added = 0;
  for (std::size_t i = 2; i < a.size(); ++i) added += s->insert(a[i]).second;
  if (added > 0) Record(a);
  return Reply::Integer(added);
}

Reply Keyspace::CmdSRem(const Command& a, std::int64_t now) {
  bool wrong;
  Set* s = Get<Set>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!s) return Reply::Integer(0);
  std::int64_t removed = 0;
  for (std::size_t i = 2; i < a.size(); ++i) removed += static_cast<std::int64_t>(s->erase(a[i]));
  if (s->empty()) Erase(table_.find(std::string_view(a[1])));
  if (removed > 0) Record(a);
  return Reply::Integer(removed);
}

Reply Keyspace::CmdSMembers(const Command& a, std::int64_t now) {
  bool wrong;
  Set* s = Get<Set>(a[1], now, &wrong);
  if (wrong) return WrongType();
  std::vector<Reply> out;
  if (s) {
    out.reserve(s->size());
    for (const auto& m : *s) out.push_back(Reply::Bulk(m));
  }
  return Reply::Array(std::move(out));
}

Reply Keyspace::CmdSPop(const Command& a, std::int64_t now) {
  if (a.size() > 3) return Syntax();
  const bool has_count = a.size() == 3;
  std::int64_t count = 1;
  if (has_count && !ParseCount(a[2], &count)) return Reply::Error(kNotPositive);
  bool wrong;
  Set* s = Get<Set>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!s) return has_count ? EmptyArray() : Reply::Null();
  if (count == 0) return EmptyArray();
  // A uniform sample of `count` members in one pass (Knuth's algorithm S).
  // O(set size): the hash set has no random access.
  const std::size_t size = s->size();
  std::size_t want = std::min<std::size_t>(static_cast<std::size_t>(count), size);
  std::vector<std::string> popped;
  popped.reserve(want);
  std::size_t seen = 0;
  for (const auto& m : *s) {
    if (want == 0) break;
    if (std::uniform_int_distribution<std::size_t>(0, size - seen - 1)(rng_) < want) {
      popped.push_back(m);
      --want;
    }
    ++seen;
  }
  for (const auto& m : popped) s->erase(m);
  if (s->empty()) Erase(table_.find(std::string_view(a[1])));
  if (recording()) {
    Command log = {"SREM", a[1]};
    log.insert(log.end(), popped.begin(), popped.end());
    Record(log);
  }
  if (!has_count) return Reply::Bulk(std::move(popped[0]));
  return BulkArray(std::move(popped));
}

Reply Keyspace::CmdSCard(const Command& a, std::int64_t now) {
  bool wrong;
  Set* s = Get<Set>(a[1], now, &wrong);
  if (wrong) return WrongType();
  return Reply::Integer(s ? static_cast<std::int64_t>(s->size()) : 0);
}

// ---------------------------------------------------------------------------
// Sorted sets.

Reply Keyspace::CmdZAdd(const Command& a, std::int64_t now) {
  bool nx = false, xx = false, ch = false, incr = false, gt = false, lt = false;
  std::size_t idx = 2;
  for (; idx < a.size(); ++idx) {
    const std::string& o = a[idx];
    if (Is(o, "nx")) {
      nx = true;
    } else if (Is(o, "xx")) {
      xx = true;
    } else if (Is(o, "ch")) {
      ch = true;
    } else if (Is(o, "incr")) {
      incr = true;
    } else if (Is(o, "gt")) {
      gt = true;
    } else if (Is(o, "lt")) {
      lt = true;
    } else {
      break;
    }
  }
  const std::size_t elements = a.size() - idx;
  if (elements % 2 != 0 || elements == 0) return Syntax();
  if (nx && xx) return Reply::Error("ERR XX and NX options at the same time are not compatible");
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    return Reply::Error("ERR GT, LT, and/or NX options at the same time are not compatible");
  }
  if (incr && elements > 2) {
    return Reply::Error("ERR INCR option supports a single increment-element pair");
  }
  std::vector<double> scores(elements / 2);
  for (std::size_t j = 0; j < scores.size(); ++j) {
    if (!ParseScore(a[idx + 2 * j], &scores[j])) return Reply::Error(kNotFloat);
  }
  bool wrong;
  ZSet* z = Get<ZSet>(a[1], now, &wrong);
  if (wrong) return WrongType();
  std::int64_t added = 0, updated = 0, processed = 0;
  double last_score = 0;
  if (z || !xx) {
    for (std::size_t j = 0; j < scores.size(); ++j) {
      double score = scores[j];
      const std::string& member = a[idx + 2 * j + 1];
      auto found = z ? z->scores.find(absl::string_view(member)) : decltype(z->scores)::iterator();
      if (z && found != z->scores.end()) {
        if (nx) continue;
        const double cur = found->second;
        if (incr) {
          score += cur;
          // INCR takes a single pair: nothing has changed yet.
          if (std::isnan(score)) return Reply::Error("ERR resulting score is not a number (NaN)");
        }
        if ((lt && score >= cur) || (gt && score <= cur)) continue;
        last_score = score;
        ++processed;
        if (score != cur) {
          auto node = z->order.extract(z->order.find(std::pair<double, std::string_view>(cur, member)));
          node.value().first = score;
          z->order.insert(std::move(node));
          found->second = score;
          ++updated;
        }
      } else if (!xx) {
        if (!z) z = AddContainer<ZSet>(a[1]);
        auto it = z->order.emplace(score, member).first;
        z->scores.emplace(absl::string_view(it->second), score);
        last_score = score;
        ++processed;
        ++added;
      }
    }
  }
  if (added + updated > 0) Record(a);
  if (incr) return processed > 0 ? Reply::Bulk(FormatScore(last_score)) : Reply::Null();
  return Reply::Integer(ch ? added + updated : added);
}

Reply Keyspace::CmdZRange(const Command& a, std::int64_t now) {
  bool with_scores = false, rev = false;
  for (std::size_t j = 4; j < a.size(); ++j) {
    if (Is(a[j], "withscores")) {
      with_scores = true;
    } else if (Is(a[j], "rev") && !rev) {
      rev = true;
    } else if (Is(a[j], "byscore") || Is(a[j], "bylex") || Is(a[j], "limit")) {
      return Reply::Error("ERR BYSCORE, BYLEX and LIMIT are not supported by this server");
    } else {
      return Syntax();
    }
  }
  std::int64_t start, stop;
  if (!ParseInt(a[2], &start) || !ParseInt(a[3], &stop)) return NotInteger();
  bool wrong;
  ZSet* z = Get<ZSet>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!z) return EmptyArray();
  const auto len = static_cast<std::int64_t>(z->order.size());
  if (start < 0) start = std::max<std::int64_t>(0, len + start);
  if (stop < 0) stop = len + stop;
  if (start > stop || start >= len) return EmptyArray();
  if (stop >= len) stop = len - 1;
  std::vector<Reply> out;
  out.reserve(static_cast<std::size_t>(stop - start + 1) * (with_scores ? 2 : 1));
  auto emit = [&](const std::pair<double, std::string>& e) {
    out.push_back(Reply::Bulk(e.second));
    if (with_scores) out.push_back(Reply::Bulk(FormatScore(e.first)));
  };
  // O(start + count): std::set has no rank index (Redis's skiplist has).
  if (rev) {
    auto it = std::next(z->order.rbegin(), start);
    for (auto i = start; i <= stop; ++i, ++it) emit(*it);
  } else {
    auto it = std::next(z->order.begin(), start);
    for (auto i = start; i <= stop; ++i, ++it) emit(*it);
  }
  return Reply::Array(std::move(out));
}

Reply Keyspace::CmdZPopMin(const Command& a, std::int64_t now) {
  if (a.size() > 3) return Syntax();
  std::int64_t count = 1;
  if (a.size() == 3 && !ParseCount(a[2], &count)) return Reply::Error(kNotPositive);
  bool wrong;
  ZSet* z = Get<ZSet>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!z || count == 0) return EmptyArray();
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(count), z->order.size());
  std::vector<Reply> out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    auto it = z->order.begin();
    z->scores.erase(absl::string_view(it->second));
    auto node = z->order.extract(it);
    out.push_back(Reply::Bulk(std::move(node.value().second)));
    out.push_back(Reply::Bulk(FormatScore(node.value().first)));
  }
  if (z->order.empty()) Erase(table_.find(std::string_view(a[1])));
  if (recording()) Record({"ZPOPMIN", a[1], absl::StrCat(n)});
  return Reply::Array(std::move(out));
}

Reply Keyspace::CmdZCard(const Command& a, std::int64_t now) {
  bool wrong;
  ZSet* z = Get<ZSet>(a[1], now, &wrong);
  if (wrong) return WrongType();
  return Reply::Integer(z ? static_cast<std::int64_t>(z->order.size()) : 0);
}

Reply Keyspace::CmdZScore(const Command& a, std::int64_t now) {
  bool wrong;
  ZSet* z = Get<ZSet>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!z) return Reply::Null();
  auto it = z->scores.find(absl::string_view(a[2]));
  return it == z->scores.end() ? Reply::Null() : Reply::Bulk(FormatScore(it->second));
}

Reply Keyspace::CmdZRem(const Command& a, std::int64_t now) {
  bool wrong;
  ZSet* z = Get<ZSet>(a[1], now, &wrong);
  if (wrong) return WrongType();
  if (!z) return Reply::Integer(0);
  std::int64_t removed = 0;
  for (std::size_t i = 2; i < a.size(); ++i) {
    auto it = z->scores.find(absl::string_view(a[i]));
    if (it == z->scores.end()) continue;
    auto node = z->order.find(std::pair<double, std::string_view>(it->second, a[i]));
    z->scores.erase(it);
    z->order.erase(node);
    ++removed;
  }
  if (z->order.empty()) Erase(table_.find(std::string_view(a[1])));
  if (removed > 0) Record(a);
  return Reply::Integer(removed);
}

}  // namespace kv
