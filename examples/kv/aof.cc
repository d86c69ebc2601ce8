#include "examples/kv/aof.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "examples/kv/resp.h"

namespace kv {

absl::StatusOr<FsyncPolicy> ParseFsyncPolicy(std::string_view text) {
  if (text == "always") return FsyncPolicy::kAlways;
  if (text == "everysec") return FsyncPolicy::kEverySec;
  if (text == "no") return FsyncPolicy::kNo;
  return absl::InvalidArgumentError(
      absl::StrCat("appendfsync '", std::string(text), "': must be always, everysec or no"));
}

namespace {

absl::Status Errno(std::string_view what, const std::string& path) {
  return absl::UnavailableError(absl::StrCat(std::string(what), " ", path, ": ", std::strerror(errno)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<AppendOnlyFile>> AppendOnlyFile::Open(const std::string& path,
                                                                     FsyncPolicy policy,
                                                                     Keyspace& keyspace,
                                                                     std::string* warning) {
  std::uint64_t loaded = 0;
  std::uint64_t keep = 0;  // bytes of whole commands
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream all;
      all << in.rdbuf();
      const std::string data = all.str();
      RespParser parser;
      parser.feed(data);
      std::vector<std::string> command;
      const std::int64_t now = absl::ToUnixMillis(absl::Now());
      for (;;) {
        const std::uint64_t at = data.size() - parser.buffered();
        const RespParser::Status s = parser.next(command);
        if (s == RespParser::Status::kNeedMore) {
          keep = at;
          break;
        }
        if (s == RespParser::Status::kError) {
          return absl::DataLossError(absl::StrCat(path, ": offset ", at, ": not a command (",
                                                  parser.error(), "); the file is corrupt"));
        }
        Reply r = keyspace.Replay(command, now);
        if (r.kind == Reply::Kind::kError) {
          return absl::DataLossError(absl::StrCat(path, ": offset ", at, ": replaying '", command[0],
                                                  "' failed: ", r.text, "; the file is corrupt"));
        }
        ++loaded;
      }
      if (keep < data.size() && warning != nullptr) {
        *warning = absl::StrCat(path, ": the last command is cut off at offset ", keep, " (",
                                data.size() - keep, " bytes, a write interrupted by a crash): ignored");
      }
    }
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot open", path);
  // Cut a partial last command off, so appends continue after whole ones.
  if (::ftruncate(fd, static_cast<off_t>(keep)) != 0 ||
      ::lseek(fd, static_cast<off_t>(keep), SEEK_SET) < 0) {
    absl::Status s = Errno("cannot truncate", path);
    ::close(fd);
    return s;
  }
  std::unique_ptr<AppendOnlyFile> file(new AppendOnlyFile(path, fd, policy));
  file->loaded_ = loaded;
  return file;
}

AppendOnlyFile::AppendOnlyFile(std::string path, int fd, FsyncPolicy policy)
    : path_(std::move(path)), fd_(fd), policy_(policy) {
  if (policy_ == FsyncPolicy::kEverySec) syncer_ = std::thread([this] { SyncEverySecond(); });
}

AppendOnlyFile::~AppendOnlyFile() {
  (void)Flush();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (syncer_.joinable()) syncer_.join();
  if (policy_ != FsyncPolicy::kNo) (void)::fdatasync(fd_);
  ::close(fd_);
}

void AppendOnlyFile::SyncEverySecond() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    stop_cv_.wait_for(lock, std::chrono::seconds(1));
    if (stop_) break;
    lock.unlock();
    (void)::fdatasync(fd_);  // the fd outlives this thread (the destructor joins first)
    lock.lock();
  }
}

void AppendOnlyFile::Append(const std::vector<std::string>& command) { AppendCommand(command, pending_); }

absl::Status AppendOnlyFile::Flush() {
  if (!failure_.ok()) return failure_;
  std::size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure_ = Errno("cannot write", path_);
      return failure_;
    }
    done += static_cast<std::size_t>(n);
  }
  const bool wrote = !pending_.empty();
  pending_.clear();
  if (wrote && policy_ == FsyncPolicy::kAlways && ::fdatasync(fd_) != 0) {
    failure_ = Errno("cannot sync", path_);
    return failure_;
  }
  return absl::OkStatus();
}

}  // namespace kv
