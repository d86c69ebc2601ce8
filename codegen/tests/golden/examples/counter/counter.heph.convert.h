// Generated from examples/counter/counter.capnp by capnpc-heph. Do not edit.
// Conversions between the value types of examples/counter/counter.heph.h and the readers and
// builders of examples/counter/counter.capnp.h (capnpc-c++).
#ifndef HEPH_GENERATED_EXAMPLES_COUNTER_COUNTER_HEPH_HCONVERT_H_
#define HEPH_GENERATED_EXAMPLES_COUNTER_COUNTER_HEPH_HCONVERT_H_

#include "examples/counter/counter.capnp.h"
#include "examples/counter/counter.heph.h"

// In the capnpc-c++ namespace: FromCapnp(reader) and ToCapnp(value, builder)
// are found by argument-dependent lookup.
namespace examples::counter {

inline actors::Counter_AddParams FromCapnp(::examples::counter::Counter::AddParams::Reader from) {
  actors::Counter_AddParams to;
  to.amount = from.getAmount();
  return to;
}
inline void ToCapnp(const actors::Counter_AddParams& from, ::examples::counter::Counter::AddParams::Builder to) {
  to.setAmount(from.amount);
}

inline actors::Counter_GetParams FromCapnp(::examples::counter::Counter::GetParams::Reader) { return {}; }
inline void ToCapnp(const actors::Counter_GetParams&, ::examples::counter::Counter::GetParams::Builder) {}

inline actors::Counter_GetResults FromCapnp(::examples::counter::Counter::GetResults::Reader from) {
  actors::Counter_GetResults to;
  to.value = from.getValue();
  return to;
}
inline void ToCapnp(const actors::Counter_GetResults& from, ::examples::counter::Counter::GetResults::Builder to) {
  to.setValue(from.value);
}

}  // namespace examples::counter

#endif  // HEPH_GENERATED_EXAMPLES_COUNTER_COUNTER_HEPH_HCONVERT_H_
