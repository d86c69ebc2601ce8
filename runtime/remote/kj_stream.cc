#include "runtime/remote/kj_stream.h"

#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include <kj/debug.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "runtime/actor/errors.h"
#include "runtime/remote/kj_loop.h"

namespace heph::remote {

// ---------------------------------------------------------------- addresses

absl::StatusOr<RemoteAddress> RemoteAddress::Parse(std::string_view text) {
  RemoteAddress a;
  if (absl::StartsWith(AsAbsl(text), "unix:")) {
    std::string_view path = text.substr(5);
    if (path.empty() || path.size() >= sizeof(sockaddr_un{}.sun_path)) {
      return absl::InvalidArgumentError(
          absl::StrCat("address '", AsAbsl(text), "': a Unix socket path must be 1 to ",
                       sizeof(sockaddr_un{}.sun_path) - 1, " bytes"));
    }
    a.is_unix_ = true;
    a.path_ = std::string(path);
    return a;
  }
  absl::StatusOr<SocketAddress> inet = SocketAddress::Parse(text);
  if (!inet.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "address '", AsAbsl(text), "': expected host:port (numeric) or unix:/path: ",
        inet.status().message()));
  }
  a.inet_ = *inet;
  return a;
}

std::string RemoteAddress::ToString() const {
  return is_unix_ ? absl::StrCat("unix:", path_) : inet_.ToString();
}

namespace {

bool IsDisconnect(int err) {
  return err == ECONNRESET || err == EPIPE || err == ENOTCONN || err == ETIMEDOUT ||
         err == ECONNABORTED || err == ECONNREFUSED || err == EHOSTUNREACH ||
         err == ENETUNREACH || err == ENETDOWN || err == EHOSTDOWN;
}

// Fills a sockaddr for `a`; returns its length.
socklen_t ToSockaddr(const RemoteAddress& a, sockaddr_storage* out) {
  std::memset(out, 0, sizeof(*out));
  if (a.is_unix()) {
    auto* un = reinterpret_cast<sockaddr_un*>(out);
    un->sun_family = AF_UNIX;
    std::memcpy(un->sun_path, a.path().data(), a.path().size());
    return static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + a.path().size() + 1);
  }
  std::memcpy(out, a.inet().sockaddr_ptr(), a.inet().sockaddr_len());
  return a.inet().sockaddr_len();
}

std::string PeerName(const sockaddr_storage& ss, socklen_t len, const std::string& fallback) {
  if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
    return SocketAddress::FromSockaddr(reinterpret_cast<const sockaddr*>(&ss), len).ToString();
  }
  return fallback;
}

}  // namespace

kj::Exception ErrnoException(int err, std::string_view op, std::string_view target) {
  const auto type = IsDisconnect(err) ? kj::Exception::Type::DISCONNECTED
                                      : kj::Exception::Type::FAILED;
  return kj::Exception(type, __FILE__, __LINE__,
                       kj::str(absl::StrCat(AsAbsl(op), " ", AsAbsl(target), ": ", std::strerror(err)).c_str()));
}

// ---------------------------------------------------------------- KjStream

// A read waiting for the next readable edge (a kj adapted promise: dropping
// the promise destroys it, which unhooks it from the stream).
class KjStream::ReadOp {
 public:
  ReadOp(kj::PromiseFulfiller<std::size_t>& f, KjStream* s, kj::byte* buf, std::size_t min,
         std::size_t max, std::size_t done)
      : fulfiller_(f), stream_(s), buf_(buf), min_(min), max_(max), done_(done) {
    stream_->reader_ = this;
  }
  ~ReadOp() {
    if (stream_ != nullptr && stream_->reader_ == this) stream_->reader_ = nullptr;
  }
  ReadOp(const ReadOp&) = delete;
  ReadOp& operator=(const ReadOp&) = delete;

  // Reads until min_ bytes, end of stream, an error or EAGAIN. Returns false
  // on EAGAIN (keep waiting), true once the promise was settled.
  bool progress() {
    for (;;) {
      const ssize_t n = ::recv(stream_->fd_, buf_ + done_, max_ - done_, 0);
      if (n > 0) {
        done_ += static_cast<std::size_t>(n);
        if (done_ >= min_) return settle(nullptr);
        continue;
      }
      if (n == 0) return settle(nullptr);  // end of stream: fewer than min_
      const int err = errno;
      if (err == EINTR) continue;
      if (err == EAGAIN || err == EWOULDBLOCK) return false;
      kj::Exception e = ErrnoException(err, "read from", stream_->peer_);
      return settle(&e);
    }
  }
  void detach() { stream_ = nullptr; }

 private:
  bool settle(kj::Exception* e) {
    stream_->reader_ = nullptr;
    if (e != nullptr) {
      fulfiller_.reject(kj::mv(*e));
    } else {
      fulfiller_.fulfill(kj::cp(done_));
    }
    return true;
  }

  kj::PromiseFulfiller<std::size_t>& fulfiller_;
  KjStream* stream_;
  kj::byte* buf_;
  std::size_t min_, max_, done_;
};

namespace {

enum class Step { kDone, kWouldBlock, kError };

// Writes pieces[*index] from *offset on (and the pieces after it) until all
// are written, EAGAIN or an error (errno in *err).
Step WriteSome(int fd, kj::ArrayPtr<const kj::ArrayPtr<const kj::byte>> pieces,
               std::size_t* index, std::size_t* offset, int* err) {
  for (;;) {
    while (*index < pieces.size() && *offset >= pieces[*index].size()) {
      ++*index;
      *offset = 0;
    }
    if (*index >= pieces.size()) return Step::kDone;
    iovec iov[64];
    std::size_t n = 0;
    for (std::size_t i = *index; i < pieces.size() && n < 64; ++i) {
      const std::size_t skip = i == *index ? *offset : 0;
      if (pieces[i].size() <= skip) continue;
      iov[n].iov_base = const_cast<kj::byte*>(pieces[i].begin() + skip);
      iov[n].iov_len = pieces[i].size() - skip;
      ++n;
    }
    msghdr msg{};
    msg.msg_iov = iov;
    msg.msg_iovlen = n;
    ssize_t w = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return Step::kWouldBlock;
      *err = errno;
      return Step::kError;
    }
    auto left = static_cast<std::size_t>(w);
    while (left > 0) {
      const std::size_t avail = pieces[*index].size() - *offset;
      if (left < avail) {
        *offset += left;
        left = 0;
      } else {
        left -= avail;
        ++*index;
        *offset = 0;
      }
    }
  }
}

}  // namespace

class KjStream::WriteOp {
 public:
  WriteOp(kj::PromiseFulfiller<void>& f, KjStream* s,
          kj::ArrayPtr<const kj::ArrayPtr<const kj::byte>> pieces, kj::ArrayPtr<const kj::byte> single,
          std::size_t index, std::size_t offset)
      : fulfiller_(f), stream_(s), pieces_(pieces), single_(single), index_(index), offset_(offset) {
    if (pieces_ == nullptr) pieces_ = kj::arrayPtr(&single_, 1);
    stream_->writer_ = this;
  }
  ~WriteOp() {
    if (stream_ != nullptr && stream_->writer_ == this) stream_->writer_ = nullptr;
  }
  WriteOp(const WriteOp&) = delete;
  WriteOp& operator=(const WriteOp&) = delete;

  bool progress() {
    int err = 0;
    switch (WriteSome(stream_->fd_, pieces_, &index_, &offset_, &err)) {
      case Step::kWouldBlock:
        return false;
      case Step::kDone:
        stream_->writer_ = nullptr;
        fulfiller_.fulfill();
        return true;
      case Step::kError:
        stream_->writer_ = nullptr;
        fulfiller_.reject(stream_->write_failed(err));
        return true;
    }
    return true;
  }
  void detach() { stream_ = nullptr; }

 private:
  kj::PromiseFulfiller<void>& fulfiller_;
  KjStream* stream_;
  kj::ArrayPtr<const kj::ArrayPtr<const kj::byte>> pieces_;
  kj::ArrayPtr<const kj::byte> single_;
  std::size_t index_, offset_;
};

// A connect in progress: completes on the first writable (or error) edge.
class KjStream::ConnectOp {
 public:
  ConnectOp(kj::PromiseFulfiller<void>& f, KjStream* s, std::string address)
      : fulfiller_(f), stream_(s), address_(std::move(address)) {
    stream_->connecting_ = this;
  }
  ~ConnectOp() {
    if (stream_ != nullptr && stream_->connecting_ == this) stream_->connecting_ = nullptr;
  }
  ConnectOp(const ConnectOp&) = delete;
  ConnectOp& operator=(const ConnectOp&) = delete;

  void complete() {
    int err = 0;
    socklen_t len = sizeof(err);
    if (::getsockopt(stream_->fd_, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
    stream_->connecting_ = nullptr;
    if (err == 0) {
      fulfiller_.fulfill();
    } else {
      fulfiller_.reject(ErrnoException(err, "connect to", address_));
    }
  }
  void detach() { stream_ = nullptr; }

 private:
  kj::PromiseFulfiller<void>& fulfiller_;
  KjStream* stream_;
  std::string address_;
};

KjStream::KjStream(int fd, std::string peer)
    : fd_(fd), worker_(&WorkerKjLoop::Current().worker()), peer_(std::move(peer)) {
  on_event = &KjStream::OnEvent;
  if (absl::Status s = worker_->add_io(fd_, Interest::kReadWrite, this); !s.ok()) {
    ::close(fd_);
    fd_ = -1;
    worker_ = nullptr;
    KJ_FAIL_REQUIRE("heph::remote: cannot register a stream with the worker's poller", peer_,
                    std::string(s.message()).c_str());
  }
}

KjStream::~KjStream() noexcept(false) {
  if (reader_ != nullptr) reader_->detach();
  if (writer_ != nullptr) writer_->detach();
  if (connecting_ != nullptr) connecting_->detach();
  if (fd_ >= 0) {
    if (worker_ != nullptr && Worker::current() == worker_) (void)worker_->remove_io(fd_);
    ::close(fd_);
  }
}

void KjStream::OnEvent(IoSource* source, const PollEvent& event) {
  auto* self = static_cast<KjStream*>(source);
  if (self->connecting_ != nullptr && (event.writable || event.error || event.hangup)) {
    self->connecting_->complete();
  }
  if (self->reader_ != nullptr && (event.readable || event.error || event.hangup)) {
    (void)self->reader_->progress();
  }
  if (self->writer_ != nullptr && (event.writable || event.error)) {
    (void)self->writer_->progress();
  }
  if (event.error) self->note_disconnected();
}

void KjStream::note_disconnected() {
  hung_up_ = true;
  KJ_IF_MAYBE(f, disconnect_fulfiller_) {
    f->get()->fulfill();
    disconnect_fulfiller_ = nullptr;
  }
}

kj::Exception KjStream::write_failed(int err) {
  kj::Exception e = ErrnoException(err, "write to", peer_);
  if (e.getType() == kj::Exception::Type::DISCONNECTED) note_disconnected();
  return e;
}

kj::Promise<std::size_t> KjStream::tryRead(void* buffer, std::size_t minBytes,
                                           std::size_t maxBytes) {
  KJ_REQUIRE(reader_ == nullptr, "heph::remote::KjStream: one read at a time");
  auto* buf = static_cast<kj::byte*>(buffer);
  if (maxBytes == 0) return std::size_t{0};
  if (minBytes == 0) minBytes = 1;  // "what is there", but at least a byte or the end
  std::size_t done = 0;
  for (;;) {
    const ssize_t n = ::recv(fd_, buf + done, maxBytes - done, 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      if (done >= minBytes) return done;
      continue;
    }
    if (n == 0) return done;
    const int err = errno;
    if (err == EINTR) continue;
    if (err == EAGAIN || err == EWOULDBLOCK) break;
    return ErrnoException(err, "read from", peer_);
  }
  return kj::newAdaptedPromise<std::size_t, ReadOp>(this, buf, minBytes, maxBytes, done);
}

kj::Promise<void> KjStream::write(const void* buffer, std::size_t size) {
  KJ_REQUIRE(writer_ == nullptr, "heph::remote::KjStream: one write at a time");
  kj::ArrayPtr<const kj::byte> single(static_cast<const kj::byte*>(buffer), size);
  std::size_t index = 0, offset = 0;
  int err = 0;
  switch (WriteSome(fd_, kj::arrayPtr(&single, 1), &index, &offset, &err)) {
    case Step::kDone:
      return kj::READY_NOW;
    case Step::kError:
      return write_failed(err);
    case Step::kWouldBlock:
      break;
  }
  return kj::newAdaptedPromise<void, WriteOp>(this, nullptr, single, index, offset);
}

kj::Promise<void> KjStream::write(kj::ArrayPtr<const kj::ArrayPtr<const kj::byte>> pieces) {
  KJ_REQUIRE(writer_ == nullptr, "heph::remote::KjStream: one write at a time");
  std::size_t index = 0, offset = 0;
  int err = 0;
  switch (WriteSome(fd_, pieces, &index, &offset, &err)) {
    case Step::kDone:
      return kj::READY_NOW;
    case Step::kError:
      return write_failed(err);
    case Step::kWouldBlock:
      break;
  }
  return kj::newAdaptedPromise<void, WriteOp>(this, pieces, kj::ArrayPtr<const kj::byte>(),
                                              index, offset);
}

kj::Promise<void> KjStream::whenWriteDisconnected() {
  if (hung_up_) return kj::READY_NOW;
  KJ_IF_MAYBE(forked, disconnected_) { return forked->addBranch(); }
  auto paf = kj::newPromiseAndFulfiller<void>();
  disconnect_fulfiller_ = kj::mv(paf.fulfiller);
  auto& forked = disconnected_.emplace(paf.promise.fork());
  return forked.addBranch();
}

void KjStream::shutdownWrite() {
  KJ_REQUIRE(writer_ == nullptr, "shutdownWrite() with a write in progress");
  if (::shutdown(fd_, SHUT_WR) < 0 && errno != ENOTCONN) {
    kj::throwFatalException(ErrnoException(errno, "shutdown of", peer_));
  }
}

void KjStream::abortRead() { (void)::shutdown(fd_, SHUT_RD); }

void KjStream::getsockopt(int level, int option, void* value, kj::uint* length) {
  socklen_t len = *length;
  if (::getsockopt(fd_, level, option, value, &len) < 0) {
    kj::throwFatalException(ErrnoException(errno, "getsockopt on", peer_));
  }
  *length = len;
}

void KjStream::setsockopt(int level, int option, const void* value, kj::uint length) {
  if (::setsockopt(fd_, level, option, value, length) < 0) {
    kj::throwFatalException(ErrnoException(errno, "setsockopt on", peer_));
  }
}

void KjStream::getsockname(struct sockaddr* addr, kj::uint* length) {
  socklen_t len = *length;
  if (::getsockname(fd_, addr, &len) < 0) {
    kj::throwFatalException(ErrnoException(errno, "getsockname on", peer_));
  }
  *length = len;
}

void KjStream::getpeername(struct sockaddr* addr, kj::uint* length) {
  socklen_t len = *length;
  if (::getpeername(fd_, addr, &len) < 0) {
    kj::throwFatalException(ErrnoException(errno, "getpeername on", peer_));
  }
  *length = len;
}

kj::Promise<kj::Own<KjStream>> KjStream::Connect(const RemoteAddress& address) {
  WorkerKjLoop::Current();
  const std::string name = address.ToString();
  const int family = address.is_unix() ? AF_UNIX : address.inet().family();
  const int fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return ErrnoException(errno, "socket for", name);
  if (!address.is_unix()) {
    const int one = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  }
  sockaddr_storage ss;
  const socklen_t len = ToSockaddr(address, &ss);
  int r;
  do {
    r = ::connect(fd, reinterpret_cast<const sockaddr*>(&ss), len);
  } while (r < 0 && errno == EINTR);
  if (r < 0 && errno != EINPROGRESS) {
    const int err = errno;
    ::close(fd);
    return ErrnoException(err, "connect to", name);
  }
  auto stream = kj::heap<KjStream>(fd, name);
  if (r == 0) return kj::mv(stream);
  KjStream* raw = stream.get();
  return kj::newAdaptedPromise<void, ConnectOp>(raw, name).then(
      [stream = kj::mv(stream)]() mutable { return kj::mv(stream); });
}

// ---------------------------------------------------------------- KjListener

absl::StatusOr<int> KjListener::BindFd(const RemoteAddress& address, bool reuse_port,
                                       int backlog) {
  const std::string name = address.ToString();
  auto fail = [&](const char* op, int fd) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    return absl::Status(absl::ErrnoToStatusCode(err),
                        absl::StrCat(op, " ", name, ": ", std::strerror(err)));
  };
  const int family = address.is_unix() ? AF_UNIX : address.inet().family();
  const int fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail("socket for", -1);
  if (!address.is_unix()) {
    const int one = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0) {
      return fail("SO_REUSEADDR on", fd);
    }
    if (reuse_port && ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) < 0) {
      return fail("SO_REUSEPORT on", fd);
    }
  }
  sockaddr_storage ss;
  const socklen_t len = ToSockaddr(address, &ss);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&ss), len) < 0) return fail("bind to", fd);
  if (::listen(fd, backlog) < 0) return fail("listen on", fd);
  return fd;
}

class KjListener::AcceptOp {
 public:
  AcceptOp(kj::PromiseFulfiller<kj::Own<KjStream>>& f, KjListener* l) : fulfiller_(f), listener_(l) {
    listener_->acceptor_ = this;
  }
  ~AcceptOp() {
    if (listener_ != nullptr && listener_->acceptor_ == this) listener_->acceptor_ = nullptr;
  }
  AcceptOp(const AcceptOp&) = delete;
  AcceptOp& operator=(const AcceptOp&) = delete;

  void progress() {
    kj::Maybe<kj::Own<KjStream>> s;
    kj::Maybe<kj::Exception> e;
    if (!listener_->try_accept(&s, &e)) return;
    listener_->acceptor_ = nullptr;
    KJ_IF_MAYBE(stream, s) {
      fulfiller_.fulfill(kj::mv(*stream));
    } else KJ_IF_MAYBE(ex, e) {
      fulfiller_.reject(kj::mv(*ex));
    }
  }
  void detach() { listener_ = nullptr; }

 private:
  kj::PromiseFulfiller<kj::Own<KjStream>>& fulfiller_;
  KjListener* listener_;
};

KjListener::KjListener(int fd, std::string name, std::string unlink_path)
    : fd_(fd),
      worker_(&WorkerKjLoop::Current().worker()),
      name_(std::move(name)),
      unlink_path_(std::move(unlink_path)) {
  on_event = &KjListener::OnEvent;
  if (absl::Status s = worker_->add_io(fd_, Interest::kReadable, this); !s.ok()) {
    worker_ = nullptr;
    ::close(fd_);
    if (!unlink_path_.empty()) ::unlink(unlink_path_.c_str());
    KJ_FAIL_REQUIRE("heph::remote: cannot register a listener with the worker's poller", name_,
                    std::string(s.message()).c_str());
  }
}

KjListener::~KjListener() noexcept(false) {
  if (acceptor_ != nullptr) acceptor_->detach();
  if (worker_ != nullptr && Worker::current() == worker_) (void)worker_->remove_io(fd_);
  ::close(fd_);
  if (!unlink_path_.empty()) ::unlink(unlink_path_.c_str());
}

void KjListener::OnEvent(IoSource* source, const PollEvent&) {
  auto* self = static_cast<KjListener*>(source);
  if (self->acceptor_ != nullptr) self->acceptor_->progress();
}

bool KjListener::try_accept(kj::Maybe<kj::Own<KjStream>>* stream, kj::Maybe<kj::Exception>* error) {
  for (;;) {
    sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    const int fd = ::accept4(fd_, reinterpret_cast<sockaddr*>(&ss), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      const std::string peer = PeerName(ss, len, name_);
      if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
        const int one = 1;
        (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      }
      *stream = kj::heap<KjStream>(fd, peer);
      return true;
    }
    const int err = errno;
    if (err == EINTR || err == ECONNABORTED || err == EPROTO) continue;
    if (err == EAGAIN || err == EWOULDBLOCK) return false;
    *error = ErrnoException(err, "accept on", name_);
    return true;
  }
}

kj::Promise<kj::Own<KjStream>> KjListener::accept_stream() {
  KJ_REQUIRE(acceptor_ == nullptr, "heph::remote::KjListener: one accept at a time");
  kj::Maybe<kj::Own<KjStream>> s;
  kj::Maybe<kj::Exception> e;
  if (try_accept(&s, &e)) {
    KJ_IF_MAYBE(stream, s) { return kj::mv(*stream); }
    KJ_IF_MAYBE(ex, e) { return kj::mv(*ex); }
  }
  return kj::newAdaptedPromise<kj::Own<KjStream>, AcceptOp>(this);
}

kj::Promise<kj::Own<kj::AsyncIoStream>> KjListener::accept() {
  return accept_stream().then(
      [](kj::Own<KjStream> s) -> kj::Own<kj::AsyncIoStream> { return kj::mv(s); });
}

kj::uint KjListener::getPort() {
  std::optional<SocketAddress> a = SocketAddress::LocalOf(fd_);
  return a ? a->port() : 0;
}

}  // namespace heph::remote
