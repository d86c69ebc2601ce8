#!/usr/bin/env bash
# Runs every benchmark in bench/ with --config=opt and prints their BENCH lines
# (plus the "#" lines with per-repetition figures when -v is given).
#
# Usage: bench/run_all.sh [-v]
set -euo pipefail
cd "$(dirname "$0")/.."

verbose=0
[[ "${1:-}" == "-v" ]] && verbose=1

targets=(local_messaging local_rpc spawn spawn_churn cross_worker_rpc cross_worker_throughput thread_ring idle_cpu tcp_echo generated_protocol remote_rpc_latency remote_rpc_throughput)
status=0
for t in "${targets[@]}"; do
  # `bazel run` builds and runs in one command, so another build on the shared
  # server cannot swap the binary in between.
  if ! out=$(tools/bazel run --config=opt "//bench:$t" 2>/dev/null); then
    echo "bench/run_all.sh: //bench:$t FAILED" >&2
    status=1
  fi
  if ((verbose)); then
    printf '%s\n' "$out"
  else
    printf '%s\n' "$out" | grep '^BENCH ' || true
  fi
done
exit "$status"
