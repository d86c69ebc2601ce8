@0xc1a2b3c4d5e6f70a;
# The group inner and the nested struct Inner are both Shape_Inner.

struct Shape {
  inner :group {
    width @0 :Int32;
  }
  struct Inner {
    depth @0 :Int32;
  }
}
