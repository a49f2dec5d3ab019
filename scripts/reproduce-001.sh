#!/usr/bin/env bash
# Regenerates the results of docs/reproduction/pre-dnnoff.md (paper 001, Secs. 4-5) from scratch:
#   1. mec compare of config/scenarios/pre-dnnoff.conf: every solver's placement emulated on 10,000 tasks, one at a
#      time on an idle system, beside its expected latency (expected-delay.csv);
#   2. mec sweep of config/scenarios/pre-dnnoff-load.conf over 1, 2, 5, 10 and 20 devices, 5 held-out episodes each,
#      and the same of pre-dnnoff-load-fast-device.conf (a device 30 times faster, a what-if);
#   3. mec report pre-dnnoff: the expected latencies against the paper's, the emulated check, the rate and spread
#      sweep, the GA's 20 seeded runs and its iteration curve, the load sweep and the solvers' times.
#
#   scripts/reproduce-001.sh [OUT]      default OUT: out/reproduce-001
#
# A few minutes on a 2-core machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/reproduce-001}"
scenario="$root/config/scenarios/pre-dnnoff.conf"
load="$root/config/scenarios/pre-dnnoff-load.conf"
fast="$root/config/scenarios/pre-dnnoff-load-fast-device.conf"
mec="$("$root/scripts/mec-binary.sh")"
mkdir -p "$out"

if [[ ! -f "$out/compare/summary.json" ]]; then
  "$mec" compare "$scenario" --out "$out/compare"
fi

sweep_devices() {
  local file="$1" dir="$2"
  if [[ -f "$dir/sweep.csv" ]]; then
    :
  elif [[ -f "$dir/sweep.json" ]]; then
    "$mec" sweep --resume "$dir"
  else
    "$mec" sweep "$file" --set devices.count=1,2,5,10,20 --episodes 5 --out "$dir"
  fi
}

sweep_devices "$load" "$out/load"
sweep_devices "$fast" "$out/load-fast-device"

"$mec" report pre-dnnoff --scenario "$scenario" --compare "$out/compare" --load "$out/load" \
  --fast-scenario "$fast" --fast-load "$out/load-fast-device" --doc "$root/docs/reproduction/pre-dnnoff.md"
