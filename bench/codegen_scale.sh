#!/usr/bin/env bash
# Compile time and peak memory of large generated protocols: for each size N,
# codegen/tests/many/many_methods.sh writes an N-method interface and a
# handler-style implementation; this compiles, with g++ -std=c++20 (-O0 as
# Bazel's fastbuild, and -O2 -DNDEBUG as --config=opt):
#   user:    a TU including the generated header and implementing it
#            (many_main.cc: ManyImpl and an actor serving with it)
#   header:  a TU that only includes the generated header
#   control: no Heph, no generated code: the same N methods as virtual
#            coroutines (heph::Async<absl::StatusOr<R>> of plain structs) and
#            their overrides, the floor for any handler-style implementation
#   heph.cc: the generated .heph.cc (the library compiles it once)
#   convert: a TU including the generated .heph.convert.h (capnp conversions)
# and prints the compiler's CPU time (user + sys: on the shared machine wall
# time says more about the load), wall time and peak resident memory
# (/usr/bin/time -v) per TU.
#
# Usage: bench/codegen_scale.sh [--plugin path/to/capnpc-heph] [--only user|TUs] [N...]
#        (--only takes a comma-separated list: user,header,control,heph.cc,convert)
#        (default sizes: 200 400 600 1000; default plugin: built by Bazel)
# Prints: SCALE n=<N> tu=<user|heph.cc|convert> opt=<O0|O2> cpu_s=<s> wall_s=<s> peak_mb=<MB> status=<ok|fail>
set -euo pipefail
cd "$(dirname "$0")/.."

plugin=""
only=""
sizes=()
while (($#)); do
  case $1 in
    --plugin) plugin=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
((${#sizes[@]})) || sizes=(200 400 600 1000)
if [[ -z "$plugin" ]]; then
  tools/bazel build //codegen:capnpc-heph >/dev/null 2>&1 || tools/bazel build //codegen:capnpc-heph
  plugin=bazel-bin/codegen/capnpc-heph
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$plugin" "$tmp/capnpc-heph"

CXX=${CXX:-g++}
common=(-std=c++20 -Wall -Wextra -Werror -Wno-missing-field-initializers -iquote . -iquote "$tmp/gen")

measure() {  # n tu opt file
  local n=$1 tu=$2 opt=$3 file=$4 flags status=ok wall rss cpu
  if [[ $opt == O2 ]]; then flags=(-O2 -DNDEBUG); else flags=(-O0); fi
  if ! /usr/bin/time -v -o "$tmp/time" "$CXX" "${common[@]}" "${flags[@]}" -c "$file" -o "$tmp/out.o" \
      2>"$tmp/err"; then
    status=fail
  fi
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$tmp/time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s}' "$tmp/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$tmp/time")
  echo "SCALE n=$n tu=$tu opt=$opt cpu_s=$cpu wall_s=$wall peak_mb=$rss status=$status"
  if [[ $status == fail ]]; then head -c 600 "$tmp/err" | sed 's/^/#   /'; fi
}

for n in "${sizes[@]}"; do
  rm -rf "$tmp/gen" && mkdir -p "$tmp/gen/many"
  codegen/tests/many/many_methods.sh "$n" "$tmp/gen/many/many.capnp" "$tmp/gen/many/many_impl.h"
  (cd "$tmp/gen" && capnp compile -I/usr/include -I. "-o$tmp/capnpc-heph:." -oc++:. many/many.capnp)
  cat >"$tmp/gen/many_main.cc" <<'CC'
#include <cstdint>
#include "many/many.heph.h"
#include "many/many_impl.h"
::heph::Async<absl::Status> ManyActor(::heph::Context<many::actors::Many::Message> ctx, std::uint64_t* sum) {
  ManyImpl impl(sum);
  co_return co_await impl.Serve(std::move(ctx));
}
CC
  cat >"$tmp/gen/convert_main.cc" <<'CC'
#include "many/many.heph.convert.h"
CC
  echo '#include "many/many.heph.h"' >"$tmp/gen/header_main.cc"
  {
    echo '#include <cstdint>'
    echo '#include <string>'
    echo '#include <utility>'
    echo '#include "absl/status/statusor.h"'
    echo '#include "runtime/actor/async.h"'
    for ((i = 0; i < n; ++i)); do
      echo "struct P$i { std::uint64_t value = 0; std::string text; };"
      echo "struct R$i { std::uint64_t value = 0; std::string text; };"
    done
    echo 'struct Handler {'
    echo '  virtual ~Handler() = default;'
    for ((i = 0; i < n; ++i)); do echo "  virtual heph::Async<absl::StatusOr<R$i>> call$i(P$i p) = 0;"; done
    echo '};'
    echo 'struct Impl final : Handler {'
    for ((i = 0; i < n; ++i)); do
      echo "  heph::Async<absl::StatusOr<R$i>> call$i(P$i p) override { R$i r; r.value = p.value + ${i}u; r.text = std::move(p.text); co_return r; }"
    done
    echo '};'
    echo 'Handler* Make() { return new Impl; }'
  } >"$tmp/gen/control_main.cc"
  for opt in O0 O2; do
    for pair in user:many_main.cc header:header_main.cc control:control_main.cc \
                heph.cc:many/many.heph.cc convert:convert_main.cc; do
      tu=${pair%%:*}
      if [[ -n $only && ",$only," != *",$tu,"* ]]; then continue; fi
      measure "$n" "$tu" "$opt" "$tmp/gen/${pair#*:}"
    done
  done
done
