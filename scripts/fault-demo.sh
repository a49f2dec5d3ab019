#!/usr/bin/env bash
# A short fault-injection experiment: paper 000's scenario (config/scenarios/joint-caching.conf, 400 slots, seed 1)
# under the plan of config/faults/fault-demo.conf: the fiber link between edges 0 and 1 down for slots 100-149, edge
# 2's server crashed for slots 250-279. Every policy of the scenario runs under the same plan; mec compare prints the
# per-policy table and each fault's windows (success probability and delay before, during and after, the drops during
# it by reason, the recovery time), and writes summary.json, slots.csv and faults.png (delay and success probability
# per slot, the fault windows shaded) into DIR. Same plan, same seed: the same bytes every time.
#
#   scripts/fault-demo.sh [--out DIR]      default DIR: out/fault-demo
#
# About half a minute on a 2-core machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/out/fault-demo"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    *) echo "usage: scripts/fault-demo.sh [--out DIR]" >&2; exit 2 ;;
  esac
done
mec="$("$root/scripts/mec-binary.sh")"
"$mec" compare "$root/config/scenarios/joint-caching.conf" --faults "$root/config/faults/fault-demo.conf" \
  --slots 400 --seed 1 --out "$out"
echo "plot: $out/faults.png"
