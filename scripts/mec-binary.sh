#!/usr/bin/env bash
# Builds mec in Release (a no-op when up to date) and prints the path of the executable, for scripts that start
# several mec processes and must not build once per process. The build's output is shown only if it fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! output="$(dotnet build "$root/src/Hosts/MecActors.Cli/MecActors.Cli.csproj" -c Release -nologo -v quiet 2>&1)"; then
  echo "$output" >&2
  echo "error: building mec failed (dotnet build src/Hosts/MecActors.Cli -c Release)" >&2
  exit 1
fi
echo "$root/src/Hosts/MecActors.Cli/bin/Release/net10.0/mec"
