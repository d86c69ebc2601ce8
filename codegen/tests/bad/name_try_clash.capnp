@0xc1a2b3c4d5e6f706;
# The one-way add's non-waiting call is try_add; so is tryAdd's own name.

interface Counter {
  add @0 (amount :UInt64);
  tryAdd @1 (amount :UInt64) -> (accepted :Bool);
}
