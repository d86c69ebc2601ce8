#!/usr/bin/env bash
# Golden tests for capnpc-heph: the generated code for the corpus schemas and
# the errors for the bad ones must match codegen/tests/golden/ exactly.
#
#   golden_test.sh <capnpc-heph> <capnp> [--update <workspace>]
#
# Run by `bazel test //codegen/tests:golden_test` (from the runfiles tree). After
# an intended change of the generated code, refresh the goldens with
#   codegen/tests/regenerate_goldens.sh
set -euo pipefail

plugin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
capnp=$2
update_dir=""
if [[ "${3:-}" == "--update" ]]; then update_dir=$4; fi

corpus=(codegen/tests/corpus/imported.capnp codegen/tests/corpus/types.capnp
        codegen/tests/corpus/keywords.capnp examples/counter/counter.capnp)
bad=(any_pointer any_pointer_param generic_struct generic_method recursive too_many_methods)

out=$(mktemp -d "${TEST_TMPDIR:-/tmp}/golden.XXXXXX")
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/gen" "$out/bad"

failed=0
export HEPH_CAPNPC_SRCDIR=$PWD
"$capnp" compile -I/usr/include -I. "-o$plugin:$out/gen" "${corpus[@]}"
for name in "${bad[@]}"; do
  mkdir -p "$out/bad/$name.out"
  if "$capnp" compile -I/usr/include -I. "-o$plugin:$out/bad/$name.out" \
      "codegen/tests/bad/$name.capnp" 2>"$out/bad/$name.err"; then
    echo "FAIL: codegen/tests/bad/$name.capnp compiled, but must fail" >&2
    failed=1
  fi
  if [[ -n "$(ls -A "$out/bad/$name.out")" ]]; then
    echo "FAIL: codegen/tests/bad/$name.capnp left partial output: $(ls -R "$out/bad/$name.out")" >&2
    failed=1
  fi
  rmdir "$out/bad/$name.out" 2>/dev/null || true
done
# capnp prefixes plugin failures with its own line; keep ours.
for f in "$out"/bad/*.err; do grep -v 'plugin failed: exit code\|^[[:space:]]*$' "$f" >"$f.tmp" || true; mv "$f.tmp" "$f"; done

if [[ -n "$update_dir" ]]; then
  rm -rf "$update_dir/codegen/tests/golden"
  mkdir -p "$update_dir/codegen/tests/golden"
  cp -r "$out/gen/." "$out/bad" "$update_dir/codegen/tests/golden/"
  echo "goldens written to $update_dir/codegen/tests/golden"
  exit "$failed"
fi

actual="$out/actual"
mkdir -p "$actual"
cp -r "$out/gen/." "$out/bad" "$actual/"
if ! diff -ru codegen/tests/golden "$actual" >"$out/diff"; then
  cat "$out/diff" >&2
  echo "FAIL: generated code or errors differ from codegen/tests/golden (diff above)." >&2
  echo "If the change is intended, run: codegen/tests/regenerate_goldens.sh" >&2
  failed=1
fi
if [[ "$failed" -eq 0 ]]; then echo "PASS: goldens match"; fi
exit "$failed"
