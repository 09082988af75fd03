#!/usr/bin/env bash
# Stops the DaCHS server (imported data stay in PostgreSQL; the next `up` is fast).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
if pgrep -u gavo -f "dachs serve" >/dev/null 2>&1 || port_open "$ESCAPE_DACHS_PORT"; then
  $SUDO dachs serve stop || true
  for _ in $(seq 50); do port_open "$ESCAPE_DACHS_PORT" || break; sleep 0.2; done
fi
port_open "$ESCAPE_DACHS_PORT" && die "DaCHS still listens on $ESCAPE_DACHS_PORT after 'dachs serve stop'"
echo "DaCHS stopped"
