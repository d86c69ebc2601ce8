#!/usr/bin/env bash
# custom_runtime: runs by itself for 0.2 s, then again until SIGTERM; each run
# places two actors on each worker and ends with a summary.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check <output file> <how it stopped>
check() {
  out=$(cat "$1")
  if ! grep -qE '^custom_runtime: 2 workers, (pinned to CPUs 0-1|not pinned .*), run_batch 16, max_run_time 2ms, spin 50us$' <<<"$out"; then
    echo "FAIL: no set-up line:" >&2; echo "$out" >&2; exit 1
  fi
  for actor in a0 b0 a1 b1; do
    w=${actor:1}
    if ! grep -qE "^$actor runs on worker $w \(CPU [0-9]+\)$" <<<"$out"; then
      echo "FAIL: $actor did not run on worker $w:" >&2; echo "$out" >&2; exit 1
    fi
  done
  if grep -q '^custom_runtime: 2 workers, pinned' <<<"$out"; then  # pinned: worker i on CPU i
    for actor in a0 b0 a1 b1; do
      grep -qE "^$actor runs on worker ${actor:1} \(CPU ${actor:1}\)$" <<<"$out" ||
        { echo "FAIL: $actor not on CPU ${actor:1}" >&2; exit 1; }
    done
  fi
  if [[ "$(tail -n1 <<<"$out")" != "custom_runtime: $2; actors per worker: 0:2 1:2" ]]; then
    echo "FAIL: summary:" >&2; echo "$out" >&2; exit 1
  fi
  echo "$out"
}

"$1" 0.2 >"$tmp/self.out"
check "$tmp/self.out" "stopped by itself after 200ms"

"$1" 60 >"$tmp/term.out" &
pid=$!
for _ in $(seq 1 200); do
  [[ $(grep -c ' runs on worker ' "$tmp/term.out") -eq 4 ]] && break
  sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
check "$tmp/term.out" "stopped by SIGTERM"
echo "PASS"
