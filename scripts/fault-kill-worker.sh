#!/usr/bin/env bash
# Kills (SIGKILL) a worker that hosts cells of the run, once the first run has closed slot SLOT, on an N-node
# loopback cluster; the run goes on on the other nodes, its tasks in flight on the lost node dropped (node-lost).
#
#   scripts/fault-kill-worker.sh N SCENARIO SLOT [mec compare options]
exec "$(dirname "${BASH_SOURCE[0]}")/fault-kill-node.sh" worker "$@"
