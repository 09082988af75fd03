#!/usr/bin/env bash
# Stops the Zenodo API replay started by up.sh (its in-memory deposits are lost, by design).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir zenodo)}"
pidfile="$STATE_DIR/replay.pid"
if [ -s "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
fi
port_open "$ESCAPE_ZENODO_PORT" && die "something still listens on $ESCAPE_ZENODO_PORT (not started by up.sh?)"
echo "Zenodo API replay stopped"
