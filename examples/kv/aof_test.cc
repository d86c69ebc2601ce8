// The append-only file: what a shard records is replayed at the next start;
// a cut-off last command is reported and dropped; a corrupt one stops the
// start with the file and the offset.
#include "examples/kv/aof.h"

#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "examples/kv/keyspace.h"
#include "examples/kv/resp.h"

namespace kv {
namespace {

std::int64_t Now() { return absl::ToUnixMillis(absl::Now()); }

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name, "-", ::getpid(), ".aof");
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void Write(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

// Runs `commands` on a keyspace whose changes go to a fresh file at `path`.
void Record(const std::string& path, FsyncPolicy policy, const std::vector<std::vector<std::string>>& commands) {
  ::unlink(path.c_str());
  Keyspace ks;
  absl::StatusOr<std::unique_ptr<AppendOnlyFile>> file = AppendOnlyFile::Open(path, policy, ks, nullptr);
  ASSERT_TRUE(file.ok()) << file.status();
  AppendOnlyFile* f = file->get();
  ks.SetRecorder([f](const Keyspace::Command& c) { f->Append(c); });
  for (const auto& c : commands) {
    ks.Execute(c, Now());
    ASSERT_TRUE((*file)->Flush().ok());
  }
  ks.SetRecorder(nullptr);
}

TEST(AppendOnlyFile, WhatWasRecordedIsThereAtTheNextStartWithItsExpiry) {
  for (FsyncPolicy policy : {FsyncPolicy::kAlways, FsyncPolicy::kEverySec, FsyncPolicy::kNo}) {
    const std::string path = TempPath("replay");
    Record(path, policy,
           {{"SET", "a", "1"}, {"INCR", "a"}, {"RPUSH", "l", "x", "y"}, {"SET", "t", "v", "EX", "1000"},
            {"GET", "a"}, {"DEL", "nothing"}});
    Keyspace ks;
    std::string warning;
    absl::StatusOr<std::unique_ptr<AppendOnlyFile>> file = AppendOnlyFile::Open(path, policy, ks, &warning);
    ASSERT_TRUE(file.ok()) << file.status();
    EXPECT_EQ(warning, "");
    EXPECT_EQ((*file)->commands_loaded(), 4u);  // reads and no-ops are not recorded
    EXPECT_EQ(ks.Execute({"GET", "a"}, Now()), Reply::Bulk("2"));
    EXPECT_EQ(ks.Execute({"LLEN", "l"}, Now()), Reply::Integer(2));
    Reply ttl = ks.Execute({"TTL", "t"}, Now());
    EXPECT_TRUE(ttl.integer > 990 && ttl.integer <= 1000) << ttl.integer;
  }
}

TEST(AppendOnlyFile, ACutOffLastCommandIsReportedAndDropped) {
  const std::string path = TempPath("cut");
  Record(path, FsyncPolicy::kNo, {{"SET", "a", "1"}, {"SET", "b", "2"}});
  const std::string whole = Read(path);
  Write(path, whole + "*3\r\n$3\r\nSET\r\n$1\r\nc");  // a crash in the middle of a write
  Keyspace ks;
  std::string warning;
  absl::StatusOr<std::unique_ptr<AppendOnlyFile>> file = AppendOnlyFile::Open(path, FsyncPolicy::kNo, ks, &warning);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(warning, absl::StrCat(path, ": the last command is cut off at offset ", whole.size(),
                                  " (18 bytes, a write interrupted by a crash): ignored"));
  EXPECT_EQ(ks.DbSize(Now()), 2u);
  // Appends go on after the whole commands.
  AppendOnlyFile* f = file->get();
  ks.SetRecorder([f](const Keyspace::Command& c) { f->Append(c); });
  ks.Execute({"SET", "d", "4"}, Now());
  ASSERT_TRUE(f->Flush().ok());
  ks.SetRecorder(nullptr);
  file->reset();
  Keyspace again;
  warning.clear();
  ASSERT_TRUE(AppendOnlyFile::Open(path, FsyncPolicy::kNo, again, &warning).ok());
  EXPECT_EQ(warning, "");
  EXPECT_EQ(again.DbSize(Now()), 3u);
}

TEST(AppendOnlyFile, ACorruptCommandStopsTheStartNamingTheFileAndTheOffset) {
  const std::string path = TempPath("corrupt");
  Record(path, FsyncPolicy::kNo, {{"SET", "a", "1"}});
  const std::string first = Read(path);
  Write(path, first + "*2\r\n$x\r\n" + first);
  Keyspace ks;
  absl::StatusOr<std::unique_ptr<AppendOnlyFile>> file = AppendOnlyFile::Open(path, FsyncPolicy::kNo, ks, nullptr);
  ASSERT_FALSE(file.ok());
  EXPECT_TRUE(absl::IsDataLoss(file.status())) << file.status();
  EXPECT_TRUE(absl::StrContains(file.status().message(), absl::StrCat(path, ": offset ", first.size(), ": ")))
      << file.status();
  // A command the keyspace refuses is corruption too.
  Write(path, first + "*2\r\n$4\r\nINCR\r\n$1\r\na\r\n*1\r\n$5\r\nBOGUS\r\n");
  Keyspace ks2;
  file = AppendOnlyFile::Open(path, FsyncPolicy::kNo, ks2, nullptr);
  ASSERT_FALSE(file.ok());
  EXPECT_TRUE(absl::StrContains(file.status().message(), "replaying 'BOGUS' failed")) << file.status();
}

TEST(FsyncPolicyTest, ParsesTheThreePoliciesAndNamesABadOne) {
  EXPECT_EQ(*ParseFsyncPolicy("always"), FsyncPolicy::kAlways);
  EXPECT_EQ(*ParseFsyncPolicy("everysec"), FsyncPolicy::kEverySec);
  EXPECT_EQ(*ParseFsyncPolicy("no"), FsyncPolicy::kNo);
  EXPECT_EQ(ParseFsyncPolicy("sometimes").status().message(),
            "appendfsync 'sometimes': must be always, everysec or no");
}

}  // namespace
}  // namespace kv
