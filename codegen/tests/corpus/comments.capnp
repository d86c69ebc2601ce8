@0xf5d8e3c2b4a6c704;
# Doc comments that end in what would make a `//` line comment swallow the
# next generated line: a backslash \
# (or a backslash and blanks \   
# or the old trigraph for one, ??/
# and text that only looks like a comment end */ or start /* .
# Control characters become \xNN: a carriage return, here; form feed, escape, delete.
# (capnp_cpp = True: capnpc-c++'s output compiles alongside.)

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("corpus::comments");

enum Slash {
  # An enum \
  forward @0;  # an enumerant \
  back @1;  # ??/
}

struct Path {
  # A struct \
  # with a blank line after the backslash \

  first @0 :Text;  # a field \
  second @1 :Int32 = 7;  # the field after must stay code \
  slash @2 :Slash = back;  # ??/
  note @3 :Text = "??( and ??)";  # a default written without trigraphs
}

const root :Text = "/";  # a constant \
const trigraphs :Text = "??/ ??= ???/ ?";  # text written without trigraphs


interface Walker {
  # An interface \
  step @0 (path :Path) -> (steps :Int32);  # a method with results \
  turn @1 (slash :Slash);  # a one-way method \
  stop @2 ();  # the method after must stay code \
}
