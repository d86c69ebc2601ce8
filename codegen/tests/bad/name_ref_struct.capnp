@0xc1a2b3c4d5e6f70b;
# Interface Counter's reference class is CounterRef, the name of this struct.

struct CounterRef {
  id @0 :UInt64;
}

interface Counter {
  get @0 () -> (value :UInt64);
}
