// Cross-layer specification of the real //examples:tcp_echo_server binary,
// run as a child process on 127.0.0.1: how it meets process signals from the
// moment it says "listening", a second exit signal during its graceful stop,
// and running out of file descriptors (issue 11, items 5-7).
//
// Every wait is bounded; a child that outlives its wait is killed with
// SIGKILL and the test fails (never hangs).
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace {

std::string ServerBinary() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  return absl::StrCat(srcdir ? srcdir : ".", "/", ws ? ws : "heph_cpp",
                      "/examples/tcp_echo_server");
}

std::string TempPath(absl::string_view name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  return absl::StrCat(tmp ? tmp : "/tmp", "/", name, ".", getpid());
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string DescribeStatus(int status) {
  if (WIFEXITED(status)) return absl::StrCat("exit code ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    return absl::StrCat("killed by signal ", WTERMSIG(status), " (", strsignal(WTERMSIG(status)), ")");
  }
  return absl::StrCat("status ", status);
}

// One run of the server: stdout through a pipe (to see "listening" at once),
// stderr into a file (read after the fact).
class Server {
 public:
  // nofile > 0: the child's RLIMIT_NOFILE (soft and hard), set before exec.
  explicit Server(rlim_t nofile = 0) : err_path_(TempPath("server_stderr")) {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) std::abort();
    const std::string bin = ServerBinary();
    pid_ = fork();
    if (pid_ == 0) {
      // The child: the test's signal mask and dispositions are not inherited
      // on purpose (a fresh process, as from a shell).
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      dup2(out[1], STDOUT_FILENO);
      const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) dup2(err, STDERR_FILENO);
      if (nofile > 0) {
        rlimit rl{nofile, nofile};
        setrlimit(RLIMIT_NOFILE, &rl);
      }
      execl(bin.c_str(), bin.c_str(), "0", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
  }
  ~Server() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) close(out_);
    unlink(err_path_.c_str());
  }

  // Waits (bounded) for "tcp_echo_server listening on 127.0.0.1:<port>".
  std::optional<int> WaitListening(absl::Duration timeout = absl::Seconds(30)) {
    const absl::Time deadline = absl::Now() + timeout;
    std::string buf;
    while (absl::Now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      const int ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now())) + 1;
      if (poll(&p, 1, ms) <= 0) continue;
      char c[256];
      const ssize_t n = read(out_, c, sizeof c);
      if (n <= 0) return std::nullopt;  // the child closed stdout (it died)
      buf.append(c, static_cast<std::size_t>(n));
      const std::string_view prefix = "tcp_echo_server listening on 127.0.0.1:";
      const std::size_t at = buf.find(prefix);
      const std::size_t nl = at == std::string::npos ? at : buf.find('\n', at);
      if (nl != std::string::npos) {
        int port = 0;
        if (!absl::SimpleAtoi(buf.substr(at + prefix.size(), nl - at - prefix.size()), &port)) {
          return std::nullopt;
        }
        return port;
      }
    }
    return std::nullopt;
  }

  // The wait status, or nullopt if it did not exit in time (then SIGKILL).
  std::optional<int> WaitExit(absl::Duration timeout = absl::Seconds(30)) {
    const absl::Time deadline = absl::Now() + timeout;
    for (;;) {
      int status = 0;
      const pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        reaped_ = true;
        return status;
      }
      if (absl::Now() >= deadline) return std::nullopt;
      absl::SleepFor(absl::Milliseconds(2));
    }
  }

  bool Running() {
    int status = 0;
    return waitpid(pid_, &status, WNOHANG) == 0;
  }

  void Signal(int sig) { kill(pid_, sig); }
  std::string Stderr() const { return ReadFile(err_path_); }
  // The end of stderr, for failure messages.
  std::string StderrTail() const {
    const std::string e = Stderr();
    return e.size() <= 2000 ? e : "..." + e.substr(e.size() - 2000);
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool reaped_ = false;
  std::string err_path_;
};

// A blocking client socket connected to 127.0.0.1:port (-1 on failure), with
// receive and send timeouts so that no read can hang.
int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends `msg` and reads the same number of bytes back within `timeout`.
bool Echoes(int fd, std::string_view msg, absl::Duration timeout = absl::Seconds(5)) {
  if (send(fd, msg.data(), msg.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(msg.size())) {
    return false;
  }
  std::string back;
  const absl::Time deadline = absl::Now() + timeout;
  while (back.size() < msg.size() && absl::Now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    char c[256];
    const ssize_t n = recv(fd, c, sizeof c, 0);
    if (n <= 0) return false;
    back.append(c, static_cast<std::size_t>(n));
  }
  return back == msg;
}

// Item 5. The Runtime is constructed first in main and captures the
// runtime's signals from then on: a signal sent the moment the server says
// "listening" (before runtime.start()) is delivered once it runs, never
// handled by the default action. SIGTERM stops it with exit code 0.
TEST(TcpEchoServer, SigtermRightAfterListeningStopsItWithExitCodeZero) {
  constexpr int kRuns = 40;
  for (int i = 0; i < kRuns; ++i) {
    Server server;
    ASSERT_TRUE(server.WaitListening().has_value()) << "run " << i << ": " << server.StderrTail();
    server.Signal(SIGTERM);
    const std::optional<int> status = server.WaitExit();
    ASSERT_TRUE(status.has_value()) << "run " << i << ": did not exit after SIGTERM";
    ASSERT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0)
        << "run " << i << " of " << kRuns << ": " << DescribeStatus(*status) << "; stderr: "
        << server.StderrTail();
  }
}

// Item 5. SIGUSR1 right after "listening" reaches the listeners (which ignore
// it); the server goes on and then stops on SIGTERM with exit code 0.
TEST(TcpEchoServer, SigusrRightAfterListeningDoesNotKillIt) {
  constexpr int kRuns = 40;
  for (int i = 0; i < kRuns; ++i) {
    Server server;
    const std::optional<int> port = server.WaitListening();
    ASSERT_TRUE(port.has_value()) << "run " << i << ": " << server.StderrTail();
    server.Signal(SIGUSR1);
    // Still serving after SIGUSR1.
    const int c = Connect(*port);
    const bool echoed = c >= 0 && Echoes(c, "ping");
    if (c >= 0) close(c);
    server.Signal(SIGTERM);
    const std::optional<int> status = server.WaitExit();
    ASSERT_TRUE(status.has_value()) << "run " << i << ": did not exit after SIGTERM";
    ASSERT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0)
        << "run " << i << " of " << kRuns << ": " << DescribeStatus(*status) << "; stderr: "
        << server.StderrTail();
    EXPECT_TRUE(echoed) << "run " << i << ": no echo after SIGUSR1";
  }
}

// Item 6. The first SIGTERM begins the graceful stop: the listeners close,
// open connections are still served. A second SIGTERM forces the stop: the
// server exits with code 1 (not by the signal) and says so, truthfully.
TEST(TcpEchoServer, ASecondSigtermDuringTheGracefulStopForcesTheStopAndSaysSo) {
  Server server;
  const std::optional<int> port = server.WaitListening();
  ASSERT_TRUE(port.has_value()) << server.StderrTail();
  const int c = Connect(*port);
  ASSERT_GE(c, 0);
  ASSERT_TRUE(Echoes(c, "before"));

  server.Signal(SIGTERM);
  // The listeners close their sockets: new connections are refused (bounded).
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  for (;;) {
    const int probe = Connect(*port);
    if (probe < 0) break;
    close(probe);
    ASSERT_LT(absl::Now(), deadline) << "the listeners did not close after SIGTERM";
    absl::SleepFor(absl::Milliseconds(5));
  }
  // The open connection is still served during the graceful stop.
  EXPECT_TRUE(Echoes(c, "during the graceful stop"));
  ASSERT_TRUE(server.Running());

  server.Signal(SIGTERM);
  const std::optional<int> status = server.WaitExit();
  close(c);
  ASSERT_TRUE(status.has_value()) << "a second SIGTERM did not stop it";
  const std::string err = server.Stderr();
  ASSERT_TRUE(WIFEXITED(*status)) << DescribeStatus(*status) << "; stderr: " << err;
  EXPECT_EQ(WEXITSTATUS(*status), 1) << err;
  EXPECT_FALSE(absl::StrContains(err, "no actor is registered")) << err;
  EXPECT_TRUE(absl::StrContains(err, "received SIGTERM during the graceful stop")) << err;
  EXPECT_TRUE(absl::StrContains(err, "stopping at once")) << err;
}

int CountLinesContaining(const std::string& text, absl::string_view needle) {
  int n = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) n += absl::StrContains(line, needle);
  return n;
}

// Item 7. Out of file descriptors (a low RLIMIT_NOFILE), the server backs off
// accepting: one log line for the whole back-off period, naming the server,
// its address and the error, and saying it keeps running and when it
// retries; connections already accepted are still served; once descriptors
// are free again it accepts new connections.
TEST(TcpEchoServer, OutOfDescriptorsItBacksOffLogsOnceAndAcceptsAgain) {
  const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  // The server's own descriptors are a few per worker; leave room for ~10
  // connections, then exhaust it.
  const rlim_t limit = 24 + 4 * cpus;
  Server server(limit);
  const std::optional<int> port = server.WaitListening();
  ASSERT_TRUE(port.has_value()) << server.StderrTail();

  const int first = Connect(*port);
  ASSERT_GE(first, 0);
  ASSERT_TRUE(Echoes(first, "first"));
  // More connections than the server has descriptors: the last ones stay in
  // the backlog (connect succeeds; nobody accepts them).
  std::vector<int> clients;
  for (rlim_t i = 0; i < limit; ++i) {
    const int fd = Connect(*port);
    ASSERT_GE(fd, 0) << "connect " << i;
    clients.push_back(fd);
  }
  // Wait until the server reports the back-off (bounded), then one second
  // more: still one line.
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (CountLinesContaining(server.Stderr(), "Too many open files") == 0) {
    ASSERT_LT(absl::Now(), deadline) << "no back-off reported; stderr: " << server.StderrTail();
    absl::SleepFor(absl::Milliseconds(20));
  }
  absl::SleepFor(absl::Seconds(1));
  std::string err = server.Stderr();
  EXPECT_EQ(CountLinesContaining(err, "Too many open files"), 1) << err;
  EXPECT_FALSE(absl::StrContains(err, "stopping it")) << err;
  EXPECT_TRUE(absl::StrContains(err, absl::StrCat("tcp_echo_server on 127.0.0.1:", *port)))
      << err;
  EXPECT_TRUE(absl::StrContains(err, "keeps running")) << err;
  EXPECT_TRUE(absl::StrContains(err, "retries accepting every 100 ms")) << err;
  // The connection accepted before still works.
  EXPECT_TRUE(Echoes(first, "still served"));
  ASSERT_TRUE(server.Running());

  // Free the server's descriptors: close every client.
  for (int fd : clients) close(fd);
  close(first);
  // It accepts again (bounded): a new connection echoes.
  bool echoed = false;
  const absl::Time resume_deadline = absl::Now() + absl::Seconds(20);
  while (!echoed && absl::Now() < resume_deadline) {
    const int fd = Connect(*port);
    if (fd >= 0) {
      echoed = Echoes(fd, "again", absl::Milliseconds(500));
      close(fd);
    }
  }
  EXPECT_TRUE(echoed) << "no echo after descriptors were freed; stderr: " << server.StderrTail();
  // The new connection may have gone to a listener that was not backing
  // off; the one that was ends its period once it retries (bounded).
  const absl::Time end_deadline = absl::Now() + absl::Seconds(20);
  while (!absl::StrContains(server.Stderr(), "accepting again") && absl::Now() < end_deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  err = server.Stderr();
  EXPECT_TRUE(absl::StrContains(err, "accepting again")) << err;

  server.Signal(SIGTERM);
  const std::optional<int> status = server.WaitExit();
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << DescribeStatus(*status);
}

}  // namespace
