#!/usr/bin/env bash
# Regenerates the trained checkpoints shipped for a scenario's default seed, byte for byte (training is
# deterministic): each learning policy trained with `mec train` for STEPS steps, its <policy>.mecnn and its stamp
# <policy>.mecnn.json (scenario content hash, seed, steps) copied into config/checkpoints/<scenario name>/.
#
#   scripts/train-checkpoints.sh [SCENARIO [STEPS]]     defaults: config/scenarios/joint-caching.conf, 50000
#
# POLICIES overrides the learning policies trained (default: the four of paper 000's Table I); DEST the directory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="${1:-$root/config/scenarios/joint-caching.conf}"
steps="${2:-50000}"
policies="${POLICIES:-joint-a2c random-caching local-edge no-early-exit}"
dest="${DEST:-$root/config/checkpoints/$(basename "$scenario" .conf)}"
mec="$("$root/scripts/mec-binary.sh")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Two at a time: each training is its own process and its own deterministic run.
pids=()
for policy in $policies; do
  "$mec" train "$scenario" --policy "$policy" --steps "$steps" --out "$work/$policy" >"$work/$policy.log" 2>&1 &
  pids+=("$!")
  if (( ${#pids[@]} == 2 )); then
    wait "${pids[0]}" || { cat "$work"/*.log >&2; exit 1; }
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do
  wait "$pid" || { cat "$work"/*.log >&2; exit 1; }
done

mkdir -p "$dest"
for policy in $policies; do
  cp "$work/$policy/$policy.mecnn" "$work/$policy/$policy.mecnn.json" "$dest/"
  echo "$dest/$policy.mecnn: $(grep -m1 'wall time' "$work/$policy.log")"
done
