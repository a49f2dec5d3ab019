#!/usr/bin/env bash
# Kills a node of a loopback cluster mid-run: starts an N-node cluster, runs `mec compare SCENARIO --cluster <seed>
# [options]` on it, and once the first run has closed slot SLOT sends SIGKILL to one node: a worker that hosts cells
# of the run (not the learning coordinator's node), or the node hosting the learning coordinator. The run goes on on
# the others; when it ends, the summary's drops by reason and learner hand-overs are printed and every process started
# here is stopped by its PID. The exit code is the run's (1 if the run did not reach SLOT or outlived the time bound).
#
#   scripts/fault-kill-node.sh worker|learner N SCENARIO SLOT [mec compare options]
#
# Used by scripts/fault-kill-worker.sh and scripts/fault-kill-learner.sh. MEC_FAULT_KILL_TIMEOUT bounds the whole run
# in seconds (default 1800).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() {
  echo "usage: scripts/fault-kill-node.sh worker|learner N SCENARIO SLOT [mec compare options]" >&2
  exit 2
}
(( $# >= 4 )) || usage
target="$1" nodes="$2" scenario="$3" slot="$4"
shift 4
[[ "$target" == worker || "$target" == learner ]] || { echo "error: the node to kill must be worker or learner, got '$target'" >&2; usage; }
if ! [[ "$nodes" =~ ^[0-9]+$ ]] || (( nodes < 2 || nodes > 16 )); then
  echo "error: N must be 2-16 (a node must be left to go on), got '$nodes'" >&2
  usage
fi
if ! [[ "$slot" =~ ^[0-9]+$ ]] || (( slot < 1 )); then
  echo "error: SLOT must be a slot number (1 or more), got '$slot'" >&2
  usage
fi
timeout_s="${MEC_FAULT_KILL_TIMEOUT:-1800}"

out=""
for ((i = 1; i <= $#; i++)); do
  if [[ "${!i}" == --out ]]; then
    next=$((i + 1))
    out="${!next:-}"
  fi
done
extra=()
if [[ -z "$out" ]]; then
  out="$root/out/fault-kill-$target"
  extra=(--out "$out")
fi

# A cluster of its own, so it never touches one started by hand.
export MEC_CLUSTER_DIR="${MEC_CLUSTER_DIR:-$root/.cluster/kill-$$}"
run_pid=""
cleanup() {
  if [[ -n "$run_pid" ]] && kill -0 "$run_pid" 2>/dev/null; then
    kill -TERM "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  "$root/scripts/cluster-down.sh" || true
  rm -rf "$MEC_CLUSTER_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mec="$("$root/scripts/mec-binary.sh")"
# A scenario that does not load is refused before any node starts.
"$mec" validate "$scenario" > /dev/null
seed="$("$root/scripts/cluster-up.sh" "$nodes")"
progress="$MEC_CLUSTER_DIR/progress"
: > "$progress"
"$mec" compare "$scenario" --cluster "$seed" --progress-file "$progress" "${extra[@]}" "$@" &
run_pid=$!
deadline=$((SECONDS + timeout_s))

# The node (1-N) whose log shows it started the learning coordinator singleton last.
learner_node() {
  local latest="" index=""
  for ((i = 1; i <= nodes; i++)); do
    local line
    line="$(grep -n "/user/learner: Singleton manager started singleton actor" "$MEC_CLUSTER_DIR/node-$i.log" | tail -n 1 | cut -d: -f1 || true)"
    [[ -n "$line" ]] && index="$i" latest="$line"
  done
  [[ -n "$latest" ]] && echo "$index"
}

# A node (1-N) other than $1 that hosts cells of the run, read off the coordinator's last placement line.
worker_with_cells() {
  local learner="$1" placement
  placement="$(grep -h "generation .*: cells on" "$MEC_CLUSTER_DIR/node-$learner.log" | tail -n 1 || true)"
  for ((i = nodes; i >= 1; i--)); do
    (( i == learner )) && continue
    local address
    address="$(head -n 1 "$MEC_CLUSTER_DIR/node-$i.ready")"
    if [[ "$placement" == *"$address ["* ]]; then
      echo "$i"
      return
    fi
  done
}

until awk -v s="$slot" '$2 + 0 >= s { found = 1 } END { exit !found }' "$progress"; do
  if ! kill -0 "$run_pid" 2>/dev/null; then
    wait "$run_pid" || true
    echo "error: the run ended before it reached slot $slot" >&2
    exit 1
  fi
  if (( SECONDS >= deadline )); then
    echo "error: the run did not reach slot $slot within ${timeout_s} s" >&2
    exit 1
  fi
  sleep 0.2
done

learner="$(learner_node || true)"
[[ -n "$learner" ]] || { echo "error: no node's log shows the learning coordinator starting" >&2; exit 1; }
if [[ "$target" == learner ]]; then
  victim="$learner"
else
  victim="$(worker_with_cells "$learner")"
  [[ -n "$victim" ]] || { echo "error: no node besides the learning coordinator's (node $learner) hosts cells of the run" >&2; exit 1; }
fi
victim_pid="$(sed -n "${victim}p" "$MEC_CLUSTER_DIR/pids")"
kill -KILL "$victim_pid"
echo "killed node $victim ($target, PID $victim_pid, $(head -n 1 "$MEC_CLUSTER_DIR/node-$victim.ready")) after $(tail -n 1 "$progress")" >&2

while kill -0 "$run_pid" 2>/dev/null; do
  if (( SECONDS >= deadline )); then
    echo "error: the run did not end within ${timeout_s} s" >&2
    exit 1
  fi
  sleep 0.5
done
set +e
wait "$run_pid"
status=$?
set -e
run_pid=""

# Per policy, from summary.json: every task accounted for, what the lost node cost, and each learner hand-over.
if [[ -f "$out/summary.json" ]]; then
  echo "tasks and drops (summary.json):"
  awk '
    function field(line) { sub(/^ *"[A-Za-z]+": */, "", line); sub(/,$/, "", line); return line }
    function flush() {
      if (name == "") return
      lost = reasons ~ /"node-lost"/ ? reasons : "0"
      sub(/.*"node-lost": */, "", lost); sub(/[^0-9].*/, "", lost)
      printf "  %-22s tasks %s = completed %s + missed %s + dropped %s; dropped(node-lost) %s%s\n", name, tasks, completed, missed, dropped, lost, reasons == "" ? "" : "; by reason: " reasons
      name = ""; reasons = ""
      for (i = 1; i <= handovers; i++) print handover[i]
      handovers = 0
    }
    function value(line) { line = field(line); gsub(/"/, "", line); return line }
    /^      "name": /            { flush(); name = field($0); gsub(/"/, "", name) }
    /^      "tasks": /           { tasks = field($0) }
    /^      "completed": /       { completed = field($0) }
    /^      "missedDeadline": /  { missed = field($0) }
    /^      "dropped": /         { dropped = field($0) }
    /^      "droppedByReason": / { grab = 1; next }
    /^      "learnerHandOvers": / { over = 1; next }
    over && /^      \]/         { over = 0; next }
    over && /^        }/         {
      handover[++handovers] = sprintf("    learner hand-over: lost after slot %s, checkpoint of slot %s, slots re-emulated %s, replayed %s%s; %s s to hand over, to %s",
        h["lostAfterSlot"], h["checkpointSlot"], h["reemulatedSlots"], h["replayedSlots"],
        h["noCheckpoint"] == "null" ? "" : " (no checkpoint: " h["noCheckpoint"] ")", h["handOverSeconds"], h["newNode"])
      next
    }
    over && /^          "/       { key = $1; gsub(/[":]/, "", key); h[key] = value($0); next }
    grab && /^      }/           { grab = 0; next }
    grab                         { line = $0; gsub(/^ +|,$/, "", line); reasons = reasons (reasons == "" ? "" : ", ") line }
    END                          { flush() }
  ' "$out/summary.json"
fi
exit "$status"
