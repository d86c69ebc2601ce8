// The handler of each interface: the class FooHandler in x.heph.h (a plain
// and a coroutine virtual per method, Handle and Serve), and in x.heph.cc its
// methods' defaults, the dispatch tables (one Run and one Complete per
// method) and the serve loop.
#ifndef HEPH_CODEGEN_GENERATOR_HANDLER_H_
#define HEPH_CODEGEN_GENERATOR_HANDLER_H_

#include <capnp/schema.h>

#include <string>

#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

// The handler's class, in `h`, and its definitions, in `cc`.
void EmitHandler(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h, std::string& cc);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_HANDLER_H_
