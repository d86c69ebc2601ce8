#!/usr/bin/env bash
# memory_stress with 200k actors: the output's format, and under 512 bytes per
# idle actor (not checked in a sanitizer's build, which adds its own memory).
set -euo pipefail
out=$("$1" 200000)
echo "$out"
re='^memory_stress: 200000 idle actors: ([0-9.]+) bytes per actor \([0-9.]+ MB\), spawned in [0-9.]+ s \(CPU [0-9.]+ s user, [0-9.]+ s system\)$'
line=$(grep -E "$re" <<<"$out") || { echo "FAIL: no figures line" >&2; exit 1; }
[[ "$line" =~ $re ]]
bytes=${BASH_REMATCH[1]}
grep -qE '^memory_stress: all 200000 actors ended, [0-9.]+ s in all$' <<<"$out" ||
  { echo "FAIL: no end line" >&2; exit 1; }
if grep -q 'built with a sanitizer' <<<"$out"; then
  echo "PASS (sanitizer build: $bytes bytes per actor not checked)"
elif awk -v b="$bytes" 'BEGIN { exit !(b < 512) }'; then
  echo "PASS: $bytes bytes per actor"
else
  echo "FAIL: $bytes bytes per actor, expected < 512" >&2
  exit 1
fi
