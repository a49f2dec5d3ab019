#!/usr/bin/env bash
# Starts an N-node loopback cluster, runs `mec compare SCENARIO --cluster <seed> [args]` on it, and stops every
# node it started, whether the run succeeds or not. The exit code is the run's.
#
#   scripts/run-cluster.sh 3 config/scenarios/joint-caching.conf --slots 200 --seed 1 --out OUT
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if (( $# < 2 )); then
  echo "usage: scripts/run-cluster.sh N SCENARIO [mec compare options]" >&2
  exit 2
fi

nodes="$1"
scenario="$2"
shift 2

# A cluster of its own, so it never touches one started by hand.
export MEC_CLUSTER_DIR="${MEC_CLUSTER_DIR:-$root/.cluster/run-$$}"
cleanup() {
  "$root/scripts/cluster-down.sh" || true
  rm -rf "$MEC_CLUSTER_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mec="$("$root/scripts/mec-binary.sh")"
# A scenario that does not load is refused before any node starts.
"$mec" validate "$scenario" > /dev/null
seed="$("$root/scripts/cluster-up.sh" "$nodes")"
set +e
"$mec" compare "$scenario" --cluster "$seed" "$@"
status=$?
set -e
exit "$status"
