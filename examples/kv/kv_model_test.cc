// The model test: seeded random command sequences from several clients,
// each sent to our kv_server and to the real redis-server (Debian's, started
// here on a free loopback port with persistence off), every reply compared.
// The key and member spaces are small, so commands collide: types clash
// (WRONGTYPE), lists empty out, counters overflow their strings, keys expire.
// Replies whose order Redis leaves unspecified (KEYS, SMEMBERS, HGETALL) are
// compared sorted; commands with random results (SPOP) are left out.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "examples/kv/reply.h"
#include "examples/kv/resp.h"
#include "gtest/gtest.h"

namespace kv {
namespace {

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a));
  socklen_t len = sizeof(a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

// A child process, killed when this goes.
struct Child {
  pid_t pid = -1;
  ~Child() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

pid_t Start(std::vector<std::string> argv) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    ::freopen("/dev/null", "w", stdout);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// A blocking RESP client.
class Client {
 public:
  bool Connect(int port) {
    for (int i = 0; i < 200; ++i) {
      fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(static_cast<std::uint16_t>(port));
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0) return true;
      ::close(fd_);
      ::usleep(50'000);
    }
    return false;
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  std::optional<Reply> Call(const std::vector<std::string>& command) {
    std::string out;
    AppendCommand(command, out);
    if (::send(fd_, out.data(), out.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out.size())) return std::nullopt;
    for (;;) {
      size_t used = 0;
      std::optional<Reply> r = ParseReply(in_, &used);
      if (r) {
        in_.erase(0, used);
        return r;
      }
      char buf[65536];
      ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) return std::nullopt;
      in_.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  int fd_ = -1;
  std::string in_;
};

void SortElements(Reply& r) {
  if (r.kind != Reply::Kind::kArray) return;
  std::sort(r.elements.begin(), r.elements.end(),
            [](const Reply& a, const Reply& b) { return a.text < b.text; });
}

// HGETALL's field/value pairs, sorted by field.
void SortPairs(Reply& r) {
  if (r.kind != Reply::Kind::kArray || r.elements.size() % 2 != 0) return;
  std::vector<std::pair<Reply, Reply>> pairs;
  for (size_t i = 0; i < r.elements.size(); i += 2) pairs.emplace_back(r.elements[i], r.elements[i + 1]);
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first.text < b.first.text; });
  r.elements.clear();
  for (auto& [f, v] : pairs) {
    r.elements.push_back(f);
    r.elements.push_back(v);
  }
}

std::string Show(const Reply& r) {
  std::string s;
  AppendReply(r, s);
  return s;
}

std::vector<std::string> RandomCommand(std::mt19937_64& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto key = [&] { return absl::StrCat("k", pick(12)); };
  auto member = [&] { return absl::StrCat("m", pick(6)); };
  auto value = [&] {
    switch (pick(4)) {
      case 0: return absl::StrCat(pick(100) - 50);
      case 1: return std::string("9223372036854775806");
      case 2: return std::string("");
      default: return absl::StrCat("v", pick(1000));
    }
  };
  switch (pick(34)) {
    case 0: return {"SET", key(), value()};
    case 1: return {"SET", key(), value(), "NX"};
    case 2: return {"SET", key(), value(), "XX", "GET"};
    case 3: return {"GET", key()};
    case 4: return {"GETSET", key(), value()};
    case 5: return {"SETNX", key(), value()};
    case 6: return {"INCR", key()};
    case 7: return {"DECRBY", key(), absl::StrCat(pick(10))};
    case 8: return {"INCRBY", key(), pick(2) ? "9223372036854775807" : "-3"};
    case 9: return {"APPEND", key(), value()};
    case 10: return {"STRLEN", key()};
    case 11: return {"DEL", key(), key()};
    case 12: return {"EXISTS", key(), key(), key()};
    case 13: return {"MSET", key(), value(), key(), value()};
    case 14: return {"MGET", key(), key(), key()};
    case 15: return {"TYPE", key()};
    case 16: return {"LPUSH", key(), value(), value()};
    case 17: return {"RPUSH", key(), value()};
    case 18: return {"LPOP", key()};
    case 19: return {"RPOP", key(), absl::StrCat(pick(3))};
    case 20: return {"LRANGE", key(), absl::StrCat(pick(5) - 2), absl::StrCat(pick(5) - 2)};
    case 21: return {"LLEN", key()};
    case 22: return {"HSET", key(), member(), value(), member(), value()};
    case 23: return {"HGET", key(), member()};
    case 24: return {"HDEL", key(), member()};
    case 25: return {"HGETALL", key()};
    case 26: return {"HLEN", key()};
    case 27: return {"SADD", key(), member(), member()};
    case 28: return {"SREM", key(), member()};
    case 29: return {"SMEMBERS", key()};
    case 30: return {"SCARD", key()};
    case 31: return {"ZADD", key(), absl::StrCat(pick(20) - 10), member()};
    case 32: return {"ZRANGE", key(), "0", "-1", "WITHSCORES"};
    default: return {pick(2) ? "ZPOPMIN" : "ZCARD", key()};
  }
}

TEST(KvModel, RandomCommandsFromSeveralClientsGetRedissReplies) {
  if (::system("command -v redis-server >/dev/null 2>&1") != 0) {
    FAIL() << "redis-server not found (Debian's redis-server package; tools/bazel installs it)";
  }
  const char* server = std::getenv("KV_SERVER");
  ASSERT_NE(server, nullptr) << "KV_SERVER: the path of kv_server";
  const int ours_port = FreePort();
  const int redis_port = FreePort();
  Child ours{Start({server, absl::StrCat("--port=", ours_port), "--workers=2"})};
  Child redis{Start({"redis-server", "--port", absl::StrCat(redis_port), "--save", "", "--appendonly", "no"})};
  constexpr int kClients = 3;
  std::vector<Client> to_ours(kClients), to_redis(kClients);
  for (int c = 0; c < kClients; ++c) {
    ASSERT_TRUE(to_ours[c].Connect(ours_port)) << "kv_server on " << ours_port;
    ASSERT_TRUE(to_redis[c].Connect(redis_port)) << "redis-server on " << redis_port;
  }
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    std::mt19937_64 rng(seed);
    ASSERT_TRUE(to_ours[0].Call({"FLUSHALL"}));
    ASSERT_TRUE(to_redis[0].Call({"FLUSHALL"}));
    for (int i = 0; i < 2500; ++i) {
      const int c = static_cast<int>(rng() % kClients);
      std::vector<std::string> command = RandomCommand(rng);
      std::optional<Reply> a = to_ours[c].Call(command);
      std::optional<Reply> b = to_redis[c].Call(command);
      ASSERT_TRUE(a && b) << "no reply to " << absl::StrJoin(command, " ");
      if (command[0] == "SMEMBERS") {
        SortElements(*a);
        SortElements(*b);
      }
      if (command[0] == "HGETALL") {
        SortPairs(*a);
        SortPairs(*b);
      }
      ASSERT_EQ(Show(*a), Show(*b)) << "seed " << seed << ", command " << i << " (client " << c
                                    << "): " << absl::StrJoin(command, " ");
    }
    // The same keys at the end.
    std::optional<Reply> ka = to_ours[0].Call({"KEYS", "*"});
    std::optional<Reply> kb = to_redis[0].Call({"KEYS", "*"});
    ASSERT_TRUE(ka && kb);
    SortElements(*ka);
    SortElements(*kb);
    EXPECT_EQ(Show(*ka), Show(*kb)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace kv
