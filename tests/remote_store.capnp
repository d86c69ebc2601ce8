@0xc1c3a7e5d2f04b19;
# The protocol of the remote bridge tests (remote_bridge_test.cc): a store
# that exercises one-way methods, results, errors, dropped replies,
# inheritance and flow control across a Cap'n Proto RPC connection.

using Cxx = import "/capnp/c++.capnp";
using Heph = import "/idl/heph.capnp";
$Cxx.namespace("tests::remote");

interface Named {
  name @0 () -> (name :Text);
}

interface Store extends(Named) $Heph.inboxCapacity(4) {
  put @0 (key :Text, value :Text);
  # One-way.
  get @1 (key :Text) -> (value :Text);
  # NotFound (an error from the actor) when the key is absent.
  size @2 () -> (count :UInt64);
  # How many puts it has taken.
  drop @3 () -> (never :Bool);
  # The actor drops the call unanswered (the caller gets NoResponse).
  pause @4 (ms :UInt32);
  # The actor sleeps this long before its next message.
  stop @5 ();
  # The actor ends (its references then fail).
  crash @6 ();
  # The actor fails (its supervisor decides).
  fails @7 (code :UInt32, message :Text) -> (unused :Bool);
  # Replies with this absl code and message.
}

using Counter = import "/examples/counter/counter.capnp".Counter;

struct Entry {
  name @0 :Text;
  counter @1 :Counter;
}

interface Registry {
  # References in messages: counters cross as capabilities both ways.
  put @0 (name :Text, counter :Counter);
  # One-way: keeps the reference.
  find @1 (name :Text) -> (counter :Counter, found :Bool);
  # Gives back a kept reference (or the registry's own counter, "home").
  addTo @2 (counter :Counter, amount :UInt64) -> (total :UInt64);
  # Calls the given counter: add, then get.
  entries @3 () -> (entries :List(Entry));
  # Every kept reference, in a list of structs.
  many @4 (counters :List(Counter), amount :UInt64) -> (totals :List(UInt64));
  # Adds to each counter of a list.
}
