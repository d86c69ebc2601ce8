// resp.h — RESP2, the Redis protocol, for the kv server: plain C++, no actors,
// no sockets.
//
//   RespParser   requests, as a server reads them: fed bytes as they arrive,
//                yields whole commands (argument lists, binary-safe) one at a
//                time, in order; keeps a partial command for the next read.
//                Both forms Redis accepts: multibulk (`*2\r\n$3\r\nGET\r\n...`,
//                what clients send) and inline (`GET key\n`, what telnet users
//                type, with Redis's quoting rules). Limits and protocol errors
//                are Redis 7's (networking.c), word for word.
//   AppendReply  replies, encoded (plus fast paths for the common ones).
//   ParseReply   replies, decoded: for tests and test clients.
//   AppendCommand  requests, encoded as multibulk: for tests and test clients.
//
// A server's read loop:
//
//   kv::RespParser parser;
//   std::vector<std::string> command;
//   for (;;) {
//     std::span<char> space = parser.prepare();      // or parser.feed(bytes)
//     parser.commit(read(fd, space.data(), space.size()));
//     kv::RespParser::Status s;
//     while ((s = parser.next(command)) == kv::RespParser::Status::kCommand) {
//       kv::AppendReply(Execute(command), out);
//     }
//     if (s == kv::RespParser::Status::kError) {
//       kv::AppendReply(kv::Reply::Error(parser.error()), out);  // then close
//     }
//     write(fd, out); ...
//   }
//
// Where this differs from Redis, on purpose:
//  - Bytes are bytes: a '\0' in a request is an ordinary byte (Redis's
//    strchr/C-string scanning stops at one in inline requests and count lines).
//  - The "too big" limits do not depend on how the input was split: a line is
//    too big when its first max_inline_len + 1 bytes hold no terminator (Redis
//    checks what one read left in its buffer; byte by byte, the two agree).
//  - A big bulk's argument grows as its bytes arrive (doubling, from 1 MiB)
//    rather than being allocated whole when its length is read.
//  - The default multibulk count limit is Redis 6's (see RespParserOptions).
// And as Redis does, the two bytes after a bulk's data are skipped unchecked,
// and so is the byte after a count line's '\r'.
#ifndef HEPH_EXAMPLES_KV_RESP_H_
#define HEPH_EXAMPLES_KV_RESP_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "examples/kv/reply.h"

namespace kv {

struct RespParserOptions {
  // proto-max-bulk-len: the longest bulk argument accepted ("invalid bulk
  // length" beyond).
  std::int64_t max_bulk_len = std::int64_t{512} * 1024 * 1024;
  // The most arguments in one multibulk request ("invalid multibulk length"
  // beyond). Redis 6's limit, tighter than Redis 7's (INT_MAX): a count is
  // read before any argument is, and 1024 * 1024 is plenty for any client.
  std::int64_t max_multibulk_len = 1024 * 1024;
  // PROTO_INLINE_MAX_SIZE: the longest inline request, and the longest count
  // line of a multibulk request ("too big ..." beyond).
  std::size_t max_inline_len = 64 * 1024;
  // PROTO_MBULK_BIG_ARG: bulks this long or longer are read straight into
  // their argument (feed copies into it, prepare hands out its free space)
  // rather than gathered in the parser's buffer first. Tunable for tests.
  std::size_t big_bulk_len = 32 * 1024;
};

// The incremental request parser of one connection. Not thread-safe; cheap to
// create.
class RespParser {
 public:
  enum class Status {
    kCommand,   // next() filled in a command
    kNeedMore,  // no whole command buffered: read more
    kError,     // a protocol error (error() says which); final
  };

  explicit RespParser(RespParserOptions options = {});

  RespParser(const RespParser&) = delete;
  RespParser& operator=(const RespParser&) = delete;

  // Appends received bytes (copied once: into the buffer, or, for the rest of
  // a big bulk, into its argument). Ignored after a protocol error.
  void feed(std::string_view data);

  // The zero-copy alternative to feed: writable space for the next read
  // (at least one byte; at least min_size except when it is the rest of a big
  // bulk's argument), then commit(how many bytes were written into it). Call
  // commit before any other member; the span is invalid after it.
  std::span<char> prepare(std::size_t min_size = 16 * 1024);
  void commit(std::size_t n);

  // The next whole command, into `command` (replaced), with at least one
  // argument. Empty inline lines and
  // multibulk requests of count <= 0 are skipped, as Redis does.
  Status next(std::vector<std::string>& command);

  // After kError: the text of the error reply to send before closing, e.g.
  // "ERR Protocol error: invalid bulk length" (Reply::Error(error())).
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  // The input held for commands next() has not returned yet: bytes not
  // parsed yet, and the arguments of the partial command read so far (its
  // count and length lines are not counted). For limits on a client's
  // query buffer.
  std::size_t buffered() const;

 private:
  enum class State { kStart, kInline, kMultibulkCount, kBulkLength, kBulkData };

  std::size_t available() const { return end_ - begin_; }
  void consume(std::size_t n);
  void make_room(std::size_t n);
  void grow_big(std::size_t want);
  bool find_line(char terminator, const char* too_big, std::size_t* offset);
  Status fail(std::string_view what);
  Status emit(std::vector<std::string>& command);

  RespParserOptions options_;
  // Received bytes are buf_[begin_, end_); buf_.size() is its capacity.
  std::string buf_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  // While looking for a line's end: the bytes from begin_ already searched.
  std::size_t scanned_ = 0;

  State state_ = State::kStart;
  std::int64_t multibulk_left_ = 0;  // arguments still to read
  std::int64_t bulk_len_ = 0;        // in kBulkData
  std::vector<std::string> args_;    // the command being read
  // A big bulk read straight into args_.back(): how much of it has arrived.
  bool big_ = false;
  std::size_t big_filled_ = 0;
  bool prepared_big_ = false;  // the last prepare() handed out args_.back()
  std::string error_;
};

// RESP2 encoding of a reply, appended to `out`. Simple strings and errors
// must be one line: a '\r' or '\n' in their text is written as a space.
void AppendReply(const Reply& reply, std::string& out);

// Fast paths, writing what AppendReply writes for the same reply.
void AppendSimple(std::string_view text, std::string& out);  // +text
void AppendOk(std::string& out);                             // +OK
void AppendError(std::string_view text, std::string& out);   // -text ("ERR ...")
void AppendInteger(std::int64_t value, std::string& out);    // :value
void AppendBulk(std::string_view data, std::string& out);    // $len data
void AppendNull(std::string& out);                           // $-1
void AppendArrayHeader(std::size_t count, std::string& out); // *count (then the elements)
void AppendNullArray(std::string& out);                      // *-1

// A request as a client sends it: a multibulk of the arguments.
void AppendCommand(const std::vector<std::string>& args, std::string& out);

// Decodes the RESP2 reply at the start of `in`, setting *consumed to its
// length. std::nullopt when `in` holds only the start of one (then
// *consumed = 0 and *error, if given, is left empty) or when it is not RESP2
// (then *error, if given, says why). Strict: lines end in "\r\n", numbers have
// no '+' or spaces, arrays nest at most 512 deep.
std::optional<Reply> ParseReply(std::string_view in, std::size_t* consumed,
                                std::string* error = nullptr);

}  // namespace kv

#endif  // HEPH_EXAMPLES_KV_RESP_H_
