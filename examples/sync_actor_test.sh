#!/usr/bin/env bash
# sync_actor: hashes files of known content (FNV-1a 64) and reports a missing
# one; the hasher's timed receive times out between requests and it ends once
# both clients have ended.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '' >"$tmp/empty"
printf 'a' >"$tmp/a"
printf 'foobar' >"$tmp/foobar"
out=$("$1" "$tmp/empty" "$tmp/a" "$tmp/foobar" "$tmp/missing")
echo "$out"
for line in "client 1: $tmp/empty: fnv1a-64 cbf29ce484222325, 0 bytes" \
            "client 2: $tmp/a: fnv1a-64 af63dc4c8601ec8c, 1 bytes" \
            "client 1: $tmp/foobar: fnv1a-64 85944171f73967e8, 6 bytes" \
            "client 2: $tmp/missing: cannot open" \
            "hasher: no request for 100ms, still waiting"; do
  if ! grep -qxF "$line" <<<"$out"; then
    echo "FAIL: no line '$line'" >&2
    exit 1
  fi
done
if [[ "$(tail -n1 <<<"$out")" != "hasher: no more requests; files hashed: 4" ]]; then
  echo "FAIL: the last line is not the hasher's end" >&2
  exit 1
fi
echo "PASS"
