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
# A server that answers but refuses this state folder's own password means its database was re-bootstrapped by
# another checkout on this machine (one PostgreSQL, one "rucio" database): every data-lake test would fail.
if [ -n "$version" ] && [ -s "${ESCAPE_RUCIO_PASSWORD_FILE:-}" ]; then
  code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 -H "X-Rucio-Account: $ESCAPE_RUCIO_ACCOUNT" \
    -H "X-Rucio-Username: $ESCAPE_RUCIO_USERNAME" \
    -H @<(printf 'X-Rucio-Password: %s\n' "$(<"$ESCAPE_RUCIO_PASSWORD_FILE")") \
    "$ESCAPE_RUCIO_URL/auth/userpass" 2>/dev/null)
  [ "$code" = 401 ] && problems+=("the server refuses $ESCAPE_RUCIO_USERNAME's password from $ESCAPE_RUCIO_PASSWORD_FILE: its database was set up by another checkout; rebuild it with: stack/escape-stack down rucio; rm $RUCIO_STATE/secrets/db.password; stack/escape-stack up")
fi
if [ ${#problems[@]} -eq 0 ]; then
  echo "Rucio $version on $ESCAPE_RUCIO_URL, WebDAV on :$ESCAPE_WEBDAV_PORT, daemons running"; exit 0
fi
echo "Rucio: $(IFS=';'; echo "${problems[*]}")"; exit 1
