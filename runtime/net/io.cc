#include "runtime/net/io.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <optional>

#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"

namespace heph {

absl::Status ErrnoStatus(int err, std::string_view op, std::string_view target) {
  return absl::Status(absl::ErrnoToStatusCode(err),
                      absl::StrCat(AsAbsl(op), " ", AsAbsl(target), ": ", std::strerror(err)));
}

absl::Status SetNonBlocking(int fd) {
  const int fl = ::fcntl(fd, F_GETFL);
  if (fl < 0 || ::fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
    return ErrnoStatus(errno, "fcntl O_NONBLOCK on fd", std::to_string(fd));
  }
  const int fdfl = ::fcntl(fd, F_GETFD);
  if (fdfl < 0 || ::fcntl(fd, F_SETFD, fdfl | FD_CLOEXEC) < 0) {
    return ErrnoStatus(errno, "fcntl FD_CLOEXEC on fd", std::to_string(fd));
  }
  return absl::OkStatus();
}

IoRegistration::IoRegistration(int fd) : fd_(fd) { on_event = &IoRegistration::OnEvent; }

IoRegistration::~IoRegistration() {
  assert(waiter_[0] == nullptr && waiter_[1] == nullptr && "fd destroyed while awaited");
  if (worker_ != nullptr && Worker::current() == worker_) (void)worker_->remove_io(fd_);
  // Off its worker (only after the runtime stopped), close() alone: epoll
  // forgets a closed descriptor by itself.
  if (fd_ >= 0) ::close(fd_);
}

absl::Status IoRegistration::ensure_registered() {
  Worker* w = Worker::current();
  if (worker_ != nullptr) {
    if (w == worker_) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("fd ", fd_, " is registered with another worker: use it from one worker"));
  }
  if (w == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("fd ", fd_, ": asynchronous I/O must be awaited on a worker"));
  }
  if (Task* task = Scheduler::current_task(); task != nullptr && task->scheduler() != w) {
    return absl::FailedPreconditionError(
        absl::StrCat("fd ", fd_,
                     ": asynchronous I/O in a thread-safe actor: I/O is registered per worker and a "
                     "thread-safe actor may move between workers; use a thread-local actor"));
  }
  if (absl::Status s = w->add_io(fd_, Interest::kReadWrite, this); !s.ok()) return s;
  worker_ = w;
  return absl::OkStatus();
}

void IoRegistration::Awaiter::await_suspend(std::coroutine_handle<> h) {
  task_ = Scheduler::current_task();
  assert(task_ != nullptr && "I/O must be awaited inside a task");
  assert(reg_->waiter_[dir_] == nullptr && "one waiter per direction");
  task_->set_resume_point(h);
  reg_->waiter_[dir_] = this;
  waiting_ = true;
}

void IoRegistration::cancel() {
  cancelled_ = true;
  for (Awaiter*& w : waiter_) {
    if (w != nullptr) {
      Awaiter* a = w;
      w = nullptr;
      a->wake();
    }
  }
}

void IoRegistration::OnEvent(IoSource* source, const PollEvent& event) {
  auto* self = static_cast<IoRegistration*>(source);
  const bool dir_ready[2] = {event.readable || event.error || event.hangup,
                             event.writable || event.error};
  for (int d = 0; d < 2; ++d) {
    if (!dir_ready[d]) continue;
    self->ready_[d] = true;
    if (Awaiter* a = self->waiter_[d]) {
      self->waiter_[d] = nullptr;
      a->wake();
    }
  }
}

namespace internal {
absl::Status PrepareWait(IoRegistration& reg, int dir) {
  if (dir == 0) {
    reg.clear_readable();
  } else {
    reg.clear_writable();
  }
  return reg.ensure_registered();
}

// Blocks SIGPIPE around the call and swallows the one it raised (not one that
// was already pending before).
ssize_t WithoutSigpipe(absl::FunctionRef<ssize_t()> call) {
  sigset_t pipe_set;
  sigset_t old;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
  sigset_t pending;
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  ssize_t r = call();
  const int err = errno;
  // Not only after EPIPE: sendfile(2) that sent part of its count before the
  // peer's reset returns that count and still raises SIGPIPE.
  sigpending(&pending);
  if (!was_pending && sigismember(&pending, SIGPIPE) == 1) {
    timespec zero{};
    while (sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = err;
  return r;
}
}  // namespace internal

namespace {

// write(2) on a pipe whose reader is gone raises SIGPIPE; keep it from
// killing the process (internal::WithoutSigpipe).
ssize_t PipeWrite(int fd, const iovec* iov, int n) {
  return internal::WithoutSigpipe([&] { return ::writev(fd, iov, n); });
}

}  // namespace

IoStream::IoStream(int fd, std::string peer, Kind kind)
    : reg_(std::make_unique<IoRegistration>(fd)), peer_(std::move(peer)), kind_(kind) {}

IoStream::IoStream(IoStream&&) noexcept = default;
IoStream& IoStream::operator=(IoStream&&) noexcept = default;
IoStream::~IoStream() = default;

absl::Status IoStream::NotOpen(std::string_view op) const {
  return absl::FailedPreconditionError(
      absl::StrCat(AsAbsl(op), " ", AsAbsl(peer_), ": the stream is closed"));
}

namespace {

// One attempt at an I/O call on a non-blocking descriptor: its byte count or
// its error, or nullopt once it would block (the registration is then ready
// to wait for `direction`: 0 read, 1 write). EINTR retries here.
template <class Call>
std::optional<absl::StatusOr<std::size_t>> Attempt(IoRegistration& reg, const std::string& peer,
                                                   const char* op, int direction, Call call) {
  for (;;) {
    if (reg.cancelled()) return absl::CancelledError(absl::StrCat(op, " ", peer, ": cancelled"));
    const ssize_t n = call();
    if (n >= 0) return static_cast<std::size_t>(n);
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) return ErrnoStatus(err, op, peer);
    if (absl::Status s = internal::PrepareWait(reg, direction); !s.ok()) return s;
    return std::nullopt;
  }
}

}  // namespace

// Each operation is its own coroutine (one frame per call, on the hottest
// path); the attempt logic is shared.
Async<absl::StatusOr<std::size_t>> IoStream::readv(std::span<const iovec> iov) {
  if (!reg_) co_return NotOpen("read from");
  for (;;) {
    auto r = Attempt(*reg_, peer_, "read from", 0, [&] {
      return ::readv(reg_->fd(), iov.data(), static_cast<int>(iov.size()));
    });
    if (r) co_return *std::move(r);
    co_await reg_->readable();
  }
}

Async<absl::StatusOr<std::size_t>> IoStream::writev(std::span<const iovec> iov) {
  if (!reg_) co_return NotOpen("write to");
  for (;;) {
    auto r = Attempt(*reg_, peer_, "write to", 1, [&]() -> ssize_t {
      if (kind_ != Kind::kSocket) return PipeWrite(reg_->fd(), iov.data(), static_cast<int>(iov.size()));
      msghdr msg{};
      msg.msg_iov = const_cast<iovec*>(iov.data());
      msg.msg_iovlen = iov.size();
      return ::sendmsg(reg_->fd(), &msg, MSG_NOSIGNAL);
    });
    if (r) co_return *std::move(r);
    co_await reg_->writable();
  }
}

Async<absl::StatusOr<std::size_t>> IoStream::read(std::span<char> buf) {
  if (!reg_) co_return NotOpen("read from");
  for (;;) {
    auto r = Attempt(*reg_, peer_, "read from", 0, [&] {
      return kind_ == Kind::kSocket ? ::recv(reg_->fd(), buf.data(), buf.size(), 0)
                                    : ::read(reg_->fd(), buf.data(), buf.size());
    });
    if (r) co_return *std::move(r);
    co_await reg_->readable();
  }
}

Async<absl::StatusOr<std::size_t>> IoStream::write(std::span<const char> data) {
  if (!reg_) co_return NotOpen("write to");
  for (;;) {
    auto r = Attempt(*reg_, peer_, "write to", 1, [&]() -> ssize_t {
      if (kind_ == Kind::kSocket) return ::send(reg_->fd(), data.data(), data.size(), MSG_NOSIGNAL);
      iovec v{const_cast<char*>(data.data()), data.size()};
      return PipeWrite(reg_->fd(), &v, 1);
    });
    if (r) co_return *std::move(r);
    co_await reg_->writable();
  }
}

Async<absl::Status> IoStream::read_exact(std::span<char> buf) {
  std::size_t done = 0;
  while (done < buf.size()) {
    absl::StatusOr<std::size_t> n = co_await read(buf.subspan(done));
    if (!n.ok()) co_return n.status();
    if (*n == 0) {
      co_return absl::OutOfRangeError(absl::StrCat("read from ", peer_, ": end of stream after ",
                                                   done, " of ", buf.size(), " bytes"));
    }
    done += *n;
  }
  co_return absl::OkStatus();
}

Async<absl::Status> IoStream::write_all(std::span<const char> data) {
  std::size_t done = 0;
  while (done < data.size()) {
    absl::StatusOr<std::size_t> n = co_await write(data.subspan(done));
    if (!n.ok()) co_return n.status();
    done += *n;
  }
  co_return absl::OkStatus();
}

absl::Status IoStream::shutdown(int how) {
  if (!reg_) return NotOpen("shutdown of");
  if (::shutdown(reg_->fd(), how) < 0) return ErrnoStatus(errno, "shutdown of", peer_);
  return absl::OkStatus();
}

}  // namespace heph
