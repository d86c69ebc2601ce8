#!/usr/bin/env bash
# Compile time at -O2 of a TU with a generated 20-method protocol
# (bench/codegen/wide.capnp -> wide.heph.h) and an actor implementing it in the
# handler style (bench/codegen/wide_actor.cc), against a plain C++ file doing
# the same 20 operations with plain structs and functions (plain.cc).
# Also: the receive-loop style (wide_loop.cc) and a client calling all 20
# methods (wide_client.cc), against the same baseline.
#
# Time is the compiler's CPU time (user + sys), best of 5: the machine is
# shared, and wall time under load says more about the load than the code.
#
# The generated wide.heph.cc (the header's out-of-line part, which
# heph_cc_actor_library compiles once, in the library) is not part of these
# TUs; its own compile time is printed on a `#` line, for the whole picture.
#
# Usage: bench/codegen_compile_time.sh
# Prints: BENCH name=codegen_compile_time value=<s> unit=s baseline=<s> ratio=<v/b>
#         BENCH name=codegen_compile_time_loop ...  and  name=codegen_compile_time_client ...
#         # library: wide.heph.cc <s> ...
set -euo pipefail
cd "$(dirname "$0")/.."

tools/bazel build //codegen:capnpc-heph >/dev/null 2>&1 || tools/bazel build //codegen:capnpc-heph
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp bazel-bin/codegen/capnpc-heph "$tmp/capnpc-heph"
HEPH_CAPNPC_SRCDIR=$PWD capnp compile -I/usr/include -I. "-o$tmp/capnpc-heph:$tmp" bench/codegen/wide.capnp

CXX=${CXX:-g++}
flags=(-std=c++20 -O2 -DNDEBUG -Wall -Wextra -Werror -Wno-missing-field-initializers -iquote . -iquote "$tmp")

best_of() {
  local best="" t
  for _ in 1 2 3 4 5; do
    t=$( { /usr/bin/time -f '%U %S' "$CXX" "${flags[@]}" -c "$1" -o "$tmp/out.o"; } 2>&1 | tail -1 |
         awk '{print $1 + $2}')
    if [[ -z "$best" ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  printf '%.3f' "$best"
}

baseline=$(best_of bench/codegen/plain.cc)
for pair in codegen_compile_time:wide_actor codegen_compile_time_loop:wide_loop \
            codegen_compile_time_client:wide_client; do
  name=${pair%%:*}
  value=$(best_of "bench/codegen/${pair#*:}.cc")
  ratio=$(printf '%.2f' "$(echo "$value / $baseline" | bc -l)")
  echo "BENCH name=$name value=$value unit=s baseline=$baseline ratio=$ratio"
done
echo "# library: wide.heph.cc $(best_of "$tmp/bench/codegen/wide.heph.cc") s (compiled once per protocol, not per user TU)"
