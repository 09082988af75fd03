#!/usr/bin/env bash
# Starts the bearer-token gate in front of DaCHS (gateway.py) on 127.0.0.1:$ESCAPE_TAPGATE_PORT: a TAP service that
# takes only the IdP's tokens (audience $ESCAPE_VO_AUDIENCE). Needs the idp and dachs components. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir tapgate)}"
pidfile="$STATE_DIR/gateway.pid"
health="http://127.0.0.1:$ESCAPE_TAPGATE_PORT/_gate/health"

if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && curl -fsS -o /dev/null --max-time 5 "$health"; then
  echo "TAP gate already running (pid $(cat "$pidfile"))"; exit 0
fi
port_open "$ESCAPE_TAPGATE_PORT" && die "127.0.0.1:$ESCAPE_TAPGATE_PORT is taken by something else (set ESCAPE_TAPGATE_PORT)"
python="$STACK_DIR/../.venv/bin/python"
[ -x "$python" ] || die "the project's venv is missing (make install): the gate uses its PyJWT and tornado"
setsid nohup "$python" "$here/gateway.py" --port "$ESCAPE_TAPGATE_PORT" --upstream "$ESCAPE_DACHS_URL" \
  --issuer "$ESCAPE_IDP_URL" --audience "$ESCAPE_VO_AUDIENCE" >>"$STATE_DIR/gateway.log" 2>&1 </dev/null &
echo $! >"$pidfile"
wait_http "$health" 20 "TAP gate"
echo "TAP gate on $ESCAPE_TAP_PROTECTED_URL (pid $(cat "$pidfile"))"
