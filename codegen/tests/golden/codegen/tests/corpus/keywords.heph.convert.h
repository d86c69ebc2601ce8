// Generated from codegen/tests/corpus/keywords.capnp by capnpc-heph. Do not edit.
// Conversions between the value types of codegen/tests/corpus/keywords.heph.h and the readers and
// builders of codegen/tests/corpus/keywords.capnp.h (capnpc-c++).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_KEYWORDS_HEPH_HCONVERT_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_KEYWORDS_HEPH_HCONVERT_H_

#include "codegen/tests/corpus/keywords.capnp.h"
#include "codegen/tests/corpus/keywords.heph.h"

// In the capnpc-c++ namespace: FromCapnp(reader) and ToCapnp(value, builder)
// are found by argument-dependent lookup.
namespace corpus::keywords {

inline actors::Keywords_EOF FromCapnp(::corpus::keywords::Keywords::EOF::Reader from) {
  actors::Keywords_EOF to;
  to.value = from.getValue();
  return to;
}
inline void ToCapnp(const actors::Keywords_EOF& from, ::corpus::keywords::Keywords::EOF::Builder to) {
  to.setValue(from.value);
}

inline actors::Keywords_NULL FromCapnp(::corpus::keywords::Keywords::NULL::Reader from) {
  actors::Keywords_NULL to;
  to.nullptr_ = from.getNullptr();
  return to;
}
inline void ToCapnp(const actors::Keywords_NULL& from, ::corpus::keywords::Keywords::NULL::Builder to) {
  to.setNullptr(from.nullptr_);
}

inline actors::Keywords FromCapnp(::corpus::keywords::Keywords::Reader from) {
  actors::Keywords to;
  to.class_ = from.getClass();
  to.delete_ = std::string(from.getDelete().cStr(), from.getDelete().size());
  to.register_ = from.getRegister();
  to.errno_ = from.getErrno();
  to.unix_ = from.getUnix();
  to.major_ = from.getMajor();
  to.namespace_ = std::string(from.getNamespace().cStr(), from.getNamespace().size());
  if (from.hasEof()) to.eof = FromCapnp(from.getEof());
  if (from.hasNull()) to.null = FromCapnp(from.getNull());
  return to;
}
inline void ToCapnp(const actors::Keywords& from, ::corpus::keywords::Keywords::Builder to) {
  to.setClass(from.class_);
  to.setDelete(::capnp::Text::Reader(from.delete_.data(), from.delete_.size()));
  to.setRegister(from.register_);
  to.setErrno(from.errno_);
  to.setUnix(from.unix_);
  to.setMajor(from.major_);
  to.setNamespace(::capnp::Text::Reader(from.namespace_.data(), from.namespace_.size()));
  ToCapnp(from.eof, to.initEof());
  ToCapnp(from.null, to.initNull());
}

inline actors::Register_DeleteParams FromCapnp(::corpus::keywords::Register::DeleteParams::Reader from) {
  actors::Register_DeleteParams to;
  to.class_ = from.getClass();
  return to;
}
inline void ToCapnp(const actors::Register_DeleteParams& from, ::corpus::keywords::Register::DeleteParams::Builder to) {
  to.setClass(from.class_);
}

inline actors::Register_DeleteResults FromCapnp(::corpus::keywords::Register::DeleteResults::Reader from) {
  actors::Register_DeleteResults to;
  to.errno_ = from.getErrno();
  return to;
}
inline void ToCapnp(const actors::Register_DeleteResults& from, ::corpus::keywords::Register::DeleteResults::Builder to) {
  to.setErrno(from.errno_);
}

inline actors::Register_RegisterParams FromCapnp(::corpus::keywords::Register::RegisterParams::Reader from) {
  actors::Register_RegisterParams to;
  if (from.hasValue()) to.value = FromCapnp(from.getValue());
  return to;
}
inline void ToCapnp(const actors::Register_RegisterParams& from, ::corpus::keywords::Register::RegisterParams::Builder to) {
  ToCapnp(from.value, to.initValue());
}

inline actors::Register_NewParams FromCapnp(::corpus::keywords::Register::NewParams::Reader) { return {}; }
inline void ToCapnp(const actors::Register_NewParams&, ::corpus::keywords::Register::NewParams::Builder) {}

inline actors::Register_NewResults FromCapnp(::corpus::keywords::Register::NewResults::Reader from) {
  actors::Register_NewResults to;
  if (from.hasThis()) to.this_ = FromCapnp(from.getThis());
  return to;
}
inline void ToCapnp(const actors::Register_NewResults& from, ::corpus::keywords::Register::NewResults::Builder to) {
  ToCapnp(from.this_, to.initThis());
}

inline actors::Register_ActorParams FromCapnp(::corpus::keywords::Register::ActorParams::Reader) { return {}; }
inline void ToCapnp(const actors::Register_ActorParams&, ::corpus::keywords::Register::ActorParams::Builder) {}

inline actors::Register_ActorResults FromCapnp(::corpus::keywords::Register::ActorResults::Reader from) {
  actors::Register_ActorResults to;
  to.is_connected = from.getIsConnected();
  return to;
}
inline void ToCapnp(const actors::Register_ActorResults& from, ::corpus::keywords::Register::ActorResults::Builder to) {
  to.setIsConnected(from.is_connected);
}

}  // namespace corpus::keywords

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_KEYWORDS_HEPH_HCONVERT_H_
