#!/usr/bin/env bash
# One line; exit 0 when the Rucio server answers /ping, the WebDAV door listens and the daemons run.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/env.sh"
version=$(curl -fsS --max-time 3 "$ESCAPE_RUCIO_URL/ping" 2>/dev/null | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p')
problems=()
[ -n "$version" ] || problems+=("server not answering $ESCAPE_RUCIO_URL/ping")
port_open "$ESCAPE_WEBDAV_PORT" || problems+=("WebDAV door not listening on $ESCAPE_WEBDAV_PORT")
pid_alive "$RUCIO_STATE/run/daemons.pid" || problems+=("rule daemons not running")
if [ ${#problems[@]} -eq 0 ]; then
  echo "Rucio $version on $ESCAPE_RUCIO_URL, WebDAV on :$ESCAPE_WEBDAV_PORT, daemons running"; exit 0
fi
echo "Rucio: $(IFS=';'; echo "${problems[*]}")"; exit 1
