#!/usr/bin/env bash
# Stops the Zenodo API replay started by up.sh (its in-memory deposits are lost, by design).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir zenodo)}"
stop_pid "$STATE_DIR/replay.pid" "Zenodo API replay"
port_open "$ESCAPE_ZENODO_PORT" && die "something still listens on $ESCAPE_ZENODO_PORT (not started by up.sh?)"
echo "Zenodo API replay stopped"
