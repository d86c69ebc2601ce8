// reply.h — a RESP2 reply value, shared by the kv server's parts: the shard
// keyspace (keyspace.h) builds them, the RESP writer (resp.h) encodes them.
#ifndef HEPH_EXAMPLES_KV_REPLY_H_
#define HEPH_EXAMPLES_KV_REPLY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kv {

struct Reply {
  enum class Kind {
    kSimple,     // +OK
    kError,      // -ERR ... (text holds "ERR ...", "WRONGTYPE ...": the whole line)
    kInteger,    // :42
    kBulk,       // $3 foo
    kNull,       // $-1 (a missing value)
    kArray,      // *2 ... (elements)
    kNullArray,  // *-1
  };

  Kind kind = Kind::kNull;
  std::string text;               // kSimple, kError, kBulk
  std::int64_t integer = 0;       // kInteger
  std::vector<Reply> elements;    // kArray

  static Reply Simple(std::string s) { return Reply{Kind::kSimple, std::move(s), 0, {}}; }
  static Reply Ok() { return Simple("OK"); }
  static Reply Error(std::string s) { return Reply{Kind::kError, std::move(s), 0, {}}; }
  static Reply Integer(std::int64_t i) { return Reply{Kind::kInteger, {}, i, {}}; }
  static Reply Bulk(std::string s) { return Reply{Kind::kBulk, std::move(s), 0, {}}; }
  static Reply Null() { return Reply{Kind::kNull, {}, 0, {}}; }
  static Reply Array(std::vector<Reply> e) { return Reply{Kind::kArray, {}, 0, std::move(e)}; }
  static Reply NullArray() { return Reply{Kind::kNullArray, {}, 0, {}}; }

  friend bool operator==(const Reply&, const Reply&) = default;
};

}  // namespace kv

#endif  // HEPH_EXAMPLES_KV_REPLY_H_
