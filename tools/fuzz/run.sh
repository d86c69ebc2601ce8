#!/usr/bin/env bash
# Fuzzes the project's fuzz targets with clang 14's libFuzzer under
# ASan+UBSan (issue 15), each for a bounded time, from its seed corpus in
# the repository (copied: what the run finds stays in a scratch corpus).
#
#   tools/fuzz/run.sh [--seconds=N] [TARGET...]     (default: 45 s, all)
#
# A target is a heph_fuzz_test (tools/fuzz.bzl), listed below with the
# sources it is made of: clang compiles them here with
# -fsanitize=fuzzer,address,undefined (Bazel's toolchain is g++, which has
# no libFuzzer) and links the system libraries they use. The same target
# runs its corpus under g++ as the Bazel test of that name.
# Per target, prints
#   FUZZ target=<t> seconds=<s> execs=<n> execs_per_s=<n> edges=<cov> features=<ft> corpus=<files> result=ok|crash
# and, on a crash, where libFuzzer saved the input (add it to the target's
# corpus: it becomes a regression test). Exits 1 if any target crashed,
# leaked or hung (> 1 s on one input).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=45
targets=()
for a in "$@"; do
  case $a in
    --seconds=*) seconds=${a#--seconds=} ;;
    -*) echo "usage: tools/fuzz/run.sh [--seconds=N] [TARGET...]" >&2; exit 2 ;;
    *) targets+=("$a") ;;
  esac
done
# name | seed corpus | sources (globs) | libraries
all_targets=(
  "resp_fuzz|examples/kv/fuzz/resp|examples/kv/resp_fuzz.cc examples/kv/resp.cc|-labsl_strings -labsl_str_format_internal"
  "generator_fuzz|codegen/fuzz/requests|codegen/generator_fuzz.cc codegen/generator/*.cc|-lcapnpc -lcapnp -lkj"
)
((${#targets[@]})) || for t in "${all_targets[@]}"; do targets+=("${t%%|*}"); done

command -v clang++-14 >/dev/null || { echo "needs clang++-14 (Debian's clang-14)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
san=(-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1)
status=0
for t in "${targets[@]}"; do
  spec=""
  for s in "${all_targets[@]}"; do [[ ${s%%|*} == "$t" ]] && spec=$s; done
  [[ -n $spec ]] || { echo "unknown fuzz target '$t'" >&2; exit 2; }
  IFS='|' read -r name corpus sources libs <<<"$spec"
  objs=()
  for src in $sources; do  # (unquoted: the globs expand)
    obj="$work/${name}_${src//\//_}.o"
    clang++-14 -std=c++20 "${san[@]}" -I. -c "$src" -o "$obj" &
    objs+=("$obj")
  done
  wait
  # shellcheck disable=SC2086
  clang++-14 "${san[@]}" "${objs[@]}" -o "$work/$name" $libs
  mkdir -p "$work/$name.corpus" "$work/$name.artifacts"
  cp "$corpus"/* "$work/$name.corpus/"
  log="$work/$name.log"
  rc=0
  (cd "$work/$name.artifacts" && "$work/$name" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
     -print_final_stats=1 -artifact_prefix="$work/$name.artifacts/" "$work/$name.corpus" >"$log" 2>&1) || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  files=$(ls "$work/$name.corpus" | wc -l)
  result=ok
  if ((rc != 0)); then
    result=crash
    status=1
    mkdir -p "/tmp/heph-fuzz-artifacts"
    cp "$work/$name.artifacts"/* /tmp/heph-fuzz-artifacts/ 2>/dev/null || true
    grep -E "ERROR|property broken|Test unit written|SUMMARY" "$log" | head -20 >&2
    echo "inputs saved in /tmp/heph-fuzz-artifacts/" >&2
  fi
  echo "FUZZ target=$name seconds=$seconds execs=${execs:-0} execs_per_s=${rate:-0} edges=${cov:-0} features=${ft:-0} corpus=$files result=$result"
done
exit $status
