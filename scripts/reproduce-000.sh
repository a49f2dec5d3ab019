#!/usr/bin/env bash
# Regenerates the results of docs/reproduction/joint-caching.md (paper 000, Table I) from scratch:
#   1. Table I: every row of the scenario trained once per seed (50,000 steps), evaluated on 10 held-out
#      episodes of each of seeds 1-3 (n = 30), means ± 95% intervals;
#   2. the per-slot search references on the same 30 episodes;
#   3. the delay-accuracy front: beta swept over 1-6, every learning row trained anew at each value, 10 episodes;
#   4. mec report writes the table, the orderings (holds / fails, by how much) and the front into the document.
#
#   scripts/reproduce-000.sh [OUT]      default OUT: out/reproduce-000 (kept, so a sweep can be resumed)
#
# About 70 minutes on a 2-core machine; an interrupted sweep resumes where it stopped when run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/reproduce-000}"
scenario="$root/config/scenarios/joint-caching.conf"
mec="$("$root/scripts/mec-binary.sh")"
mkdir -p "$out"

if [[ ! -f "$out/table/summary.json" ]]; then
  "$mec" compare "$scenario" --episodes 10 --seeds 1,2,3 --train-steps 50000 --checkpoints none --out "$out/table"
fi

if [[ ! -f "$out/references/summary.json" ]]; then
  "$mec" run "$scenario" --policy slot-search --episodes 10 --seeds 1,2,3 --out "$out/references"
fi

if [[ -f "$out/front/sweep.csv" ]]; then
  :
elif [[ -f "$out/front/sweep.json" ]]; then
  "$mec" sweep --resume "$out/front"
else
  "$mec" sweep "$scenario" --set objective.beta=1,1.5,2,2.5,3,4,6 --episodes 10 --train-steps 50000 \
    --front delay,accuracy --out "$out/front"
fi

"$mec" report joint-caching --table "$out/table" --references "$out/references" --front "$out/front" \
  --doc "$root/docs/reproduction/joint-caching.md"
