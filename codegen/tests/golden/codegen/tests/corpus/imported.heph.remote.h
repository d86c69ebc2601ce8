// Generated from codegen/tests/corpus/imported.capnp by capnpc-heph. Do not edit.
// The remote bridge of codegen/tests/corpus/imported.heph.h: its protocols served to, and called over,
// Cap'n Proto RPC connections (see runtime/remote/bridge.h and docs/REMOTE.md).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_IMPORTED_HEPH_HREMOTE_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_IMPORTED_HEPH_HREMOTE_H_

#include <capnp/capability.h>

#include <memory>

#include "codegen/tests/corpus/imported.heph.h"
#include "runtime/remote/bridge.h"
#include "runtime/remote/rpc.h"

namespace corpus::imported::actors {

// Serves `ref` to Cap'n Proto RPC peers as a Named capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const NamedRef& ref);
// A NamedRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Named> uses it).
NamedRef HephRemoteConnect(::heph::remote::ProtocolTag<Named>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A NamedRef for a Named capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
NamedRef HephRemoteReceive(::heph::remote::ProtocolTag<Named>, ::capnp::Capability::Client capability,
    std::string peer);

}  // namespace corpus::imported::actors

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_IMPORTED_HEPH_HREMOTE_H_
