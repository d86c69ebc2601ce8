#include "runtime/remote/tls.h"

#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include <kj/debug.h>

#include "absl/strings/str_cat.h"

namespace heph::remote {

namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("TLS ", what, " file '", path, "': cannot be read"));
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Makes a context once, so that bad material fails here, naming the files.
absl::Status Check(const TlsMaterial& m, const std::string& files) {
  kj::Maybe<kj::Exception> e = kj::runCatchingExceptions([&] { (void)m.NewContext(); });
  KJ_IF_MAYBE(x, e) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLS files ", files, ": ", x->getDescription().cStr()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<TlsMaterial> TlsMaterial::ForServer(const TlsServerOptions& o) {
  if (o.certificate_file.empty() || o.key_file.empty()) {
    return absl::InvalidArgumentError("TLS server: certificate_file and key_file are required");
  }
  TlsMaterial m;
  absl::StatusOr<std::string> cert = ReadPem(o.certificate_file, "certificate");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem(o.key_file, "key");
  if (!key.ok()) return key.status();
  m.certificate_pem = *std::move(cert);
  m.key_pem = *std::move(key);
  if (!o.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(o.client_ca_file, "client CA");
    if (!ca.ok()) return ca.status();
    m.trusted_pem = *std::move(ca);
    m.verify_clients = true;
  }
  m.handshake_timeout = o.handshake_timeout;
  absl::Status s = Check(m, absl::StrCat("'", o.certificate_file, "', '", o.key_file, "'",
                                         o.client_ca_file.empty() ? "" : ", '",
                                         o.client_ca_file, o.client_ca_file.empty() ? "" : "'"));
  if (!s.ok()) return s;
  return m;
}

absl::StatusOr<TlsMaterial> TlsMaterial::ForClient(const TlsClientOptions& o) {
  if (o.certificate_file.empty() != o.key_file.empty()) {
    return absl::InvalidArgumentError(
        "TLS client: certificate_file and key_file go together (a client certificate needs its key)");
  }
  TlsMaterial m;
  if (!o.ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(o.ca_file, "CA");
    if (!ca.ok()) return ca.status();
    m.trusted_pem = *std::move(ca);
  }
  if (!o.certificate_file.empty()) {
    absl::StatusOr<std::string> cert = ReadPem(o.certificate_file, "certificate");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadPem(o.key_file, "key");
    if (!key.ok()) return key.status();
    m.certificate_pem = *std::move(cert);
    m.key_pem = *std::move(key);
  }
  absl::Status s = Check(m, absl::StrCat("'", o.ca_file, "', '", o.certificate_file, "', '",
                                         o.key_file, "'"));
  if (!s.ok()) return s;
  return m;
}

kj::Own<kj::TlsContext> TlsMaterial::NewContext() const {
  kj::TlsContext::Options options;
  // One kj::TlsCertificate per PEM block: kj trusts the first certificate
  // of each (a chain's leaf), and a CA file may hold several CAs.
  std::vector<kj::TlsCertificate> trusted;
  if (!trusted_pem.empty()) {
    constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
    for (std::size_t at = trusted_pem.find(kBegin); at != std::string::npos;) {
      const std::size_t next = trusted_pem.find(kBegin, at + kBegin.size());
      const std::string block = trusted_pem.substr(at, next == std::string::npos ? next : next - at);
      trusted.emplace_back(kj::StringPtr(block.c_str()));
      at = next;
    }
    if (trusted.empty()) KJ_FAIL_REQUIRE("no certificate in the trusted certificates' file");
    options.useSystemTrustStore = false;
    options.trustedCertificates = kj::arrayPtr(trusted.data(), trusted.size());
  }
  kj::Maybe<kj::TlsKeypair> keypair;
  if (!certificate_pem.empty()) {
    keypair = kj::TlsKeypair{kj::TlsPrivateKey(kj::StringPtr(key_pem.c_str())),
                             kj::TlsCertificate(kj::StringPtr(certificate_pem.c_str()))};
    options.defaultKeypair = KJ_ASSERT_NONNULL(keypair);
  }
  options.verifyClients = verify_clients;
  return kj::heap<kj::TlsContext>(kj::mv(options));
}

}  // namespace heph::remote
