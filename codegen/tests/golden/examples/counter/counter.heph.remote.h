// Generated from examples/counter/counter.capnp by capnpc-heph. Do not edit.
// The remote bridge of examples/counter/counter.heph.h: its protocols served to, and called over,
// Cap'n Proto RPC connections (see runtime/remote/bridge.h and docs/REMOTE.md).
#ifndef HEPH_GENERATED_EXAMPLES_COUNTER_COUNTER_HEPH_HREMOTE_H_
#define HEPH_GENERATED_EXAMPLES_COUNTER_COUNTER_HEPH_HREMOTE_H_

#include <capnp/capability.h>

#include <memory>

#include "examples/counter/counter.heph.h"
#include "runtime/remote/bridge.h"
#include "runtime/remote/rpc.h"

namespace examples::counter::actors {

// Serves `ref` to Cap'n Proto RPC peers as a Counter capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const CounterRef& ref);
// A CounterRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Counter> uses it).
CounterRef HephRemoteConnect(::heph::remote::ProtocolTag<Counter>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A CounterRef for a Counter capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
CounterRef HephRemoteReceive(::heph::remote::ProtocolTag<Counter>, ::capnp::Capability::Client capability,
    std::string peer);

}  // namespace examples::counter::actors

#endif  // HEPH_GENERATED_EXAMPLES_COUNTER_COUNTER_HEPH_HREMOTE_H_
