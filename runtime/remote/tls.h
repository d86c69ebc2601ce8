// tls.h — TLS for RpcServer and Connect (kj-tls, over OpenSSL).
//
//   RpcServer::Start(runtime, "127.0.0.1:4000", factory,
//       {.tls = TlsServerOptions{.certificate_file = "server.pem", .key_file = "server.key"}});
//   co_await Connect("127.0.0.1:4000", nullptr, {.tls = TlsClientOptions{.ca_file = "ca.pem"}});
//
// Files are PEM. kj-tls picks the protocol versions and ciphers (TLS 1.2 at
// least) and always verifies the server's certificate, against `ca_file`
// and the name the client expects. The handshake runs on the connection's
// worker like the rest of its I/O (kj::TlsContext over a KjStream); no
// kj::Timer is needed: handshake timeouts use the worker's timers (Delay).
//
// Failed handshakes are Unauthenticated statuses naming the address and
// OpenSSL's reason ("connect to 127.0.0.1:4000: TLS handshake failed: ...
// certificate verify failed"); the server reports its failed handshakes
// through RpcServerOptions::on_connection_failure, naming the peer.
#ifndef HEPH_RUNTIME_REMOTE_TLS_H_
#define HEPH_RUNTIME_REMOTE_TLS_H_

#include <kj/compat/tls.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace heph::remote {

struct TlsServerOptions {
  // The server's certificate (its chain, leaf first) and unencrypted key.
  std::string certificate_file;
  std::string key_file;
  // If set, clients must present a certificate signed by one of these CAs;
  // others fail their handshake. Empty: clients need no certificate.
  std::string client_ca_file;
  // A client that has not finished its handshake by then is dropped (and
  // reported). Default 10 s.
  absl::Duration handshake_timeout = absl::Seconds(10);
};

struct TlsClientOptions {
  // The certificates (CAs, or the server's own) the server's certificate
  // must chain to. Empty: the system's trust store.
  std::string ca_file;
  // The name the server's certificate must carry (a DNS subjectAltName or
  // the common name). Empty: the address's host ("127.0.0.1", "::1";
  // "localhost" for Unix addresses).
  std::string server_name;
  // A client certificate and its key, for servers that require one.
  std::string certificate_file;
  std::string key_file;
};

// The contents of the files, read and checked once (a bad or missing file
// is InvalidArgument / NotFound naming it); each connection's worker makes
// its own kj::TlsContext from them.
struct TlsMaterial {
  std::string certificate_pem;  // may be empty (a client without certificate)
  std::string key_pem;
  std::string trusted_pem;  // empty: the system trust store (client only)
  bool verify_clients = false;
  absl::Duration handshake_timeout = absl::InfiniteDuration();

  static absl::StatusOr<TlsMaterial> ForServer(const TlsServerOptions& options);
  static absl::StatusOr<TlsMaterial> ForClient(const TlsClientOptions& options);
  // Throws a kj::Exception if the material does not parse (checked by
  // ForServer / ForClient already).
  kj::Own<kj::TlsContext> NewContext() const;
};

}  // namespace heph::remote

#endif  // HEPH_RUNTIME_REMOTE_TLS_H_
