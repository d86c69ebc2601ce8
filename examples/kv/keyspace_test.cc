// keyspace_test.cc — the shard keyspace's behaviour, command by command, as
// Redis 7 replies (RESP2).
#include "examples/kv/keyspace.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace kv {

// Readable failures.
void PrintTo(const Reply& r, std::ostream* os) {
  switch (r.kind) {
    case Reply::Kind::kSimple: *os << "+" << r.text; break;
    case Reply::Kind::kError: *os << "-" << r.text; break;
    case Reply::Kind::kInteger: *os << ":" << r.integer; break;
    case Reply::Kind::kBulk: *os << "\"" << r.text << "\""; break;
    case Reply::Kind::kNull: *os << "(nil)"; break;
    case Reply::Kind::kNullArray: *os << "(nil array)"; break;
    case Reply::Kind::kArray:
      *os << "[";
      for (std::size_t i = 0; i < r.elements.size(); ++i) {
        if (i) *os << ", ";
        PrintTo(r.elements[i], os);
      }
      *os << "]";
      break;
  }
}

namespace {

using Args = std::vector<std::string>;

Reply B(std::string s) { return Reply::Bulk(std::move(s)); }
Reply I(std::int64_t i) { return Reply::Integer(i); }
Reply E(std::string s) { return Reply::Error(std::move(s)); }
Reply Nil() { return Reply::Null(); }
Reply Ok() { return Reply::Ok(); }
Reply Arr(std::initializer_list<Reply> e) { return Reply::Array(std::vector<Reply>(e)); }
Reply Bulks(std::initializer_list<std::string> items) {
  std::vector<Reply> e;
  for (const auto& s : items) e.push_back(B(s));
  return Reply::Array(std::move(e));
}

const char kWrongType[] = "WRONGTYPE Operation against a key holding the wrong kind of value";
const char kNotInteger[] = "ERR value is not an integer or out of range";
const char kSyntax[] = "ERR syntax error";
const char kNotPositive[] = "ERR value is out of range, must be positive";

// The bulk strings of an array reply, sorted (for unordered replies).
std::vector<std::string> SortedTexts(const Reply& r) {
  std::vector<std::string> out;
  for (const auto& e : r.elements) out.push_back(e.text);
  std::sort(out.begin(), out.end());
  return out;
}

class KeyspaceTest : public ::testing::Test {
 protected:
  // Runs a command at the test's clock.
  Reply Run(Args args) { return ks_.Execute(args, now_); }
  Reply RunAt(std::int64_t now, Args args) { return ks_.Execute(args, now); }

  Keyspace ks_;
  std::int64_t now_ = 1'000'000;
};

// --- Dispatch ---------------------------------------------------------------

TEST_F(KeyspaceTest, CommandNamesAreCaseInsensitive) {
  EXPECT_EQ(Run({"sEt", "k", "v"}), Ok());
  EXPECT_EQ(Run({"get", "k"}), B("v"));
  EXPECT_EQ(Run({"GET", "k"}), B("v"));
  EXPECT_EQ(Run({"Set", "k", "w", "px", "100"}), Ok());
  EXPECT_EQ(Run({"pttl", "k"}), I(100));
}

TEST_F(KeyspaceTest, UnknownCommandNamesItsFirstArguments) {
  EXPECT_EQ(Run({"foo", "a", "b"}),
            E("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
  EXPECT_EQ(Run({"FooBar"}), E("ERR unknown command 'FooBar', with args beginning with: "));
  // Line breaks would end the error line: they become spaces.
  EXPECT_EQ(Run({"x\r\ny"}), E("ERR unknown command 'x  y', with args beginning with: "));
  // SCAN is a method (the server owns cursors across shards), not a command.
  EXPECT_EQ(Run({"scan", "0"}).kind, Reply::Kind::kError);
}

TEST_F(KeyspaceTest, WrongArityNamesTheCommandInLowerCase) {
  EXPECT_EQ(Run({"GET"}), E("ERR wrong number of arguments for 'get' command"));
  EXPECT_EQ(Run({"get", "a", "b"}), E("ERR wrong number of arguments for 'get' command"));
  EXPECT_EQ(Run({"SET", "k"}), E("ERR wrong number of arguments for 'set' command"));
  EXPECT_EQ(Run({"hset", "h", "f"}), E("ERR wrong number of arguments for 'hset' command"));
  EXPECT_EQ(Run({"hset", "h", "f", "v", "g"}),
            E("ERR wrong number of arguments for 'hset' command"));
  EXPECT_EQ(Run({"mset", "a", "1", "b"}), E("ERR wrong number of arguments for 'mset' command"));
  EXPECT_EQ(Run({"lpop", "l", "1", "2"}), E("ERR wrong number of arguments for 'lpop' command"));
  EXPECT_EQ(Run({"del"}), E("ERR wrong number of arguments for 'del' command"));
  EXPECT_EQ(Run({"zadd", "z", "1"}), E("ERR wrong number of arguments for 'zadd' command"));
}

// --- Strings ----------------------------------------------------------------

TEST_F(KeyspaceTest, GetOfAMissingKeyIsNil) { EXPECT_EQ(Run({"GET", "nope"}), Nil()); }

TEST_F(KeyspaceTest, SetThenGetAndOverwriteAnyType) {
  EXPECT_EQ(Run({"SET", "k", "v1"}), Ok());
  EXPECT_EQ(Run({"SET", "k", "v2"}), Ok());
  EXPECT_EQ(Run({"GET", "k"}), B("v2"));
  EXPECT_EQ(Run({"RPUSH", "l", "x"}), I(1));
  EXPECT_EQ(Run({"SET", "l", "s"}), Ok());  // SET replaces a list
  EXPECT_EQ(Run({"TYPE", "l"}), Reply::Simple("string"));
  EXPECT_EQ(Run({"SET", "e", ""}), Ok());
  EXPECT_EQ(Run({"GET", "e"}), B(""));
}

TEST_F(KeyspaceTest, StringCommandsOnOtherTypesAreWrongType) {
  Run({"RPUSH", "l", "x"});
  for (const Args& a : std::vector<Args>{{"GET", "l"},
                                         {"GETSET", "l", "v"},
                                         {"INCR", "l"},
                                         {"INCRBY", "l", "2"},
                                         {"DECR", "l"},
                                         {"APPEND", "l", "x"},
                                         {"STRLEN", "l"},
                                         {"SET", "l", "v", "GET"}}) {
    EXPECT_EQ(Run(a), E(kWrongType)) << a[0];
  }
  EXPECT_EQ(Run({"LRANGE", "l", "0", "-1"}), Bulks({"x"}));  // untouched
}

TEST_F(KeyspaceTest, SetNxAndXx) {
  EXPECT_EQ(Run({"SET", "k", "v", "XX"}), Nil());
  EXPECT_EQ(Run({"GET", "k"}), Nil());
  EXPECT_EQ(Run({"SET", "k", "v", "NX"}), Ok());
  EXPECT_EQ(Run({"SET", "k", "w", "NX"}), Nil());
  EXPECT_EQ(Run({"GET", "k"}), B("v"));
  EXPECT_EQ(Run({"SET", "k", "w", "xx"}), Ok());
  EXPECT_EQ(Run({"GET", "k"}), B("w"));
  EXPECT_EQ(Run({"SET", "k", "w", "NX", "XX"}), E(kSyntax));
  EXPECT_EQ(Run({"SET", "k", "w", "XX", "NX"}), E(kSyntax));
}

TEST_F(KeyspaceTest, SetGetRepliesTheOldValue) {
  EXPECT_EQ(Run({"SET", "k", "v1", "GET"}), Nil());
  EXPECT_EQ(Run({"SET", "k", "v2", "GET"}), B("v1"));
  EXPECT_EQ(Run({"GET", "k"}), B("v2"));
  // With NX (allowed since Redis 7): the old value, and no write.
  EXPECT_EQ(Run({"SET", "k", "v3", "NX", "GET"}), B("v2"));
  EXPECT_EQ(Run({"GET", "k"}), B("v2"));
  EXPECT_EQ(Run({"SET", "new", "v", "XX", "GET"}), Nil());
  EXPECT_EQ(Run({"GET", "new"}), Nil());
}

TEST_F(KeyspaceTest, SetExpiryOptions) {
  EXPECT_EQ(Run({"SET", "a", "v", "EX", "10"}), Ok());
  EXPECT_EQ(Run({"PTTL", "a"}), I(10'000));
  EXPECT_EQ(Run({"SET", "b", "v", "PX", "1500"}), Ok());
  EXPECT_EQ(Run({"PTTL", "b"}), I(1500));
  EXPECT_EQ(Run({"SET", "c", "v", "EXAT", "1010"}), Ok());  // seconds since the clock's 0
  EXPECT_EQ(Run({"PTTL", "c"}), I(1'010'000 - now_));
  EXPECT_EQ(Run({"SET", "d", "v", "PXAT", "1000500"}), Ok());
  EXPECT_EQ(Run({"PTTL", "d"}), I(500));
  // Options combine in any order.
  EXPECT_EQ(Run({"SET", "e", "v", "px", "100", "nx", "get"}), Nil());
  EXPECT_EQ(Run({"PTTL", "e"}), I(100));
  // A later EX of the same kind wins.
  EXPECT_EQ(Run({"SET", "f", "v", "EX", "1", "EX", "2"}), Ok());
  EXPECT_EQ(Run({"PTTL", "f"}), I(2000));
}

TEST_F(KeyspaceTest, SetWithoutOptionsClearsTheTtlAndKeepTtlKeepsIt) {
  Run({"SET", "k", "v", "EX", "10"});
  EXPECT_EQ(Run({"SET", "k", "w", "KEEPTTL"}), Ok());
  EXPECT_EQ(Run({"PTTL", "k"}), I(10'000));
  EXPECT_EQ(Run({"SET", "k", "x"}), Ok());
  EXPECT_EQ(Run({"PTTL", "k"}), I(-1));
  EXPECT_EQ(Run({"SET", "n", "v", "KEEPTTL"}), Ok());  // a new key: no TTL to keep
  EXPECT_EQ(Run({"PTTL", "n"}), I(-1));
}

TEST_F(KeyspaceTest, SetOptionSyntaxErrors) {
  EXPECT_EQ(Run({"SET", "k", "v", "EX", "1", "PX", "1"}), E(kSyntax));
  EXPECT_EQ(Run({"SET", "k", "v", "PX", "1", "EXAT", "1"}), E(kSyntax));
  EXPECT_EQ(Run({"SET", "k", "v", "KEEPTTL", "EX", "1"}), E(kSyntax));
  EXPECT_EQ(Run({"SET", "k", "v", "EX", "1", "KEEPTTL"}), E(kSyntax));
  EXPECT_EQ(Run({"SET", "k", "v", "EX"}), E(kSyntax));  // no value
  EXPECT_EQ(Run({"SET", "k", "v", "FOO"}), E(kSyntax));
  EXPECT_EQ(Run({"GET", "k"}), Nil());
}

TEST_F(KeyspaceTest, SetInvalidExpireTimes) {
  const Reply invalid = E("ERR invalid expire time in 'set' command");
  EXPECT_EQ(Run({"SET", "k", "v", "EX", "0"}), invalid);
  EXPECT_EQ(Run({"SET", "k", "v", "PX", "-5"}), invalid);
  EXPECT_EQ(Run({"SET", "k", "v", "PXAT", "0"}), invalid);
  EXPECT_EQ(Run({"SET", "k", "v", "EX", "9223372036854775807"}), invalid);  // * 1000 overflows
  EXPECT_EQ(Run({"SET", "k", "v", "PX", "9223372036854775807"}), invalid);  // + now overflows
  EXPECT_EQ(Run({"SET", "k", "v", "EX", "ten"}), E(kNotInteger));
  EXPECT_EQ(Run({"SET", "k", "v", "EX", "1.5"}), E(kNotInteger));
  EXPECT_EQ(Run({"GET", "k"}), Nil());
}

TEST_F(KeyspaceTest, SetWithATimeAlreadyPastStoresNothingVisible) {
  EXPECT_EQ(Run({"SET", "k", "v", "PXAT", "5"}), Ok());
  EXPECT_EQ(Run({"GET", "k"}), Nil());
  EXPECT_EQ(Run({"EXISTS", "k"}), I(0));
}

TEST_F(KeyspaceTest, SetNxCommand) {
  EXPECT_EQ(Run({"SETNX", "k", "a"}), I(1));
  EXPECT_EQ(Run({"SETNX", "k", "b"}), I(0));
  EXPECT_EQ(Run({"GET", "k"}), B("a"));
}

TEST_F(KeyspaceTest, GetSetRepliesTheOldValueAndClearsTheTtl) {
  EXPECT_EQ(Run({"GETSET", "k", "a"}), Nil());
  Run({"PEXPIRE", "k", "100"});
  EXPECT_EQ(Run({"GETSET", "k", "b"}), B("a"));
  EXPECT_EQ(Run({"GET", "k"}), B("b"));
  EXPECT_EQ(Run({"TTL", "k"}), I(-1));
}

TEST_F(KeyspaceTest, IncrAndDecrFamily) {
  EXPECT_EQ(Run({"INCR", "n"}), I(1));  // a missing key counts from 0
  EXPECT_EQ(Run({"INCRBY", "n", "41"}), I(42));
  EXPECT_EQ(Run({"DECR", "n"}), I(41));
  EXPECT_EQ(Run({"DECRBY", "n", "50"}), I(-9));
  EXPECT_EQ(Run({"INCRBY", "n", "-1"}), I(-10));
  EXPECT_EQ(Run({"GET", "n"}), B("-10"));
  EXPECT_EQ(Run({"DECRBY", "m", "-3"}), I(3));
}

TEST_F(KeyspaceTest, IncrKeepsTheTtl) {
  Run({"SET", "n", "1", "PX", "500"});
  EXPECT_EQ(Run({"INCR", "n"}), I(2));
  EXPECT_EQ(Run({"PTTL", "n"}), I(500));
}

TEST_F(KeyspaceTest, IncrRejectsValuesThatAreNotStrictIntegers) {
  for (const char* v : {"abc", "", " 1", "1 ", "+1", "01", "-0", "1.0", "9223372036854775808"}) {
    Run({"SET", "n", v});
    EXPECT_EQ(Run({"INCR", "n"}), E(kNotInteger)) << "value '" << v << "'";
    EXPECT_EQ(Run({"GET", "n"}), B(v));
  }
  Run({"SET", "n", "-9223372036854775808"});
  EXPECT_EQ(Run({"INCR", "n"}), I(std::numeric_limits<std::int64_t>::min() + 1));
  EXPECT_EQ(Run({"INCRBY", "n", "x"}), E(kNotInteger));
  EXPECT_EQ(Run({"INCRBY", "n", "1.5"}), E(kNotInteger));
  EXPECT_EQ(Run({"DECRBY", "n", "99999999999999999999"}), E(kNotInteger));
}

TEST_F(KeyspaceTest, IncrOverflowIsAnErrorAndLeavesTheValue) {
  const Reply overflow = E("ERR increment or decrement would overflow");
  Run({"SET", "n", "9223372036854775807"});
  EXPECT_EQ(Run({"INCR", "n"}), overflow);
  EXPECT_EQ(Run({"GET", "n"}), B("9223372036854775807"));
  EXPECT_EQ(Run({"INCRBY", "n", "-9223372036854775808"}), I(-1));
  Run({"SET", "n", "-9223372036854775808"});
  EXPECT_EQ(Run({"DECR", "n"}), overflow);
  EXPECT_EQ(Run({"INCRBY", "n", "-1"}), overflow);
  Run({"SET", "n", "-2"});
  EXPECT_EQ(Run({"INCRBY", "n", "-9223372036854775807"}), overflow);
  // DECRBY cannot negate LLONG_MIN.
  EXPECT_EQ(Run({"DECRBY", "n", "-9223372036854775808"}), E("ERR decrement would overflow"));
}

TEST_F(KeyspaceTest, AppendAndStrlen) {
  EXPECT_EQ(Run({"STRLEN", "s"}), I(0));
  EXPECT_EQ(Run({"APPEND", "s", "Hello"}), I(5));
  EXPECT_EQ(Run({"APPEND", "s", " World"}), I(11));
  EXPECT_EQ(Run({"GET", "s"}), B("Hello World"));
  EXPECT_EQ(Run({"STRLEN", "s"}), I(11));
}

TEST_F(KeyspaceTest, MGetAndMSetParts) {
  EXPECT_EQ(Run({"MSET", "a", "1", "b", "2"}), Ok());
  Run({"RPUSH", "l", "x"});
  // Missing keys and non-strings are nil (no WRONGTYPE in MGET).
  EXPECT_EQ(Run({"MGET", "a", "missing", "l", "b"}), Arr({B("1"), Nil(), Nil(), B("2")}));
  EXPECT_EQ(ks_.GetMany({"b", "a"}, now_), Bulks({"2", "1"}));
  EXPECT_EQ(ks_.SetMany({"a", "10", "c", "3"}, now_), Ok());
  EXPECT_EQ(ks_.GetMany({"a", "c"}, now_), Bulks({"10", "3"}));
  // MSET clears TTLs and replaces other types.
  Run({"PEXPIRE", "a", "100"});
  EXPECT_EQ(ks_.SetMany({"a", "11", "l", "s"}, now_), Ok());
  EXPECT_EQ(Run({"PTTL", "a"}), I(-1));
  EXPECT_EQ(Run({"GET", "l"}), B("s"));
}

TEST_F(KeyspaceTest, DelAndExistsCountKeys) {
  Run({"MSET", "a", "1", "b", "2"});
  Run({"SADD", "s", "m"});
  EXPECT_EQ(Run({"EXISTS", "a", "b", "s", "nope"}), I(3));
  EXPECT_EQ(Run({"EXISTS", "a", "a"}), I(2));  // named twice, counted twice
  EXPECT_EQ(ks_.Exists({"b", "zz"}, now_), 1);
  EXPECT_EQ(Run({"DEL", "a", "a", "nope", "s"}), I(2));  // deleted once
  EXPECT_EQ(ks_.Delete({"b", "b"}, now_), 1);
  EXPECT_EQ(Run({"EXISTS", "a", "b", "s"}), I(0));
}

TEST_F(KeyspaceTest, TypeNamesEachKind) {
  Run({"SET", "s", "v"});
  Run({"RPUSH", "l", "v"});
  Run({"HSET", "h", "f", "v"});
  Run({"SADD", "st", "v"});
  Run({"ZADD", "z", "1", "v"});
  EXPECT_EQ(Run({"TYPE", "s"}), Reply::Simple("string"));
  EXPECT_EQ(Run({"TYPE", "l"}), Reply::Simple("list"));
  EXPECT_EQ(Run({"TYPE", "h"}), Reply::Simple("hash"));
  EXPECT_EQ(Run({"TYPE", "st"}), Reply::Simple("set"));
  EXPECT_EQ(Run({"TYPE", "z"}), Reply::Simple("zset"));
  EXPECT_EQ(Run({"TYPE", "nope"}), Reply::Simple("none"));
}

// --- Expiry -----------------------------------------------------------------

TEST_F(KeyspaceTest, ExpiryIsNeverEarly) {
  Run({"SET", "k", "v", "PX", "100"});  // expires at now + 100
  EXPECT_EQ(RunAt(now_ + 99, {"GET", "k"}), B("v"));
  EXPECT_EQ(RunAt(now_ + 100, {"GET", "k"}), B("v"));  // at the time itself: still there
  EXPECT_EQ(RunAt(now_ + 100, {"PTTL", "k"}), I(0));
  EXPECT_EQ(RunAt(now_ + 101, {"GET", "k"}), Nil());
}

TEST_F(KeyspaceTest, AnExpiredKeyIsAbsentForEveryCommandAndDeletedOnAccess) {
  Run({"SET", "s", "v", "PX", "10"});
  Run({"RPUSH", "l", "a", "b"});
  Run({"PEXPIRE", "l", "10"});
  const std::int64_t later = now_ + 11;
  EXPECT_EQ(ks_.stored_keys(), 2u);
  EXPECT_EQ(ks_.DbSize(later), 0u);  // not counted, even before removal
  EXPECT_EQ(ks_.stored_keys(), 2u);
  EXPECT_EQ(RunAt(later, {"EXISTS", "s"}), I(0));
  EXPECT_EQ(ks_.stored_keys(), 1u);  // removed on access
  EXPECT_EQ(RunAt(later, {"TTL", "s"}), I(-2));
  EXPECT_EQ(RunAt(later, {"TYPE", "l"}), Reply::Simple("none"));
  EXPECT_EQ(ks_.stored_keys(), 0u);
  EXPECT_EQ(ks_.volatile_keys(), 0u);
  // A write recreates the key without a TTL.
  Run({"SET", "k", "5", "PX", "10"});
  EXPECT_EQ(RunAt(later, {"INCR", "k"}), I(1));
  EXPECT_EQ(RunAt(later, {"PTTL", "k"}), I(-1));
  Run({"SADD", "st", "a"});
  Run({"PEXPIRE", "st", "10"});
  EXPECT_EQ(RunAt(later, {"SADD", "st", "b"}), I(1));
  EXPECT_EQ(RunAt(later, {"SMEMBERS", "st"}), Bulks({"b"}));
}

TEST_F(KeyspaceTest, TtlAndPttl) {
  EXPECT_EQ(Run({"TTL", "missing"}), I(-2));
  EXPECT_EQ(Run({"PTTL", "missing"}), I(-2));
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"TTL", "k"}), I(-1));
  EXPECT_EQ(Run({"PTTL", "k"}), I(-1));
  Run({"SET", "k", "v", "PX", "2499"});
  EXPECT_EQ(Run({"TTL", "k"}), I(2));  // rounded to the nearest second
  EXPECT_EQ(RunAt(now_ + 1, {"TTL", "k"}), I(2));
  Run({"SET", "k", "v", "PX", "2500"});
  EXPECT_EQ(Run({"TTL", "k"}), I(3));
  EXPECT_EQ(RunAt(now_ + 2000, {"PTTL", "k"}), I(500));
}

TEST_F(KeyspaceTest, Persist) {
  EXPECT_EQ(Run({"PERSIST", "missing"}), I(0));
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"PERSIST", "k"}), I(0));  // no TTL to remove
  Run({"EXPIRE", "k", "10"});
  EXPECT_EQ(Run({"PERSIST", "k"}), I(1));
  EXPECT_EQ(Run({"TTL", "k"}), I(-1));
  EXPECT_EQ(RunAt(now_ + 100'000, {"GET", "k"}), B("v"));
  EXPECT_EQ(ks_.volatile_keys(), 0u);
}

TEST_F(KeyspaceTest, ExpireFamily) {
  EXPECT_EQ(Run({"EXPIRE", "missing", "10"}), I(0));
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"EXPIRE", "k", "10"}), I(1));
  EXPECT_EQ(Run({"PTTL", "k"}), I(10'000));
  EXPECT_EQ(Run({"PEXPIRE", "k", "1234"}), I(1));
  EXPECT_EQ(Run({"PTTL", "k"}), I(1234));
  EXPECT_EQ(Run({"EXPIREAT", "k", "1005"}), I(1));
  EXPECT_EQ(Run({"PTTL", "k"}), I(5000));
  EXPECT_EQ(Run({"PEXPIREAT", "k", "1000007"}), I(1));
  EXPECT_EQ(Run({"PTTL", "k"}), I(7));
  EXPECT_EQ(Run({"EXPIRE", "k", "x"}), E(kNotInteger));
  EXPECT_EQ(Run({"EXPIRE", "k", "9223372036854775807"}),
            E("ERR invalid expire time in 'expire' command"));
  EXPECT_EQ(Run({"PEXPIRE", "k", "9223372036854775807"}),
            E("ERR invalid expire time in 'pexpire' command"));
}

TEST_F(KeyspaceTest, ExpireInThePastDeletesTheKey) {
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"EXPIRE", "k", "0"}), I(1));
  EXPECT_EQ(Run({"EXISTS", "k"}), I(0));
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"PEXPIRE", "k", "-100"}), I(1));
  EXPECT_EQ(Run({"EXISTS", "k"}), I(0));
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"PEXPIREAT", "k", "1"}), I(1));
  EXPECT_EQ(ks_.stored_keys(), 0u);
}

TEST_F(KeyspaceTest, ExpireOptionsNxXxGtLt) {
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"EXPIRE", "k", "10", "XX"}), I(0));  // no TTL yet
  EXPECT_EQ(Run({"EXPIRE", "k", "10", "GT"}), I(0));  // no TTL counts as infinite
  EXPECT_EQ(Run({"EXPIRE", "k", "10", "NX"}), I(1));
  EXPECT_EQ(Run({"EXPIRE", "k", "20", "NX"}), I(0));
  EXPECT_EQ(Run({"EXPIRE", "k", "5", "GT"}), I(0));
  EXPECT_EQ(Run({"EXPIRE", "k", "20", "gt"}), I(1));
  EXPECT_EQ(Run({"EXPIRE", "k", "30", "LT"}), I(0));
  EXPECT_EQ(Run({"EXPIRE", "k", "15", "LT", "XX"}), I(1));
  EXPECT_EQ(Run({"TTL", "k"}), I(15));
  Run({"PERSIST", "k"});
  EXPECT_EQ(Run({"EXPIRE", "k", "15", "LT"}), I(1));  // anything is less than infinite
  EXPECT_EQ(Run({"EXPIRE", "k", "1", "NX", "XX"}),
            E("ERR NX and XX, GT or LT options at the same time are not compatible"));
  EXPECT_EQ(Run({"EXPIRE", "k", "1", "GT", "LT"}),
            E("ERR GT and LT options at the same time are not compatible"));
  EXPECT_EQ(Run({"EXPIRE", "k", "1", "FOO"}), E("ERR Unsupported option FOO"));
  EXPECT_EQ(Run({"TTL", "k"}), I(15));
}

TEST_F(KeyspaceTest, SweepRemovesExpiredKeysWithinItsBudget) {
  for (int i = 0; i < 10; ++i) {
    RunAt(now_, {"SET", "k" + std::to_string(i), "v", "PX", std::to_string(10 * (i + 1))});
  }
  Run({"SET", "forever", "v"});
  EXPECT_EQ(ks_.SweepExpired(now_ + 10, 100), 0u);  // k0 expires at +10: not yet
  EXPECT_EQ(ks_.SweepExpired(now_ + 55, 3), 3u);    // k0..k4 are due; budget 3
  EXPECT_EQ(ks_.stored_keys(), 8u);
  EXPECT_EQ(ks_.DbSize(now_ + 55), 6u);
  EXPECT_EQ(ks_.SweepExpired(now_ + 55, 100), 2u);
  EXPECT_EQ(ks_.stored_keys(), 6u);
  // The oldest went first: k5 (due at +60) is still there.
  EXPECT_EQ(RunAt(now_ + 60, {"GET", "k5"}), B("v"));
  EXPECT_EQ(ks_.SweepExpired(now_ + 1000, 100), 5u);
  EXPECT_EQ(ks_.stored_keys(), 1u);
  EXPECT_EQ(ks_.volatile_keys(), 0u);
  EXPECT_EQ(ks_.SweepExpired(now_ + 1000, 100), 0u);
}

// --- Lists ------------------------------------------------------------------

TEST_F(KeyspaceTest, PushAndRange) {
  EXPECT_EQ(Run({"RPUSH", "l", "a", "b"}), I(2));
  EXPECT_EQ(Run({"LPUSH", "l", "x", "y"}), I(4));  // each to the front: y x a b
  EXPECT_EQ(Run({"LRANGE", "l", "0", "-1"}), Bulks({"y", "x", "a", "b"}));
  EXPECT_EQ(Run({"LLEN", "l"}), I(4));
  EXPECT_EQ(Run({"LLEN", "missing"}), I(0));
}

TEST_F(KeyspaceTest, LRangeIndexes) {
  Run({"RPUSH", "l", "a", "b", "c", "d", "e"});
  EXPECT_EQ(Run({"LRANGE", "l", "1", "2"}), Bulks({"b", "c"}));
  EXPECT_EQ(Run({"LRANGE", "l", "-2", "-1"}), Bulks({"d", "e"}));
  EXPECT_EQ(Run({"LRANGE", "l", "-100", "1"}), Bulks({"a", "b"}));
  EXPECT_EQ(Run({"LRANGE", "l", "3", "100"}), Bulks({"d", "e"}));
  EXPECT_EQ(Run({"LRANGE", "l", "2", "1"}), Bulks({}));
  EXPECT_EQ(Run({"LRANGE", "l", "5", "10"}), Bulks({}));
  EXPECT_EQ(Run({"LRANGE", "l", "0", "-6"}), Bulks({}));
  EXPECT_EQ(Run({"LRANGE", "l", "-1", "-1"}), Bulks({"e"}));
  EXPECT_EQ(Run({"LRANGE", "missing", "0", "-1"}), Bulks({}));
  EXPECT_EQ(Run({"LRANGE", "l", "a", "1"}), E(kNotInteger));
}

TEST_F(KeyspaceTest, PopWithAndWithoutCount) {
  Run({"RPUSH", "l", "a", "b", "c", "d", "e"});
  EXPECT_EQ(Run({"LPOP", "l"}), B("a"));
  EXPECT_EQ(Run({"RPOP", "l"}), B("e"));
  EXPECT_EQ(Run({"LPOP", "l", "2"}), Bulks({"b", "c"}));
  EXPECT_EQ(Run({"LPOP", "l", "0"}), Bulks({}));
  EXPECT_EQ(Run({"RPOP", "l", "10"}), Bulks({"d"}));  // fewer than asked
  EXPECT_EQ(Run({"EXISTS", "l"}), I(0));              // an emptied list is gone
  EXPECT_EQ(Run({"LPOP", "l"}), Nil());
  EXPECT_EQ(Run({"LPOP", "l", "1"}), Reply::NullArray());
  EXPECT_EQ(Run({"LPOP", "l", "0"}), Reply::NullArray());
  EXPECT_EQ(Run({"LPOP", "l", "-1"}), E(kNotPositive));
  EXPECT_EQ(Run({"RPOP", "l", "x"}), E(kNotPositive));
  Run({"RPUSH", "m", "a", "b", "c"});
  EXPECT_EQ(Run({"RPOP", "m", "2"}), Bulks({"c", "b"}));  // in pop order
}

TEST_F(KeyspaceTest, ListCommandsOnOtherTypesAreWrongType) {
  Run({"SET", "s", "v"});
  for (const Args& a : std::vector<Args>{{"LPUSH", "s", "x"},
                                         {"RPUSH", "s", "x"},
                                         {"LPOP", "s"},
                                         {"RPOP", "s", "1"},
                                         {"LRANGE", "s", "0", "1"},
                                         {"LLEN", "s"}}) {
    EXPECT_EQ(Run(a), E(kWrongType)) << a[0];
  }
}

// --- Hashes -----------------------------------------------------------------

TEST_F(KeyspaceTest, HashCommands) {
  EXPECT_EQ(Run({"HSET", "h", "a", "1", "b", "2"}), I(2));
  EXPECT_EQ(Run({"HSET", "h", "a", "10", "c", "3"}), I(1));  // counts new fields only
  EXPECT_EQ(Run({"HGET", "h", "a"}), B("10"));
  EXPECT_EQ(Run({"HGET", "h", "zz"}), Nil());
  EXPECT_EQ(Run({"HGET", "missing", "a"}), Nil());
  EXPECT_EQ(Run({"HLEN", "h"}), I(3));
  // HGETALL pairs each field with its value.
  Reply all = Run({"HGETALL", "h"});
  ASSERT_EQ(all.elements.size(), 6u);
  std::set<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < 6; i += 2) pairs.emplace(all.elements[i].text, all.elements[i + 1].text);
  EXPECT_EQ(pairs, (std::set<std::pair<std::string, std::string>>{{"a", "10"}, {"b", "2"}, {"c", "3"}}));
  EXPECT_EQ(Run({"HDEL", "h", "a", "zz", "b"}), I(2));
  EXPECT_EQ(Run({"HDEL", "missing", "a"}), I(0));
  EXPECT_EQ(Run({"HDEL", "h", "c"}), I(1));
  EXPECT_EQ(Run({"EXISTS", "h"}), I(0));  // an emptied hash is gone
  EXPECT_EQ(Run({"HGETALL", "h"}), Bulks({}));
  EXPECT_EQ(Run({"HLEN", "h"}), I(0));
  Run({"SET", "s", "v"});
  EXPECT_EQ(Run({"HSET", "s", "f", "v"}), E(kWrongType));
  EXPECT_EQ(Run({"HGET", "s", "f"}), E(kWrongType));
  EXPECT_EQ(Run({"HGETALL", "s"}), E(kWrongType));
}

// --- Sets -------------------------------------------------------------------

TEST_F(KeyspaceTest, SetCommands) {
  EXPECT_EQ(Run({"SADD", "s", "a", "b", "a"}), I(2));
  EXPECT_EQ(Run({"SADD", "s", "b", "c"}), I(1));
  EXPECT_EQ(Run({"SCARD", "s"}), I(3));
  EXPECT_EQ(SortedTexts(Run({"SMEMBERS", "s"})), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Run({"SREM", "s", "a", "zz"}), I(1));
  EXPECT_EQ(Run({"SREM", "s", "b", "c"}), I(2));
  EXPECT_EQ(Run({"EXISTS", "s"}), I(0));
  EXPECT_EQ(Run({"SMEMBERS", "s"}), Bulks({}));
  EXPECT_EQ(Run({"SCARD", "s"}), I(0));
  EXPECT_EQ(Run({"SREM", "s", "a"}), I(0));
  Run({"SET", "str", "v"});
  EXPECT_EQ(Run({"SADD", "str", "a"}), E(kWrongType));
  EXPECT_EQ(Run({"SMEMBERS", "str"}), E(kWrongType));
  EXPECT_EQ(Run({"SPOP", "str"}), E(kWrongType));
}

TEST_F(KeyspaceTest, SPop) {
  EXPECT_EQ(Run({"SPOP", "s"}), Nil());
  EXPECT_EQ(Run({"SPOP", "s", "3"}), Bulks({}));  // RESP2 empty set
  Run({"SADD", "s", "a", "b", "c", "d", "e"});
  EXPECT_EQ(Run({"SPOP", "s", "0"}), Bulks({}));
  EXPECT_EQ(Run({"SPOP", "s", "-1"}), E(kNotPositive));
  EXPECT_EQ(Run({"SPOP", "s", "1", "2"}), E(kSyntax));
  Reply one = Run({"SPOP", "s"});
  ASSERT_EQ(one.kind, Reply::Kind::kBulk);
  Reply two = Run({"SPOP", "s", "2"});
  ASSERT_EQ(two.elements.size(), 2u);
  Reply rest = Run({"SPOP", "s", "10"});  // more than there are: all of them
  ASSERT_EQ(rest.elements.size(), 2u);
  std::vector<std::string> all = SortedTexts(two);
  for (const auto& s : SortedTexts(rest)) all.push_back(s);
  all.push_back(one.text);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::string>{"a", "b", "c", "d", "e"}));  // each popped once
  EXPECT_EQ(Run({"EXISTS", "s"}), I(0));
}

TEST_F(KeyspaceTest, SPopPicksVariedMembers) {
  std::set<std::string> firsts;
  for (int round = 0; round < 40; ++round) {
    Run({"SADD", "s", "a", "b", "c", "d", "e", "f", "g", "h"});
    firsts.insert(Run({"SPOP", "s"}).text);
    Run({"DEL", "s"});
  }
  EXPECT_GE(firsts.size(), 4u);
}

// --- Sorted sets --------------------------------------------------------------

TEST_F(KeyspaceTest, ZAddAndZRangeOrderByScoreThenMember) {
  EXPECT_EQ(Run({"ZADD", "z", "2", "b", "1", "c", "2", "a"}), I(3));
  EXPECT_EQ(Run({"ZADD", "z", "1.5", "d", "2", "b"}), I(1));  // b unchanged
  EXPECT_EQ(Run({"ZCARD", "z"}), I(4));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "-1"}), Bulks({"c", "d", "a", "b"}));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "-1", "WITHSCORES"}),
            Bulks({"c", "1", "d", "1.5", "a", "2", "b", "2"}));
  EXPECT_EQ(Run({"ZRANGE", "z", "-2", "-1", "withscores"}), Bulks({"a", "2", "b", "2"}));
  EXPECT_EQ(Run({"ZRANGE", "z", "1", "1"}), Bulks({"d"}));
  EXPECT_EQ(Run({"ZRANGE", "z", "3", "1"}), Bulks({}));
  EXPECT_EQ(Run({"ZRANGE", "z", "10", "20"}), Bulks({}));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "1", "REV"}), Bulks({"b", "a"}));
  EXPECT_EQ(Run({"ZRANGE", "missing", "0", "-1"}), Bulks({}));
  EXPECT_EQ(Run({"ZRANGE", "z", "x", "1"}), E(kNotInteger));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "1", "FOO"}), E(kSyntax));
  // Moving a member re-sorts it.
  EXPECT_EQ(Run({"ZADD", "z", "0", "b"}), I(0));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "0", "WITHSCORES"}), Bulks({"b", "0"}));
  EXPECT_EQ(Run({"ZSCORE", "z", "d"}), B("1.5"));
  EXPECT_EQ(Run({"ZSCORE", "z", "nope"}), Nil());
}

TEST_F(KeyspaceTest, ZAddScoresAndErrors) {
  EXPECT_EQ(Run({"ZADD", "z", "inf", "top", "-inf", "bottom", "1e3", "k", "-0.25", "q"}), I(4));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "-1", "WITHSCORES"}),
            Bulks({"bottom", "-inf", "q", "-0.25", "k", "1000", "top", "inf"}));
  EXPECT_EQ(Run({"ZADD", "z", "abc", "m"}), E("ERR value is not a valid float"));
  EXPECT_EQ(Run({"ZADD", "z", "nan", "m"}), E("ERR value is not a valid float"));
  EXPECT_EQ(Run({"ZADD", "z", " 1", "m"}), E("ERR value is not a valid float"));
  EXPECT_EQ(Run({"ZADD", "z", "1", "m", "2"}), E(kSyntax));
  EXPECT_EQ(Run({"ZADD", "z", "NX", "XX", "1", "m"}),
            E("ERR XX and NX options at the same time are not compatible"));
  EXPECT_EQ(Run({"ZADD", "z", "NX", "GT", "1", "m"}),
            E("ERR GT, LT, and/or NX options at the same time are not compatible"));
  EXPECT_EQ(Run({"ZADD", "z", "GT", "LT", "1", "m"}),
            E("ERR GT, LT, and/or NX options at the same time are not compatible"));
  EXPECT_EQ(Run({"ZADD", "z", "INCR", "1", "m", "2", "n"}),
            E("ERR INCR option supports a single increment-element pair"));
  // A bad score anywhere: nothing is added.
  EXPECT_EQ(Run({"ZADD", "z", "1", "m", "x", "n"}), E("ERR value is not a valid float"));
  EXPECT_EQ(Run({"ZCARD", "z"}), I(4));
  EXPECT_EQ(Run({"ZADD", "z", "INCR", "-inf", "top"}),
            E("ERR resulting score is not a number (NaN)"));
  Run({"SET", "s", "v"});
  EXPECT_EQ(Run({"ZADD", "s", "1", "m"}), E(kWrongType));
  EXPECT_EQ(Run({"ZRANGE", "s", "0", "1"}), E(kWrongType));
}

TEST_F(KeyspaceTest, ZAddOptions) {
  Run({"ZADD", "z", "10", "a", "20", "b"});
  EXPECT_EQ(Run({"ZADD", "z", "XX", "1", "a", "1", "new"}), I(0));
  EXPECT_EQ(Run({"ZSCORE", "z", "a"}), B("1"));
  EXPECT_EQ(Run({"ZSCORE", "z", "new"}), Nil());
  EXPECT_EQ(Run({"ZADD", "z", "NX", "5", "a", "5", "c"}), I(1));
  EXPECT_EQ(Run({"ZSCORE", "z", "a"}), B("1"));
  EXPECT_EQ(Run({"ZADD", "z", "GT", "CH", "0", "a", "30", "b", "7", "d"}), I(2));  // b, d
  EXPECT_EQ(Run({"ZSCORE", "z", "a"}), B("1"));
  EXPECT_EQ(Run({"ZSCORE", "z", "b"}), B("30"));
  EXPECT_EQ(Run({"ZADD", "z", "LT", "CH", "0", "a", "40", "b"}), I(1));
  EXPECT_EQ(Run({"ZSCORE", "z", "a"}), B("0"));
  EXPECT_EQ(Run({"ZADD", "z", "CH", "0", "a", "31", "b"}), I(1));  // a unchanged
  EXPECT_EQ(Run({"ZADD", "z", "INCR", "2.5", "a"}), B("2.5"));
  EXPECT_EQ(Run({"ZADD", "z", "INCR", "1", "fresh"}), B("1"));
  EXPECT_EQ(Run({"ZADD", "z", "NX", "INCR", "1", "a"}), Nil());
  EXPECT_EQ(Run({"ZADD", "z", "GT", "INCR", "-1", "a"}), Nil());
  EXPECT_EQ(Run({"ZADD", "missing", "XX", "1", "a"}), I(0));
  EXPECT_EQ(Run({"ZADD", "missing", "XX", "INCR", "1", "a"}), Nil());
  EXPECT_EQ(Run({"EXISTS", "missing"}), I(0));
}

TEST_F(KeyspaceTest, ZPopMin) {
  EXPECT_EQ(Run({"ZPOPMIN", "z"}), Bulks({}));
  EXPECT_EQ(Run({"ZPOPMIN", "z", "2"}), Bulks({}));
  Run({"ZADD", "z", "3", "c", "1", "a", "2", "b", "1", "aa"});
  EXPECT_EQ(Run({"ZPOPMIN", "z"}), Bulks({"a", "1"}));
  EXPECT_EQ(Run({"ZPOPMIN", "z", "2"}), Bulks({"aa", "1", "b", "2"}));
  EXPECT_EQ(Run({"ZPOPMIN", "z", "0"}), Bulks({}));
  EXPECT_EQ(Run({"ZPOPMIN", "z", "-1"}), E(kNotPositive));
  EXPECT_EQ(Run({"ZPOPMIN", "z", "1", "2"}), E(kSyntax));
  EXPECT_EQ(Run({"ZPOPMIN", "z", "5"}), Bulks({"c", "3"}));
  EXPECT_EQ(Run({"EXISTS", "z"}), I(0));
}

TEST_F(KeyspaceTest, ZRem) {
  Run({"ZADD", "z", "1", "a", "2", "b"});
  EXPECT_EQ(Run({"ZREM", "z", "a", "nope"}), I(1));
  EXPECT_EQ(Run({"ZRANGE", "z", "0", "-1"}), Bulks({"b"}));
  EXPECT_EQ(Run({"ZREM", "z", "b"}), I(1));
  EXPECT_EQ(Run({"EXISTS", "z"}), I(0));
}

TEST(FormatScore, LikeRedis) {
  EXPECT_EQ(FormatScore(1), "1");
  EXPECT_EQ(FormatScore(-3), "-3");
  EXPECT_EQ(FormatScore(1.5), "1.5");
  EXPECT_EQ(FormatScore(0.1), "0.1");
  EXPECT_EQ(FormatScore(-2.25), "-2.25");
  EXPECT_EQ(FormatScore(1e3), "1000");
  EXPECT_EQ(FormatScore(123456789012), "123456789012");
  EXPECT_EQ(FormatScore(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(FormatScore(0.1 + 0.2), "0.30000000000000004");  // needs all 17 digits
  EXPECT_EQ(FormatScore(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(FormatScore(-std::numeric_limits<double>::infinity()), "-inf");
}

// --- Keys, glob, scan ---------------------------------------------------------

TEST(GlobMatch, RedisPatterns) {
  // As Redis's stringmatchlen: "*" does not match the empty string (KEYS and
  // SCAN special-case "*" themselves, see KeysMatchesLiveKeys).
  EXPECT_FALSE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("a*", "a"));
  EXPECT_TRUE(GlobMatch("*", "anything"));
  EXPECT_TRUE(GlobMatch("h?llo", "hello"));
  EXPECT_FALSE(GlobMatch("h?llo", "hllo"));
  EXPECT_TRUE(GlobMatch("h*llo", "hllo"));
  EXPECT_TRUE(GlobMatch("h*llo", "heeeello"));
  EXPECT_TRUE(GlobMatch("h[ae]llo", "hello"));
  EXPECT_TRUE(GlobMatch("h[ae]llo", "hallo"));
  EXPECT_FALSE(GlobMatch("h[ae]llo", "hillo"));
  EXPECT_TRUE(GlobMatch("h[^e]llo", "hallo"));
  EXPECT_FALSE(GlobMatch("h[^e]llo", "hello"));
  EXPECT_TRUE(GlobMatch("h[a-b]llo", "hbllo"));
  EXPECT_TRUE(GlobMatch("h[b-a]llo", "hallo"));  // reversed ranges work
  EXPECT_FALSE(GlobMatch("h[a-b]llo", "hcllo"));
  EXPECT_TRUE(GlobMatch("h\\*llo", "h*llo"));
  EXPECT_FALSE(GlobMatch("h\\*llo", "hello"));
  EXPECT_TRUE(GlobMatch("[\\]]", "]"));
  EXPECT_TRUE(GlobMatch("a*b*c", "aXXbYYc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "aXXbYY"));
  EXPECT_TRUE(GlobMatch("user:*", "user:1"));
  EXPECT_FALSE(GlobMatch("user:*", "users"));
  EXPECT_TRUE(GlobMatch("a**", "a"));
  EXPECT_FALSE(GlobMatch("", "a"));
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("?", ""));
  EXPECT_TRUE(GlobMatch("ab[c", "abc"));  // an unterminated class ends the pattern
  EXPECT_FALSE(GlobMatch("ab[c", "abcd"));
  EXPECT_TRUE(GlobMatch("HELLO", "hello", /*nocase=*/true));
  EXPECT_FALSE(GlobMatch("HELLO", "hello"));
  // Patterns that backtrack exponentially stay fast.
  EXPECT_FALSE(GlobMatch("a*a*a*a*a*a*a*a*a*a*a*a*b", std::string(60, 'a')));
}

TEST_F(KeyspaceTest, KeysMatchesLiveKeys) {
  Run({"MSET", "user:1", "a", "user:2", "b", "item:1", "c"});
  Run({"SET", "user:3", "d", "PX", "10"});
  EXPECT_EQ(Run({"DBSIZE"}), I(4));
  std::vector<std::string> users = ks_.Keys("user:*", now_ + 11);
  std::sort(users.begin(), users.end());
  EXPECT_EQ(users, (std::vector<std::string>{"user:1", "user:2"}));
  EXPECT_EQ(ks_.Keys("*:1", now_).size(), 2u);
  EXPECT_EQ(SortedTexts(RunAt(now_ + 11, {"KEYS", "*"})),
            (std::vector<std::string>{"item:1", "user:1", "user:2"}));
  EXPECT_EQ(ks_.stored_keys(), 3u);  // the expired key was removed
  EXPECT_EQ(ks_.DbSize(now_), 3u);
  // "*" matches every key, the empty one too.
  Run({"SET", "", "empty"});
  EXPECT_EQ(ks_.Keys("*", now_).size(), 4u);
  EXPECT_EQ(ks_.Scan(0, "*", 10, now_).keys.size(), 4u);
}

TEST_F(KeyspaceTest, FlushAll) {
  Run({"MSET", "a", "1", "b", "2"});
  Run({"SET", "c", "v", "PX", "10"});
  EXPECT_EQ(Run({"FLUSHALL"}), Ok());
  EXPECT_EQ(ks_.DbSize(now_), 0u);
  EXPECT_EQ(ks_.volatile_keys(), 0u);
  Run({"SET", "a", "1"});
  ks_.FlushAll();
  EXPECT_EQ(Run({"EXISTS", "a"}), I(0));
}

// Scans the whole shard, running `between` after each call.
template <typename F>
std::vector<std::string> ScanAll(Keyspace& ks, std::string_view pattern, std::size_t count,
                                 std::int64_t now, F between, int* calls = nullptr) {
  std::vector<std::string> seen;
  std::uint64_t cursor = 0;
  int n = 0;
  do {
    Keyspace::ScanResult r = ks.Scan(cursor, pattern, count, now);
    EXPECT_LE(r.keys.size(), count + 2);  // about `count` (ties may add a few)
    seen.insert(seen.end(), r.keys.begin(), r.keys.end());
    cursor = r.cursor;
    between(n++);
  } while (cursor != 0 && n < 100'000);
  if (calls) *calls = n;
  return seen;
}

TEST_F(KeyspaceTest, ScanReturnsEveryKeyOnceAcrossCalls) {
  for (int i = 0; i < 500; ++i) Run({"SET", "k" + std::to_string(i), "v"});
  int calls = 0;
  std::vector<std::string> seen = ScanAll(ks_, "*", 10, now_, [](int) {}, &calls);
  EXPECT_GE(calls, 50);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());  // no duplicates
  EXPECT_EQ(seen.size(), 500u);
}

TEST_F(KeyspaceTest, ScanIsCompleteWithInsertsAndDeletesInBetween) {
  // "stable*" keys stay for the whole scan; "tmp*" come and go during it.
  for (int i = 0; i < 300; ++i) Run({"SET", "stable" + std::to_string(i), "v"});
  for (int i = 0; i < 300; ++i) Run({"SET", "tmp" + std::to_string(i), "v"});
  int next_tmp = 300;
  std::vector<std::string> seen = ScanAll(ks_, "*", 7, now_, [&](int call) {
    // Delete some, add more (growing the table through rehashes).
    Run({"DEL", "tmp" + std::to_string(call), "tmp" + std::to_string(call + 150)});
    for (int j = 0; j < 20; ++j) Run({"SET", "tmp" + std::to_string(next_tmp++), "v"});
  });
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size());  // nothing returned twice
  for (int i = 0; i < 300; ++i) {
    EXPECT_TRUE(unique.count("stable" + std::to_string(i))) << "stable" << i;
  }
}

TEST_F(KeyspaceTest, ScanFiltersByPatternAndSkipsExpiredKeys) {
  for (int i = 0; i < 50; ++i) Run({"SET", "a" + std::to_string(i), "v"});
  for (int i = 0; i < 50; ++i) Run({"SET", "b" + std::to_string(i), "v"});
  for (int i = 0; i < 10; ++i) Run({"SET", "a-gone" + std::to_string(i), "v", "PX", "5"});
  std::vector<std::string> seen = ScanAll(ks_, "a*", 8, now_ + 10, [](int) {});
  EXPECT_EQ(seen.size(), 50u);
  for (const auto& k : seen) EXPECT_EQ(k[0], 'a');
  EXPECT_EQ(ks_.stored_keys(), 100u);
  Keyspace empty;
  Keyspace::ScanResult r = empty.Scan(0, "*", 10, now_);
  EXPECT_EQ(r.cursor, 0u);
  EXPECT_TRUE(r.keys.empty());
}

// --- Storage (each key is one heap block: see keyspace.h) ----------------------

// A value of `size` bytes, varied so that a shifted or truncated copy shows.
std::string Pattern(std::size_t size, char salt = 0) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i) s[i] = static_cast<char>('a' + (i * 7 + salt) % 26);
  return s;
}

TEST_F(KeyspaceTest, StringValuesGrowAndShrinkAcrossAllocationSizes) {
  // Sizes around the block's chunk sizes and the value length's varint widths.
  const std::vector<std::size_t> sizes = {0,     1,     6,     15,    16,   23, 24, 25, 100,
                                          127,   128,   129,   1000,  16383, 16384, 16385,
                                          70000, 5,     70000, 0,     200,  3};
  for (bool with_ttl : {false, true}) {
    const std::string key = with_ttl ? "volatile" : "plain";
    char salt = 0;
    for (std::size_t size : sizes) {
      const std::string value = Pattern(size, ++salt);
      if (with_ttl) {
        EXPECT_EQ(Run({"SET", key, value, "KEEPTTL"}), Ok());
        if (salt == 1) Run({"PEXPIRE", key, "5000"});
      } else {
        EXPECT_EQ(Run({"SET", key, value}), Ok());
      }
      EXPECT_EQ(Run({"GET", key}), B(value)) << size;
      EXPECT_EQ(Run({"STRLEN", key}), I(static_cast<std::int64_t>(size)));
      EXPECT_EQ(Run({"PTTL", key}), I(with_ttl ? 5000 : -1)) << size;
    }
  }
  EXPECT_EQ(ks_.volatile_keys(), 1u);
  EXPECT_EQ(Run({"SET", "volatile", Pattern(300)}), Ok());  // no KEEPTTL: cleared
  EXPECT_EQ(Run({"PTTL", "volatile"}), I(-1));
  EXPECT_EQ(ks_.volatile_keys(), 0u);
  EXPECT_EQ(Run({"GET", "volatile"}), B(Pattern(300)));
}

TEST_F(KeyspaceTest, AppendGrowsAcrossLengthBoundariesAndKeepsTheTtl) {
  Run({"SET", "k", "", "PX", "9000"});
  std::string want;
  for (int i = 0; i < 17000; ++i) {
    const std::string piece(1, static_cast<char>('a' + i % 26));
    want += piece;
    ASSERT_EQ(Run({"APPEND", "k", piece}), I(static_cast<std::int64_t>(want.size())));
    if (want.size() == 127 || want.size() == 128 || want.size() == 16384) {
      EXPECT_EQ(Run({"GET", "k"}), B(want));
    }
  }
  EXPECT_EQ(Run({"APPEND", "k", ""}), I(17000));
  EXPECT_EQ(Run({"APPEND", "k", Pattern(70000)}), I(87000));
  EXPECT_EQ(Run({"GET", "k"}), B(want + Pattern(70000)));
  EXPECT_EQ(Run({"PTTL", "k"}), I(9000));
  // APPEND to a missing key creates it; to an empty value, fills it.
  EXPECT_EQ(Run({"APPEND", "new", "xyz"}), I(3));
  Run({"SET", "empty", ""});
  EXPECT_EQ(Run({"APPEND", "empty", Pattern(40)}), I(40));
  EXPECT_EQ(Run({"GET", "empty"}), B(Pattern(40)));
  EXPECT_EQ(Run({"GET", "new"}), B("xyz"));
}

TEST_F(KeyspaceTest, IncrChangesTheValueLengthAndKeepsTheTtl) {
  Run({"SET", "n", "9", "EX", "100"});
  EXPECT_EQ(Run({"INCR", "n"}), I(10));
  EXPECT_EQ(Run({"INCRBY", "n", "9223372036854775797"}), I(9223372036854775807));
  EXPECT_EQ(Run({"GET", "n"}), B("9223372036854775807"));
  EXPECT_EQ(Run({"DECRBY", "n", "9223372036854775807"}), I(0));
  EXPECT_EQ(Run({"DECR", "n"}), I(-1));
  EXPECT_EQ(Run({"GET", "n"}), B("-1"));
  EXPECT_EQ(Run({"PTTL", "n"}), I(100'000));
}

TEST_F(KeyspaceTest, EmptyBinaryAndLongKeys) {
  using namespace std::string_literals;
  std::vector<std::string> keys = {""s, "a"s, "a\0"s, "a\0b"s, "a\0c"s, "\0"s, "\0\0"s};
  for (std::size_t size : {15u, 16u, 127u, 128u, 255u, 256u, 16384u, 70000u}) {
    keys.push_back(Pattern(size));
  }
  keys.push_back(Pattern(255) + "\0"s);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(Run({"SET", keys[i], "v" + std::to_string(i) + "\0x"s}), Ok());
  }
  EXPECT_EQ(ks_.DbSize(now_), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(Run({"GET", keys[i]}), B("v" + std::to_string(i) + "\0x"s)) << i;
  }
  std::vector<std::string> listed = ks_.Keys("*", now_);
  std::sort(listed.begin(), listed.end());
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(listed, sorted);
  // Each key takes another type, and an expiry the sweep finds by its key.
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(Run({"DEL", keys[i]}), I(1));
    EXPECT_EQ(Run({"RPUSH", keys[i], "x"}), I(1));
    EXPECT_EQ(Run({"PEXPIRE", keys[i], "10"}), I(1));
  }
  EXPECT_EQ(Run({"LRANGE", Pattern(70000), "0", "-1"}), Bulks({"x"}));
  EXPECT_EQ(ks_.SweepExpired(now_ + 11, 1000), keys.size());
  EXPECT_EQ(ks_.stored_keys(), 0u);
}

TEST_F(KeyspaceTest, AKeyChangesTypes) {
  Run({"SET", "k", "v"});
  EXPECT_EQ(Run({"DEL", "k"}), I(1));
  EXPECT_EQ(Run({"RPUSH", "k", "a", "b"}), I(2));
  EXPECT_EQ(Run({"TYPE", "k"}), Reply::Simple("list"));
  EXPECT_EQ(Run({"SET", "k", "over-list"}), Ok());
  EXPECT_EQ(Run({"GET", "k"}), B("over-list"));
  EXPECT_EQ(Run({"HSET", "k", "f", "v"}), E(kWrongType));
  EXPECT_EQ(Run({"DEL", "k"}), I(1));
  EXPECT_EQ(Run({"HSET", "k", "f", "v"}), I(1));
  EXPECT_EQ(Run({"SET", "k", Pattern(500), "GET"}), E(kWrongType));  // nothing changed
  EXPECT_EQ(Run({"HGET", "k", "f"}), B("v"));
  EXPECT_EQ(Run({"GETSET", "k", "x"}), E(kWrongType));
  EXPECT_EQ(Run({"SET", "k", Pattern(500)}), Ok());  // over a hash
  EXPECT_EQ(Run({"GET", "k"}), B(Pattern(500)));
  Run({"DEL", "k"});
  EXPECT_EQ(Run({"SADD", "k", "m"}), I(1));
  EXPECT_EQ(Run({"MSET", "k", ""}), Ok());  // over a set
  EXPECT_EQ(Run({"GET", "k"}), B(""));
  Run({"DEL", "k"});
  EXPECT_EQ(Run({"ZADD", "k", "1", "m"}), I(1));
  EXPECT_EQ(Run({"SET", "k", "1", "KEEPTTL"}), Ok());  // over a zset
  EXPECT_EQ(Run({"INCR", "k"}), I(2));
  EXPECT_EQ(Run({"TYPE", "k"}), Reply::Simple("string"));
  // A container emptied by a pop goes; the key is free for any type.
  Run({"DEL", "k"});
  Run({"RPUSH", "k", "x"});
  Run({"LPOP", "k"});
  EXPECT_EQ(Run({"EXISTS", "k"}), I(0));
  EXPECT_EQ(Run({"APPEND", "k", "s"}), I(1));
}

TEST_F(KeyspaceTest, ExpirySetClearedAndReplacedOnEveryType) {
  const std::vector<Args> creates = {{"SET", "k", "v"},
                                     {"RPUSH", "k", "a"},
                                     {"HSET", "k", "f", "v"},
                                     {"SADD", "k", "m"},
                                     {"ZADD", "k", "1", "m"}};
  const std::vector<Args> writes = {{"APPEND", "k", Pattern(100)},
                                    {"RPUSH", "k", Pattern(100)},
                                    {"HSET", "k", "g", Pattern(100)},
                                    {"SADD", "k", Pattern(100)},
                                    {"ZADD", "k", "2", Pattern(100)}};
  const char* types[] = {"string", "list", "hash", "set", "zset"};
  for (std::size_t t = 0; t < creates.size(); ++t) {
    SCOPED_TRACE(types[t]);
    Run(creates[t]);
    EXPECT_EQ(Run({"PEXPIRE", "k", "1000"}), I(1));
    EXPECT_EQ(Run({"PTTL", "k"}), I(1000));
    EXPECT_EQ(Run({"PEXPIRE", "k", "2000"}), I(1));  // replaced
    EXPECT_EQ(Run({"PTTL", "k"}), I(2000));
    EXPECT_EQ(ks_.volatile_keys(), 1u);
    Run(writes[t]);  // a write keeps the expiry
    EXPECT_EQ(Run({"PTTL", "k"}), I(2000));
    EXPECT_EQ(Run({"PERSIST", "k"}), I(1));  // cleared
    EXPECT_EQ(Run({"PTTL", "k"}), I(-1));
    EXPECT_EQ(ks_.volatile_keys(), 0u);
    EXPECT_EQ(Run({"TYPE", "k"}), Reply::Simple(types[t]));
    EXPECT_EQ(Run({"PEXPIRE", "k", "50"}), I(1));
    EXPECT_EQ(RunAt(now_ + 50, {"TYPE", "k"}), Reply::Simple(types[t]));
    EXPECT_EQ(RunAt(now_ + 51, {"TYPE", "k"}), Reply::Simple("none"));
    EXPECT_EQ(ks_.stored_keys(), 0u);
    EXPECT_EQ(ks_.volatile_keys(), 0u);
  }
}

TEST_F(KeyspaceTest, FlushAllThenReuseTheKeys) {
  for (int i = 0; i < 1000; ++i) {
    const std::string k = "k" + std::to_string(i);
    Run({"RPUSH", k, "x"});
    if (i % 3 == 0) Run({"PEXPIRE", k, "100"});
  }
  Run({"FLUSHALL"});
  EXPECT_EQ(ks_.stored_keys(), 0u);
  EXPECT_EQ(ks_.volatile_keys(), 0u);
  for (int i = 0; i < 1000; ++i) Run({"SET", "k" + std::to_string(i), std::to_string(i)});
  EXPECT_EQ(ks_.DbSize(now_ + 1000), 1000u);
  EXPECT_EQ(Run({"GET", "k999"}), B("999"));
  EXPECT_EQ(Run({"TYPE", "k0"}), Reply::Simple("string"));
  EXPECT_EQ(Run({"PTTL", "k0"}), I(-1));
}

TEST_F(KeyspaceTest, ManyKeysThroughTableGrowthThenScanVisitsEachOnce) {
  constexpr int kKeys = 20'000;
  std::vector<std::string> keys;
  for (int i = 0; i < kKeys; ++i) {
    std::string k = "key:" + std::to_string(i);
    if (i % 1000 == 0) k += Pattern(static_cast<std::size_t>(i / 100));  // some long ones
    keys.push_back(k);
    if (i % 5 == 0) {
      Run({"SADD", k, "m"});
    } else {
      Run({"SET", k, std::to_string(i)});
    }
    if (i % 7 == 0) Run({"PEXPIRE", k, "100000"});
  }
  EXPECT_EQ(ks_.DbSize(now_), static_cast<std::size_t>(kKeys));
  for (int i = 1; i < kKeys; i += 997) {
    const Reply want = i % 5 == 0 ? E(kWrongType) : B(std::to_string(i));
    EXPECT_EQ(Run({"GET", keys[static_cast<std::size_t>(i)]}), want) << i;
  }
  std::vector<std::string> seen = ScanAll(ks_, "*", 250, now_, [](int) {});
  std::sort(seen.begin(), seen.end());
  std::vector<std::string> want = keys;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(seen, want);  // each exactly once
  // Half deleted: the table keeps working, and the scan sees the other half.
  std::size_t volatile_left = 0;
  for (int i = 0; i < kKeys; ++i) {
    if (i % 2 == 0) {
      Run({"DEL", keys[static_cast<std::size_t>(i)]});
    } else if (i % 7 == 0) {
      ++volatile_left;
    }
  }
  seen = ScanAll(ks_, "*", 250, now_, [](int) {});
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kKeys / 2));
  EXPECT_EQ(ks_.SweepExpired(now_ + 100'001, kKeys), volatile_left);
  EXPECT_EQ(ks_.volatile_keys(), 0u);
}

// --- The write log ------------------------------------------------------------

class WriteLogTest : public ::testing::Test {
 protected:
  WriteLogTest() {
    ks_.SetRecorder([this](const Keyspace::Command& c) { log_.push_back(c); });
  }
  Reply Run(std::int64_t now, Args args) { return ks_.Execute(args, now); }

  // Everything observable about a keyspace at `now`, in a canonical order.
  static std::vector<std::string> Describe(Keyspace& ks, std::int64_t now) {
    std::vector<std::string> keys = ks.Keys("*", now);
    std::sort(keys.begin(), keys.end());
    std::vector<std::string> out;
    for (const auto& k : keys) {
      const std::string type = ks.Execute({"TYPE", k}, now).text;
      std::string line = k + " " + type + " pttl=" +
                         std::to_string(ks.Execute({"PTTL", k}, now).integer) + " :";
      std::vector<std::string> items;
      if (type == "string") {
        items = {ks.Execute({"GET", k}, now).text};
      } else if (type == "list") {
        for (const auto& e : ks.Execute({"LRANGE", k, "0", "-1"}, now).elements) items.push_back(e.text);
      } else if (type == "zset") {
        for (const auto& e : ks.Execute({"ZRANGE", k, "0", "-1", "WITHSCORES"}, now).elements) {
          items.push_back(e.text);
        }
      } else if (type == "hash") {
        const Reply all = ks.Execute({"HGETALL", k}, now);
        for (std::size_t i = 0; i + 1 < all.elements.size(); i += 2) {
          items.push_back(all.elements[i].text + "=" + all.elements[i + 1].text);
        }
        std::sort(items.begin(), items.end());
      } else if (type == "set") {
        items = SortedTexts(ks.Execute({"SMEMBERS", k}, now));
      }
      for (const auto& i : items) line += " " + i;
      out.push_back(line);
    }
    return out;
  }

  Keyspace ks_;
  std::vector<Keyspace::Command> log_;
};

TEST_F(WriteLogTest, RecordsWritesOnlyWithAbsoluteTimes) {
  Run(1000, {"SET", "a", "1", "EX", "10", "NX"});
  Run(1000, {"SET", "a", "2", "NX"});  // not written: not recorded
  Run(1000, {"GET", "a"});             // a read: not recorded
  Run(1000, {"SET", "b", "1", "KEEPTTL", "GET"});
  Run(1000, {"SETNX", "c", "x"});
  Run(2000, {"EXPIRE", "b", "5"});
  Run(2000, {"EXPIRE", "c", "0"});  // past: deletes
  Run(2000, {"PERSIST", "b"});
  Run(2000, {"INCR", "a"});
  Run(2000, {"SADD", "s", "m"});
  Run(2000, {"SADD", "s", "m"});  // no change: not recorded
  Run(2000, {"SPOP", "s"});
  Run(2000, {"DEL", "a", "nope"});
  Run(2000, {"SET", "e", "v", "PX", "10"});
  Run(2011, {"GET", "e"});  // expired on access: recorded as DEL
  Run(2011, {"SET", "f", "v", "PX", "1"});
  ks_.SweepExpired(2013, 10);
  ks_.FlushAll();
  const std::vector<Keyspace::Command> want = {
      {"SET", "a", "1", "PXAT", "11000"},
      {"SET", "b", "1", "KEEPTTL"},
      {"SET", "c", "x"},
      {"PEXPIREAT", "b", "7000"},
      {"DEL", "c"},
      {"PERSIST", "b"},
      {"INCR", "a"},
      {"SADD", "s", "m"},
      {"SREM", "s", "m"},
      {"DEL", "a"},
      {"SET", "e", "v", "PXAT", "2010"},
      {"DEL", "e"},
      {"SET", "f", "v", "PXAT", "2012"},
      {"DEL", "f"},
      {"FLUSHALL"},
  };
  EXPECT_EQ(log_, want);
}

TEST_F(WriteLogTest, ReplayingTheLogLaterRebuildsTheSameDataAndExpiries) {
  std::int64_t t = 1'000'000;
  Run(t, {"SET", "plain", "v"});
  Run(t, {"SET", "ex", "v", "EX", "100"});
  Run(t, {"SET", "px", "v", "PX", "50000"});
  Run(t, {"SET", "soon", "5", "PX", "1000"});
  Run(t, {"RPUSH", "list", "a", "b", "c", "d"});
  Run(t, {"LPUSH", "list", "z"});
  Run(t, {"HSET", "h", "f1", "v1", "f2", "v2"});
  Run(t, {"SADD", "set", "a", "b", "c", "d", "e"});
  Run(t, {"ZADD", "z", "1", "a", "2.5", "b", "3", "c", "-inf", "m"});
  Run(t, {"MSET", "m1", "1", "m2", "2"});
  t += 500;
  Run(t, {"INCR", "soon"});          // live now; long gone at replay time
  Run(t, {"RPUSH", "soonlist", "x"});
  Run(t, {"PEXPIRE", "soonlist", "100"});
  Run(t, {"RPUSH", "soonlist", "y"});  // still live: the push keeps the TTL
  Run(t, {"EXPIRE", "list", "300"});
  Run(t, {"LPOP", "list", "2"});
  Run(t, {"RPOP", "list"});
  Run(t, {"HDEL", "h", "f1"});
  Run(t, {"SPOP", "set", "2"});
  Run(t, {"ZADD", "z", "INCR", "10", "a"});
  Run(t, {"ZPOPMIN", "z"});
  Run(t, {"APPEND", "plain", "+"});
  Run(t, {"PERSIST", "ex"});
  Run(t, {"GETSET", "m1", "one"});
  t += 1000;
  Run(t, {"GET", "soon"});  // expired: deleted (and recorded)
  Run(t, {"INCRBY", "soon", "7"});  // a new key
  Run(t, {"SET", "cond", "v", "PXAT", std::to_string(t + 5000), "XX"});  // not written
  Run(t, {"DEL", "m2"});
  ks_.SweepExpired(t, 100);

  // Replay into a fresh keyspace, much later than the original ran.
  const std::int64_t later = t + 20'000;
  Keyspace replayed;
  for (const auto& cmd : log_) {
    EXPECT_NE(replayed.Replay(cmd, later).kind, Reply::Kind::kError) << cmd[0];
  }
  EXPECT_EQ(Describe(replayed, t), Describe(ks_, t));
  const std::vector<std::string> original = Describe(ks_, later);
  EXPECT_EQ(original.size(), 9u);
  EXPECT_EQ(Describe(replayed, later), original);
  // The expiries are absolute: the PX key expires at the same time in both.
  EXPECT_EQ(replayed.Execute({"PTTL", "px"}, t), ks_.Execute({"PTTL", "px"}, t));
  EXPECT_EQ(replayed.Execute({"GET", "px"}, 1'050'000), B("v"));
  EXPECT_EQ(replayed.Execute({"GET", "px"}, 1'050'001), Nil());
  // The key replaced after expiring is the new one, without a TTL.
  EXPECT_EQ(replayed.Execute({"GET", "soon"}, later), B("7"));
  EXPECT_EQ(replayed.Execute({"PTTL", "soon"}, later), I(-1));
  // The list's TTL (300 s) is still running at `later`.
  EXPECT_EQ(replayed.Execute({"LRANGE", "list", "0", "-1"}, later), Bulks({"b", "c"}));
  EXPECT_EQ(replayed.Execute({"PTTL", "list"}, later), I(1'000'500 + 300'000 - later));
}

TEST_F(WriteLogTest, ReplayDoesNotExpireKeysWhileLoading) {
  // The original: a key live when INCR ran, expired long before the replay.
  Run(1000, {"SET", "k", "5", "PXAT", "2000"});
  Run(1500, {"INCR", "k"});
  Keyspace replayed;
  int recorded = 0;
  replayed.SetRecorder([&](const Keyspace::Command&) { ++recorded; });
  for (const auto& cmd : log_) replayed.Replay(cmd, 10'000);
  EXPECT_EQ(recorded, 0);  // replay records nothing
  EXPECT_EQ(replayed.Execute({"GET", "k"}, 1999), B("6"));
  EXPECT_EQ(replayed.Execute({"GET", "k"}, 10'000), Nil());  // not 1, without a TTL
}

}  // namespace
}  // namespace kv
