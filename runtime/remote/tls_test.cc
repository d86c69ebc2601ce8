// TLS for RpcServer and Connect (kj-tls): throw-away certificates made at
// test time with the openssl command.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/remote/await.h"
#include "runtime/remote/remote_test.capnp.h"
#include "runtime/remote/rpc.h"
#include "runtime/remote/test_server.h"
#include "runtime/remote/tls.h"
#include "runtime/testing/test_runtime.h"

// g++ 12 at -O1 (the sanitizer configs): a false maybe-uninitialized in KJ's
// headers (see remote_test.cc).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace heph::remote {
namespace {

using ::heph::remote::testing::ServerUnderTest;
using ::heph::testing::TestRuntime;

// A throw-away certificate authority in its own directory (under Bazel's
// TEST_TMPDIR), issuing certificates with the openssl command.
class TestCa {
 public:
  explicit TestCa(const std::string& name) {
    const char* tmp = std::getenv("TEST_TMPDIR");
    dir_ = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/pki_", ::getpid(), "_", name);
    ::mkdir(dir_.c_str(), 0700);
    ok_ = Run(absl::StrCat("openssl req -x509 ", kKey, " -keyout ca.key -out ca.pem -days 2 -subj /CN=",
                           name));
  }
  // Whether `openssl` can be run at all (a clear failure if not).
  static bool OpensslOnPath() { return std::system("command -v openssl >/dev/null 2>&1") == 0; }

  bool ok() const { return ok_; }
  std::string file(const std::string& name) const { return dir_ + "/" + name; }
  std::string ca() const { return file("ca.pem"); }

  // `name`.pem and `name`.key: a certificate for `subject_alt_names`
  // (e.g. "DNS:localhost,IP:127.0.0.1") signed by this CA.
  bool Issue(const std::string& name, const std::string& subject_alt_names) {
    std::ofstream(file(name + ".ext")) << "subjectAltName=" << subject_alt_names << "\n";
    return Run(absl::StrCat("openssl req ", kKey, " -keyout ", name, ".key -out ", name,
                            ".csr -subj /CN=", name)) &&
           Run(absl::StrCat("openssl x509 -req -in ", name, ".csr -CA ca.pem -CAkey ca.key",
                            " -set_serial ", ++serial_, " -days 2 -out ", name, ".pem -extfile ",
                            name, ".ext"));
  }

 private:
  static constexpr const char* kKey = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

  bool Run(const std::string& command) {
    const std::string full = absl::StrCat("cd '", dir_, "' && ", command, " >openssl.log 2>&1");
    if (std::system(full.c_str()) == 0) return true;
    std::ifstream log(file("openssl.log"));
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    ADD_FAILURE() << "failed: " << command << "\n" << text;
    return false;
  }

  std::string dir_;
  bool ok_ = false;
  int serial_ = 1;
};

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(TestCa::OpensslOnPath())
        << "the TLS tests make throw-away certificates with the `openssl` command, which is not "
           "on PATH (Debian: apt-get install openssl)";
    ASSERT_TRUE(ca_.ok());
    ASSERT_TRUE(ca_.Issue("server", "DNS:localhost,DNS:127.0.0.1,IP:127.0.0.1"));
    ASSERT_TRUE(ca_.Issue("client", "DNS:client"));
    ASSERT_TRUE(other_.ok());
    ASSERT_TRUE(other_.Issue("impostor", "DNS:localhost,DNS:127.0.0.1,IP:127.0.0.1"));
  }

  TlsServerOptions ServerTls(const TestCa& ca, const std::string& name) const {
    return {.certificate_file = ca.file(name + ".pem"), .key_file = ca.file(name + ".key")};
  }

  // Connects with `tls` and makes one add() call: the call's status.
  absl::Status CallOverTls(const std::string& address, TlsClientOptions tls,
                           std::int64_t* sum = nullptr) {
    auto body = [&]() -> Async<absl::Status> {
      absl::StatusOr<std::unique_ptr<RpcConnection>> c =
          co_await Connect(address, nullptr, {.tls = &tls});
      if (!c.ok()) co_return c.status();
      auto req = (*c)->bootstrap<Calc>().addRequest();
      req.setA(40);
      req.setB(2);
      auto r = co_await Await(req.send(), (*c)->peer());
      if (!r.ok()) co_return r.status();
      if (sum != nullptr) *sum = r->getSum();
      co_return absl::OkStatus();
    };
    return rt_.run(body(), absl::Seconds(30));
  }

  TestCa ca_{"heph-test-ca"};
  TestCa other_{"heph-other-ca"};
  TestRuntime rt_;
};

TEST_F(TlsTest, AGoodHandshakeThenACall) {
  ServerUnderTest s({.tls = ServerTls(ca_, "server")});
  std::int64_t sum = 0;
  absl::Status st = CallOverTls(s.address(), {.ca_file = ca_.ca()}, &sum);
  EXPECT_TRUE(st.ok()) << st;
  EXPECT_EQ(sum, 42);
  EXPECT_EQ(s.failures_reported(), 0u) << s.next_failure();
}

TEST_F(TlsTest, TheClientRejectsAServerCertificateItDoesNotTrust) {
  ServerUnderTest s({.tls = ServerTls(other_, "impostor")});
  absl::Status st = CallOverTls(s.address(), {.ca_file = ca_.ca()});
  EXPECT_TRUE(absl::IsUnauthenticated(st)) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "connect to " + s.address() + ": TLS handshake failed"))
      << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "certificate is not trusted")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "unable to get local issuer certificate")) << st;
}

TEST_F(TlsTest, TheClientChecksTheNameInTheServerCertificate) {
  ServerUnderTest s({.tls = ServerTls(ca_, "server")});
  absl::Status st = CallOverTls(s.address(), {.ca_file = ca_.ca(), .server_name = "elsewhere.example"});
  EXPECT_TRUE(absl::IsUnauthenticated(st)) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "hostname mismatch")) << st;
  // The same certificate, under a name it carries.
  EXPECT_TRUE(CallOverTls(s.address(), {.ca_file = ca_.ca(), .server_name = "localhost"}).ok());
}

TEST_F(TlsTest, AServerThatRequiresClientCertificatesRejectsAClientWithout) {
  TlsServerOptions tls = ServerTls(ca_, "server");
  tls.client_ca_file = ca_.ca();
  ServerUnderTest s({.tls = tls});
  // Without a certificate: the handshake fails (at the client, or — TLS 1.3
  // — at its first call, once the server's alert arrives).
  absl::Status st = CallOverTls(s.address(), {.ca_file = ca_.ca()});
  EXPECT_FALSE(st.ok());
  absl::Status why = s.next_failure();
  EXPECT_TRUE(absl::IsUnauthenticated(why)) << why;
  EXPECT_TRUE(absl::StrContains(why.message(), "closed the connection from 127.0.0.1:")) << why;
  EXPECT_TRUE(absl::StrContains(why.message(), "TLS handshake failed")) << why;
  EXPECT_TRUE(absl::StrContains(why.message(), "certificate")) << why;
  // A certificate from a CA the server does not trust fails the same way.
  absl::Status impostor = CallOverTls(
      s.address(), {.ca_file = ca_.ca(), .certificate_file = other_.file("impostor.pem"),
                    .key_file = other_.file("impostor.key")});
  EXPECT_FALSE(impostor.ok());
  EXPECT_TRUE(absl::IsUnauthenticated(s.next_failure()));
  // With one the server trusts: served.
  std::int64_t sum = 0;
  absl::Status good = CallOverTls(
      s.address(), {.ca_file = ca_.ca(), .certificate_file = ca_.file("client.pem"),
                    .key_file = ca_.file("client.key")},
      &sum);
  EXPECT_TRUE(good.ok()) << good;
  EXPECT_EQ(sum, 42);
}

TEST_F(TlsTest, APlaintextClientCannotTalkToATlsServer) {
  ServerUnderTest s({.tls = ServerTls(ca_, "server")});
  auto body = [&]() -> Async<absl::Status> {
    absl::StatusOr<std::unique_ptr<RpcConnection>> c = co_await Connect(s.address());
    if (!c.ok()) co_return c.status();
    auto r = co_await Await((*c)->bootstrap<Calc>().addRequest().send());
    co_return r.status();
  };
  absl::Status st = rt_.run(body(), absl::Seconds(30));
  EXPECT_FALSE(st.ok());
  absl::Status why = s.next_failure();
  EXPECT_TRUE(absl::IsUnauthenticated(why)) << why;
  EXPECT_TRUE(absl::StrContains(why.message(), "TLS handshake failed")) << why;
}

TEST_F(TlsTest, StartAndConnectNameMissingOrBadFiles) {
  Runtime runtime({.name = "tls_files", .workers = 1});
  auto missing = RpcServer::Start(
      runtime, "127.0.0.1:0", [] { return capnp::Capability::Client(nullptr); },
      {.tls = TlsServerOptions{.certificate_file = ca_.file("server.pem"),
                               .key_file = ca_.file("nope.key")}});
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(absl::IsNotFound(missing.status())) << missing.status();
  EXPECT_TRUE(absl::StrContains(missing.status().message(), ca_.file("nope.key"))) << missing.status();
  // A certificate where the key should be.
  auto bad = RpcServer::Start(
      runtime, "127.0.0.1:0", [] { return capnp::Capability::Client(nullptr); },
      {.tls = TlsServerOptions{.certificate_file = ca_.file("server.pem"),
                               .key_file = ca_.file("server.pem")}});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "rpc_server on 127.0.0.1:0: TLS files"))
      << bad.status();
  absl::Status client = CallOverTls("127.0.0.1:1", {.ca_file = ca_.file("nope.pem")});
  EXPECT_TRUE(absl::IsNotFound(client)) << client;
  EXPECT_TRUE(absl::StrContains(client.message(), "connect to 127.0.0.1:1: TLS CA file")) << client;
}

}  // namespace
}  // namespace heph::remote
