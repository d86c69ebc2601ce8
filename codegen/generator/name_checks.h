// The checks capnpc-heph makes before it emits anything: every generated
// name is unique in its C++ scope (the file's namespace, each value struct,
// protocol struct, reference and handler), and, while capnpc-c++ runs on the
// same schema, no name is one capnpc-c++ 0.9.2 cannot compile.
#ifndef HEPH_CODEGEN_GENERATOR_NAME_CHECKS_H_
#define HEPH_CODEGEN_GENERATOR_NAME_CHECKS_H_

#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

// Checks, before anything is emitted, that the names generated for the
// declarations of ctx.file() do not clash: in the file's namespace, in each
// value struct, protocol struct, reference and handler. Names are made from
// the schema's by fixed rules (see names.h and docs/CODEGEN.md): snake_case
// members, Outer_Inner types, try_ calls, <Method>Params/Results/Call,
// <Interface>Ref/Handler/_Message. Throws GenError at the second element of
// a clash, naming the first.
void CheckNames(SchemaContext& ctx);

// When capnpc-c++ runs on the same schema (capnp_cpp = True, the rule's
// default), its output must compile too: rejects the names it breaks on.
void CheckCapnpCppNames(SchemaContext& ctx);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_NAME_CHECKS_H_
