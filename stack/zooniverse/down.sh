#!/usr/bin/env bash
# Stops the Panoptes API replay started by up.sh (what clients added is lost, by design).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir zooniverse)}"
stop_pid "$STATE_DIR/replay.pid" "Panoptes API replay"
port_open "$ESCAPE_ZOONIVERSE_PORT" && die "something still listens on $ESCAPE_ZOONIVERSE_PORT (not started by up.sh?)"
echo "Panoptes API replay stopped"
