# Sourced by the kv server's shell tests: start_server, fail, and the
# scratch directory $tmp (removed on exit, with the server stopped).
#   source kv_test_lib.sh <kv_server>; start_server --workers=2 ...
server=$1
command -v redis-cli >/dev/null || { echo "FAIL: redis-cli not found (Debian's redis-tools; tools/bazel installs it)"; exit 1; }
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/kv.XXXXXX")
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; echo "--- server log:" >&2; cat "$tmp/server.log" >&2; exit 1; }

# start_server <kv_server flags...>: starts it on a free port; sets pid and
# port once it prints its "listening" line.
start_server() {
  "$server" --port=0 "$@" >"$tmp/server.log" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 1 200); do
    port=$(sed -n 's/^kv_server listening on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$tmp/server.log")
    [[ -n "$port" ]] && return 0
    kill -0 "$pid" 2>/dev/null || fail "server exited"
    sleep 0.05
  done
  fail "no 'listening' line"
}
