// unix.h — Unix domain stream sockets over a filesystem path.
//
//   absl::StatusOr<heph::UnixListener> l = heph::UnixListener::Bind("/tmp/x.sock");
//   absl::StatusOr<heph::UnixStream> c = co_await l->accept();
//   absl::StatusOr<heph::UnixStream> s = co_await heph::UnixStream::Connect("/tmp/x.sock");
//
// The listener removes its socket file when closed (it created it).
#ifndef HEPH_RUNTIME_NET_UNIX_H_
#define HEPH_RUNTIME_NET_UNIX_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/async.h"
#include "runtime/net/io.h"

namespace heph {

class UnixStream : public IoStream {
 public:
  UnixStream() = default;
  UnixStream(int fd, std::string path) : IoStream(fd, std::move(path), Kind::kSocket) {}
  static Async<absl::StatusOr<UnixStream>> Connect(std::string path);
};

class UnixListener {
 public:
  UnixListener() = default;
  UnixListener(UnixListener&&) noexcept = default;
  UnixListener& operator=(UnixListener&& other) noexcept;
  ~UnixListener() { close(); }

  // Fails with AlreadyExists if `path` exists (remove a stale socket first).
  static absl::StatusOr<UnixListener> Bind(std::string path, int backlog = 1024);
  Async<absl::StatusOr<UnixStream>> accept();
  const std::string& path() const { return path_; }
  void cancel() {
    if (reg_) reg_->cancel();
  }
  // Closes the socket and removes its file.
  void close();

 private:
  std::unique_ptr<IoRegistration> reg_;
  std::string path_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_UNIX_H_
