#!/usr/bin/env bash
# Stops TOPCAT, the SAMP hub and the virtual display started by up.sh (only the processes it recorded).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir samp)}"
stop_pid "$STATE_DIR/topcat.pid" "TOPCAT"
stop_pid "$STATE_DIR/hub.pid" "SAMP hub"
stop_pid "$STATE_DIR/xvfb.pid" "Xvfb"
rm -f "$STATE_DIR/lock"
echo "SAMP hub and TOPCAT stopped"
