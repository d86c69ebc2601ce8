#!/usr/bin/env bash
# The remote counter example as a user runs it: the server on port 0 (it
# prints the bound address), a client (total=55), a second client (total=110:
# one actor behind the export), a client of a closed port (exit 1, the error
# names the address), SIGTERM (the server stops gracefully, exit 0), and the
# same over a Unix socket.
#   remote_counter_test.sh <server> <client>
set -uo pipefail
server=$1
client=$2
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/remote_counter.XXXXXX")
trap 'kill %1 2>/dev/null; rm -rf "$tmp" "${sock:-}"' EXIT
fail() { echo "FAIL: $*" >&2; cat "$tmp"/*.log >&2 2>/dev/null; exit 1; }

# Starts the server on $1 and sets $address from its first line.
start_server() {
  "$server" --listen="$1" >"$tmp/server.log" 2>&1 &
  server_pid=$!
  address=""
  for _ in $(seq 1 200); do
    address=$(sed -n 's/^listening on //p' "$tmp/server.log")
    [[ -n "$address" ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(cat "$tmp/server.log")"
    sleep 0.05
  done
  fail "server printed no address"
}

stop_server() {
  kill -TERM "$server_pid"
  for _ in $(seq 1 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -0 "$server_pid" 2>/dev/null && fail "server still running 10 s after SIGTERM"
  wait "$server_pid"
  code=$?
  [[ $code -eq 0 ]] || fail "server exited $code after SIGTERM"
  grep -q '^stopped$' "$tmp/server.log" || fail "server did not say it stopped"
}

start_server 127.0.0.1:0
[[ "$address" =~ ^127\.0\.0\.1:[0-9]+$ && "$address" != "127.0.0.1:0" ]] || fail "bad address '$address'"
out=$("$client" --connect="$address" 2>&1) || fail "client failed: $out"
[[ "$out" == "total=55" ]] || fail "first client printed '$out'"
out=$("$client" --connect="$address" 2>&1) || fail "second client failed: $out"
[[ "$out" == "total=110" ]] || fail "second client printed '$out'"
stop_server

# The port is closed now.
if out=$("$client" --connect="$address" 2>&1); then fail "client of a closed port succeeded: $out"; fi
[[ "$out" == *"$address"* ]] || fail "the error does not name $address: $out"

sock=$(mktemp -u /tmp/heph_remote_counter.XXXXXX)  # short: the test tmpdir is over sun_path's 108 bytes
start_server "unix:$sock"
[[ "$address" == "unix:$sock" ]] || fail "bad unix address '$address'"
out=$("$client" --connect="$address" 2>&1) || fail "unix client failed: $out"
[[ "$out" == "total=55" ]] || fail "unix client printed '$out'"
stop_server

# Bad arguments are a usage error, not a crash.
"$server" --port=1 >/dev/null 2>&1
[[ $? -eq 2 ]] || fail "server --port=1 did not exit 2"
echo PASS
