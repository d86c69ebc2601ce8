#include "runtime/net/unix.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"

namespace heph {
namespace {

absl::StatusOr<sockaddr_un> UnixAddress(const std::string& path, std::string_view op) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof a.sun_path) {
    return absl::InvalidArgumentError(absl::StrCat(AsAbsl(op), " ", path, ": path empty or longer than ",
                                                   sizeof a.sun_path - 1, " bytes"));
  }
  std::memcpy(a.sun_path, path.data(), path.size());
  return a;
}

}  // namespace

Async<absl::StatusOr<UnixStream>> UnixStream::Connect(std::string path) {
  absl::StatusOr<sockaddr_un> addr = UnixAddress(path, "connect to");
  if (!addr.ok()) co_return addr.status();
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) co_return ErrnoStatus(errno, "connect to", path);
  UnixStream stream(fd, path);
  int r;
  do {
    r = ::connect(fd, reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr);
  } while (r < 0 && errno == EINTR);
  if (r < 0) {
    // (Unix sockets answer EAGAIN, an error here, when the backlog is full.)
    if (errno != EINPROGRESS) co_return ErrnoStatus(errno, "connect to", path);
    if (absl::Status s = internal::PrepareWait(*stream.reg_, 1); !s.ok()) co_return s;
    co_await stream.reg_->writable();
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
    if (err != 0) co_return ErrnoStatus(err, "connect to", path);
  }
  co_return std::move(stream);
}

UnixListener& UnixListener::operator=(UnixListener&& other) noexcept {
  if (this != &other) {
    close();
    reg_ = std::move(other.reg_);
    path_ = std::move(other.path_);
  }
  return *this;
}

absl::StatusOr<UnixListener> UnixListener::Bind(std::string path, int backlog) {
  absl::StatusOr<sockaddr_un> addr = UnixAddress(path, "listen on");
  if (!addr.ok()) return addr.status();
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoStatus(errno, "listen on", path);
  auto reg = std::make_unique<IoRegistration>(fd);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) < 0) {
    return ErrnoStatus(errno, "bind to", path);
  }
  UnixListener l;
  l.reg_ = std::move(reg);
  l.path_ = path;  // from here on, close() removes the file
  if (::listen(fd, backlog) < 0) return ErrnoStatus(errno, "listen on", path);
  return l;
}

void UnixListener::close() {
  if (reg_) {
    reg_.reset();
    ::unlink(path_.c_str());
  }
}

Async<absl::StatusOr<UnixStream>> UnixListener::accept() {
  if (!reg_) co_return absl::FailedPreconditionError("accept: the listener is closed");
  for (;;) {
    if (reg_->cancelled()) co_return absl::CancelledError(absl::StrCat("accept on ", path_, ": cancelled"));
    const int fd = ::accept4(reg_->fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) co_return UnixStream(fd, path_);
    const int err = errno;
    if (err == EINTR || err == ECONNABORTED) continue;
    if (err != EAGAIN && err != EWOULDBLOCK) co_return ErrnoStatus(err, "accept on", path_);
    if (absl::Status s = internal::PrepareWait(*reg_, 0); !s.ok()) co_return s;
    co_await reg_->readable();
  }
}

}  // namespace heph
