@0xe4c7d2b1a3f5b602;
# The corpus: every type capnpc-heph supports.

using Cxx = import "/capnp/c++.capnp";
using Heph = import "/idl/heph.capnp";
using Imported = import "imported.capnp";
$Cxx.namespace("corpus");

const answer :Int32 = 42;
const greeting :Text = "hello \"world\"\n";
const primes :List(UInt8) = [2, 3, 5, 7];
const origin :Imported.Point = (x = 0.0, y = -2.0);

enum Mood {
  # How things are.
  happy @0;
  sad @1;
  class @2;   # a keyword
  delete @3;
}

struct Scalars {
  # Every scalar type, with defaults.
  void @0 :Void;
  bool @1 :Bool = true;
  i8 @2 :Int8 = -8;
  i16 @3 :Int16 = -16;
  i32 @4 :Int32 = -32;
  i64 @5 :Int64 = -9223372036854775808;
  u8 @6 :UInt8 = 8;
  u16 @7 :UInt16 = 16;
  u32 @8 :UInt32 = 4294967295;
  u64 @9 :UInt64 = 18446744073709551615;
  f32 @10 :Float32 = 1.25;
  f64 @11 :Float64 = -0.5e300;
  inf @12 :Float64 = inf;
  text @13 :Text = "tab\there";
  data @14 :Data = 0x"01 02 ff";
  mood @15 :Mood = sad;
  plain @16 :Int32;
}

struct Lists {
  bools @0 :List(Bool) = [true, false];
  ints @1 :List(Int64);
  texts @2 :List(Text) = ["a", "b"];
  datas @3 :List(Data);
  nested @4 :List(List(UInt16)) = [[1, 2], [], [3]];
  deep @5 :List(List(List(Text)));
  structs @6 :List(Imported.Point);
  enums @7 :List(Mood) = [happy, delete];
  voids @8 :List(Void);
  floats @9 :List(Float32);
}

struct Shape {
  # Unions and groups.
  name @0 :Text;
  union {
    circle @1 :Float64;
    square @2 :Imported.Point;
    empty @3 :Void;
    label @4 :Text;
  }
  position :group {
    x @5 :Int32 = 3;
    y @6 :Int32;
  }
  fill :union {
    none @7 :Void;
    color @8 :Imported.Color;
    pattern @9 :Text;
  }
}

struct Outer {
  # Nested types.
  struct Inner {
    value @0 :Int32 = 7;
    enum Kind {
      small @0;
      big @1;
    }
    kind @1 :Kind = big;
  }
  inner @0 :Inner = (value = 9);
  inners @1 :List(Inner);
  tree @2 :List(Outer);
  const limit :UInt32 = 100;
}

struct WithDefaults {
  point @0 :Imported.Point = (x = 1.0, y = 2.0);
  shape @1 :Shape = (name = "dot", label = "here", position = (y = 4));
  color @2 :Imported.Color = blue;
  list @3 :List(Imported.Point) = [(x = 1.0), (y = 3.0)];
}

interface Echo extends(Imported.Named) $Heph.inboxCapacity(4) {
  # Echoes every type back; also a Named (inherited interface).
  scalars @0 (value :Scalars) -> (value :Scalars);
  lists @1 (value :Lists) -> (value :Lists);
  shape @2 Shape -> Shape;
  mood @3 (value :Mood) -> (value :Mood);
  outer @4 (value :Outer, defaults :WithDefaults) -> (value :Outer, defaults :WithDefaults);
  notify @5 (mood :Mood, note :Text);
  delete @6 () -> ();
  register @7 (class :Int32) -> (errno :Int32);
}

interface Plotter {
  # A named struct from another file as a method's parameters and results.
  plot @0 Imported.Point -> Imported.Point;
}

interface Params {
  # An interface whose name ends the way a parameter struct's does.
  get @0 () -> (x :Int32);
}

interface Registry {
  # Interfaces as parameters and results carry actor references.
  put @0 (name :Text, echo :Echo);
  find @1 (name :Text) -> (echo :Echo, found :Bool);
  named @2 (named :Imported.Named) -> (name :Text);
}

struct Entry {
  # A struct holding an actor reference.
  name @0 :Text;
  target @1 :Echo;
}

interface Base {
  ping @0 () -> (pong :Bool);
}
interface Left extends(Base) {
  left @0 ();
}
interface Right extends(Base) {
  right @0 ();
}
interface Diamond extends(Left, Right) {
  # Base appears once.
  both @0 () -> (count :UInt32);
}
