#!/usr/bin/env bash
# The counter example adds 1..10 through the generated CounterRef and prints 55.
set -euo pipefail
out=$("$1")
if [[ "$out" != "total: 55" ]]; then
  echo "FAIL: expected 'total: 55', got: $out" >&2
  exit 1
fi
echo "PASS: $out"
