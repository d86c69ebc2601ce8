// Pipes as async streams, and child processes with async stdin/stdout.
#include "runtime/net/process.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/actor/actor.h"
#include "runtime/net/net_test_util.h"
#include "runtime/rt/runtime.h"
#include "runtime/testing/test_runtime.h"

namespace heph {
namespace {

using heph::testing::Checksum;
using heph::testing::Payload;
using heph::testing::TestRuntime;

Async<absl::Status> WriteAndClose(Context<int>, IoStream* w, const std::vector<char>* data) {
  absl::Status s = co_await w->write_all(*data);
  w->close();
  co_return s;
}

Async<absl::StatusOr<std::vector<char>>> ReadAll(IoStream* r) {
  std::vector<char> all;
  char buf[4096];
  for (;;) {
    absl::StatusOr<std::size_t> n = co_await r->read(buf);
    if (!n.ok()) co_return n.status();
    if (*n == 0) break;
    all.insert(all.end(), buf, buf + *n);
  }
  co_return all;
}

TEST(PipeTest, CarriesMoreThanItsBuffer) {
  absl::StatusOr<Pipe> p = Pipe::Create();
  ASSERT_TRUE(p.ok()) << p.status();
  const std::vector<char> data = Payload(3, 1 << 20);  // 16x the pipe buffer
  TestRuntime rt;
  auto writer = rt.spawn(StopSupervisor{}, &WriteAndClose, &p->writer, &data);
  absl::StatusOr<std::vector<char>> r = rt.run(ReadAll(&p->reader));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->size(), data.size());
  EXPECT_EQ(Checksum(*r), Checksum(data));
  EXPECT_TRUE(rt.join(writer).ok());
}

Async<absl::Status> WriteToClosedPipe(IoStream* w) {
  co_return co_await w->write_all(std::string_view("nobody reads this"));
}

// I/O registrations are per worker and a thread-safe actor may move between
// workers (runtime/rt/shared_queue.h): its I/O fails with a clear status.
Async<absl::Status> ReadInThreadSafeActor(Context<NoMessages>, IoStream* r, absl::Status* result) {
  char buf[16];
  absl::StatusOr<std::size_t> n = co_await r->read(buf);  // nothing written: would wait
  *result = n.status();
  co_return absl::OkStatus();
}

TEST(PipeTest, ReadingInAThreadSafeActorFailsClearly) {
  absl::StatusOr<Pipe> p = Pipe::Create();
  ASSERT_TRUE(p.ok()) << p.status();
  Runtime rt({.name = "thread_safe_io", .workers = 2});
  absl::Status result;
  rt.spawn_thread_safe(StopSupervisor{}, &ReadInThreadSafeActor, &p->reader, &result);
  ASSERT_TRUE(rt.start().ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(result)) << result;
  EXPECT_TRUE(absl::StrContains(result.message(), "thread-safe actor")) << result;
}

TEST(PipeTest, WritingWithoutAReaderIsAStatusNotSigpipe) {
  absl::StatusOr<Pipe> p = Pipe::Create();
  ASSERT_TRUE(p.ok()) << p.status();
  p->reader.close();
  TestRuntime rt;
  absl::Status r = rt.run(WriteToClosedPipe(&p->writer));
  EXPECT_EQ(r.message(), "write to pipe (write end): Broken pipe");
}

struct CatResult {
  std::vector<char> out;
  absl::StatusOr<int> code = 0;
};

Async<absl::StatusOr<CatResult>> RunCat(const std::vector<char>* data) {
  absl::StatusOr<ChildProcess> c = ChildProcess::Spawn({"/bin/cat"});
  if (!c.ok()) co_return c.status();
  // Write on a separate actor so that cat's output is drained meanwhile.
  ActorRef<int> writer =
      Spawn(*Scheduler::current(), StopSupervisor{}, &WriteAndClose, &c->stdin_pipe(), data);
  absl::StatusOr<std::vector<char>> out = co_await ReadAll(&c->stdout_pipe());
  if (!out.ok()) co_return out.status();
  co_await writer.join();
  CatResult r;
  r.out = std::move(*out);
  r.code = co_await c->wait();
  co_return r;
}

TEST(ChildProcessTest, CatEchoesThroughAsyncPipes) {
  const std::vector<char> data = Payload(5, 300000);
  TestRuntime rt;
  absl::StatusOr<CatResult> r = rt.run(RunCat(&data));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->out.size(), data.size());
  EXPECT_EQ(Checksum(r->out), Checksum(data));
  ASSERT_TRUE(r->code.ok()) << r->code.status();
  EXPECT_EQ(*r->code, 0);
}

Async<absl::StatusOr<int>> RunAndWait(std::vector<std::string> argv) {
  absl::StatusOr<ChildProcess> c = ChildProcess::Spawn(std::move(argv));
  if (!c.ok()) co_return c.status();
  co_return co_await c->wait();
}

TEST(ChildProcessTest, ExitStatus) {
  TestRuntime rt;
  absl::StatusOr<int> r = rt.run(RunAndWait({"sh", "-c", "exit 3"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r, 3);
}

TEST(ChildProcessTest, KilledBySignalNamesTheCommand) {
  TestRuntime rt;
  absl::StatusOr<int> r = rt.run(RunAndWait({"sh", "-c", "kill -9 $$"}));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::StartsWith(r.status().message(), "'sh -c kill -9 $$' was killed by signal 9"))
      << r.status();
}

TEST(ChildProcessTest, MissingProgramNamesTheCommand) {
  TestRuntime rt;
  absl::StatusOr<int> r = rt.run(RunAndWait({"/nonexistent/heph-prog", "arg"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "spawn '/nonexistent/heph-prog arg': No such file or directory");
}

}  // namespace
}  // namespace heph
