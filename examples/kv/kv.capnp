@0xd3a1f6b2c8e45a07;
# The kv server's internal protocol: connection actors (one per client, on
# the worker that accepted it) talk to shard actors (one per worker, each
# owning the keys that hash to it) only through these messages. Arguments
# and replies are binary-safe: they never leave the process (a std::string
# each), and replies are already RESP-encoded, ready to write to the client.

using Cxx = import "/capnp/c++.capnp";
using Heph = import "/idl/heph.capnp";
$Cxx.namespace("kv");

interface Shard $Heph.inboxCapacity(1024) {
  execute @0 (args :List(Text)) -> (reply :Text);
  # One command on keys of this shard (GET, SET, LPUSH, ...): its RESP reply.

  getMany @1 (keys :List(Text)) -> (values :List(Text));
  # MGET's part: one RESP bulk (or null) per key, in order.

  setMany @2 (pairs :List(Text)) -> (done :Bool);
  # MSET's part: key, value, key, value ...

  countKeys @3 (command :Text, keys :List(Text)) -> (count :Int64);
  # DEL / EXISTS / UNLINK over keys of this shard: how many.

  keys @4 (pattern :Text) -> (keys :List(Text));
  # KEYS' part: the live keys matching a glob.

  scan @5 (cursor :UInt64, pattern :Text, count :UInt32) -> (next :UInt64, keys :List(Text));
  # SCAN's part: this shard's cursor (0: start; 0 back: done).

  dbSize @6 () -> (count :Int64);
  # Live keys.

  flush @7 () -> (done :Bool);
  # FLUSHDB / FLUSHALL's part.

  sweep @8 ();
  # The active expiry sweep (sent by the shard's timer).

  stats @9 () -> (keys :Int64, expires :Int64, commands :UInt64);
  # For INFO.

  executeBatch @10 (commands :List(List(Text))) -> (replies :Text, rest :List(List(Text)));
  # Consecutive commands of one client's pipeline on keys of this shard, run
  # in order: their RESP replies, concatenated. One message (and, with an
  # append-only file, one write and sync) for the whole run. Stops early once
  # the replies pass 64 KiB: `rest` holds the commands not run (handed back),
  # which the caller sends after writing these (a client's waiting replies
  # stay bounded).
}
