#!/usr/bin/env bash
# A compile-failure test: compiles SOURCE once without a case macro (it must
# compile, so a failure below is never just a broken command line), then once
# per CASE, which must fail with an error containing WORDS.
#
# Usage: compile_fail_test.sh SOURCE CASE=WORDS [CASE=WORDS ...]
set -uo pipefail
cd "${TEST_SRCDIR:-$PWD}/${TEST_WORKSPACE:-__main__}" 2>/dev/null || true
source=$1
shift
cxx=${CXX:-g++}
compile() { "$cxx" -std=c++20 -fsyntax-only -Wall -Werror -Wno-unused-variable -I. "$@" "$source" 2>&1; }

failures=0
if ! out=$(compile); then
  echo "FAIL: $source does not compile without a case:"; echo "$out" | head -30
  failures=$((failures + 1))
else
  echo "ok: $source compiles without a case"
fi

for spec in "$@"; do
  case=${spec%%=*}
  words=${spec#*=}
  if out=$(compile "-D$case"); then
    echo "FAIL: $case compiled; it must be rejected"
    failures=$((failures + 1))
  elif ! grep -qF -- "$words" <<<"$out"; then
    echo "FAIL: $case failed without saying: $words"; echo "$out" | grep -E 'error' | head -10
    failures=$((failures + 1))
  else
    echo "ok: $case rejected: $words"
  fi
done
exit $((failures > 0))
