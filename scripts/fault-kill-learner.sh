#!/usr/bin/env bash
# Kills (SIGKILL) the node hosting the learning coordinator, once the first run has closed slot SLOT, on an N-node
# loopback cluster; the next singleton takes the run over and replays it from its first slot.
#
#   scripts/fault-kill-learner.sh N SCENARIO SLOT [mec compare options]
exec "$(dirname "${BASH_SOURCE[0]}")/fault-kill-node.sh" learner "$@"
