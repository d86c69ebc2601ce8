@0xf5d8e3c2b4a6c703;
# Names that are C++ keywords or common macros. capnpc-c++ itself cannot
# compile some of these (struct EOF, NULL), so this file gets value types and
# actors only (heph_cc_actor_library(..., capnp_cpp = False)).

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("corpus::keywords");

enum Mood {
  class @0;
  delete @1;
  null @2;
}

struct Keywords {
  # Names that are C++ keywords or macros.
  class @0 :Int32;
  delete @1 :Text;
  register @2 :Bool;
  errno @3 :Int32;
  unix @4 :Int32;
  major @5 :UInt8;
  namespace @6 :Text;
  struct EOF {
    value @0 :Int8 = -1;
  }
  eof @7 :EOF;
  null @8 :NULL;
  struct NULL {
    nullptr @0 :Bool;
  }
}

interface Register {
  # Methods named like keywords.
  delete @0 (class :Int32) -> (errno :Int32);
  register @1 (value :Keywords);
  new @2 () -> (this :Keywords.EOF);
  actor @3 () -> (isConnected :Bool);  # names the reference itself uses
}

interface Cpp20 {
  # Methods named like the C++20 keywords and C library macros that
  # capnpc-c++ 0.9.2 emits unchanged (capnpc-heph rejects them unless
  # capnp_cpp = False), and names that are keywords once in snake_case.
  concept @0 (requires :Int32) -> (consteval :Int32);
  requires @1 (constinit :Int32);  # one-way: requires_ and try_requires
  consteval @2 ();
  constinit @3 () -> (constinit :Bool);
  coAwait @4 (coReturn :Int32) -> (coYield :Int32);
  char8T @5 (staticAssert :Text);
  assert @6 (offsetof :Int32) -> (makedev :Int32);
  offsetof @7 ();
  makedev @8 ();
}

interface Job {
  # Methods named like the generated dispatch's own names (its parameters,
  # locals and flag), and both handler forms (e2e_test: PlainHandlerMethods).
  status @0 () -> (done :Bool);
  message @1 (ctx :Text);
  method @2 (done :UInt32) -> (results :UInt32);
  call @3 (h :UInt32);
}
