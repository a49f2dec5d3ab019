#!/usr/bin/env bash
# Kills (SIGKILL) the node hosting the learning coordinator, once the first run has closed slot SLOT, on an N-node
# loopback cluster. The coordinator checkpoints each run every K slots (--learner-checkpoint-every K, default 25; 0:
# never) to a directory the nodes share (--learner-checkpoint-dir): the decisions so far and the policies' state. The
# next singleton takes the run over, emulates the slots of the last checkpoint again with their logged decisions,
# puts the policies' state back and decides the rest live (from the first slot without a checkpoint); the records are
# the undisturbed run's. Printed at the end: each policy's tasks and node-lost drops, and the hand-over from
# summary.json (the slot lost after, the checkpoint's slot, the slots re-emulated and replayed, the hand-over time).
#
#   scripts/fault-kill-learner.sh N SCENARIO SLOT [mec compare options]
exec "$(dirname "${BASH_SOURCE[0]}")/fault-kill-node.sh" learner "$@"
