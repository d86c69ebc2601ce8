// A fuzz target for the code generator (issue 15): what capnpc-heph does
// with any CodeGeneratorRequest, as the bytes `capnp compile -o-` writes.
// Every input must end in generated files or a clean error, as the plugin
// reports them: a GenError ("file:line: error: element: reason") or a
// kj::Exception from reading the message. Anything else (a crash, a
// sanitizer report, another exception, a hang) is a bug.
//
// Seeds: codegen/fuzz/requests/, requests of the generator's test corpus
// and of the examples (`capnp compile -I. -o- x.capnp > x.bin`).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "capnp/schema.capnp.h"
#include "capnp/serialize.h"
#include "codegen/generator/file_generator.h"
#include "codegen/generator/schema_context.h"
#include "kj/array.h"
#include "kj/exception.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A message is whole words; the reader needs them aligned.
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(size / sizeof(capnp::word));
  std::memcpy(words.begin(), data, words.size() * sizeof(capnp::word));
  capnp::ReaderOptions options;
  // Seeds are at most 26 KiB (3.3 K words); the plugin itself allows 1 G words.
  options.traversalLimitInWords = 1 << 16;
  options.nestingLimit = 64;
  try {
    capnp::FlatArrayMessageReader reader(words, options);
    (void)heph::capnpc::GenerateFiles(reader.getRoot<capnp::schema::CodeGeneratorRequest>());
  } catch (const heph::capnpc::GenError&) {
    // A schema the generator refuses, named: what users see.
  } catch (const kj::Exception&) {
    // A malformed message (or schema loader refusal).
  }
  return 0;
}
