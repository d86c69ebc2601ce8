@0xc1a2b3c4d5e6f702;
# Generics are not supported.

struct Pair(A, B) {
  first @0 :A;
  second @1 :B;
}
