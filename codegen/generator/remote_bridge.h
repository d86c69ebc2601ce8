// The remote bridge, x.heph.remote.h and x.heph.remote.cc: per interface, a
// capnp Server turning calls into messages for a reference, the forwarding
// of a proxy's messages as capnp requests, and the hooks heph::remote::Serve
// and Connect<P> find by argument-dependent lookup (HephRemoteExport,
// HephRemoteConnect), HephRemoteReceive for a capability received in a
// message, and the conversions of structs carrying references (references
// cross as capabilities). Emitted only while capnpc-c++ runs on the schema.
#ifndef HEPH_CODEGEN_GENERATOR_REMOTE_BRIDGE_H_
#define HEPH_CODEGEN_GENERATOR_REMOTE_BRIDGE_H_

#include <capnp/schema.h>

#include <string>
#include <vector>

#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

struct RemoteBridge {
  std::string h;   // x.heph.remote.h
  std::string cc;  // x.heph.remote.cc
};

// The bridge of the file's interfaces `ifaces` (in declaration order); `guard`
// is x.heph.h's include guard, `ns` its namespace. Empty if capnpc-c++ does
// not run (ctx.capnp_cpp() is false).
RemoteBridge EmitRemoteBridge(SchemaContext& ctx, const std::vector<capnp::InterfaceSchema>& ifaces,
                              const std::string& guard, const std::string& ns);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_REMOTE_BRIDGE_H_
