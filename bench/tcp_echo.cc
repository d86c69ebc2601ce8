// tcp_echo: Heph's TCP echo server (heph::TcpServer on a 1-worker Runtime, one
// actor per connection) against a minimal hand-written epoll echo server (one
// thread, level-triggered), both on loopback in this process, driven by the
// same client: one thread, epoll, 100 connections, each sending one message
// and waiting for the whole echo before sending the next (closed loop).
//
//   tools/bazel run --config=opt //bench:tcp_echo [-- seconds_per_rep]
//
// Prints, for 64-byte and 4 KiB messages:
//   BENCH name=tcp_echo_64 value=<msgs/s> unit=msgs/s baseline=<raw msgs/s> ratio=<v/b>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "bench/bench_util.h"
#include "runtime/actor/actor.h"
#include "runtime/net/tcp_server.h"
#include "runtime/rt/runtime.h"

namespace {

constexpr int kConnections = 100;
constexpr std::size_t kBuf = 16384;

[[noreturn]] void Die(const char* what) {
  std::perror(what);
  std::exit(1);
}

// ---- the client: closed loop over kConnections connections, one thread ----

struct Conn {
  int fd = -1;
  std::size_t got = 0;
};

// Writes all of `data` to a non-blocking socket (spins on EAGAIN: rare here,
// the message is far smaller than the socket buffer).
void WriteAll(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      Die("client send");
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Returns echoed messages per second over `seconds`.
double RunClient(std::uint16_t port, std::size_t msg, double seconds) {
  const int ep = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<Conn> conns(kConnections);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<char> out(msg, 'm');
  for (int i = 0; i < kConnections; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
      Die("client connect");
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    conns[i].fd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u32 = static_cast<std::uint32_t>(i);
    ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }
  std::uint64_t count = 0;
  std::uint64_t counted_from = 0;
  char buf[kBuf];
  for (Conn& c : conns) WriteAll(c.fd, out.data(), msg);
  // 10% warm-up, then measure.
  const double start = bench::NowSeconds();
  const double measure_from = start + seconds * 0.1;
  const double end = measure_from + seconds;
  double t0 = 0;
  bool measuring = false;
  epoll_event events[128];
  for (;;) {
    const int n = ::epoll_wait(ep, events, 128, 100);
    for (int i = 0; i < n; ++i) {
      Conn& c = conns[events[i].data.u32];
      for (;;) {
        const ssize_t r = ::recv(c.fd, buf, sizeof buf, 0);
        if (r < 0) {
          if (errno == EAGAIN) break;
          if (errno == EINTR) continue;
          Die("client recv");
        }
        if (r == 0) Die("client: server closed");
        c.got += static_cast<std::size_t>(r);
        if (c.got >= msg) {
          c.got -= msg;
          ++count;
          WriteAll(c.fd, out.data(), msg);
        }
      }
    }
    const double now = bench::NowSeconds();
    if (!measuring && now >= measure_from) {
      measuring = true;
      t0 = now;
      counted_from = count;
    }
    if (now >= end) {
      const double rate = static_cast<double>(count - counted_from) / (now - t0);
      for (Conn& c : conns) ::close(c.fd);
      ::close(ep);
      return rate;
    }
  }
}

// ---- the baseline: a minimal epoll echo server on one thread ----

class RawEchoServer {
 public:
  RawEchoServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 ||
        ::listen(listen_fd_, 1024) < 0) {
      Die("raw bind/listen");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Run(); });
  }
  ~RawEchoServer() {
    stop_.store(true);
    thread_.join();
    ::close(listen_fd_);
  }
  std::uint16_t port() const { return port_; }

 private:
  void Run() {
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listen_fd_;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd_, &ev);
    std::vector<int> open;
    char buf[kBuf];
    epoll_event events[128];
    while (!stop_.load(std::memory_order_relaxed)) {
      const int n = ::epoll_wait(ep, events, 128, 10);
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == listen_fd_) {
          for (;;) {
            const int c = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (c < 0) break;
            epoll_event cev{};
            cev.events = EPOLLIN;
            cev.data.fd = c;
            ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
            open.push_back(c);
          }
          continue;
        }
        const ssize_t r = ::recv(fd, buf, sizeof buf, 0);
        if (r > 0) {
          WriteAll(fd, buf, static_cast<std::size_t>(r));
        } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
          ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
          ::close(fd);
          std::erase(open, fd);
        }
      }
    }
    for (int fd : open) ::close(fd);
    ::close(ep);
  }

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

double RawRate(std::size_t msg, double seconds) {
  RawEchoServer server;
  return RunClient(server.port(), msg, seconds);
}

// ---- Heph: TcpServer, one worker, one actor per connection ----

heph::Async<absl::Status> Echo(heph::Context<heph::Signal>, heph::TcpStream s) {
  char buf[kBuf];
  for (;;) {
    absl::StatusOr<std::size_t> n = co_await s.read(buf);
    if (!n.ok()) co_return n.status();
    if (*n == 0) co_return absl::OkStatus();
    if (absl::Status w = co_await s.write_all(std::span<const char>(buf, *n)); !w.ok()) co_return w;
  }
}

double HephRate(std::size_t msg, double seconds) {
  heph::Runtime runtime({.name = "tcp_echo", .workers = 1});
  absl::StatusOr<std::unique_ptr<heph::TcpServer>> server = heph::TcpServer::Start(
      runtime, heph::SocketAddress::Loopback(0), {}, heph::SilentStopSupervisor{}, &Echo);
  if (!server.ok()) bench::Fail(server.status().ToString());
  std::thread rt([&] {
    if (absl::Status s = runtime.start(); !s.ok()) bench::Fail("runtime: " + s.ToString());
  });
  // The client closes with echoes in flight: those connections end with a
  // reset, which the (silent) supervisor sees.
  const double rate = RunClient((*server)->port(), msg, seconds);
  (*server)->stop();  // the connections ended when the client closed them
  rt.join();
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  struct Case {
    const char* name;
    std::size_t size;
  };
  for (const Case& c : {Case{"tcp_echo_64", 64}, Case{"tcp_echo_4k", 4096}}) {
    // Interleave the two servers' repetitions so drift affects both alike.
    std::vector<double> heph_v, raw_v;
    for (int rep = 0; rep < 3; ++rep) {
      const double raw = RawRate(c.size, seconds);
      const double heph = HephRate(c.size, seconds);
      std::printf("# %s rep %d: heph %.6g msgs/s, raw epoll %.6g msgs/s\n", c.name, rep + 1, heph,
                  raw);
      std::fflush(stdout);
      heph_v.push_back(heph);
      raw_v.push_back(raw);
    }
    // Best of each, as bench_util.h's BestOfInterleaved (medians printed too).
    bench::PrintBench(c.name, bench::Summarize(raw_v, heph_v, bench::Better::kHigher), "msgs/s");
  }
  return 0;
}
