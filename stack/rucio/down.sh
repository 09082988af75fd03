#!/usr/bin/env bash
# Stops the daemons, the Rucio server and the WebDAV door (only the processes this component started).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/env.sh"
stop_pid "$RUCIO_STATE/run/daemons.pid" "rule daemons"
stop_pid "$RUCIO_STATE/run/server.pid" "Rucio server"
stop_pid "$RUCIO_STATE/run/server-tls.pid" "https Rucio door"
stop_pid "$RUCIO_STATE/run/webdav.pid" "WebDAV door"
echo "Rucio data lake stopped"
