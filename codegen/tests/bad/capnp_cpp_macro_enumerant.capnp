@0xc1a2b3c4d5e6f70f;
# capnpc-c++ 0.9.2 writes enumerants in UPPER_SNAKE_CASE: seekSet is SEEK_SET,
# a macro of <cstdio>. With capnp_cpp = True that is an error here.

enum Whence {
  start @0;
  seekSet @1;
}
