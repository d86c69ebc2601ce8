@0xc1a2b3c4d5e6f703;
# Generic methods are not supported.

interface Store {
  put @0 (key :Text);
  get @1 [T] (key :Text) -> (value :T);
}
