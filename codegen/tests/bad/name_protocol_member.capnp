@0xc1a2b3c4d5e6f70c;
# Every protocol struct has a static Visit; a nested type cannot be Visit.

interface Tour {
  struct Visit {
    place @0 :Text;
  }
  book @0 (visit :Visit);
}
