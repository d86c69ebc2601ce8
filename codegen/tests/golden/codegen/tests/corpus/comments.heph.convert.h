// Generated from codegen/tests/corpus/comments.capnp by capnpc-heph. Do not edit.
// Conversions between the value types of codegen/tests/corpus/comments.heph.h and the readers and
// builders of codegen/tests/corpus/comments.capnp.h (capnpc-c++).
#ifndef HEPH_GENERATED_CODEGEN_TESTS_CORPUS_COMMENTS_HEPH_HCONVERT_H_
#define HEPH_GENERATED_CODEGEN_TESTS_CORPUS_COMMENTS_HEPH_HCONVERT_H_

#include "codegen/tests/corpus/comments.capnp.h"
#include "codegen/tests/corpus/comments.heph.h"

// In the capnpc-c++ namespace: FromCapnp(reader) and ToCapnp(value, builder)
// are found by argument-dependent lookup.
namespace corpus::comments {

inline actors::Path FromCapnp(::corpus::comments::Path::Reader from) {
  actors::Path to;
  to.first = std::string(from.getFirst().cStr(), from.getFirst().size());
  to.second = from.getSecond();
  to.slash = static_cast<actors::Slash>(from.getSlash());
  to.note = std::string(from.getNote().cStr(), from.getNote().size());
  return to;
}
inline void ToCapnp(const actors::Path& from, ::corpus::comments::Path::Builder to) {
  to.setFirst(::capnp::Text::Reader(from.first.data(), from.first.size()));
  to.setSecond(from.second);
  to.setSlash(static_cast<::corpus::comments::Slash>(from.slash));
  to.setNote(::capnp::Text::Reader(from.note.data(), from.note.size()));
}

inline actors::Walker_StepParams FromCapnp(::corpus::comments::Walker::StepParams::Reader from) {
  actors::Walker_StepParams to;
  if (from.hasPath()) to.path = FromCapnp(from.getPath());
  return to;
}
inline void ToCapnp(const actors::Walker_StepParams& from, ::corpus::comments::Walker::StepParams::Builder to) {
  ToCapnp(from.path, to.initPath());
}

inline actors::Walker_StepResults FromCapnp(::corpus::comments::Walker::StepResults::Reader from) {
  actors::Walker_StepResults to;
  to.steps = from.getSteps();
  return to;
}
inline void ToCapnp(const actors::Walker_StepResults& from, ::corpus::comments::Walker::StepResults::Builder to) {
  to.setSteps(from.steps);
}

inline actors::Walker_TurnParams FromCapnp(::corpus::comments::Walker::TurnParams::Reader from) {
  actors::Walker_TurnParams to;
  to.slash = static_cast<actors::Slash>(from.getSlash());
  return to;
}
inline void ToCapnp(const actors::Walker_TurnParams& from, ::corpus::comments::Walker::TurnParams::Builder to) {
  to.setSlash(static_cast<::corpus::comments::Slash>(from.slash));
}

inline actors::Walker_StopParams FromCapnp(::corpus::comments::Walker::StopParams::Reader) { return {}; }
inline void ToCapnp(const actors::Walker_StopParams&, ::corpus::comments::Walker::StopParams::Builder) {}

}  // namespace corpus::comments

#endif  // HEPH_GENERATED_CODEGEN_TESTS_CORPUS_COMMENTS_HEPH_HCONVERT_H_
