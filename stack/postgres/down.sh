#!/usr/bin/env bash
# Stops the PostgreSQL cluster (fast shutdown: disconnects clients).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/cluster.sh"
if pg_running; then $SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast; fi
echo "PostgreSQL $PG_VERSION/$PG_CLUSTER stopped"
