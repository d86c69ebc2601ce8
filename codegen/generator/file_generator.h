// The files capnpc-heph writes for each requested schema x.capnp: it checks
// the names, orders the declarations, runs the emitters and puts heads,
// includes and guards around their output: x.heph.h, x.heph.cc,
// x.heph.convert.h and, while capnpc-c++ runs too, x.heph.remote.h and .cc.
#ifndef HEPH_CODEGEN_GENERATOR_FILE_GENERATOR_H_
#define HEPH_CODEGEN_GENERATOR_FILE_GENERATOR_H_

#include <capnp/schema.capnp.h>

#include <map>
#include <string>

namespace heph::capnpc {

// path -> content, for every requested file. Throws GenError (schema_context.h)
// for an unsupported or invalid schema, and kj::Exception for a malformed
// request.
std::map<std::string, std::string> GenerateFiles(capnp::schema::CodeGeneratorRequest::Reader request);

}  // namespace heph::capnpc

#endif  // HEPH_CODEGEN_GENERATOR_FILE_GENERATOR_H_
