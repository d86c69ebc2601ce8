// Generated from codegen/tests/corpus/types.capnp by capnpc-heph. Do not edit.
// The remote bridge of codegen/tests/corpus/types.heph.h: its protocols served to, and called over,
// Cap'n Proto RPC connections (see runtime/remote/bridge.h and docs/REMOTE.md).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_TYPES_HEPH_HREMOTE_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_TYPES_HEPH_HREMOTE_H_

#include <capnp/capability.h>

#include <memory>

#include "codegen/tests/corpus/types.heph.h"
#include "runtime/remote/bridge.h"
#include "runtime/remote/rpc.h"

namespace corpus::actors {

// Serves `ref` to Cap'n Proto RPC peers as a Echo capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const EchoRef& ref);
// A EchoRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Echo> uses it).
EchoRef HephRemoteConnect(::heph::remote::ProtocolTag<Echo>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A EchoRef for a Echo capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
EchoRef HephRemoteReceive(::heph::remote::ProtocolTag<Echo>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Plotter capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const PlotterRef& ref);
// A PlotterRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Plotter> uses it).
PlotterRef HephRemoteConnect(::heph::remote::ProtocolTag<Plotter>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A PlotterRef for a Plotter capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
PlotterRef HephRemoteReceive(::heph::remote::ProtocolTag<Plotter>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Params capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const ParamsRef& ref);
// A ParamsRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Params> uses it).
ParamsRef HephRemoteConnect(::heph::remote::ProtocolTag<Params>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A ParamsRef for a Params capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
ParamsRef HephRemoteReceive(::heph::remote::ProtocolTag<Params>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Registry capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const RegistryRef& ref);
// A RegistryRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Registry> uses it).
RegistryRef HephRemoteConnect(::heph::remote::ProtocolTag<Registry>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A RegistryRef for a Registry capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
RegistryRef HephRemoteReceive(::heph::remote::ProtocolTag<Registry>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Base capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const BaseRef& ref);
// A BaseRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Base> uses it).
BaseRef HephRemoteConnect(::heph::remote::ProtocolTag<Base>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A BaseRef for a Base capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
BaseRef HephRemoteReceive(::heph::remote::ProtocolTag<Base>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Left capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const LeftRef& ref);
// A LeftRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Left> uses it).
LeftRef HephRemoteConnect(::heph::remote::ProtocolTag<Left>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A LeftRef for a Left capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
LeftRef HephRemoteReceive(::heph::remote::ProtocolTag<Left>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Right capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const RightRef& ref);
// A RightRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Right> uses it).
RightRef HephRemoteConnect(::heph::remote::ProtocolTag<Right>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A RightRef for a Right capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
RightRef HephRemoteReceive(::heph::remote::ProtocolTag<Right>, ::capnp::Capability::Client capability,
    std::string peer);

// Serves `ref` to Cap'n Proto RPC peers as a Diamond capability: each call becomes a
// message to the actor (heph::remote::Serve uses it).
::capnp::Capability::Client HephRemoteExport(const DiamondRef& ref);
// A DiamondRef whose actor, on this worker, owns `connection` and forwards every call
// to the peer's bootstrap capability (heph::remote::Connect<Diamond> uses it).
DiamondRef HephRemoteConnect(::heph::remote::ProtocolTag<Diamond>, std::unique_ptr<::heph::remote::RpcConnection> connection,
    ::heph::remote::ProxyOptions options);
// A DiamondRef for a Diamond capability received from `peer` (in a message):
// its actor, on this worker, forwards every call to it.
DiamondRef HephRemoteReceive(::heph::remote::ProtocolTag<Diamond>, ::capnp::Capability::Client capability,
    std::string peer);

}  // namespace corpus::actors

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_TYPES_HEPH_HREMOTE_H_
