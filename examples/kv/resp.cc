// resp.cc — see resp.h. The request parser follows Redis 7's networking.c
// (processInlineBuffer, processMultibulkBuffer, sdssplitargs, string2ll).
#include "examples/kv/resp.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <utility>

namespace kv {
namespace {

constexpr std::size_t kInitialBuffer = 16 * 1024;
// An empty buffer bigger than this is given back rather than kept.
constexpr std::size_t kKeepBuffer = 1024 * 1024;
constexpr int kMaxReplyDepth = 512;
// The first allocation of a big bulk's argument (unless it is shorter).
constexpr std::size_t kFirstBigArg = 1024 * 1024;

// Redis's string2ll: optional '-', then "0" alone or digits not starting with
// '0'; fewer than 21 bytes; must fit in int64.
bool ParseLongLong(std::string_view s, std::int64_t* value) {
  if (s.empty() || s.size() >= 21) return false;
  if (s == "0") {
    *value = 0;
    return true;
  }
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
    if (s.empty()) return false;
  }
  if (s[0] < '1' || s[0] > '9') return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
    v = v * 10 + digit;
  }
  constexpr std::uint64_t kMax =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (v > kMax + 1) return false;
    *value = v == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                           : -static_cast<std::int64_t>(v);
  } else {
    if (v > kMax) return false;
    *value = static_cast<std::int64_t>(v);
  }
  return true;
}

// C's isspace in the "C" locale.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Redis's sdssplitargs over [line, end): words separated by spaces; "double
// quotes" with \n \r \t \b \a \xHH and \<any> escapes; 'single quotes' with
// \' only; a closing quote must be followed by a space or the end. Appends the
// words to *args; false on unbalanced quotes.
bool SplitInlineArgs(std::string_view line, std::vector<std::string>* args) {
  const char* p = line.data();
  const char* const end = p + line.size();
  // *p, with the end of the line read as Redis's terminating '\0'.
  auto at = [end](const char* q) -> char { return q < end ? *q : '\0'; };
  for (;;) {
    while (p < end && IsSpace(*p)) ++p;
    if (p == end) return true;
    std::string current;
    bool in_double = false;
    bool in_single = false;
    bool done = false;
    while (!done) {
      if (in_double) {
        if (p == end) return false;  // unterminated
        if (*p == '\\' && at(p + 1) == 'x' && IsHexDigit(at(p + 2)) && IsHexDigit(at(p + 3))) {
          current.push_back(static_cast<char>(HexDigitValue(p[2]) * 16 + HexDigitValue(p[3])));
          p += 3;
        } else if (*p == '\\' && p + 1 < end) {
          ++p;
          char c;
          switch (*p) {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'b': c = '\b'; break;
            case 'a': c = '\a'; break;
            default: c = *p; break;
          }
          current.push_back(c);
        } else if (*p == '"') {
          if (p + 1 < end && !IsSpace(p[1])) return false;
          done = true;
        } else {
          current.push_back(*p);
        }
      } else if (in_single) {
        if (p == end) return false;  // unterminated
        if (*p == '\\' && at(p + 1) == '\'') {
          ++p;
          current.push_back('\'');
        } else if (*p == '\'') {
          if (p + 1 < end && !IsSpace(p[1])) return false;
          done = true;
        } else {
          current.push_back(*p);
        }
      } else if (p == end) {
        done = true;
      } else {
        switch (*p) {
          case ' ':
          case '\n':
          case '\r':
          case '\t':
            done = true;
            break;
          case '"':
            in_double = true;
            break;
          case '\'':
            in_single = true;
            break;
          default:
            current.push_back(*p);
            break;
        }
      }
      if (p < end) ++p;
    }
    args->push_back(std::move(current));
  }
}

// The text of a simple string or error line: one line.
void AppendLine(char type, std::string_view text, std::string& out) {
  out.push_back(type);
  const std::size_t start = out.size();
  out.append(text);
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    std::replace_if(
        out.begin() + static_cast<std::ptrdiff_t>(start), out.end(),
        [](char c) { return c == '\r' || c == '\n'; }, ' ');
  }
  out.append("\r\n", 2);
}

void AppendNumberLine(char type, std::int64_t value, std::string& out) {
  char digits[24];
  digits[0] = type;
  const auto [ptr, ec] = std::to_chars(digits + 1, digits + sizeof(digits) - 2, value);
  (void)ec;  // 20 characters always fit
  ptr[0] = '\r';
  ptr[1] = '\n';
  out.append(digits, static_cast<std::size_t>(ptr + 2 - digits));
}

}  // namespace

// ---------------------------------------------------------------------------
// RespParser

RespParser::RespParser(RespParserOptions options) : options_(options) {}

std::size_t RespParser::buffered() const {
  std::size_t n = available();
  for (const std::string& arg : args_) n += arg.size();
  if (big_) n -= args_.back().size() - big_filled_;
  return n;
}

void RespParser::consume(std::size_t n) {
  begin_ += n;
  scanned_ = 0;
  if (begin_ == end_) begin_ = end_ = 0;
}

// Makes room for n more bytes at end_: compacts the buffer, or grows it. It
// grows whenever what is buffered fills more than half of it, so each byte is
// moved by compaction O(1) times on average.
void RespParser::make_room(std::size_t n) {
  if (begin_ == end_) {
    begin_ = end_ = 0;
    if (buf_.size() > kKeepBuffer && n <= kKeepBuffer) std::string().swap(buf_);
  }
  if (buf_.size() - end_ >= n) return;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < n || end_ > buf_.size() / 2) {
    buf_.resize(std::max({kInitialBuffer, buf_.size() * 2, end_ + n}));
  }
}

// A big bulk's argument holds what has arrived, big_filled_ bytes, and free
// space after it; grows it to hold at least `want` bytes (at most the bulk's
// length), doubling: a bulk's length alone does not make it allocate 512 MiB.
void RespParser::grow_big(std::size_t want) {
  std::string& arg = args_.back();
  if (arg.size() >= want) return;
  const std::size_t len = static_cast<std::size_t>(bulk_len_);
  arg.resize(std::min(len, std::max({want, arg.size() * 2, kFirstBigArg})));
}

void RespParser::feed(std::string_view data) {
  if (failed()) return;
  if (big_ && big_filled_ < static_cast<std::size_t>(bulk_len_)) {
    const std::size_t n = std::min(data.size(), static_cast<std::size_t>(bulk_len_) - big_filled_);
    grow_big(big_filled_ + n);
    std::memcpy(args_.back().data() + big_filled_, data.data(), n);
    big_filled_ += n;
    data.remove_prefix(n);
  }
  if (data.empty()) return;
  make_room(data.size());
  std::memcpy(buf_.data() + end_, data.data(), data.size());
  end_ += data.size();
}

std::span<char> RespParser::prepare(std::size_t min_size) {
  min_size = std::max<std::size_t>(min_size, 1);
  if (!failed() && big_ && big_filled_ < static_cast<std::size_t>(bulk_len_)) {
    prepared_big_ = true;
    grow_big(big_filled_ + min_size);
    std::string& arg = args_.back();
    return {arg.data() + big_filled_, arg.size() - big_filled_};
  }
  prepared_big_ = false;
  make_room(min_size);
  return {buf_.data() + end_, buf_.size() - end_};
}

void RespParser::commit(std::size_t n) {
  if (failed()) return;
  if (prepared_big_) {
    big_filled_ += n;
  } else {
    end_ += n;
  }
  prepared_big_ = false;
}

// Looks for `terminator` in the line at begin_. True with *offset its
// position; false if it has not arrived yet, or (then failed()) the line is
// already longer than max_inline_len.
bool RespParser::find_line(char terminator, const char* too_big, std::size_t* offset) {
  const std::size_t limit = std::min(available(), options_.max_inline_len + 1);
  if (scanned_ < limit) {
    const char* base = buf_.data() + begin_;
    const void* hit = std::memchr(base + scanned_, terminator, limit - scanned_);
    if (hit != nullptr) {
      scanned_ = static_cast<std::size_t>(static_cast<const char*>(hit) - base);
      *offset = scanned_;
      return true;
    }
    scanned_ = limit;
  }
  if (available() > options_.max_inline_len) fail(too_big);
  return false;
}

RespParser::Status RespParser::fail(std::string_view what) {
  if (error_.empty()) {
    error_ = "ERR Protocol error: ";
    error_.append(what);
  }
  return Status::kError;
}

RespParser::Status RespParser::emit(std::vector<std::string>& command) {
  command.clear();
  command.swap(args_);  // args_ keeps command's capacity
  state_ = State::kStart;
  return Status::kCommand;
}

RespParser::Status RespParser::next(std::vector<std::string>& command) {
  if (failed()) return Status::kError;
  for (;;) {
    switch (state_) {
      case State::kStart:
        if (available() == 0) return Status::kNeedMore;
        state_ = buf_[begin_] == '*' ? State::kMultibulkCount : State::kInline;
        break;

      case State::kInline: {
        std::size_t newline;
        if (!find_line('\n', "too big inline request", &newline)) {
          return failed() ? Status::kError : Status::kNeedMore;
        }
        std::string_view line(buf_.data() + begin_, newline);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        args_.clear();
        if (!SplitInlineArgs(line, &args_)) return fail("unbalanced quotes in request");
        consume(newline + 1);
        if (args_.empty()) {
          state_ = State::kStart;  // an empty line
          break;
        }
        return emit(command);
      }

      case State::kMultibulkCount: {
        std::size_t cr;
        if (!find_line('\r', "too big mbulk count string", &cr)) {
          return failed() ? Status::kError : Status::kNeedMore;
        }
        if (cr + 2 > available()) return Status::kNeedMore;  // and the '\n'
        std::int64_t count;
        if (!ParseLongLong(std::string_view(buf_.data() + begin_ + 1, cr - 1), &count) ||
            count > options_.max_multibulk_len) {
          return fail("invalid multibulk length");
        }
        consume(cr + 2);
        if (count <= 0) {
          state_ = State::kStart;
          break;
        }
        multibulk_left_ = count;
        args_.clear();
        args_.reserve(static_cast<std::size_t>(std::min<std::int64_t>(count, 1024)));
        state_ = State::kBulkLength;
        break;
      }

      case State::kBulkLength: {
        std::size_t cr;
        if (!find_line('\r', "too big bulk count string", &cr)) {
          return failed() ? Status::kError : Status::kNeedMore;
        }
        if (cr + 2 > available()) return Status::kNeedMore;
        const char first = buf_[begin_];
        if (first != '$') {
          std::string what = "expected '$', got ' '";
          if (first != '\r' && first != '\n') what[what.size() - 2] = first;
          return fail(what);
        }
        std::int64_t len;
        if (!ParseLongLong(std::string_view(buf_.data() + begin_ + 1, cr - 1), &len) || len < 0 ||
            len > options_.max_bulk_len) {
          return fail("invalid bulk length");
        }
        consume(cr + 2);
        bulk_len_ = len;
        state_ = State::kBulkData;
        break;
      }

      case State::kBulkData: {
        const std::size_t len = static_cast<std::size_t>(bulk_len_);
        if (big_) {
          if (big_filled_ < len || available() < 2) return Status::kNeedMore;
          big_ = false;
          consume(2);
        } else if (available() >= len + 2) {
          args_.emplace_back(buf_.data() + begin_, len);
          consume(len + 2);
        } else if (len >= options_.big_bulk_len) {
          // Read the rest straight into the argument.
          args_.emplace_back();
          big_filled_ = std::min(available(), len);
          grow_big(big_filled_);
          std::memcpy(args_.back().data(), buf_.data() + begin_, big_filled_);
          consume(big_filled_);
          big_ = true;
          return Status::kNeedMore;
        } else {
          return Status::kNeedMore;
        }
        if (--multibulk_left_ == 0) return emit(command);
        state_ = State::kBulkLength;
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Writing

void AppendSimple(std::string_view text, std::string& out) { AppendLine('+', text, out); }
void AppendOk(std::string& out) { out.append("+OK\r\n", 5); }
void AppendError(std::string_view text, std::string& out) { AppendLine('-', text, out); }
void AppendInteger(std::int64_t value, std::string& out) { AppendNumberLine(':', value, out); }

void AppendBulk(std::string_view data, std::string& out) {
  AppendNumberLine('$', static_cast<std::int64_t>(data.size()), out);
  out.append(data);
  out.append("\r\n", 2);
}

void AppendNull(std::string& out) { out.append("$-1\r\n", 5); }

void AppendArrayHeader(std::size_t count, std::string& out) {
  AppendNumberLine('*', static_cast<std::int64_t>(count), out);
}

void AppendNullArray(std::string& out) { out.append("*-1\r\n", 5); }

void AppendReply(const Reply& reply, std::string& out) {
  switch (reply.kind) {
    case Reply::Kind::kSimple: AppendSimple(reply.text, out); return;
    case Reply::Kind::kError: AppendError(reply.text, out); return;
    case Reply::Kind::kInteger: AppendInteger(reply.integer, out); return;
    case Reply::Kind::kBulk: AppendBulk(reply.text, out); return;
    case Reply::Kind::kNull: AppendNull(out); return;
    case Reply::Kind::kArray:
      AppendArrayHeader(reply.elements.size(), out);
      for (const Reply& element : reply.elements) AppendReply(element, out);
      return;
    case Reply::Kind::kNullArray: AppendNullArray(out); return;
  }
}

void AppendCommand(const std::vector<std::string>& args, std::string& out) {
  AppendArrayHeader(args.size(), out);
  for (const std::string& arg : args) AppendBulk(arg, out);
}

// ---------------------------------------------------------------------------
// Reading replies

namespace {

enum class ReadResult { kOk, kIncomplete, kInvalid };

class ReplyReader {
 public:
  explicit ReplyReader(std::string_view in) : in_(in) {}

  ReadResult read(int depth, Reply* out) {
    std::string_view line;
    if (ReadResult r = read_line(&line); r != ReadResult::kOk) return r;
    if (line.empty()) return invalid("empty line");
    const char type = line[0];
    line.remove_prefix(1);
    switch (type) {
      case '+':
      case '-':
        *out = type == '+' ? Reply::Simple(std::string(line)) : Reply::Error(std::string(line));
        return ReadResult::kOk;
      case ':': {
        std::int64_t value;
        if (!ParseNumber(line, &value)) return invalid("bad integer");
        *out = Reply::Integer(value);
        return ReadResult::kOk;
      }
      case '$': {
        std::int64_t len;
        if (!ParseNumber(line, &len) || len < -1) return invalid("bad bulk length");
        if (len == -1) {
          *out = Reply::Null();
          return ReadResult::kOk;
        }
        const std::size_t n = static_cast<std::size_t>(len);
        if (in_.size() - pos_ < n + 2) return ReadResult::kIncomplete;
        if (in_.compare(pos_ + n, 2, "\r\n") != 0) return invalid("bulk not followed by CRLF");
        *out = Reply::Bulk(std::string(in_.substr(pos_, n)));
        pos_ += n + 2;
        return ReadResult::kOk;
      }
      case '*': {
        std::int64_t count;
        if (!ParseNumber(line, &count) || count < -1) return invalid("bad array length");
        if (count == -1) {
          *out = Reply::NullArray();
          return ReadResult::kOk;
        }
        if (depth >= kMaxReplyDepth) return invalid("arrays nested too deep");
        std::vector<Reply> elements;
        elements.reserve(static_cast<std::size_t>(std::min<std::int64_t>(count, 1024)));
        for (std::int64_t i = 0; i < count; ++i) {
          if (ReadResult r = read(depth + 1, &elements.emplace_back()); r != ReadResult::kOk) {
            return r;
          }
        }
        *out = Reply::Array(std::move(elements));
        return ReadResult::kOk;
      }
      default:
        return invalid(std::string("unknown reply type '") + type + "'");
    }
  }

  std::size_t pos() const { return pos_; }
  const std::string& error() const { return error_; }

 private:
  // The line at pos_, without its "\r\n", which must be there.
  ReadResult read_line(std::string_view* line) {
    const std::size_t cr = in_.find('\r', pos_);
    if (cr == std::string_view::npos || cr + 1 == in_.size()) {
      // A lone '\n' cannot end a line: it is not RESP2 even if more comes.
      if (in_.find('\n', pos_) != std::string_view::npos) return invalid("line not ended by CRLF");
      return ReadResult::kIncomplete;
    }
    if (in_[cr + 1] != '\n') return invalid("line not ended by CRLF");
    if (in_.substr(pos_, cr - pos_).find('\n') != std::string_view::npos) {
      return invalid("line not ended by CRLF");
    }
    *line = in_.substr(pos_, cr - pos_);
    pos_ = cr + 2;
    return ReadResult::kOk;
  }

  static bool ParseNumber(std::string_view s, std::int64_t* value) {
    if (s.empty() || s[0] == '+') return false;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
    return ec == std::errc() && ptr == s.data() + s.size();
  }

  ReadResult invalid(std::string why) {
    error_ = std::move(why);
    return ReadResult::kInvalid;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::optional<Reply> ParseReply(std::string_view in, std::size_t* consumed, std::string* error) {
  *consumed = 0;
  if (error != nullptr) error->clear();
  ReplyReader reader(in);
  Reply reply;
  switch (reader.read(0, &reply)) {
    case ReadResult::kOk:
      *consumed = reader.pos();
      return reply;
    case ReadResult::kIncomplete:
      return std::nullopt;
    case ReadResult::kInvalid:
      if (error != nullptr) *error = reader.error();
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace kv
