#!/usr/bin/env bash
# kv_server as its users meet it: started on a free port with 2 workers (so
# keys live on two shards), driven by the real redis-cli (commands, errors,
# pipelining with --pipe, expiry, SCAN across shards) and a short
# redis-benchmark run of its default commands; garbage input gets a protocol
# error and that connection closes while the server goes on; SIGTERM stops
# it with exit code 0.
#   kv_server_test.sh <kv_server>
set -uo pipefail
source "$(dirname "$0")/kv_test_lib.sh" "$1"
start_server --workers=2
cli() { redis-cli -p "$port" "$@" 2>&1; }
expect() {  # expect "<expected output>" redis-cli args...
  local want=$1; shift
  local got; got=$(cli "$@")
  [[ "$got" == "$want" ]] || fail "redis-cli $*: expected '$want', got '$got'"
}

expect PONG PING
expect hello ECHO hello
expect OK SET greeting hi
expect hi GET greeting
expect "" GET missing
expect 11 INCRBY counter 11
expect 12 INCR counter
expect "ERR value is not an integer or out of range" INCR greeting
expect OK MSET a 1 b 2 c 3 d 4 e 5 f 6
expect $'1\n2\n3\n\n6' MGET a b c nothing f
expect 3 EXISTS a b c
expect 2 DEL a b
expect 3 LPUSH list x y z
expect $'z\ny\nx' LRANGE list 0 -1
expect "WRONGTYPE Operation against a key holding the wrong kind of value" GET list
expect 2 HSET h f1 v1 f2 v2
expect v2 HGET h f2
expect 2 SADD s m1 m2
expect 2 SCARD s
expect 2 ZADD z 1 one 2 two
expect $'one\n1\ntwo\n2' ZRANGE z 0 -1 WITHSCORES
expect "ERR unknown command 'NOSUCH', with args beginning with: 'x' " NOSUCH x
expect "ERR wrong number of arguments for 'get' command" GET
# Expiry: never early, then gone.
expect OK SET short v PX 300
expect v GET short
sleep 0.5
expect "" GET short
expect -2 PTTL short
# Every key, from both shards.
dbsize=$(cli DBSIZE)
[[ "$dbsize" == 10 ]] || fail "DBSIZE: expected 10, got $dbsize"
keys=$(cli KEYS '*' | sort | tr '\n' ' ')
[[ "$keys" == "c counter d e f greeting h list s z " ]] || fail "KEYS *: got '$keys'"
scanned=$(cli --scan | sort | tr '\n' ' ')
[[ "$scanned" == "$keys" ]] || fail "SCAN: got '$scanned', expected '$keys'"
# Pipelining: 10,000 commands in one stream.
for i in $(seq 1 10000); do printf 'SET key:%d %d\r\n' "$i" "$i"; done >"$tmp/pipe.txt"
out=$(redis-cli -p "$port" --pipe <"$tmp/pipe.txt" 2>&1)
[[ "$out" == *"errors: 0, replies: 10000"* ]] || fail "--pipe: $out"
expect 4242 GET key:4242
dbsize=$(cli DBSIZE)
[[ "$dbsize" == 10010 ]] || fail "DBSIZE after --pipe: got $dbsize"
# A pipeline over both shards and the connection's own commands, in one
# write: every reply, in order.
python3 - "$port" <<'PY' || fail "pipelined replies out of order (above)"
import socket, sys
def cmd(*a):
    return b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a)
def bulk(x): return b"$%d\r\n%s\r\n" % (len(x), x)
send, want = b"", b""
for i in range(300):
    k = b"pk:%d" % i
    send += cmd(b"SET", k, b"v%d" % i); want += b"+OK\r\n"
    if i % 7 == 0:
        send += cmd(b"PING"); want += b"+PONG\r\n"
    send += cmd(b"INCR", b"pipe-counter"); want += b":%d\r\n" % (i + 1)
    send += cmd(b"GET", k); want += bulk(b"v%d" % i)
    if i % 11 == 0:
        send += cmd(b"MGET", k, b"pk:0"); want += b"*2\r\n" + bulk(b"v%d" % i) + bulk(b"v0")
        send += cmd(b"NOSUCH"); want += b"-ERR unknown command 'NOSUCH', with args beginning with: \r\n"
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(10)
s.sendall(send)
got = b""
while len(got) < len(want):
    chunk = s.recv(65536)
    if not chunk: break
    got += chunk
if got != want:
    n = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]), min(len(got), len(want)))
    print("first difference at byte %d: got %r, want %r" % (n, got[n:n+60], want[n:n+60]))
    sys.exit(1)
PY
# redis-benchmark's default tests (short run): every one completes.
bench=$(redis-benchmark -p "$port" -q -n 2000 -c 10 -P 4 2>&1 | tr '\r' '\n')
for t in PING_INLINE PING_MBULK SET GET INCR LPUSH RPUSH LPOP RPOP SADD HSET SPOP ZADD ZPOPMIN \
         LRANGE_100 LRANGE_300 LRANGE_500 LRANGE_600 MSET; do
  grep -qE "^ *$t( \(.*\))?: [0-9.]+ requests per second" <<<"$bench" ||
    fail "redis-benchmark: no result for $t: $(grep -v rps= <<<"$bench")"
done
# Garbage: a protocol error, the connection closes; the server goes on.
reply=$(printf '*1\r\n$x\r\n' | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; cat >&3; cat <&3")
[[ "$reply" == "-ERR Protocol error: invalid bulk length"* ]] || fail "garbage: got '$reply'"
expect PONG PING
# SIGTERM: stops, exit 0.
kill -TERM "$pid"
for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "still running 10 s after SIGTERM"
wait "$pid"; code=$?
[[ $code -eq 0 ]] || fail "exit code $code after SIGTERM"
echo PASS
