# The schema of runtime/remote's tests (plain capnpc-c++ output).
@0x8cc59c859536ed2d;

interface Calc {
  add @0 (a :Int64, b :Int64) -> (sum :Int64);
  echo @1 (text :Text) -> (text :Text);
  # Never answers (until the connection goes).
  hang @2 () -> ();
  # A capability that adds `offset` (for promise pipelining).
  offsetBy @3 (offset :Int64) -> (calc :Calc);
  # Answers after `millis` (calls in flight); `payload` is ballast.
  wait @4 (millis :UInt32, payload :Data) -> ();
  # How deep `node` nests (the nesting limit).
  depth @5 (node :Node) -> (depth :UInt32);
}

struct Node {
  child @0 :Node;
}
