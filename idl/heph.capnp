# Annotations understood by capnpc-heph, the Heph actor code generator.
#
#   using Heph = import "/idl/heph.capnp";
#   interface Counter $Heph.inboxCapacity(64) { ... }
@0xa7ca2a894a834823;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("heph::idl");

# The inbox capacity actors serving this protocol should get by default:
# the generated `Protocol::kDefaultInboxCapacity`. Rounded up to a power of
# two by the runtime.
annotation inboxCapacity @0xcf9f892b953f269f (interface) :UInt32;
