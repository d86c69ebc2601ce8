// The conversions of x.heph.convert.h: FromCapnp(reader) and
// ToCapnp(value, builder) between each value type and the readers and
// builders capnpc-c++ generates for it.
#ifndef HEPH_CODEGEN_GENERATOR_CONVERSIONS_H_
#define HEPH_CODEGEN_GENERATOR_CONVERSIONS_H_

#include <capnp/schema.h>

#include <string>

#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

// FromCapnp and ToCapnp for the struct `s`, appended to `out`. They live in
// the capnpc-c++ namespace, so argument-dependent lookup finds them from a
// Reader or Builder; the value types are named through ctx's local prefix
// ("actors::").
void EmitConversions(SchemaContext& ctx, capnp::StructSchema s, std::string& out);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_CONVERSIONS_H_
