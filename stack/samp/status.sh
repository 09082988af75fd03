#!/usr/bin/env bash
# One line; exit 0 when the SAMP hub answers and TOPCAT is registered with it.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$STATE_ROOT/samp}"
line=$(timeout 20 python3 "$(dirname "$0")/probe.py" "$STATE_DIR/lock") || { echo "$line"; exit 1; }
echo "$line (lockfile $STATE_DIR/lock, Web Profile 127.0.0.1:21012, display :${ESCAPE_SAMP_DISPLAY:-57})"
