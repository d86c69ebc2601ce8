@0xc1a2b3c4d5e6f70e;
# capnpc-c++ 0.9.2 emits `concept` as a method name unchanged; with
# capnp_cpp = True (the default) that is an error here, not in its output.

interface Spec {
  check @0 (value :Int32) -> (ok :Bool);
  concept @1 (name :Text);
}
