// Generated from codegen/tests/corpus/imported.capnp by capnpc-heph. Do not edit.
// Conversions between the value types of codegen/tests/corpus/imported.heph.h and the readers and
// builders of codegen/tests/corpus/imported.capnp.h (capnpc-c++).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_IMPORTED_HEPH_HCONVERT_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_IMPORTED_HEPH_HCONVERT_H_

#include "codegen/tests/corpus/imported.capnp.h"
#include "codegen/tests/corpus/imported.heph.h"

// In the capnpc-c++ namespace: FromCapnp(reader) and ToCapnp(value, builder)
// are found by argument-dependent lookup.
namespace corpus::imported {

inline actors::Point FromCapnp(::corpus::imported::Point::Reader from) {
  actors::Point to;
  to.x = from.getX();
  to.y = from.getY();
  return to;
}
inline void ToCapnp(const actors::Point& from, ::corpus::imported::Point::Builder to) {
  to.setX(from.x);
  to.setY(from.y);
}

inline actors::Named_NameParams FromCapnp(::corpus::imported::Named::NameParams::Reader) { return {}; }
inline void ToCapnp(const actors::Named_NameParams&, ::corpus::imported::Named::NameParams::Builder) {}

inline actors::Named_NameResults FromCapnp(::corpus::imported::Named::NameResults::Reader from) {
  actors::Named_NameResults to;
  to.name = std::string(from.getName().cStr(), from.getName().size());
  return to;
}
inline void ToCapnp(const actors::Named_NameResults& from, ::corpus::imported::Named::NameResults::Builder to) {
  to.setName(::capnp::Text::Reader(from.name.data(), from.name.size()));
}

}  // namespace corpus::imported

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_IMPORTED_HEPH_HCONVERT_H_
