@0xc1a2b3c4d5e6f701;
# AnyPointer has no value type.

struct Box {
  name @0 :Text;
  content @1 :AnyPointer;
}
