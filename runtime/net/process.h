// process.h — pipes as async streams, and child processes whose stdin and
// stdout are async pipes.
//
//   absl::StatusOr<heph::Pipe> p = heph::Pipe::Create();   // p->reader, p->writer
//   absl::StatusOr<heph::ChildProcess> c = heph::ChildProcess::Spawn({"/bin/cat"});
//   co_await c->stdin_pipe().write_all(data);
//   c->stdin_pipe().close();                       // the child sees end of file
//   co_await c->stdout_pipe().read_exact(buf);
//   absl::StatusOr<int> code = co_await c->wait(); // exit status
//
// The child is started with posix_spawn (no shell: argv[0] is the program,
// looked up in PATH when it has no '/'); its stderr is the parent's.
// Errors name the command ("spawn '/bin/nope': No such file or directory").
#ifndef HEPH_RUNTIME_NET_PROCESS_H_
#define HEPH_RUNTIME_NET_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/actor/async.h"
#include "runtime/net/io.h"

namespace heph {

struct Pipe {
  IoStream reader;
  IoStream writer;
  // Both ends non-blocking and close-on-exec.
  static absl::StatusOr<Pipe> Create();
};

class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  // A child not waited for is killed (SIGKILL) and reaped.
  ~ChildProcess();

  static absl::StatusOr<ChildProcess> Spawn(std::vector<std::string> argv);

  // The child's stdin (we write) and stdout (we read).
  IoStream& stdin_pipe() { return stdin_; }
  IoStream& stdout_pipe() { return stdout_; }
  pid_t pid() const { return pid_; }
  // The command line as errors name it.
  const std::string& command() const { return command_; }

  // Waits for the child to end: its exit code, or Aborted naming the signal
  // that killed it. Sleeps between checks (1 ms, growing to 20 ms) when the
  // kernel has no pidfd.
  Async<absl::StatusOr<int>> wait();

 private:
  absl::StatusOr<int> Decode(int status) const;

  pid_t pid_ = -1;
  std::string command_;
  IoStream stdin_;
  IoStream stdout_;
};

}  // namespace heph

#endif  // HEPH_RUNTIME_NET_PROCESS_H_
