#include "runtime/net/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/rt/timer.h"

extern char** environ;

namespace heph {
namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

// `flags` beyond O_CLOEXEC apply to both ends (O_NONBLOCK for Pipe::Create;
// a child's ends stay blocking).
absl::Status MakePipe(Fd& r, Fd& w, std::string_view what, int flags = 0) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | flags) < 0) return ErrnoStatus(errno, "create pipe for", what);
  r.fd = fds[0];
  w.fd = fds[1];
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Pipe> Pipe::Create() {
  Fd r, w;
  if (absl::Status s = MakePipe(r, w, "Pipe::Create", O_NONBLOCK); !s.ok()) return s;
  Pipe p;
  p.reader = IoStream(r.release(), "pipe (read end)", IoStream::Kind::kPipe);
  p.writer = IoStream(w.release(), "pipe (write end)", IoStream::Kind::kPipe);
  return p;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      command_(std::move(other.command_)),
      stdin_(std::move(other.stdin_)),
      stdout_(std::move(other.stdout_)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    this->~ChildProcess();
    new (this) ChildProcess(std::move(other));
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  stdin_.close();
  stdout_.close();
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

absl::StatusOr<ChildProcess> ChildProcess::Spawn(std::vector<std::string> argv) {
  if (argv.empty()) return absl::InvalidArgumentError("spawn: empty command line");
  const std::string command = absl::StrJoin(argv, " ");
  const std::string quoted = absl::StrCat("'", command, "'");
  Fd in_r, in_w, out_r, out_w;
  if (absl::Status s = MakePipe(in_r, in_w, quoted); !s.ok()) return s;
  if (absl::Status s = MakePipe(out_r, out_w, quoted); !s.ok()) return s;
  // Our ends are non-blocking; the child's stay blocking.
  if (absl::Status s = SetNonBlocking(in_w.fd); !s.ok()) return s;
  if (absl::Status s = SetNonBlocking(out_r.fd); !s.ok()) return s;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 clears close-on-exec on the new descriptor; everything else of ours
  // is close-on-exec.
  posix_spawn_file_actions_adddup2(&actions, in_r.fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_w.fd, STDOUT_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The child starts with default SIGPIPE handling and no blocked signals.
  sigset_t none, def;
  sigemptyset(&none);
  sigemptyset(&def);
  sigaddset(&def, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &def);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int err = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) return ErrnoStatus(err, "spawn", quoted);

  ChildProcess c;
  c.pid_ = pid;
  c.command_ = command;
  c.stdin_ = IoStream(in_w.release(), absl::StrCat("stdin of ", quoted), IoStream::Kind::kPipe);
  c.stdout_ = IoStream(out_r.release(), absl::StrCat("stdout of ", quoted), IoStream::Kind::kPipe);
  return c;
}

absl::StatusOr<int> ChildProcess::Decode(int status) const {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) {
    return absl::AbortedError(absl::StrCat("'", command_, "' was killed by signal ",
                                           WTERMSIG(status), " (", strsignal(WTERMSIG(status)), ")"));
  }
  return absl::InternalError(absl::StrCat("'", command_, "': unexpected wait status ", status));
}

Async<absl::StatusOr<int>> ChildProcess::wait() {
  if (pid_ <= 0) co_return absl::FailedPreconditionError("wait: no child process (already waited?)");
  const std::string quoted = absl::StrCat("'", command_, "'");
  // Reaps the child if it has ended: its exit code or error; nullopt while it runs.
  auto try_reap = [&]() -> std::optional<absl::StatusOr<int>> {
    int status;
    pid_t r;
    do {
      r = ::waitpid(pid_, &status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_) {
      pid_ = -1;
      return Decode(status);
    }
    if (r < 0) return ErrnoStatus(errno, "wait for", quoted);
    return std::nullopt;
  };
#ifdef SYS_pidfd_open
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd >= 0) {
    // A pidfd becomes readable when the child ends.
    (void)SetNonBlocking(pidfd);
    IoRegistration reg(pidfd);
    if (absl::Status s = internal::PrepareWait(reg, 0); !s.ok()) co_return s;
    for (;;) {
      if (std::optional<absl::StatusOr<int>> done = try_reap()) co_return *std::move(done);
      reg.clear_readable();
      co_await reg.readable();
    }
  }
#endif
  absl::Duration pause = absl::Milliseconds(1);
  for (;;) {
    if (std::optional<absl::StatusOr<int>> done = try_reap()) co_return *std::move(done);
    co_await Sleep(pause);
    pause = std::min(pause * 2, absl::Milliseconds(20));
  }
}

}  // namespace heph
