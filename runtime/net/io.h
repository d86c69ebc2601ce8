// io.h — asynchronous readiness for file descriptors on a Worker, and a byte
// stream built on it. The poller stays readiness-only (see runtime/rt/poller.h);
// reading and writing happen here.
//
// IoRegistration: one per fd. It owns the fd (closes it), registers it with
// the CURRENT worker's poller (read + write interest, edge-triggered) the
// first time an operation has to wait, and lets one reader and one writer
// task wait for readiness:
//
//   reg.clear_readable();                      // the operation hit EAGAIN
//   if (absl::Status s = reg.ensure_registered(); !s.ok()) co_return s;
//   co_await reg.readable();                   // until the next edge
//
// A readiness flag per direction remembers an edge that arrived while nobody
// waited, so no edge is lost; operations clear it when they hit EAGAIN.
// Destroying a waiting awaiter (its coroutine was abandoned or cancelled)
// unregisters it. cancel() wakes both waiters and makes every later wait
// return at once (operations then return Cancelled).
//
// Threads: an fd is used from the worker it registered with only (actors never
// move, so: from the actor that owns it, or actors on the same worker). It may
// be created elsewhere (e.g. bound on the main thread) before that.
//
// IoStream: a non-blocking byte stream over an IoRegistration (TCP and Unix
// sockets, pipe ends). Every operation is awaited inside an actor (or an async
// function running on a worker) and returns a status whose message names the
// operation and the peer, e.g. "read from 127.0.0.1:80: Connection reset by
// peer".
#ifndef HEPH_RUNTIME_NET_IO_H_
#define HEPH_RUNTIME_NET_IO_H_

#include <sys/socket.h>
#include <sys/uio.h>

#include <coroutine>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/async.h"
#include "runtime/actor/task.h"
#include "runtime/rt/worker.h"

namespace heph {

// "<op> <target>: <strerror(err)>", with the absl code matching errno.
absl::Status ErrnoStatus(int err, std::string_view op, std::string_view target);

// Sets O_NONBLOCK (and FD_CLOEXEC) on `fd`.
absl::Status SetNonBlocking(int fd);

class IoRegistration final : private IoSource {
 public:
  // Takes ownership of `fd`, which must be non-blocking.
  explicit IoRegistration(int fd);
  // Removes the fd from its worker's poller (when called on that worker's
  // thread, as it is for an actor's fds) and closes it.
  ~IoRegistration();
  IoRegistration(const IoRegistration&) = delete;
  IoRegistration& operator=(const IoRegistration&) = delete;

  int fd() const { return fd_; }

  // Registers with the current worker's poller unless already registered.
  // FailedPrecondition off a worker, or on another worker than the first.
  absl::Status ensure_registered();

  class [[nodiscard]] Awaiter {
   public:
    Awaiter(IoRegistration* reg, int dir) : reg_(reg), dir_(dir) {}
    Awaiter(const Awaiter&) = delete;
    Awaiter& operator=(const Awaiter&) = delete;
    ~Awaiter() {
      if (waiting_) {
        reg_->waiter_[dir_] = nullptr;
      } else if (woken_ && !resumed_) {
        CancelScope::NoteWakeIssued();
      }
    }
    bool await_ready() const { return reg_->ready_[dir_] || reg_->cancelled_; }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume() { resumed_ = true; }

   private:
    friend class IoRegistration;
    void wake() {
      waiting_ = false;
      woken_ = true;
      task_->scheduler()->wake(task_);
    }
    IoRegistration* reg_;
    int dir_;
    Task* task_ = nullptr;
    bool waiting_ = false;
    bool woken_ = false;
    bool resumed_ = false;
  };

  // Waits until the fd is (or was, since the last clear) readable / writable,
  // or cancel(). Call ensure_registered() first. One waiter per direction.
  Awaiter readable() { return Awaiter(this, 0); }
  Awaiter writable() { return Awaiter(this, 1); }
  void clear_readable() { ready_[0] = false; }
  void clear_writable() { ready_[1] = false; }

  // Wakes the waiters; every later wait returns at once.
  void cancel();
  bool cancelled() const { return cancelled_; }

 private:
  static void OnEvent(IoSource* self, const PollEvent& event);

  int fd_;
  Worker* worker_ = nullptr;
  bool ready_[2] = {false, false};
  Awaiter* waiter_[2] = {nullptr, nullptr};
  bool cancelled_ = false;
};

class IoStream {
 public:
  enum class Kind { kSocket, kPipe };

  IoStream() = default;
  // Takes ownership of the non-blocking `fd`; `peer` names it in errors.
  IoStream(int fd, std::string peer, Kind kind);
  IoStream(IoStream&&) noexcept;
  IoStream& operator=(IoStream&&) noexcept;
  // Out of line on purpose: g++ 12 at -O1/-O2 reports a false
  // maybe-uninitialized when an inlined destructor runs for a disengaged
  // std::optional<std::tuple<TcpStream>> (SupervisorStrategy of a connection
  // actor).
  ~IoStream();

  bool is_open() const { return reg_ != nullptr; }
  int fd() const { return reg_ ? reg_->fd() : -1; }
  // What errors name: "127.0.0.1:80", a socket path, "stdin of 'cat'".
  const std::string& peer_name() const { return peer_; }

  // Reads what is available, at most buf.size() bytes; 0 means end of stream.
  Async<absl::StatusOr<std::size_t>> read(std::span<char> buf);
  // Writes what fits, at least 1 byte (unless `data` is empty).
  Async<absl::StatusOr<std::size_t>> write(std::span<const char> data);
  // Vectored forms (the iovec array must stay valid until they return).
  Async<absl::StatusOr<std::size_t>> readv(std::span<const iovec> iov);
  Async<absl::StatusOr<std::size_t>> writev(std::span<const iovec> iov);
  // Fills `buf` completely; OutOfRange if the stream ends first.
  Async<absl::Status> read_exact(std::span<char> buf);
  // Writes all of `data`, however many partial writes it takes.
  Async<absl::Status> write_all(std::span<const char> data);

  // Sockets: shut down reading (SHUT_RD), writing (SHUT_WR) or both.
  absl::Status shutdown(int how = SHUT_WR);
  // Cancels waiting operations (they return Cancelled).
  void cancel() {
    if (reg_) reg_->cancel();
  }
  // Closes the descriptor now (also done by the destructor).
  void close() { reg_.reset(); }

 protected:
  absl::Status NotOpen(std::string_view op) const;

  std::unique_ptr<IoRegistration> reg_;
  std::string peer_;
  Kind kind_ = Kind::kSocket;
};

// co_await YieldNow(): lets the other ready tasks of this worker run first
// (the task goes to the back of the ready queue). For loops that could
// otherwise keep a worker busy, e.g. accepting a flood of connections.
class [[nodiscard]] YieldNow {
 public:
  YieldNow() = default;
  YieldNow(const YieldNow&) = delete;
  YieldNow& operator=(const YieldNow&) = delete;
  ~YieldNow() {
    if (suspended_ && !resumed_) CancelScope::NoteWakeIssued();
  }
  bool await_ready() const { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    Task* task = Scheduler::current_task();
    task->set_resume_point(h);
    suspended_ = true;
    task->scheduler()->wake(task);
  }
  void await_resume() { resumed_ = true; }

 private:
  bool suspended_ = false;
  bool resumed_ = false;
};

namespace internal {
// Waits for readiness in direction `dir` (0 read, 1 write) after an EAGAIN:
// clears the flag, registers if needed. Returns a non-OK status instead of
// waiting when registration fails.
absl::Status PrepareWait(IoRegistration& reg, int dir);

// Runs `call`, a write that may raise SIGPIPE (to a pipe whose reader is gone,
// or sendfile(2) to a closed socket, which has no MSG_NOSIGNAL), with SIGPIPE
// blocked on this thread, and swallows a SIGPIPE that became pending during
// the call; errno is call's.
ssize_t WithoutSigpipe(absl::FunctionRef<ssize_t()> call);
}  // namespace internal

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_IO_H_
