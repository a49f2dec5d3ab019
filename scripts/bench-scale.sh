#!/usr/bin/env bash
# The scale benchmark in one run: the scaled joint-caching system (default U = 10,000 devices, N = 100 edges,
# 20 slots) in one process, then on a 3-node loopback cluster started for the purpose, each against the raw Akka
# rate measured in its own run; then each node's peak resident memory. Every node it starts is stopped again.
#
#   scripts/bench-scale.sh [--devices U] [--edges N] [--slots T] [--repeat R]
#
# Figures go to stdout and to $MEC_BENCH_OUT (default out/bench-scale/): single.json, cluster.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${MEC_BENCH_NODES:-3}"
out="${MEC_BENCH_OUT:-$root/out/bench-scale}"
mkdir -p "$out"
mec="$("$root/scripts/mec-binary.sh")"

echo "== one process"
"$mec" bench --scale "$@" --json "$out/single.json"

export MEC_CLUSTER_DIR="${MEC_CLUSTER_DIR:-$root/.cluster/bench-$$}"
cleanup() {
  "$root/scripts/cluster-down.sh" || true
  rm -rf "$MEC_CLUSTER_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== $nodes-node cluster on loopback"
seed="$("$root/scripts/cluster-up.sh" "$nodes")"
"$mec" bench --scale --check-slots 0 --cluster "$seed" "$@" --json "$out/cluster.json"

echo "peak resident memory per node (VmHWM):"
index=0
while read -r pid; do
  index=$((index + 1))
  awk -v node="$index" -v pid="$pid" '/^VmHWM/ { printf "  node %d (PID %d): %.1f MiB\n", node, pid, $2 / 1024 }' "/proc/$pid/status"
done < "$MEC_CLUSTER_DIR/pids"
