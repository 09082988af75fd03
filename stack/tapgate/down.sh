#!/usr/bin/env bash
# Stops the TAP gate started by up.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir tapgate)}"
stop_pid "$STATE_DIR/gateway.pid" "TAP gate"
port_open "$ESCAPE_TAPGATE_PORT" && die "something still listens on $ESCAPE_TAPGATE_PORT (not started by up.sh?)"
echo "TAP gate stopped"
