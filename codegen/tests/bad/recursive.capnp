@0xc1a2b3c4d5e6f704;
# A struct cannot hold itself by value.

struct Node {
  value @0 :Int32;
  next @1 :Node;
}
