// Generated from codegen/tests/corpus/comments.capnp by capnpc-heph. Do not edit.
// The remote bridge of codegen/tests/corpus/comments.heph.h: its protocols served to, and called over,
// Cap'n Proto RPC connections (see runtime/remote/bridge.h and docs/REMOTE.md).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_COMMENTS_HEPH_HREMOTE_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_COMMENTS_HEPH_HREMOTE_H_

#include <capnp/capability.h>

#include <memory>

#include "codegen/tests/corpus/comments.heph.h"
#include "runtime/remote/bridge.h"
#include "runtime/remote/rpc.h"

namespace corpus::comments::actors {

// Serves `ref` to Cap'n Proto RPC peers as a Walker capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const WalkerRef& ref);
// A WalkerRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Walker> uses it).
WalkerRef HephRemoteConnect(::heph::remote::ProtocolTag<Walker>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A WalkerRef for a Walker capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
WalkerRef HephRemoteReceive(::heph::remote::ProtocolTag<Walker>, ::capnp::Capability::Client capability,
    std::string peer);

}  // namespace corpus::comments::actors

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_COMMENTS_HEPH_HREMOTE_H_
