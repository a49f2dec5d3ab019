#!/usr/bin/env bash
# Starts a cluster of N nodes on loopback: a seed node and N-1 workers, each a separate `mec node` process
# on a free port, and waits until every node is Up. Prints the seed address (pass it to --cluster).
#
#   scripts/cluster-up.sh N
#
# State (PID file, logs, seed address) goes to $MEC_CLUSTER_DIR (default .cluster/); scripts/cluster-down.sh
# stops exactly the processes listed there. Exits 1, leaving nothing running, if a node fails to come up.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${1:-}"
if ! [[ "$nodes" =~ ^[0-9]+$ ]] || (( nodes < 1 || nodes > 16 )); then
  echo "usage: scripts/cluster-up.sh N   (N = number of nodes, 1-16)" >&2
  exit 2
fi

dir="${MEC_CLUSTER_DIR:-$root/.cluster}"
up_timeout="${MEC_CLUSTER_UP_TIMEOUT:-90}"
mkdir -p "$dir"
if [[ -s "$dir/pids" ]]; then
  while read -r pid; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "error: a cluster started from $dir is still running (PID $pid); stop it with scripts/cluster-down.sh" >&2
      exit 1
    fi
  done < "$dir/pids"
fi
rm -f "$dir"/pids "$dir"/seed "$dir"/node-*.ready "$dir"/node-*.log

mec="$("$root/scripts/mec-binary.sh")"

fail() {
  echo "error: $1" >&2
  for log in "$dir"/node-*.log; do
    [[ -f "$log" ]] && { echo "--- $log (last lines)" >&2; tail -n 5 "$log" >&2; }
  done
  MEC_CLUSTER_DIR="$dir" "$root/scripts/cluster-down.sh" >&2 || true
  exit 1
}

# Starts node $1 with the remaining arguments; its PID goes to the PID file before anything can fail.
start_node() {
  local index="$1"
  shift
  "$mec" node --port 0 --ready-file "$dir/node-$index.ready" "$@" > "$dir/node-$index.log" 2>&1 &
  echo $! >> "$dir/pids"
}

# Waits until node $1 has written its ready file (it is Up), or fails.
wait_up() {
  local index="$1" deadline=$((SECONDS + up_timeout))
  local pid
  pid="$(sed -n "${index}p" "$dir/pids")"
  until [[ -s "$dir/node-$index.ready" ]]; do
    kill -0 "$pid" 2>/dev/null || fail "node $index (PID $pid) exited before it was Up"
    (( SECONDS < deadline )) || fail "node $index (PID $pid) was not Up within ${up_timeout} s"
    sleep 0.2
  done
}

start_node 1
wait_up 1
seed="$(head -n 1 "$dir/node-1.ready")"
for ((i = 2; i <= nodes; i++)); do
  start_node "$i" --seed-nodes "$seed"
done
for ((i = 2; i <= nodes; i++)); do
  wait_up "$i"
done

echo "$seed" > "$dir/seed"
echo "cluster of $nodes node(s) up; seed $seed (PIDs: $(paste -sd ' ' "$dir/pids"); logs in $dir)" >&2
echo "$seed"
