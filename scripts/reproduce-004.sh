#!/usr/bin/env bash
# Regenerates the results of docs/reproduction/lymdo.md (paper 004, LyMDO; an abstract, so a model of its method):
#   1. mec train of the DRL agents lymdo and drl-no-lyapunov, 20,000 steps each on seed 1 (training episodes 1-20);
#   2. mec compare of config/scenarios/lymdo.conf: every policy on 10 held-out evaluation episodes of 1,000 slots;
#   3. mec lymdo match: the trained agent's partition points against the exhaustive search's on the same 10 episodes,
#      with the median times of its decision, of the exhaustive search and of the convex step;
#   4. mec sweep of config/scenarios/lymdo-v.conf over V (0.03 to 3), 3 held-out episodes each: lymdo (trained anew
#      at every V, 20,000 steps), lymdo-exhaustive and lymdo-equal, with the delay against the mean virtual queue as a
#      front;
#   5. mec sweep over the frame rate (5 to 30 fps), 3 held-out episodes of 500 slots, every policy (the DRL agents
#      trained anew at every rate, 10,000 steps);
#   6. mec run of lymdo, lymdo-exhaustive, lymdo-equal and myopic over 1,000, 4,000 and 16,000 slots (Q(T)/T as T grows);
#   7. at U = 10 (config/scenarios/lymdo-10.conf): lymdo trained 20,000 steps, every policy on 5 held-out episodes,
#      and the match with the exhaustive search (59,049 combinations a slot) on 2 held-out episodes of 200 slots;
#   8. mec lymdo report: the tables and plots into the document.
#
#   scripts/reproduce-004.sh [OUT]      default OUT: out/reproduce-004
#
# About fifteen minutes on a 2-core machine. A step whose output exists is skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/reproduce-004}"
scenario="$root/config/scenarios/lymdo.conf"
mec="$("$root/scripts/mec-binary.sh")"
mkdir -p "$out/checkpoints"

for policy in lymdo drl-no-lyapunov; do
  if [[ ! -f "$out/checkpoints/$policy.mecnn" ]]; then
    "$mec" train "$scenario" --policy "$policy" --steps 20000 --seed 1 --out "$out/train-$policy"
    cp "$out/train-$policy/$policy.mecnn" "$out/checkpoints/"
  fi
done

if [[ ! -f "$out/compare/summary.json" ]]; then
  "$mec" compare "$scenario" --episodes 10 --checkpoints "$out/checkpoints" --out "$out/compare"
fi

if [[ ! -f "$out/match/match-summary.csv" ]]; then
  "$mec" lymdo match "$scenario" --checkpoint "$out/checkpoints/lymdo.mecnn" --episodes 10 --out "$out/match"
fi

sweep() {
  local file="$1" dir="$2"
  shift 2
  if [[ -f "$dir/sweep.csv" ]]; then
    :
  elif [[ -f "$dir/sweep.json" ]]; then
    "$mec" sweep --resume "$dir"
  else
    "$mec" sweep "$file" "$@" --out "$dir"
  fi
}

sweep "$root/config/scenarios/lymdo-v.conf" "$out/v" --set lymdo.v=0.03,0.1,0.3,1,3 --episodes 3 --train-steps 20000 --front avgVirtualQueueJ,delay
sweep "$scenario" "$out/rate" --set workload.rate-per-s=5,10,15,20,25,30 --episodes 3 --slots 500 --train-steps 10000

for slots in 1000 4000 16000; do
  for policy in lymdo lymdo-exhaustive lymdo-equal myopic; do
    if [[ ! -f "$out/long/$policy-$slots/summary.json" ]]; then
      "$mec" run "$scenario" --policy "$policy" --checkpoints "$out/checkpoints" --slots "$slots" --out "$out/long/$policy-$slots"
    fi
  done
done

ten="$root/config/scenarios/lymdo-10.conf"
mkdir -p "$out/ten/checkpoints"
for policy in lymdo drl-no-lyapunov; do
  if [[ ! -f "$out/ten/checkpoints/$policy.mecnn" ]]; then
    "$mec" train "$ten" --policy "$policy" --steps 20000 --seed 1 --out "$out/ten/train-$policy"
    cp "$out/ten/train-$policy/$policy.mecnn" "$out/ten/checkpoints/"
  fi
done

if [[ ! -f "$out/ten/compare/summary.json" ]]; then
  "$mec" compare "$ten" --episodes 5 --checkpoints "$out/ten/checkpoints" --out "$out/ten/compare"
fi

if [[ ! -f "$out/ten/match/match-summary.csv" ]]; then
  "$mec" lymdo match "$ten" --checkpoint "$out/ten/checkpoints/lymdo.mecnn" --episodes 2 --slots 200 --out "$out/ten/match"
fi

"$mec" lymdo report --scenario "$scenario" --train "$out" --compare "$out/compare" --match "$out/match" --v-sweep "$out/v" \
  --rate-sweep "$out/rate" --long "$out/long" --ten "$out/ten" --doc "$root/docs/reproduction/lymdo.md"
