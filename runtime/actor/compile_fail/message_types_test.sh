#!/usr/bin/env bash
# Compiles message_types.cc once per case and checks that each rejected shape
# fails to compile with the rule's own words, and that the accepted shapes
# compile (so a failure is never just a broken command line).
set -uo pipefail
cd "${TEST_SRCDIR:-$PWD}/${TEST_WORKSPACE:-__main__}" 2>/dev/null || true
source=runtime/actor/compile_fail/message_types.cc
cxx=${CXX:-g++}
compile() { "$cxx" -std=c++20 -fsyntax-only -Wall -Werror -Wno-unused-variable -I. "$@" "$source" 2>&1; }

failures=0
if ! out=$(compile); then
  echo "FAIL: the accepted shapes do not compile:"; echo "$out" | head -30
  failures=$((failures + 1))
else
  echo "ok: accepted shapes compile"
fi

expect_rejected() {
  local case=$1 words=$2 out
  if out=$(compile "-D$case"); then
    echo "FAIL: $case compiled; it must be rejected"
    failures=$((failures + 1))
  elif ! grep -qF "$words" <<<"$out"; then
    echo "FAIL: $case failed without saying: $words"; echo "$out" | grep -E 'error' | head -10
    failures=$((failures + 1))
  else
    echo "ok: $case rejected: $(grep -oF "$words" <<<"$out" | head -1)"
  fi
}
expect_rejected CASE_THROWING_MOVE_SEND "a message type must be nothrow move constructible"
expect_rejected CASE_THROWING_MOVE_SPAWN "a message type must be nothrow move constructible"
expect_rejected CASE_COPY_ONLY "a message type must be nothrow move constructible"
expect_rejected CASE_STD_DEQUE "a message type must be nothrow move constructible"
expect_rejected CASE_THROWING_MAP "map<N>() needs M to be nothrow constructible from N&&"
expect_rejected CASE_THROWING_RPC_REQUEST "an rpc request type must be nothrow move constructible"
expect_rejected CASE_THROWING_RPC_RESPONSE "an rpc response type must be nothrow move constructible"
exit $((failures > 0))
