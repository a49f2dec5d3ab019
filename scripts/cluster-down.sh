#!/usr/bin/env bash
# Stops the nodes scripts/cluster-up.sh started (the PIDs in $MEC_CLUSTER_DIR/pids, default .cluster/pids):
# SIGTERM first, so each node leaves the cluster gracefully, then SIGKILL for any still running after a grace
# period. Processes that are not `mec node` (a PID reused since) are left alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${MEC_CLUSTER_DIR:-$root/.cluster}"
grace="${MEC_CLUSTER_DOWN_GRACE:-20}"
if [[ ! -f "$dir/pids" ]]; then
  echo "no cluster started from $dir" >&2
  exit 0
fi

ours() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- ' node '
}

mapfile -t pids < "$dir/pids"
# Workers first, the seed last.
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
  pid="${pids[$i]}"
  if kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
done

deadline=$((SECONDS + grace))
for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null && ours "$pid"; do
    if (( SECONDS >= deadline )); then
      echo "node PID $pid did not stop within ${grace} s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
done

for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null && ours "$pid"; do
    sleep 0.1
  done
done

rm -f "$dir/pids" "$dir/seed" "$dir"/node-*.ready
echo "stopped ${#pids[@]} node(s) started from $dir" >&2
