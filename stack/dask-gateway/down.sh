#!/usr/bin/env bash
# Stops the Dask Gateway started by up.sh (its clusters' schedulers and workers are its child processes and stop with it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir dask-gateway)}"
stop_pid "$STATE_DIR/gateway.pid" "Dask Gateway"
port_open "$ESCAPE_DASK_GATEWAY_PORT" && die "something still listens on $ESCAPE_DASK_GATEWAY_PORT (not started by up.sh?)"
echo "Dask Gateway stopped"
