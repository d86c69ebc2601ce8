#!/usr/bin/env bash
# Compile time of a TU using a generated 20-method protocol (bench/codegen/
# wide.capnp -> wide.heph.h, with an actor implementing it and a client calling
# every method: bench/codegen/wide_actor.cc) at -O2, against a plain C++ file
# doing the same 20 operations with plain structs (bench/codegen/plain.cc).
# Best of 5 runs of g++ -std=c++20 -O2 -c each.
#
# Usage: bench/codegen_compile_time.sh
# Prints: BENCH name=codegen_compile_time value=<s> unit=s baseline=<s> ratio=<v/b>
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
  local best="" start end t
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    "$CXX" "${flags[@]}" -c "$1" -o "$tmp/out.o"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [[ -z "$best" ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  printf '%.3f' "$best"
}

value=$(best_of bench/codegen/wide_actor.cc)
baseline=$(best_of bench/codegen/plain.cc)
ratio=$(printf '%.2f' "$(echo "$value / $baseline" | bc -l)")
echo "BENCH name=codegen_compile_time value=$value unit=s baseline=$baseline ratio=$ratio"
