#!/usr/bin/env bash
# many/many.capnp must be what many_methods.sh 1000 writes. To refresh it:
#   codegen/tests/many/many_methods.sh 1000 codegen/tests/many/many.capnp /dev/null
set -euo pipefail
if ! diff -u "$1" "$2"; then
  echo "FAIL: $1 is not the output of many_methods.sh 1000 (diff above)" >&2
  exit 1
fi
echo "PASS"
