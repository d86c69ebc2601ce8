#!/usr/bin/env bash
# kv_server's append-only files, as a crash leaves them: with
# --appendfsync=always every acknowledged write survives kill -9; with
# everysec a SIGTERM writes and syncs everything; a cut-off last command is
# reported and dropped; a corrupt file, or the files of a run with another
# number of workers, stop the start-up naming the file.
#   kv_durability_test.sh <kv_server>
set -uo pipefail
source "$(dirname "$0")/kv_test_lib.sh" "$1"
start() { start_server "$@"; }
cli() { redis-cli -p "$port" "$@" 2>&1; }
stop() {
  kill -TERM "$pid"
  wait "$pid"
  local code=$?
  pid=""
  [[ $code -eq 0 ]] || fail "exit code $code after SIGTERM"
}

data="$tmp/data"
# always + kill -9: every acknowledged write is there.
start --workers=2 --dir="$data" --appendfsync=always
for i in $(seq 1 1000); do printf 'SET key:%d %d\r\nRPUSH list %d\r\n' "$i" "$i" "$i"; done >"$tmp/pipe.txt"
out=$(redis-cli -p "$port" --pipe <"$tmp/pipe.txt" 2>&1)
[[ "$out" == *"errors: 0, replies: 2000"* ]] || fail "--pipe: $out"
[[ "$(cli SET ttl v EX 1000)" == OK ]] || fail "SET EX"
kill -9 "$pid"; wait "$pid" 2>/dev/null; pid=""
start --workers=2 --dir="$data" --appendfsync=always
[[ "$(cli DBSIZE)" == 1002 ]] || fail "after kill -9: DBSIZE $(cli DBSIZE), expected 1002"
[[ "$(cli GET key:777)" == 777 ]] || fail "after kill -9: GET key:777 = $(cli GET key:777)"
[[ "$(cli LLEN list)" == 1000 ]] || fail "after kill -9: LLEN list = $(cli LLEN list)"
ttl=$(cli TTL ttl)
(( ttl > 990 && ttl <= 1000 )) || fail "after kill -9: TTL ttl = $ttl"
stop

# everysec + SIGTERM: written and synced on the way out.
start --workers=2 --dir="$data" --appendfsync=everysec
reply=$(cli SET late yes)
[[ "$reply" == OK ]] || fail "SET late: '$reply'"
[[ "$(cli DEL key:1 key:2)" == 2 ]] || fail "DEL"
stop
start --workers=2 --dir="$data"
[[ "$(cli GET late)" == yes ]] || fail "after SIGTERM: GET late = $(cli GET late)"
[[ "$(cli EXISTS key:1 key:2 key:3)" == 1 ]] || fail "after SIGTERM: EXISTS = $(cli EXISTS key:1 key:2 key:3)"
stop

# Another number of workers: refused, naming the file and what to do.
if "$server" --port=0 --workers=1 --dir="$data" >"$tmp/server.log" 2>&1; then fail "--workers=1 on a 2-worker dir started"; fi
grep -qE "shard-[01]-of-2.aof, from a run with 2 workers: start with --workers=2" "$tmp/server.log" ||
  fail "wrong-workers message: $(cat "$tmp/server.log")"

# A cut-off last command: reported, dropped, the rest served.
printf '*3\r\n$3\r\nSET\r\n$3\r\nabc' >>"$data/shard-0-of-2.aof"
start --workers=2 --dir="$data"
grep -q "shard-0-of-2.aof: the last command is cut off at offset" "$tmp/server.log" || fail "no cut-off report"
[[ "$(cli GET late)" == yes ]] || fail "after a cut-off tail: GET late"
stop

# A corrupt file: the start-up stops, naming the file and the offset.
printf 'garbage\r\n' | cat - "$data/shard-1-of-2.aof" >"$tmp/corrupt" && mv "$tmp/corrupt" "$data/shard-1-of-2.aof"
if "$server" --port=0 --workers=2 --dir="$data" >"$tmp/server.log" 2>&1; then fail "a corrupt file was loaded"; fi
grep -q "shard-1-of-2.aof: offset 0: replaying 'garbage' failed" "$tmp/server.log" ||
  fail "corrupt-file message: $(cat "$tmp/server.log")"
echo PASS
