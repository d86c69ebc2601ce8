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

inline actors::Cpp20_ConceptParams FromCapnp(::corpus::keywords::Cpp20::ConceptParams::Reader from) {
  actors::Cpp20_ConceptParams to;
  to.requires_ = from.getRequires();
  return to;
}
inline void ToCapnp(const actors::Cpp20_ConceptParams& from, ::corpus::keywords::Cpp20::ConceptParams::Builder to) {
  to.setRequires(from.requires_);
}

inline actors::Cpp20_ConceptResults FromCapnp(::corpus::keywords::Cpp20::ConceptResults::Reader from) {
  actors::Cpp20_ConceptResults to;
  to.consteval_ = from.getConsteval();
  return to;
}
inline void ToCapnp(const actors::Cpp20_ConceptResults& from, ::corpus::keywords::Cpp20::ConceptResults::Builder to) {
  to.setConsteval(from.consteval_);
}

inline actors::Cpp20_RequiresParams FromCapnp(::corpus::keywords::Cpp20::RequiresParams::Reader from) {
  actors::Cpp20_RequiresParams to;
  to.constinit_ = from.getConstinit();
  return to;
}
inline void ToCapnp(const actors::Cpp20_RequiresParams& from, ::corpus::keywords::Cpp20::RequiresParams::Builder to) {
  to.setConstinit(from.constinit_);
}

inline actors::Cpp20_ConstevalParams FromCapnp(::corpus::keywords::Cpp20::ConstevalParams::Reader) { return {}; }
inline void ToCapnp(const actors::Cpp20_ConstevalParams&, ::corpus::keywords::Cpp20::ConstevalParams::Builder) {}

inline actors::Cpp20_ConstinitParams FromCapnp(::corpus::keywords::Cpp20::ConstinitParams::Reader) { return {}; }
inline void ToCapnp(const actors::Cpp20_ConstinitParams&, ::corpus::keywords::Cpp20::ConstinitParams::Builder) {}

inline actors::Cpp20_ConstinitResults FromCapnp(::corpus::keywords::Cpp20::ConstinitResults::Reader from) {
  actors::Cpp20_ConstinitResults to;
  to.constinit_ = from.getConstinit();
  return to;
}
inline void ToCapnp(const actors::Cpp20_ConstinitResults& from, ::corpus::keywords::Cpp20::ConstinitResults::Builder to) {
  to.setConstinit(from.constinit_);
}

inline actors::Cpp20_CoAwaitParams FromCapnp(::corpus::keywords::Cpp20::CoAwaitParams::Reader from) {
  actors::Cpp20_CoAwaitParams to;
  to.co_return_ = from.getCoReturn();
  return to;
}
inline void ToCapnp(const actors::Cpp20_CoAwaitParams& from, ::corpus::keywords::Cpp20::CoAwaitParams::Builder to) {
  to.setCoReturn(from.co_return_);
}

inline actors::Cpp20_CoAwaitResults FromCapnp(::corpus::keywords::Cpp20::CoAwaitResults::Reader from) {
  actors::Cpp20_CoAwaitResults to;
  to.co_yield_ = from.getCoYield();
  return to;
}
inline void ToCapnp(const actors::Cpp20_CoAwaitResults& from, ::corpus::keywords::Cpp20::CoAwaitResults::Builder to) {
  to.setCoYield(from.co_yield_);
}

inline actors::Cpp20_Char8TParams FromCapnp(::corpus::keywords::Cpp20::Char8TParams::Reader from) {
  actors::Cpp20_Char8TParams to;
  to.static_assert_ = std::string(from.getStaticAssert().cStr(), from.getStaticAssert().size());
  return to;
}
inline void ToCapnp(const actors::Cpp20_Char8TParams& from, ::corpus::keywords::Cpp20::Char8TParams::Builder to) {
  to.setStaticAssert(::capnp::Text::Reader(from.static_assert_.data(), from.static_assert_.size()));
}

inline actors::Cpp20_AssertParams FromCapnp(::corpus::keywords::Cpp20::AssertParams::Reader from) {
  actors::Cpp20_AssertParams to;
  to.offsetof_ = from.getOffsetof();
  return to;
}
inline void ToCapnp(const actors::Cpp20_AssertParams& from, ::corpus::keywords::Cpp20::AssertParams::Builder to) {
  to.setOffsetof(from.offsetof_);
}

inline actors::Cpp20_AssertResults FromCapnp(::corpus::keywords::Cpp20::AssertResults::Reader from) {
  actors::Cpp20_AssertResults to;
  to.makedev_ = from.getMakedev();
  return to;
}
inline void ToCapnp(const actors::Cpp20_AssertResults& from, ::corpus::keywords::Cpp20::AssertResults::Builder to) {
  to.setMakedev(from.makedev_);
}

inline actors::Cpp20_OffsetofParams FromCapnp(::corpus::keywords::Cpp20::OffsetofParams::Reader) { return {}; }
inline void ToCapnp(const actors::Cpp20_OffsetofParams&, ::corpus::keywords::Cpp20::OffsetofParams::Builder) {}

inline actors::Cpp20_MakedevParams FromCapnp(::corpus::keywords::Cpp20::MakedevParams::Reader) { return {}; }
inline void ToCapnp(const actors::Cpp20_MakedevParams&, ::corpus::keywords::Cpp20::MakedevParams::Builder) {}

inline actors::Job_StatusParams FromCapnp(::corpus::keywords::Job::StatusParams::Reader) { return {}; }
inline void ToCapnp(const actors::Job_StatusParams&, ::corpus::keywords::Job::StatusParams::Builder) {}

inline actors::Job_StatusResults FromCapnp(::corpus::keywords::Job::StatusResults::Reader from) {
  actors::Job_StatusResults to;
  to.done = from.getDone();
  return to;
}
inline void ToCapnp(const actors::Job_StatusResults& from, ::corpus::keywords::Job::StatusResults::Builder to) {
  to.setDone(from.done);
}

inline actors::Job_MessageParams FromCapnp(::corpus::keywords::Job::MessageParams::Reader from) {
  actors::Job_MessageParams to;
  to.ctx = std::string(from.getCtx().cStr(), from.getCtx().size());
  return to;
}
inline void ToCapnp(const actors::Job_MessageParams& from, ::corpus::keywords::Job::MessageParams::Builder to) {
  to.setCtx(::capnp::Text::Reader(from.ctx.data(), from.ctx.size()));
}

inline actors::Job_MethodParams FromCapnp(::corpus::keywords::Job::MethodParams::Reader from) {
  actors::Job_MethodParams to;
  to.done = from.getDone();
  return to;
}
inline void ToCapnp(const actors::Job_MethodParams& from, ::corpus::keywords::Job::MethodParams::Builder to) {
  to.setDone(from.done);
}

inline actors::Job_MethodResults FromCapnp(::corpus::keywords::Job::MethodResults::Reader from) {
  actors::Job_MethodResults to;
  to.results = from.getResults();
  return to;
}
inline void ToCapnp(const actors::Job_MethodResults& from, ::corpus::keywords::Job::MethodResults::Builder to) {
  to.setResults(from.results);
}

inline actors::Job_CallParams FromCapnp(::corpus::keywords::Job::CallParams::Reader from) {
  actors::Job_CallParams to;
  to.h = from.getH();
  return to;
}
inline void ToCapnp(const actors::Job_CallParams& from, ::corpus::keywords::Job::CallParams::Builder to) {
  to.setH(from.h);
}

}  // namespace corpus::keywords

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_KEYWORDS_HEPH_HCONVERT_H_
