@0xc1a2b3c4d5e6f710;
# capnpc-c++ 0.9.2 names types as they are: struct EOF is the macro of
# <cstdio>. With capnp_cpp = True that is an error here.

struct Token {
  struct EOF {
    offset @0 :UInt64;
  }
  eof @0 :EOF;
}
