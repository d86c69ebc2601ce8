#!/usr/bin/env bash
# kv_server against the real redis-server, both on loopback, driven by the
# same redis-benchmark (issue 14):
#   redis-benchmark -t set,get,incr,lpush,lpop,mset -n N -c 50 -P {1,16} --csv
# (N = 200,000; 5 N at -P 16)
# for ours with 1 and with 2 workers and for redis-server, persistence off
# for both (and, with --aof, again with an append-only file synced every
# second for both). Runs interleaved (ours-1, redis, ours-2, redis, ...),
# REPS times; the best of each. Prints per test and pipeline depth:
#   BENCH name=kv_vs_redis_<test>_P<p>[_aof] value=<ours req/s> unit=req/s baseline=<redis req/s> ratio=<ours/redis> ours_workers=<1|2> p50_ms=<ours>/<redis> p99_ms=<ours>/<redis>
# (ours: the better worker count, named), then memory per key for 1M small
# keys (server RSS growth / keys):
#   BENCH name=kv_memory_per_key value=<ours B> unit=B baseline=<redis B> ratio=...
# redis-benchmark shares the machine's 2 cores with the server it drives.
#
# Usage: bench/kv_vs_redis.sh [--quick] [--aof]     (--quick: N=50000, 1 rep)
set -euo pipefail
cd "$(dirname "$0")/.."
n=200000
reps=2
aof=0
for a in "$@"; do
  case $a in
    --quick) n=50000; reps=1 ;;
    --aof) aof=1 ;;
    *) echo "usage: bench/kv_vs_redis.sh [--quick] [--aof]" >&2; exit 2 ;;
  esac
done
tools/bazel build --config=opt //examples/kv:kv_server >/dev/null 2>&1 || tools/bazel build --config=opt //examples/kv:kv_server
server=bazel-bin/examples/kv/kv_server
command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null ||
  { echo "needs redis-server and redis-tools (tools/bazel installs them)" >&2; exit 1; }
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do redis-cli -p "$1" PING >/dev/null 2>&1 && return 0; sleep 0.05; done; return 1; }

# start_<kind> <mode: mem|aof>: prints "pid port"
start_ours() {
  local workers=$1 mode=$2 port; port=$(free_port)
  local extra=()
  [[ $mode == aof ]] && extra=(--dir="$tmp/ours-$workers-$RANDOM" --appendfsync=everysec)
  "$server" --port="$port" --workers="$workers" "${extra[@]}" >/dev/null 2>&1 &
  echo "$! $port"
}
start_redis() {
  local mode=$1 port; port=$(free_port)
  local extra=(--appendonly no)
  [[ $mode == aof ]] && extra=(--appendonly yes --appendfsync everysec --dir "$tmp")
  redis-server --port "$port" --save "" --daemonize no "${extra[@]}" >/dev/null 2>&1 &
  echo "$! $port"
}

# run <port> <P>: CSV lines "test,rps,avg,min,p50,p95,p99,max". Pipelined
# runs take 5x the requests (at -P 16 a run of N would last a few ms).
run() {
  local requests=$n
  (( $2 > 1 )) && requests=$((n * 5))
  redis-benchmark -p "$1" -q -t set,get,incr,lpush,lpop,mset -n "$requests" -c 50 -P "$2" --csv 2>/dev/null |
    tr -d '"' | grep -v '^test,'
}

declare -A best_rps best_p50 best_p99
record() {  # record <who> <P> <mode> <csv lines>
  local who=$1 p=$2 mode=$3
  while IFS=, read -r test rps _avg _min p50 _p95 p99 _max; do
    test=${test%% *}
    local key="$who|$test|$p|$mode"
    if [[ -z "${best_rps[$key]:-}" ]] || awk -v a="$rps" -v b="${best_rps[$key]}" 'BEGIN{exit !(a>b)}'; then
      best_rps[$key]=$rps; best_p50[$key]=$p50; best_p99[$key]=$p99
    fi
  done <<<"$4"
}

modes=(mem)
((aof)) && modes+=(aof)
for mode in "${modes[@]}"; do
  for rep in $(seq 1 "$reps"); do
    for who in ours1 redis ours2 redis; do
      case $who in
        ours1) read -r pid port < <(start_ours 1 "$mode") ;;
        ours2) read -r pid port < <(start_ours 2 "$mode") ;;
        redis) read -r pid port < <(start_redis "$mode") ;;
      esac
      pids+=("$pid")
      wait_port "$port" || { echo "$who did not start" >&2; exit 1; }
      for p in 1 16; do
        record "$who" "$p" "$mode" "$(run "$port" "$p")"
      done
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
  done
done

for mode in "${modes[@]}"; do
  suffix=""; [[ $mode == aof ]] && suffix="_aof"
  for p in 1 16; do
    for test in SET GET INCR LPUSH LPOP MSET; do
      r=${best_rps["redis|$test|$p|$mode"]:-0}
      o1=${best_rps["ours1|$test|$p|$mode"]:-0}
      o2=${best_rps["ours2|$test|$p|$mode"]:-0}
      w=1; o=$o1; k="ours1"
      if awk -v a="$o2" -v b="$o1" 'BEGIN{exit !(a>b)}'; then w=2; o=$o2; k="ours2"; fi
      ratio=$(awk -v a="$o" -v b="$r" 'BEGIN{printf "%.3f", (b>0)?a/b:0}')
      echo "BENCH name=kv_vs_redis_${test}_P${p}${suffix} value=$o unit=req/s baseline=$r ratio=$ratio ours_workers=$w p50_ms=${best_p50["$k|$test|$p|$mode"]}/${best_p50["redis|$test|$p|$mode"]} p99_ms=${best_p99["$k|$test|$p|$mode"]}/${best_p99["redis|$test|$p|$mode"]}"
    done
  done
done

# Memory per key: 1M keys "key:<i>" -> "<i>", loaded with redis-cli --pipe.
python3 -c '
import sys
out = sys.stdout.buffer
for i in range(1000000):
    k = b"key:%d" % i; v = b"%d" % i
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
' >"$tmp/load.txt"
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
per_key() {  # per_key <pid> <port>: bytes per key
  local before after
  before=$(rss_kib "$1")
  redis-cli -p "$2" --pipe <"$tmp/load.txt" >/dev/null
  after=$(rss_kib "$1")
  awk -v a="$after" -v b="$before" 'BEGIN{printf "%.1f", (a-b)*1024/1000000}'
}
read -r pid port < <(start_ours 1 mem); pids+=("$pid"); wait_port "$port"
ours_mem=$(per_key "$pid" "$port"); kill "$pid"; wait "$pid" 2>/dev/null || true
read -r pid port < <(start_redis mem); pids+=("$pid"); wait_port "$port"
redis_mem=$(per_key "$pid" "$port"); kill "$pid"; wait "$pid" 2>/dev/null || true
echo "BENCH name=kv_memory_per_key value=$ours_mem unit=B baseline=$redis_mem ratio=$(awk -v a="$ours_mem" -v b="$redis_mem" 'BEGIN{printf "%.3f", a/b}')"
