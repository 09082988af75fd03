#!/usr/bin/env bash
# Stops the identity provider. Its sessions, grants and refresh tokens persist in the state folder (store.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir idp)}"
pidfile="$STATE_DIR/idp.pid"
if [ -s "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
fi
port_open "$ESCAPE_IDP_PORT" && die "something still listens on $ESCAPE_IDP_PORT (not started by up.sh?)"
echo "identity provider stopped"
