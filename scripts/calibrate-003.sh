#!/usr/bin/env bash
# Paper 003's calibration: fits the rates of config/scenarios/orchestration.conf (an inference's fixed overhead, the
# device's FP32 and Int8 rates, the edge's and the cloud's) by least squares (MathNet, QR) to the paper's Exp-A times
# (Fig. 5's fixed strategies at five users, Tables 8 and 9 of Exp-A), prints the fit and the prediction error on the
# held-out Exp-B..D rows, and writes the fitted values into the scenario's "# calibrated:" lines.
#
#   scripts/calibrate-003.sh [--dry-run]      --dry-run: print only, write nothing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mec="$("$root/scripts/mec-binary.sh")"
write=(--write)
if [[ "${1:-}" == "--dry-run" ]]; then
  write=()
fi

"$mec" orchestration calibrate "$root/config/scenarios/orchestration.conf" "${write[@]}"
