#!/usr/bin/env bash
# Runs the networking examples: starts each, talks to it on loopback (bash's
# /dev/tcp), checks the answer, sends SIGTERM and expects exit code 0.
# Usage: net_examples_test.sh <my_ip binary> <tcp_echo_server binary>
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# start <binary> <name>: sets $pid and $port.
start() {
  "$1" >"$tmp/$2.out" 2>"$tmp/$2.err" &
  pid=$!
  port=""
  for _ in $(seq 1 200); do
    if line=$(grep -m1 "^$2 listening on 127.0.0.1:" "$tmp/$2.out" 2>/dev/null); then
      port=${line##*:}
      break
    fi
    sleep 0.05
  done
  if [[ -z "$port" ]]; then
    echo "FAIL: $2 did not print its port; stderr:" >&2
    cat "$tmp/$2.err" >&2
    exit 1
  fi
}

# stop <name>: SIGTERM, then the exit code must be 0.
stop() {
  kill -TERM "$pid"
  rc=0
  wait "$pid" || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "FAIL: $1 exited with $rc after SIGTERM; stderr:" >&2
    cat "$tmp/$1.err" >&2
    exit 1
  fi
  echo "PASS: $1 stopped on SIGTERM with exit code 0"
}

# my_ip: the answer is the client's own address (ip:port of our socket).
start "$1" my_ip
for i in 1 2 3; do
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  IFS= read -r answer <&3
  exec 3<&-
  if [[ ! "$answer" =~ ^127\.0\.0\.1:[0-9]+$ ]] || [[ "${answer##*:}" == "$port" ]]; then
    echo "FAIL: my_ip answered '$answer'" >&2
    exit 1
  fi
  echo "PASS: my_ip answer $i: $answer"
done
stop my_ip

# tcp_echo_server: lines come back unchanged.
start "$2" tcp_echo_server
exec 3<>"/dev/tcp/127.0.0.1/$port"
for msg in "hello" "echo over heph" "$(printf 'x%.0s' $(seq 1 3000))"; do
  printf '%s\n' "$msg" >&3
  IFS= read -r back <&3
  if [[ "$back" != "$msg" ]]; then
    echo "FAIL: echo sent '${msg:0:40}' got '${back:0:40}'" >&2
    exit 1
  fi
done
exec 3<&-
echo "PASS: tcp_echo_server echoed 3 lines"
stop tcp_echo_server
