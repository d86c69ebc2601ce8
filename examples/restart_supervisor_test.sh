#!/usr/bin/env bash
# restart_supervisor: the processor fails on jobs 2, 4 (throws), 6 and 8; it is
# restarted 3 times, keeps its queued jobs across restarts, and is stopped at
# the 4th failure (job 9 is dropped with its inbox).
set -euo pipefail
err=$(mktemp)
trap 'rm -f "$err"' EXIT
out=$("$1" 2>"$err")
expected="processor: run 1
processor: job 1 done
processor: job 2 fails
processor: run 2 (restarted)
processor: job 3 done
processor: job 4 throws
processor: run 3 (restarted)
processor: job 5 done
processor: job 6 fails
processor: run 4 (restarted)
processor: job 7 done
processor: job 8 fails
processor stopped after 4 runs (3 restarts: the limit)"
if [[ "$out" != "$expected" ]]; then
  echo "FAIL: expected:" >&2; echo "$expected" >&2
  echo "got:" >&2; echo "$out" >&2; cat "$err" >&2
  exit 1
fi
for line in "job 2 failed; restarting it" "threw: job 4 threw; restarting it" \
            "job 8 failed; restart limit reached, stopping it"; do
  if ! grep -qF "$line" "$err"; then
    echo "FAIL: stderr lacks '$line':" >&2; cat "$err" >&2
    exit 1
  fi
done
echo "PASS: 3 restarts, queued jobs kept, stopped at the limit"
