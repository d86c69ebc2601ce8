// The value types of x.heph.h: an enum class per enum, a plain struct per
// struct, group and method parameter or result list (with the schema's
// defaults as member initializers, and a Which tag for unions), and an
// inline constant per const.
#ifndef HEPH_CODEGEN_GENERATOR_VALUE_TYPES_H_
#define HEPH_CODEGEN_GENERATOR_VALUE_TYPES_H_

#include <capnp/schema.h>

#include <string>

#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

// Each appends the declaration to `h` (x.heph.h).
void EmitEnum(SchemaContext& ctx, capnp::EnumSchema e, std::string& h);
void EmitStruct(SchemaContext& ctx, capnp::StructSchema s, std::string& h);
void EmitConst(SchemaContext& ctx, capnp::ConstSchema c, std::string& h);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_VALUE_TYPES_H_
