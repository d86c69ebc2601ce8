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

# The corpus as the BUILD files compile it: capnpc-c++ runs on these too
# (HEPH_CAPNPC_CPP=1, as heph_cc_actor_library sets it by default) ...
corpus=(codegen/tests/corpus/imported.capnp codegen/tests/corpus/types.capnp
        codegen/tests/corpus/comments.capnp examples/counter/counter.capnp)
# ... and not on these (capnp_cpp = False: HEPH_CAPNPC_CPP=0).
corpus_no_cpp=(codegen/tests/corpus/keywords.capnp)
# Every bad/*.capnp must fail, with capnpc-c++ running too (the default).
bad=()
for f in codegen/tests/bad/*.capnp; do bad+=("$(basename "$f" .capnp)"); done

out=$(mktemp -d "${TEST_TMPDIR:-/tmp}/golden.XXXXXX")
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/gen" "$out/bad"

failed=0
export HEPH_CAPNPC_SRCDIR=$PWD
HEPH_CAPNPC_CPP=1 "$capnp" compile -I/usr/include -I. "-o$plugin:$out/gen" "${corpus[@]}"
HEPH_CAPNPC_CPP=0 "$capnp" compile -I/usr/include -I. "-o$plugin:$out/gen" "${corpus_no_cpp[@]}"
unset HEPH_CAPNPC_CPP
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
# HEPH_CAPNPC_CPP is 1 or 0; anything else is an error, not a guess.
mkdir -p "$out/env"
if HEPH_CAPNPC_CPP=yes "$capnp" compile -I/usr/include -I. "-o$plugin:$out/env" \
    codegen/tests/corpus/imported.capnp 2>"$out/env.err" ||
    ! grep -q "capnpc-heph: error: HEPH_CAPNPC_CPP must be 1 (capnpc-c++ runs too) or 0, not 'yes'" "$out/env.err"; then
  echo "FAIL: HEPH_CAPNPC_CPP=yes must fail naming the variable; got: $(cat "$out/env.err")" >&2
  failed=1
fi
rm -rf "$out/env" "$out/env.err"
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
