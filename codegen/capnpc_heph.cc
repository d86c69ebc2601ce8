// capnpc-heph: a `capnp compile` plugin that turns Cap'n Proto schemas into
// Heph actor protocols (see docs/CODEGEN.md).
//
//   HEPH_CAPNPC_SRCDIR=$PWD capnp compile -I/usr/include -I. -o path/to/capnpc-heph:OUTDIR foo/bar.capnp
//
// (HEPH_CAPNPC_SRCDIR lets errors give line numbers: capnp runs plugins in
// OUTDIR and tells them only the schema's relative name.)
//
// For each requested file foo/bar.capnp it writes OUTDIR/foo/bar.heph.h (plain
// value types, typed actor references, messages and handlers),
// OUTDIR/foo/bar.heph.cc (the header's out-of-line part: compiled once, so
// that files including the header compile little more than declarations),
// OUTDIR/foo/bar.heph.convert.h (conversions to and from the readers and
// builders capnpc-c++ generates) and, while capnpc-c++ runs too,
// OUTDIR/foo/bar.heph.remote.h and .cc (the remote bridge). Unsupported schema features stop the
// plugin with "file:line: error: element: reason", a non-zero exit and no
// output at all.
//
// This file is the plugin's main(): it reads the request, runs the generator
// (codegen/generator/, see file_generator.h) and writes the files.
#include <sys/stat.h>

#include <capnp/schema.capnp.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "codegen/generator/file_generator.h"
#include "codegen/generator/schema_context.h"

namespace {

void MakeParentDirs(const std::string& path) {
  for (size_t pos = path.find('/'); pos != std::string::npos; pos = path.find('/', pos + 1)) {
    if (pos > 0) ::mkdir(path.substr(0, pos).c_str(), 0755);
  }
}

}  // namespace

int main() {
  capnp::ReaderOptions options;
  options.traversalLimitInWords = 1ull << 30;
  options.nestingLimit = 256;
  std::map<std::string, std::string> files;
  try {
    capnp::StreamFdMessageReader reader(0, options);
    files = heph::capnpc::GenerateFiles(reader.getRoot<capnp::schema::CodeGeneratorRequest>());
  } catch (const heph::capnpc::GenError& e) {
    std::cerr << e.file << (e.line > 0 ? ":" + std::to_string(e.line) : std::string()) << ": error: "
              << e.message << "\n";
    return 1;
  } catch (const kj::Exception& e) {
    std::cerr << "capnpc-heph: error: " << e.getDescription().cStr() << "\n";
    return 1;
  }
  // Nothing is written unless every file generated.
  for (const auto& [path, content] : files) {
    MakeParentDirs(path);
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) {
      std::cerr << "capnpc-heph: error: cannot write " << path << "\n";
      return 1;
    }
  }
  return 0;
}
