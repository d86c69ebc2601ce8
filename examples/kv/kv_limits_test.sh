#!/usr/bin/env bash
# kv_server's client limits, as a client meets them:
#  - beyond --maxclients, a connection gets "-ERR max number of clients
#    reached" and is closed; once a client leaves, a new one is served;
#  - a reply bigger than --client-output-limit closes that client (and is
#    counted in INFO), the server goes on;
#  - a client that pipelines hundreds of MB of replies and never reads holds
#    the server's memory to a bound (the connection stops reading while its
#    replies wait), and the others are served meanwhile.
#   kv_limits_test.sh <kv_server>
set -uo pipefail
source "$(dirname "$0")/kv_test_lib.sh" "$1"
start_server --workers=1 --maxclients=3 --client-output-limit=1000000

python3 - "$port" "$pid" <<'PY' || fail "(above)"
import socket, sys, time
import os
port, pid = int(sys.argv[1]), int(sys.argv[2])
sanitized = any(v in os.environ for v in ("ASAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"))
def cmd(*a):
    return b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a)
def connect():
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10); return s
def reply(s, want_len):
    got = b""
    while len(got) < want_len:
        chunk = s.recv(1 << 20)
        if not chunk: break
        got += chunk
    return got
def call(s, *a):
    s.sendall(cmd(*a))
    return s.recv(1 << 16)
def check(what, got, want):
    if got != want:
        print("FAIL: %s: got %r, want %r" % (what, got[:200], want)); sys.exit(1)
def rss_kib():
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"): return int(line.split()[1])

# --maxclients=3: the fourth gets the error and is closed.
a, b, c = connect(), connect(), connect()
check("first clients", [call(x, b"PING") for x in (a, b, c)], [b"+PONG\r\n"] * 3)
d = connect()
check("a client beyond --maxclients", reply(d, 1000), b"-ERR max number of clients reached\r\n")
c.close(); time.sleep(0.2)
e = connect()
check("a client after one left", call(e, b"PING"), b"+PONG\r\n")
e.close(); d.close()

# A reply above --client-output-limit=1000000 closes that client only.
big = b"x" * 600000
check("SET big", call(a, b"SET", b"big", big), b"+OK\r\n")
a.sendall(cmd(b"GET", b"big"))
check("GET big (under the limit)", reply(a, 600011), b"$600000\r\n" + big + b"\r\n")
a.sendall(cmd(b"MGET", b"big", b"big"))
check("MGET big big (over the limit): closed without a reply", reply(a, 1 << 30), b"")
check("another client meanwhile", call(b, b"PING"), b"+PONG\r\n")
info = call(b, b"INFO", b"stats")
if b"client_output_buffer_limit_disconnections:1\r\n" not in info:
    print("FAIL: INFO stats does not count the disconnection: %r" % info); sys.exit(1)

# A client that never reads: 2,000 GETs of 600 KB (1.2 GB of replies).
before = rss_kib()
f = connect()
f.setblocking(False)
request = cmd(b"GET", b"big") * 2000
sent = 0
deadline = time.time() + 3
while time.time() < deadline and sent < len(request):
    try:
        sent += f.send(request[sent:sent + 65536])
    except BlockingIOError:
        time.sleep(0.05)
time.sleep(0.5)
grown_mib = (rss_kib() - before) / 1024
# (Under a sanitizer freed memory stays in its quarantine: no bound there.)
if grown_mib > 32 and not sanitized:
    print("FAIL: a client that never reads grew the server by %.0f MiB" % grown_mib); sys.exit(1)
check("another client while one does not read", call(b, b"GET", b"small"), b"$-1\r\n")
f.close()
time.sleep(0.3)
check("after the non-reader left", call(b, b"PING"), b"+PONG\r\n")
print("non-reading client: server RSS grew %.1f MiB for %d request bytes accepted" % (grown_mib, sent))
PY
kill -TERM "$pid"
wait "$pid"; code=$?
[[ $code -eq 0 ]] || fail "exit code $code after SIGTERM"
echo PASS
