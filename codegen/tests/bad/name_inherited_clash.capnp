@0xc1a2b3c4d5e6f707;
# A reference and a handler hold the methods of all bases: Derived.get and
# Base.get would both be DerivedRef::get.

interface Base {
  get @0 () -> (value :Int32);
}

interface Derived extends(Base) {
  get @0 () -> (text :Text);
}
