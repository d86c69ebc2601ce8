// The protocol of each interface, in x.heph.h and x.heph.cc: its typed
// reference (FooRef: one call per method), the call types of methods with
// results, its message (a tagged union of the methods' payloads, with its
// moves, copies and destructor out of line), and the protocol struct (names,
// aliases, Spawn helpers and Visit).
#ifndef HEPH_CODEGEN_GENERATOR_PROTOCOL_H_
#define HEPH_CODEGEN_GENERATOR_PROTOCOL_H_

#include <capnp/schema.h>

#include <string>

#include "codegen/generator/schema_context.h"

namespace heph::capnpc {

// class FooRef { ... }, in `h`: declarations only (param types may be
// incomplete; EmitRefDefinitions defines the calls).
void EmitRefClass(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h);

// Foo_BarCall for each method with results, in `h`; its reply and fail in `cc`.
void EmitCallTypes(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h, std::string& cc);

// Foo_Message, in `h`; its constructors, moves, copies, destructor and
// method_name in `cc`. Throws GenError when two methods have the same
// payload type, or the protocol has more than 1,024 methods.
void EmitMessage(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h, std::string& cc);

// struct Foo: the protocol's name, inbox capacity, aliases, Spawn helpers and
// Visit, in `h`.
void EmitProtocol(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& h);

// FooRef's conversions to its bases' references and its calls, in `cc`.
void EmitRefDefinitions(SchemaContext& ctx, capnp::InterfaceSchema iface, std::string& cc);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_PROTOCOL_H_
