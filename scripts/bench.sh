#!/usr/bin/env bash
# Emulator throughput benchmark: `mec bench` in Release from the repository root.
# Arguments are passed through, e.g. scripts/bench.sh --devices 30 3000 --repeat 5 --json bench.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec dotnet run --project src/Hosts/MecActors.Cli -c Release -- bench "$@"
