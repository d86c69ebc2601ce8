@0xb5e0c8d4a2f61384;
# A 20-method protocol for bench/codegen_compile_time.sh.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("bench");

interface Wide {
  call0 @0 (value :UInt64, tag :UInt32) -> (value :UInt64, count :UInt64);
  call1 @1 (value :Text, tag :UInt32) -> (value :Text, count :UInt64);
  call2 @2 (value :List(Int32), tag :UInt32) -> (value :List(Int32), count :UInt64);
  notify3 @3 (value :Data, tag :UInt32);
  call4 @4 (value :Float64, tag :UInt32) -> (value :Float64, count :UInt64);
  call5 @5 (value :UInt64, tag :UInt32) -> (value :UInt64, count :UInt64);
  call6 @6 (value :Text, tag :UInt32) -> (value :Text, count :UInt64);
  notify7 @7 (value :List(Int32), tag :UInt32);
  call8 @8 (value :Data, tag :UInt32) -> (value :Data, count :UInt64);
  call9 @9 (value :Float64, tag :UInt32) -> (value :Float64, count :UInt64);
  call10 @10 (value :UInt64, tag :UInt32) -> (value :UInt64, count :UInt64);
  notify11 @11 (value :Text, tag :UInt32);
  call12 @12 (value :List(Int32), tag :UInt32) -> (value :List(Int32), count :UInt64);
  call13 @13 (value :Data, tag :UInt32) -> (value :Data, count :UInt64);
  call14 @14 (value :Float64, tag :UInt32) -> (value :Float64, count :UInt64);
  notify15 @15 (value :UInt64, tag :UInt32);
  call16 @16 (value :Text, tag :UInt32) -> (value :Text, count :UInt64);
  call17 @17 (value :List(Int32), tag :UInt32) -> (value :List(Int32), count :UInt64);
  call18 @18 (value :Data, tag :UInt32) -> (value :Data, count :UInt64);
  notify19 @19 (value :Float64, tag :UInt32);
}
