#!/usr/bin/env bash
# One line; exit 0 when the cluster accepts connections.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/cluster.sh"
if pg_ready; then echo "PostgreSQL $PG_VERSION/$PG_CLUSTER on 127.0.0.1:$ESCAPE_PG_PORT"; exit 0; fi
echo "PostgreSQL $PG_VERSION/$PG_CLUSTER not accepting connections on 127.0.0.1:$ESCAPE_PG_PORT"; exit 1
