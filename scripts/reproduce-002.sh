#!/usr/bin/env bash
# Regenerates the results of docs/reproduction/grle.md (paper 002, GRLE) from scratch:
#   1. scenarios (1)-(4) at both slot lengths (15 and 30 ms): every learning policy trained 5,000 slots at each point,
#      then every policy evaluated on the paper's 10,000 evaluation slots (5 held-out episodes of 2,000), means ± 95%
#      intervals; and the exact optimum on the same held-out slots of scenarios (1) and (4) at 15 ms;
#   2. convergence: GRLE and DROOE trained 20,000 slots on scenario (1), with the normalised reward of eq. (17) against
#      the exact optimum at every training (training.csv, training.png);
#   3. Fig. 6 analogue: scenario (1) with 6, 8, ..., 22 devices at both slot lengths (3 held-out episodes of
#      2,000 slots, 5,000 training slots per point), a plot per metric;
#   4. topology change: the GRLE of step 2 evaluated at 10 and 18 devices without retraining on 2,000 held-out slots,
#      beside the exact optimum on the same slots, and DROOE's 14-device network offered to 10 devices;
#   5. the document, written from these results (the paper's claims beside ours; it reads every count from them).
#
#   scripts/reproduce-002.sh [OUT]      default OUT: out/reproduce-002 (kept: finished steps are skipped when run again)
#
# About an hour on two shared cores (58 minutes measured: step 1 about 17, step 3 about 33).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/reproduce-002}"
mkdir -p "$out"
out="$(cd "$out" && pwd)" # absolute, so that the report can name it OUT in whatever mec prints
mec="$("$root/scripts/mec-binary.sh")"
learners="[local-last-exit,local-first-exit,droo,drooe,grl,grle]"
train_slots=5000        # training slots per learning policy and point, steps 1 and 3
episodes=5              # held-out episodes per point of step 1 ...
episode_slots=2000      # ... of this many slots each: the paper's 10,000 evaluation slots
device_episodes=3       # held-out episodes per point of step 3
convergence_slots=20000 # step 2
topology_slots=2000     # step 4

# 1. The four dynamic scenarios, both slot lengths.
for scenario in grle grle-availability grle-fluctuation grle-csi; do
  if [[ ! -f "$out/$scenario/sweep.csv" ]]; then
    "$mec" sweep "$root/config/scenarios/$scenario.conf" --set slot-ms=15,30 --set "policies=$learners" \
      --episodes "$episodes" --slots "$episode_slots" --train-steps "$train_slots" --parallel 2 --out "$out/$scenario"
  fi
done

# The exact optimum on the same held-out slots (scenario (1) and (4), 14 devices, 15 ms), and its time per slot.
for scenario in grle grle-csi; do
  if [[ ! -f "$out/exhaustive-$scenario/summary.json" ]]; then
    start=$(date +%s.%N)
    "$mec" run "$root/config/scenarios/$scenario.conf" --policy exhaustive --episodes "$episodes" --slots "$episode_slots" \
      --parallel 1 --out "$out/exhaustive-$scenario"
    echo "$(date +%s.%N) $start" | awk -v slots=$((episodes * episode_slots)) '{ printf "%.3f\n", ($1 - $2) / slots * 1000 }' \
      > "$out/exhaustive-$scenario/ms-per-slot"
  fi
done

# 2. Convergence.
for policy in grle drooe; do
  if [[ ! -f "$out/train-$policy/$policy.mecnn" ]]; then
    "$mec" train "$root/config/scenarios/grle.conf" --policy "$policy" --steps "$convergence_slots" --seed 1 --out "$out/train-$policy"
  fi
done

# 3. The number of devices (Fig. 6).
if [[ -f "$out/devices/sweep.csv" ]]; then
  :
elif [[ -f "$out/devices/sweep.json" ]]; then
  "$mec" sweep --resume "$out/devices"
else
  "$mec" sweep "$root/config/scenarios/grle.conf" --set devices.count=6,8,10,12,14,16,18,20,22 --set slot-ms=15,30 \
    --set "policies=[droo,drooe,grl,grle]" --episodes "$device_episodes" --slots "$episode_slots" --train-steps "$train_slots" \
    --parallel 2 --out "$out/devices"
fi

# 4. Topology change: GRLE's 14-device weights at 10 and 18 devices, with the exact optimum on the same slots.
for devices in 10 18; do
  if [[ ! -f "$out/topology-$devices/tasks.csv" ]]; then
    cat > "$out/grle-$devices.conf" <<CONF
include "$root/config/scenarios/grle.conf"
name = grle-$devices
devices.count = $devices
policies = [exhaustive, grle]
CONF
    "$mec" compare "$out/grle-$devices.conf" --checkpoints "$out/train-grle" --slots "$topology_slots" --trace --out "$out/topology-$devices"
  fi
done
if [[ ! -f "$out/droo-at-10.txt" ]]; then
  mkdir -p "$out/droo-checkpoint"
  cp "$out/train-drooe/drooe.mecnn" "$out/droo-checkpoint/drooe.mecnn"
  sed 's/policies = \[exhaustive, grle\]/policies = [drooe]/' "$out/grle-10.conf" > "$out/drooe-10.conf"
  set +e
  "$mec" compare "$out/drooe-10.conf" --checkpoints "$out/droo-checkpoint" --slots 10 --out "$out/drooe-10" > "$out/droo-at-10.txt" 2>&1
  echo "exit code $?" >> "$out/droo-at-10.txt"
  set -e
fi

# 5. The document.
"$root/scripts/report-002.sh" "$out" "$root/docs/reproduction/grle.md"
