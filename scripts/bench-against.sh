#!/usr/bin/env bash
# Compares this checkout's speed with an earlier commit's, as docs/architecture.md "Speed" reports it: builds REV in a
# git worktree, then alternates the two builds ROUNDS times, each round `mec bench` and `mec bench --scale` of both,
# each commit run from its own checkout (its own scenario files and akka.conf). Prints every run's slots/s and, per U,
# the medians of both commits, their ratio and each one's emulator / reference ratio (the median of its runs' ratios).
#
#   scripts/bench-against.sh REV [ROUNDS] [OUT]     defaults: 3 rounds, out/bench-against-<short REV>
#
# The JSON of every run stays in OUT; the worktree is removed at the end. The machine is shared: run nothing else meanwhile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 ]]; then
  echo "usage: scripts/bench-against.sh REV [ROUNDS] [OUT]" >&2
  exit 2
fi
rev="$1"
rounds="${2:-3}"
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "error: ROUNDS: '$rounds' is not a positive whole number" >&2
  exit 2
fi
if ! sha="$(git -C "$root" rev-parse --short --verify --quiet "$rev^{commit}")"; then
  echo "error: REV: '$rev' is not a commit of this repository" >&2
  exit 2
fi
out="${3:-$root/out/bench-against-$sha}"
scratch="$(mktemp -d)"
tree="$scratch/mec-$sha"
mkdir -p "$out"

cleanup() {
  git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT
git -C "$root" worktree add --detach "$tree" "$sha" >/dev/null 2>&1
echo "building $sha in a worktree and this checkout" >&2
dotnet build "$tree/src/Hosts/MecActors.Cli/MecActors.Cli.csproj" -c Release -nologo -v quiet >/dev/null
old_mec="$tree/src/Hosts/MecActors.Cli/bin/Release/net10.0/mec"
new_mec="$("$root/scripts/mec-binary.sh")"

run() {   # side, checkout, mec, round
  local side="$1" dir="$2" mec="$3" round="$4"
  (cd "$dir" && "$mec" bench --json "$out/$side-bench-$round.json" >/dev/null 2>&1)
  (cd "$dir" && "$mec" bench --scale --json "$out/$side-scale-$round.json" >/dev/null 2>&1)
}
for round in $(seq 1 "$rounds"); do
  echo "round $round/$rounds: $sha" >&2
  run old "$tree" "$old_mec" "$round"
  echo "round $round/$rounds: this checkout" >&2
  run new "$root" "$new_mec" "$round"
done

# One line per case of a run: side, U, emulator slots/s, reference slots/s.
figures() {
  local side="$1" file
  for file in "$out/$side"-bench-*.json "$out/$side"-scale-*.json; do
    grep -o '"devices": [0-9]*\|"slotsPerSecond": [0-9.eE+-]*' "$file" | awk -v side="$side" '
      /devices/ { u = $2; n = 0; next }
      { n++; if (n == 1) emu = $2; else { print side, u, emu, $2 } }'
  done
}
{ figures old; figures new; } | awk -v old="$sha" '
  function median(list,    a, k, i, j, t) {
    k = split(list, a, " ")
    for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  {
    key = $1 " " $2; emu[key] = emu[key] " " $3; ratio[key] = ratio[key] " " $3 / $4; sizes[$2] = 1
    runs[key] = runs[key] sprintf(" %.1f", $3)
  }
  END {
    printf "%8s  %-28s %-28s %6s\n", "U", old " slots/s (emu/ref)", "this checkout (emu/ref)", "ratio"
    n = 0; for (u in sizes) order[++n] = u + 0
    for (i = 2; i <= n; i++) for (j = i; j > 1 && order[j - 1] > order[j]; j--) { t = order[j]; order[j] = order[j - 1]; order[j - 1] = t }
    for (i = 1; i <= n; i++) {
      u = order[i]; o = median(emu["old " u]); w = median(emu["new " u])
      printf "%8d  %-28s %-28s %6.2f\n", u, sprintf("%.1f (%.3f)", o, median(ratio["old " u])), sprintf("%.1f (%.3f)", w, median(ratio["new " u])), w / o
    }
    print ""
    for (i = 1; i <= n; i++) {
      u = order[i]; printf "U = %d, emulator slots/s of every run: %s:%s; this checkout:%s\n", u, old, runs["old " u], runs["new " u]
    }
  }'
echo "every run's figures: $out" >&2
