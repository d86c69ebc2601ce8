@0xc1a2b3c4d5e6f705;
# AnyPointer in a method's parameters.

interface Sink {
  write @0 (blob :AnyPointer);
}
