#!/usr/bin/env bash
# Stops the identity provider. Its sessions, grants and refresh tokens persist in the state folder (store.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir idp)}"
stop_pid "$STATE_DIR/idp.pid" "identity provider"
port_open "$ESCAPE_IDP_PORT" && die "something still listens on $ESCAPE_IDP_PORT (not started by up.sh?)"
echo "identity provider stopped"
