@0xc1a2b3c4d5e6f709;
# A nested struct PutParams is Store_PutParams, the name of put's parameters.

interface Store {
  put @0 (key :Text);
  struct PutParams {
    key @0 :Text;
  }
}
