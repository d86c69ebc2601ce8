@0xed22b65b2208deb7;
# A counter protocol: the example for capnpc-heph (see docs/CODEGEN.md).

using Cxx = import "/capnp/c++.capnp";
using Heph = import "/idl/heph.capnp";
$Cxx.namespace("examples::counter");

interface Counter $Heph.inboxCapacity(16) {
  # Counts what it is given.

  add @0 (amount :UInt64);
  # Adds `amount` to the total.

  get @1 () -> (value :UInt64);
  # The total so far.
}
