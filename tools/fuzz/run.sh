#!/usr/bin/env bash
# Fuzzes the project's fuzz targets with clang 14's libFuzzer under
# ASan+UBSan (issue 15), each for a bounded time, from its seed corpus in
# the repository (copied: what the run finds stays in a scratch corpus).
#
#   tools/fuzz/run.sh [--seconds=N] [TARGET...]     (default: 45 s, all)
#
# A target is a heph_fuzz_test (tools/fuzz.bzl), listed below with the
# system libraries it links. Its sources (the project's .cc files it
# depends on) and its corpus come from the rule, by bazel query; clang
# compiles them here with -fsanitize=fuzzer,address,undefined (Bazel's
# toolchain is g++, which has no libFuzzer). The same rule runs its corpus
# under g++ as a Bazel test.
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
# Bazel label | system libraries
all_targets=(
  "//examples/kv:resp_fuzz|-labsl_strings -labsl_str_format_internal"
  "//codegen:generator_fuzz|-lcapnpc -lcapnp -lkj"
)
label_of() {  # label_of <name>: the label of the target named <name>
  for s in "${all_targets[@]}"; do
    local label=${s%%|*}
    [[ ${label##*:} == "$1" ]] && { echo "$label"; return 0; }
  done
  return 1
}
# Project files (package-relative labels turned into paths) of a query.
files_of() {
  tools/bazel query "$1" --output=label 2>/dev/null | grep '^//' | sed 's|^//||; s|:|/|; s|^/||'
}
((${#targets[@]})) || for t in "${all_targets[@]}"; do l=${t%%|*}; targets+=("${l##*:}"); done

command -v clang++-14 >/dev/null || { echo "needs clang++-14 (Debian's clang-14)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
san=(-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1)
status=0
for t in "${targets[@]}"; do
  label=$(label_of "$t") || { echo "unknown fuzz target '$t'" >&2; exit 2; }
  name=$t
  libs=""
  for s in "${all_targets[@]}"; do [[ ${s%%|*} == "$label" ]] && libs=${s#*|}; done
  # The project's sources it is built from, but the replay driver (libFuzzer
  # brings its own main).
  mapfile -t sources < <(files_of "kind('source file', deps($label)) except //tools/fuzz:*" | grep '\.cc$')
  mapfile -t corpus < <(files_of "labels(data, $label)")
  ((${#sources[@]} && ${#corpus[@]})) || { echo "$label: no sources or no corpus found by bazel query" >&2; exit 1; }
  objs=()
  for src in "${sources[@]}"; do
    obj="$work/${name}_${src//\//_}.o"
    clang++-14 -std=c++20 "${san[@]}" -I. -c "$src" -o "$obj" &
    objs+=("$obj")
  done
  wait
  # shellcheck disable=SC2086
  clang++-14 "${san[@]}" "${objs[@]}" -o "$work/$name" $libs
  mkdir -p "$work/$name.corpus" "$work/$name.artifacts"
  cp "${corpus[@]}" "$work/$name.corpus/"
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
