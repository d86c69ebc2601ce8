// A fuzz target for the kv server's RESP code (issue 15): the bytes a client
// may send, and the replies a server may send back.
//
// Requests: the input goes to RespParser split into reads at places the
// input's first byte picks (through feed() and through prepare()/commit()
// alternately), with small limits so that every path (inline, multibulk, big
// bulks read in place, each "too big" and "invalid" error) is reachable.
// Properties, checked on every input:
//   - the commands and the final error do not depend on how the input was
//     split into reads;
//   - every command parsed, written back with AppendCommand, parses to
//     itself.
// Replies: ParseReply over the same bytes, reply after reply; each reply
// decoded, written back with AppendReply, decodes to itself.
// A broken property aborts (a crash to libFuzzer).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "examples/kv/reply.h"
#include "examples/kv/resp.h"

namespace {

struct Parsed {
  std::vector<std::vector<std::string>> commands;
  std::string error;  // empty: the input ended without a protocol error
  friend bool operator==(const Parsed&, const Parsed&) = default;
};

kv::RespParserOptions SmallLimits() {
  kv::RespParserOptions o;
  o.max_bulk_len = 4096;
  o.max_multibulk_len = 64;
  o.max_inline_len = 256;
  o.big_bulk_len = 32;
  return o;
}

void Drain(kv::RespParser& parser, Parsed& out) {
  std::vector<std::string> command;
  for (;;) {
    const kv::RespParser::Status s = parser.next(command);
    if (s == kv::RespParser::Status::kNeedMore) return;
    if (s == kv::RespParser::Status::kError) {
      out.error = parser.error();
      return;
    }
    if (command.empty()) {
      std::fprintf(stderr, "RespParser returned an empty command\n");
      std::abort();
    }
    out.commands.push_back(command);
  }
}

// Parses `in` in reads whose sizes come from `seed` (0: one read).
Parsed Parse(std::string_view in, std::uint32_t seed) {
  kv::RespParser parser(SmallLimits());
  Parsed out;
  std::uint32_t state = seed * 2654435761u + 1;
  bool zero_copy = false;
  while (!in.empty() && out.error.empty()) {
    std::size_t n = in.size();
    if (seed != 0) {
      state = state * 1103515245u + 12345u;
      n = std::min<std::size_t>(in.size(), 1 + (state >> 16) % 17);
    }
    if (zero_copy) {
      std::span<char> space = parser.prepare(1);
      n = std::min(n, space.size());
      std::copy(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n), space.begin());
      parser.commit(n);
    } else {
      parser.feed(in.substr(0, n));
    }
    zero_copy = !zero_copy;
    in.remove_prefix(n);
    Drain(parser, out);
  }
  return out;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "property broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  // Requests.
  const Parsed whole = Parse(in, 0);
  const Parsed split = Parse(in, size > 0 ? data[0] + 1u : 1u);
  Check(whole == split, "commands and error do not depend on the reads");
  std::string encoded;
  for (const auto& command : whole.commands) kv::AppendCommand(command, encoded);
  kv::RespParserOptions roomy = SmallLimits();
  roomy.max_inline_len = 1 << 20;
  kv::RespParser again(roomy);
  again.feed(encoded);
  Parsed reparsed;
  Drain(again, reparsed);
  Check(reparsed.error.empty() && reparsed.commands == whole.commands,
        "AppendCommand's encoding parses back to the same commands");

  // Replies.
  std::string_view rest = in;
  while (!rest.empty()) {
    std::size_t consumed = 0;
    std::string error;
    std::optional<kv::Reply> reply = kv::ParseReply(rest, &consumed, &error);
    if (!reply.has_value()) break;
    Check(consumed > 0 && consumed <= rest.size(), "ParseReply consumes what it decoded");
    std::string written;
    kv::AppendReply(*reply, written);
    std::size_t consumed_again = 0;
    std::optional<kv::Reply> back = kv::ParseReply(written, &consumed_again);
    Check(back.has_value() && *back == *reply && consumed_again == written.size(),
          "AppendReply's encoding decodes back to the same reply");
    rest.remove_prefix(consumed);
  }
  return 0;
}
