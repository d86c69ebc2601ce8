@0xd3b6c1a0f2e4a501;
# Types imported by types.capnp: imports across files.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("corpus::imported");

struct Point {
  # A point in the plane.
  x @0 :Float64;
  y @1 :Float64 = 1.5;
}

enum Color {
  red @0;
  green @1;
  blue @2;
}

interface Named {
  # Something with a name.
  name @0 () -> (name :Text);
}
