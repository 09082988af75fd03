#!/usr/bin/env bash
# Stops the hub, its proxy and broker, and every hub user's server (their baskets and jobs stay on disk).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir hub)}"
stop_pid "$STATE_DIR/jupyterhub.pid" "JupyterHub"
stop_pid "$STATE_DIR/proxy.pid" "proxy"
pkill -f "jupyter_escape.hub.broker" 2>/dev/null || true
for user in $(python3 "$STACK_DIR/idp/users.py" names); do
  id -u "$user" >/dev/null 2>&1 && pkill -u "$user" -f jupyterhub-singleuser 2>/dev/null || true
done
for p in "$ESCAPE_HUB_PORT" "$ESCAPE_BROKER_PORT"; do
  for _ in $(seq 50); do port_open "$p" || break; sleep 0.1; done
  port_open "$p" && die "something still listens on $p (not started by up.sh?)"
done
echo "JupyterHub stopped"
