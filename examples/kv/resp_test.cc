// resp_test.cc — RESP2 as the kv server speaks it (resp.h): requests in both
// of Redis's forms, however they are split into reads; Redis 7's protocol
// errors, word for word; replies, written and read back.
#include "examples/kv/resp.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "examples/kv/reply.h"
#include "gtest/gtest.h"

namespace kv {
namespace {

using namespace std::string_literals;

using Command = std::vector<std::string>;
using Commands = std::vector<Command>;
using Status = RespParser::Status;

// Every command the parser has whole.
Commands Drain(RespParser& parser) {
  Commands out;
  Command command;
  while (parser.next(command) == Status::kCommand) out.push_back(command);
  return out;
}

Commands ParseAll(std::string_view in, RespParserOptions options = {}) {
  RespParser parser(options);
  parser.feed(in);
  Commands out = Drain(parser);
  EXPECT_FALSE(parser.failed()) << parser.error();
  return out;
}

// The error `in` ends in (fed whole), or "" if none.
std::string ErrorOf(std::string_view in, RespParserOptions options = {}) {
  RespParser parser(options);
  parser.feed(in);
  Drain(parser);
  return parser.error();
}

std::string Multibulk(const Command& args) {
  std::string out;
  AppendCommand(args, out);
  return out;
}

// Writes `data` through prepare/commit, at most `step` bytes per commit.
void FeedViaPrepare(RespParser& parser, std::string_view data, std::size_t step) {
  while (!data.empty()) {
    std::span<char> space = parser.prepare(step);
    ASSERT_GE(space.size(), 1u);
    const std::size_t n = std::min({space.size(), data.size(), step});
    std::memcpy(space.data(), data.data(), n);
    parser.commit(n);
    data.remove_prefix(n);
  }
}

// ---------------------------------------------------------------------------
// Multibulk requests

TEST(RespParserMultibulk, YieldsTheArguments) {
  EXPECT_EQ(ParseAll("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"),
            (Commands{{"SET", "key", "value"}}));
}

TEST(RespParserMultibulk, BulksAreBinarySafe) {
  const std::string value = "a\r\nb\0c\r\n\0"s;
  ASSERT_EQ(value.size(), 9u);
  EXPECT_EQ(ParseAll("*2\r\n$4\r\nECHO\r\n$9\r\n" + value + "\r\n"), (Commands{{"ECHO", value}}));
}

TEST(RespParserMultibulk, EmptyBulkIsAnEmptyArgument) {
  EXPECT_EQ(ParseAll("*2\r\n$3\r\nGET\r\n$0\r\n\r\n"), (Commands{{"GET", ""}}));
}

TEST(RespParserMultibulk, CountOfZeroOrLessIsSkipped) {
  EXPECT_EQ(ParseAll("*0\r\n*-1\r\n*-10\r\n*1\r\n$4\r\nPING\r\n"), (Commands{{"PING"}}));
}

TEST(RespParserMultibulk, TheTwoBytesAfterABulkAreSkippedUncheckedAsRedisDoes) {
  EXPECT_EQ(ParseAll("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n"), (Commands{{"PING"}, {"PING"}}));
}

TEST(RespParserMultibulk, PartialCommandWaitsForTheRest) {
  RespParser parser;
  Command command;
  parser.feed("*2\r\n$3\r\nGET\r\n$3\r\nke");
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  parser.feed("y\r\n");
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"GET", "key"}));
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  EXPECT_EQ(parser.buffered(), 0u);
}

TEST(RespParserMultibulk, BufferedIsTheInputHeldForCommandsNotTakenYet) {
  RespParser parser;
  Command command;
  parser.feed("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1");
  EXPECT_EQ(parser.buffered(), 29u);
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(parser.buffered(), 15u);
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  EXPECT_EQ(parser.buffered(), 5u);  // the argument "GET", and "$1"
}

TEST(RespParserMultibulk, AppendCommandRoundTrips) {
  const Command args = {"SET", "k\0\r\n"s, "", std::string(1000, 'x')};
  EXPECT_EQ(ParseAll(Multibulk(args)), (Commands{args}));
}

// ---------------------------------------------------------------------------
// Inline requests

TEST(RespParserInline, WordsSeparatedBySpacesEndingInNewlineOrCrlf) {
  EXPECT_EQ(ParseAll("PING\r\nSET key value\n"), (Commands{{"PING"}, {"SET", "key", "value"}}));
}

TEST(RespParserInline, RunsOfBlanksAndTabsSeparateToo) {
  EXPECT_EQ(ParseAll("   SET \t key\t\tvalue   \r\n"), (Commands{{"SET", "key", "value"}}));
}

TEST(RespParserInline, EmptyAndBlankLinesAreSkipped) {
  EXPECT_EQ(ParseAll("\r\n\n   \r\n\t\nPING\n"), (Commands{{"PING"}}));
}

TEST(RespParserInline, LineWithoutNewlineWaits) {
  RespParser parser;
  Command command;
  parser.feed("GET ke");
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  parser.feed("y\r");
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  parser.feed("\n");
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"GET", "key"}));
}

TEST(RespParserInline, DoubleQuotesWithEscapes) {
  EXPECT_EQ(ParseAll(R"(SET "a b" "x\ny\tz\r\b\a" "\x41\x7a\x00!" "q\"q\\" "\q" "")"
                     "\n"),
            (Commands{{"SET", "a b", "x\ny\tz\r\b\a", "Az\0!"s, "q\"q\\", "q", ""}}));
}

TEST(RespParserInline, HexEscapeNeedsTwoHexDigits) {
  EXPECT_EQ(ParseAll(R"(ECHO "\x4" "\xzz")"
                     "\n"),
            (Commands{{"ECHO", "x4", "xzz"}}));
}

TEST(RespParserInline, SingleQuotesAreLiteralExceptEscapedQuote) {
  EXPECT_EQ(ParseAll(R"(SET 'it\'s' 'a\nb "c"' '')"
                     "\n"),
            (Commands{{"SET", "it's", "a\\nb \"c\"", ""}}));
}

TEST(RespParserInline, QuotesMayStartInsideAWord) {
  EXPECT_EQ(ParseAll("SET foo\"bar baz\" x'y z'\n"), (Commands{{"SET", "foobar baz", "xy z"}}));
}

TEST(RespParserInline, OnlyOneCarriageReturnBeforeTheNewlineIsTheLineEnd) {
  // The rest is a blank between words, as for Redis.
  EXPECT_EQ(ParseAll("GET k\r\r\n"), (Commands{{"GET", "k"}}));
  EXPECT_EQ(ParseAll("GET \"k\r\"\r\n"), (Commands{{"GET", "k\r"}}));
}

TEST(RespParserInline, NulIsAnOrdinaryByte) {
  EXPECT_EQ(ParseAll("GET a\0b\n"s), (Commands{{"GET", "a\0b"s}}));
}

TEST(RespParserInline, LineOfTheMaximumLengthIsAccepted) {
  const std::string word(64 * 1024 - 4, 'v');
  const std::string line = "GET " + word;  // 65536 bytes before the '\n'
  EXPECT_EQ(ParseAll(line + "\n"), (Commands{{"GET", word}}));
}

TEST(RespParserInline, LineOfTheMaximumLengthFedByteByByte) {
  // Linear: the search for the newline goes on where it stopped.
  const std::string word(64 * 1024 - 4, 'v');
  const std::string in = "GET " + word + "\n";
  RespParser parser;
  Command command;
  for (std::size_t i = 0; i + 1 < in.size(); ++i) {
    parser.feed(std::string_view(in).substr(i, 1));
    ASSERT_EQ(parser.next(command), Status::kNeedMore) << i;
  }
  parser.feed("\n");
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"GET", word}));
}

// ---------------------------------------------------------------------------
// Pipelining and split reads

// Both forms, skipped requests, binary and empty and big-ish bulks.
const std::string& MixedPipeline() {
  static const std::string in = [] {
    std::string s;
    s += Multibulk({"SET", "key", "v\r\n\0x"s});
    s += "PING\r\n";
    s += "\r\n";
    s += "*0\r\n";
    s += "ECHO \"a b\\x41\" 'c d'\n";
    s += Multibulk({"GET", ""});
    s += "*-1\r\n";
    s += Multibulk({"MSET", "k1", std::string(40, 'x'), "k2", std::string(3, 'y')});
    s += "  DEL   k1\tk2  \r\n";
    s += "QUIT\n";
    return s;
  }();
  return in;
}

const Commands& MixedPipelineCommands() {
  static const Commands commands = {
      {"SET", "key", "v\r\n\0x"s},
      {"PING"},
      {"ECHO", "a bA", "c d"},
      {"GET", ""},
      {"MSET", "k1", std::string(40, 'x'), "k2", "yyy"},
      {"DEL", "k1", "k2"},
      {"QUIT"},
  };
  return commands;
}

// Small big_bulk_len: the 40-byte bulk goes the way big bulks go.
const RespParserOptions kSmallBigBulk = {.big_bulk_len = 4};

TEST(RespParserPipeline, ManyCommandsInOneChunkComeOutInOrder) {
  EXPECT_EQ(ParseAll(MixedPipeline()), MixedPipelineCommands());
  EXPECT_EQ(ParseAll(MixedPipeline(), kSmallBigBulk), MixedPipelineCommands());
}

TEST(RespParserPipeline, SplitAtEveryByteBoundary) {
  const std::string& in = MixedPipeline();
  for (const RespParserOptions& options : {RespParserOptions{}, kSmallBigBulk}) {
    for (std::size_t i = 0; i <= in.size(); ++i) {
      RespParser parser(options);
      parser.feed(std::string_view(in).substr(0, i));
      Commands got = Drain(parser);
      parser.feed(std::string_view(in).substr(i));
      Commands rest = Drain(parser);
      got.insert(got.end(), rest.begin(), rest.end());
      ASSERT_EQ(got, MixedPipelineCommands()) << "split at " << i;
      EXPECT_FALSE(parser.failed());
      EXPECT_EQ(parser.buffered(), 0u);
    }
  }
}

TEST(RespParserPipeline, SplitInThreeAtEveryPairOfBoundaries) {
  const std::string_view in = MixedPipeline();
  for (const RespParserOptions& options : {RespParserOptions{}, kSmallBigBulk}) {
    for (std::size_t i = 0; i <= in.size(); ++i) {
      for (std::size_t j = i; j <= in.size(); ++j) {
        RespParser parser(options);
        Commands got;
        for (std::string_view piece : {in.substr(0, i), in.substr(i, j - i), in.substr(j)}) {
          parser.feed(piece);
          Commands more = Drain(parser);
          got.insert(got.end(), more.begin(), more.end());
        }
        ASSERT_EQ(got, MixedPipelineCommands()) << "split at " << i << " and " << j;
      }
    }
  }
}

TEST(RespParserPipeline, ByteByByte) {
  const std::string& in = MixedPipeline();
  for (const RespParserOptions& options : {RespParserOptions{}, kSmallBigBulk}) {
    RespParser parser(options);
    Commands got;
    for (char c : in) {
      parser.feed(std::string_view(&c, 1));
      Commands more = Drain(parser);
      got.insert(got.end(), more.begin(), more.end());
    }
    EXPECT_EQ(got, MixedPipelineCommands());
  }
}

TEST(RespParserPipeline, ByteByByteThroughPrepareAndCommit) {
  const std::string& in = MixedPipeline();
  for (const RespParserOptions& options : {RespParserOptions{}, kSmallBigBulk}) {
    for (std::size_t step : {1, 2, 3, 7, 16}) {
      RespParser parser(options);
      Commands got;
      for (std::size_t i = 0; i < in.size(); i += step) {
        FeedViaPrepare(parser, std::string_view(in).substr(i, step), step);
        Commands more = Drain(parser);
        got.insert(got.end(), more.begin(), more.end());
      }
      EXPECT_EQ(got, MixedPipelineCommands()) << "step " << step;
    }
  }
}

TEST(RespParserPipeline, ThousandCommandsInOneChunk) {
  std::string in;
  Commands want;
  for (int i = 0; i < 1000; ++i) {
    const std::string n = std::to_string(i);
    if (i % 2 == 0) {
      want.push_back({"SET", "key:" + n, "value " + n});
      in += Multibulk(want.back());
    } else {
      want.push_back({"GET", "key:" + n});
      in += "GET key:" + n + "\r\n";
    }
  }
  EXPECT_EQ(ParseAll(in), want);
}

TEST(RespParserPipeline, ManySmallCommandsTakeLinearTime) {
  // 300,000 commands (2.9 MB) in one chunk, and in 16 KiB reads with
  // commands across them: quadratic consumption would not finish in time.
  std::string in;
  for (int i = 0; i < 150000; ++i) in += "*1\r\n$4\r\nPING\r\nPING\n";
  EXPECT_EQ(ParseAll(in).size(), 300000u);

  RespParser parser;
  Command command;
  std::size_t count = 0;
  for (std::size_t i = 0; i < in.size(); i += 16 * 1024) {
    FeedViaPrepare(parser, std::string_view(in).substr(i, 16 * 1024), 16 * 1024);
    while (parser.next(command) == Status::kCommand) ++count;
  }
  EXPECT_EQ(count, 300000u);
  EXPECT_EQ(parser.buffered(), 0u);
}

TEST(RespParserPipeline, LargeBulkSplitIntoChunks) {
  std::string value(1024 * 1024, '\0');
  for (std::size_t i = 0; i < value.size(); ++i) {
    value[i] = i % 16 < 3 ? "\r\n\0"[i % 16] : static_cast<char>(i * 31 % 256);
  }
  ASSERT_NE(value.find("\r\n"), std::string::npos);
  const std::string in = Multibulk({"SET", "big", value}) + "PING\r\n";

  RespParser parser;
  Commands got;
  for (std::size_t i = 0; i < in.size(); i += 4096) {
    parser.feed(std::string_view(in).substr(i, 4096));
    Commands more = Drain(parser);
    got.insert(got.end(), more.begin(), more.end());
  }
  EXPECT_EQ(got, (Commands{{"SET", "big", value}, {"PING"}}));
}

TEST(RespParserPipeline, LargeBulkIsReadStraightIntoItsArgument) {
  // After the header, prepare() hands out the argument's own space: never
  // more than the rest of the bulk, so the bytes after it land in the buffer.
  std::string value(1024 * 1024 + 5, 'z');
  const std::string header = "*2\r\n$4\r\nECHO\r\n$" + std::to_string(value.size()) + "\r\n";
  RespParser parser;
  Command command;
  parser.feed(header + value.substr(0, 100));
  ASSERT_EQ(parser.next(command), Status::kNeedMore);
  std::size_t filled = 100;
  while (filled < value.size()) {
    std::span<char> space = parser.prepare(64 * 1024);
    ASSERT_LE(space.size(), value.size() - filled);
    ASSERT_GE(space.size(), std::min<std::size_t>(64 * 1024, value.size() - filled));
    std::memcpy(space.data(), value.data() + filled, space.size());
    parser.commit(space.size());
    filled += space.size();
    ASSERT_EQ(parser.next(command), Status::kNeedMore);
  }
  FeedViaPrepare(parser, "\r\nPING\r\n", 64);
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"ECHO", value}));
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"PING"}));
}

// ---------------------------------------------------------------------------
// Protocol errors: Redis 7's replies, word for word

TEST(RespParserErrors, InvalidMultibulkLength) {
  for (std::string in : {"*abc\r\n", "*\r\n", "*1x\r\n", "*01\r\n", "*-0\r\n", "*+1\r\n",
                         "* 1\r\n", "*1048577\r\n", "*99999999999999999999\r\n"}) {
    EXPECT_EQ(ErrorOf(in), "ERR Protocol error: invalid multibulk length") << in;
  }
  EXPECT_EQ(ErrorOf("*1048576\r\n"), "");  // the most, waiting for its arguments
}

TEST(RespParserErrors, InvalidBulkLength) {
  for (std::string in : {"*1\r\n$-1\r\n", "*1\r\n$abc\r\n", "*1\r\n$\r\n", "*1\r\n$01\r\n",
                         "*1\r\n$536870913\r\n", "*2\r\n$3\r\nGET\r\n$-5\r\n"}) {
    EXPECT_EQ(ErrorOf(in), "ERR Protocol error: invalid bulk length") << in;
  }
}

TEST(RespParserErrors, ExpectedDollar) {
  EXPECT_EQ(ErrorOf("*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n"),
            "ERR Protocol error: expected '$', got 'f'");
  EXPECT_EQ(ErrorOf("*2\r\n$3\r\nGET\r\n:1\r\n"), "ERR Protocol error: expected '$', got ':'");
  // A line break is sent as a space: the error stays one line.
  EXPECT_EQ(ErrorOf("*1\r\n\r\n"), "ERR Protocol error: expected '$', got ' '");
}

TEST(RespParserErrors, ExpectedDollarOnlyOnceTheLineIsWhole) {
  RespParser parser;
  Command command;
  parser.feed("*1\r\nfoo");
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  parser.feed("\r\n");
  EXPECT_EQ(parser.next(command), Status::kError);
  EXPECT_EQ(parser.error(), "ERR Protocol error: expected '$', got 'f'");
}

TEST(RespParserErrors, TooBigInlineRequest) {
  const std::string at_limit(64 * 1024, 'a');
  EXPECT_EQ(ErrorOf(at_limit), "");  // may still end
  EXPECT_EQ(ErrorOf(at_limit + "a"), "ERR Protocol error: too big inline request");
  // However it arrives.
  EXPECT_EQ(ErrorOf(at_limit + "a\n"), "ERR Protocol error: too big inline request");
  RespParser parser;
  Command command;
  parser.feed(at_limit);
  EXPECT_EQ(parser.next(command), Status::kNeedMore);
  parser.feed("a");
  EXPECT_EQ(parser.next(command), Status::kError);
  EXPECT_EQ(parser.error(), "ERR Protocol error: too big inline request");
}

TEST(RespParserErrors, TooBigMbulkCountString) {
  EXPECT_EQ(ErrorOf("*" + std::string(64 * 1024, '1')),
            "ERR Protocol error: too big mbulk count string");
  EXPECT_EQ(ErrorOf("*" + std::string(64 * 1024 - 1, '1')), "");
}

TEST(RespParserErrors, TooBigBulkCountString) {
  EXPECT_EQ(ErrorOf("*1\r\n$" + std::string(64 * 1024, '1')),
            "ERR Protocol error: too big bulk count string");
  EXPECT_EQ(ErrorOf("*1\r\n$" + std::string(64 * 1024 - 1, '1')), "");
}

TEST(RespParserErrors, UnbalancedQuotes) {
  for (std::string in : {"SET \"abc\n", "SET 'abc\n", "GET \"a\"b\n", "GET 'a'b\n",
                         "GET \"\\\"\n", "GET 'it\\'\n", "\"\n"}) {
    EXPECT_EQ(ErrorOf(in), "ERR Protocol error: unbalanced quotes in request") << in;
  }
}

TEST(RespParserErrors, CommandsBeforeTheErrorComeOutFirst) {
  RespParser parser;
  Command command;
  parser.feed("PING\r\n*1\r\n$4\r\nECHO\r\n*x\r\nPING\r\n");
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"PING"}));
  ASSERT_EQ(parser.next(command), Status::kCommand);
  EXPECT_EQ(command, (Command{"ECHO"}));
  EXPECT_EQ(parser.next(command), Status::kError);
  EXPECT_EQ(parser.error(), "ERR Protocol error: invalid multibulk length");
}

TEST(RespParserErrors, AfterAnErrorTheParserIsDone) {
  RespParser parser;
  Command command;
  parser.feed("*1\r\n$x\r\n");
  EXPECT_EQ(parser.next(command), Status::kError);
  EXPECT_TRUE(parser.failed());
  parser.feed("PING\r\n");
  std::span<char> space = parser.prepare(8);
  std::memcpy(space.data(), "PING\r\n", 6);
  parser.commit(6);
  EXPECT_EQ(parser.next(command), Status::kError);
  EXPECT_EQ(parser.next(command), Status::kError);
  EXPECT_EQ(parser.error(), "ERR Protocol error: invalid bulk length");
}

TEST(RespParserErrors, TheErrorIsTheReplyToSend) {
  RespParser parser;
  Command command;
  parser.feed("*1\r\n$x\r\n");
  ASSERT_EQ(parser.next(command), Status::kError);
  std::string out;
  AppendReply(Reply::Error(parser.error()), out);
  EXPECT_EQ(out, "-ERR Protocol error: invalid bulk length\r\n");
}

TEST(RespParserErrors, ErrorsDoNotDependOnHowTheInputIsSplit) {
  for (const std::string& in :
       std::vector<std::string>{"PING\n*2\r\n$3\r\nGET\r\n$-5\r\n", "PING\nGET 'a\r\n",
                                "PING\n*1\r\nfoo\r\n", "PING\n" + std::string(70000, 'a')}) {
    const std::string want = ErrorOf(in);
    ASSERT_NE(want, "");
    for (std::size_t step : {1, 5, 4096}) {
      RespParser parser;
      Commands got;
      for (std::size_t i = 0; i < in.size() && !parser.failed(); i += step) {
        parser.feed(std::string_view(in).substr(i, step));
        Commands more = Drain(parser);
        got.insert(got.end(), more.begin(), more.end());
      }
      EXPECT_EQ(got, (Commands{{"PING"}}));
      EXPECT_EQ(parser.error(), want) << "step " << step;
    }
  }
}

// ---------------------------------------------------------------------------
// Options

TEST(RespParserOptionsTest, MaxBulkLen) {
  const RespParserOptions options = {.max_bulk_len = 10};
  EXPECT_EQ(ParseAll("*1\r\n$10\r\n0123456789\r\n", options), (Commands{{"0123456789"}}));
  EXPECT_EQ(ErrorOf("*1\r\n$11\r\n", options), "ERR Protocol error: invalid bulk length");
}

TEST(RespParserOptionsTest, MaxMultibulkLen) {
  const RespParserOptions options = {.max_multibulk_len = 2};
  EXPECT_EQ(ParseAll(Multibulk({"GET", "k"}), options), (Commands{{"GET", "k"}}));
  EXPECT_EQ(ErrorOf("*3\r\n", options), "ERR Protocol error: invalid multibulk length");
}

TEST(RespParserOptionsTest, MaxInlineLen) {
  const RespParserOptions options = {.max_inline_len = 8};
  EXPECT_EQ(ParseAll("GET 123\r\nGET 1234\n", options),  // '\n' at 8
            (Commands{{"GET", "123"}, {"GET", "1234"}}));
  EXPECT_EQ(ErrorOf("GET 12345\n", options), "ERR Protocol error: too big inline request");
  EXPECT_EQ(ErrorOf("*123456789", options), "ERR Protocol error: too big mbulk count string");
  EXPECT_EQ(ErrorOf("*1\r\n$123456789", options), "ERR Protocol error: too big bulk count string");
}

// ---------------------------------------------------------------------------
// Writing replies

std::string Encode(const Reply& reply) {
  std::string out;
  AppendReply(reply, out);
  return out;
}

TEST(AppendReply, EachKind) {
  EXPECT_EQ(Encode(Reply::Ok()), "+OK\r\n");
  EXPECT_EQ(Encode(Reply::Simple("PONG")), "+PONG\r\n");
  EXPECT_EQ(Encode(Reply::Error("ERR unknown command 'FOO'")), "-ERR unknown command 'FOO'\r\n");
  EXPECT_EQ(Encode(Reply::Integer(0)), ":0\r\n");
  EXPECT_EQ(Encode(Reply::Integer(-42)), ":-42\r\n");
  EXPECT_EQ(Encode(Reply::Integer(INT64_MAX)), ":9223372036854775807\r\n");
  EXPECT_EQ(Encode(Reply::Integer(INT64_MIN)), ":-9223372036854775808\r\n");
  EXPECT_EQ(Encode(Reply::Bulk("foo")), "$3\r\nfoo\r\n");
  EXPECT_EQ(Encode(Reply::Bulk("")), "$0\r\n\r\n");
  EXPECT_EQ(Encode(Reply::Bulk("a\r\n\0b"s)), "$5\r\na\r\n\0b\r\n"s);
  EXPECT_EQ(Encode(Reply::Null()), "$-1\r\n");
  EXPECT_EQ(Encode(Reply::NullArray()), "*-1\r\n");
  EXPECT_EQ(Encode(Reply::Array({})), "*0\r\n");
  EXPECT_EQ(Encode(Reply::Array({Reply::Bulk("a"), Reply::Null(), Reply::Integer(1),
                                 Reply::Array({Reply::Simple("x"), Reply::NullArray()})})),
            "*4\r\n$1\r\na\r\n$-1\r\n:1\r\n*2\r\n+x\r\n*-1\r\n");
}

TEST(AppendReply, LineBreaksInSimpleStringsAndErrorsBecomeSpaces) {
  EXPECT_EQ(Encode(Reply::Error("ERR bad\r\nthing")), "-ERR bad  thing\r\n");
  EXPECT_EQ(Encode(Reply::Simple("a\nb")), "+a b\r\n");
}

TEST(AppendReply, AppendsToWhatIsThere) {
  std::string out = "+OK\r\n";
  AppendReply(Reply::Integer(7), out);
  EXPECT_EQ(out, "+OK\r\n:7\r\n");
}

TEST(AppendReply, FastPathsWriteWhatAppendReplyWrites) {
  std::string out;
  AppendOk(out);
  EXPECT_EQ(out, Encode(Reply::Ok()));
  out.clear();
  AppendSimple("PONG", out);
  EXPECT_EQ(out, Encode(Reply::Simple("PONG")));
  out.clear();
  AppendError("ERR x", out);
  EXPECT_EQ(out, Encode(Reply::Error("ERR x")));
  out.clear();
  AppendInteger(-12345, out);
  EXPECT_EQ(out, Encode(Reply::Integer(-12345)));
  out.clear();
  AppendBulk("v\0"s, out);
  EXPECT_EQ(out, Encode(Reply::Bulk("v\0"s)));
  out.clear();
  AppendNull(out);
  EXPECT_EQ(out, Encode(Reply::Null()));
  out.clear();
  AppendNullArray(out);
  EXPECT_EQ(out, Encode(Reply::NullArray()));
  out.clear();
  AppendArrayHeader(2, out);
  AppendBulk("a", out);
  AppendInteger(1, out);
  EXPECT_EQ(out, Encode(Reply::Array({Reply::Bulk("a"), Reply::Integer(1)})));
}

// ---------------------------------------------------------------------------
// Reading replies

std::vector<Reply> SampleReplies() {
  return {
      Reply::Ok(),
      Reply::Simple(""),
      Reply::Error("WRONGTYPE Operation against a key holding the wrong kind of value"),
      Reply::Integer(0),
      Reply::Integer(INT64_MIN),
      Reply::Integer(INT64_MAX),
      Reply::Bulk(""),
      Reply::Bulk("\r\n\0\r\n$3\r\n*-1\r\n"s),
      Reply::Bulk(std::string(100000, 'b')),
      Reply::Null(),
      Reply::NullArray(),
      Reply::Array({}),
      Reply::Array({Reply::Bulk("k"), Reply::Null(), Reply::Array({Reply::Array({})}),
                    Reply::Error("ERR e"), Reply::Integer(-1), Reply::NullArray()}),
  };
}

TEST(ParseReply, RoundTripsEveryKind) {
  for (const Reply& reply : SampleReplies()) {
    const std::string wire = Encode(reply);
    std::size_t consumed = 99;
    std::string error = "stale";
    std::optional<Reply> got = ParseReply(wire, &consumed, &error);
    ASSERT_TRUE(got.has_value()) << wire << ": " << error;
    EXPECT_EQ(*got, reply) << wire;
    EXPECT_EQ(consumed, wire.size());
    EXPECT_EQ(error, "");
  }
}

TEST(ParseReply, ConsecutiveRepliesOneAtATime) {
  std::string wire;
  for (const Reply& reply : SampleReplies()) AppendReply(reply, wire);
  std::string_view rest = wire;
  std::vector<Reply> got;
  std::size_t consumed;
  while (std::optional<Reply> reply = ParseReply(rest, &consumed)) {
    got.push_back(*std::move(reply));
    rest.remove_prefix(consumed);
  }
  EXPECT_EQ(rest, "");
  EXPECT_EQ(got, SampleReplies());
}

TEST(ParseReply, EveryProperPrefixIsIncomplete) {
  for (const Reply& reply : SampleReplies()) {
    const std::string wire = Encode(reply);
    if (wire.size() > 1000) continue;
    for (std::size_t i = 0; i < wire.size(); ++i) {
      std::size_t consumed = 99;
      std::string error;
      EXPECT_FALSE(ParseReply(std::string_view(wire).substr(0, i), &consumed, &error).has_value());
      EXPECT_EQ(consumed, 0u);
      EXPECT_EQ(error, "") << wire.substr(0, i);
    }
  }
}

TEST(ParseReply, InvalidInputSaysWhy) {
  for (std::string wire : {"?x\r\n", "\r\n", "+OK\n", "+OK\rx", ":abc\r\n", ":+1\r\n", ":\r\n",
                           "$3\r\nfooXX", "$-2\r\n", "$x\r\n", "*-2\r\n", "*1\r\n?\r\n"}) {
    std::size_t consumed = 99;
    std::string error;
    EXPECT_FALSE(ParseReply(wire, &consumed, &error).has_value()) << wire;
    EXPECT_NE(error, "") << wire;
    EXPECT_EQ(consumed, 0u);
  }
}

TEST(ParseReply, NestingIsBounded) {
  std::string deep;
  for (int i = 0; i < 600; ++i) deep += "*1\r\n";
  deep += ":1\r\n";
  std::size_t consumed;
  std::string error;
  EXPECT_FALSE(ParseReply(deep, &consumed, &error).has_value());
  EXPECT_NE(error, "");
}

TEST(ParseReply, ReadsTheCommandsAClientSends) {
  // A multibulk request is an array of bulks.
  std::size_t consumed;
  std::optional<Reply> got = ParseReply(Multibulk({"SET", "k", "v"}), &consumed);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, Reply::Array({Reply::Bulk("SET"), Reply::Bulk("k"), Reply::Bulk("v")}));
}

}  // namespace
}  // namespace kv
