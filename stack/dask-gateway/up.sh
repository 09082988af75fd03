#!/usr/bin/env bash
# Starts a Dask Gateway (dask-gateway-server, local process backend, password auth) on
# 127.0.0.1:$ESCAPE_DASK_GATEWAY_PORT. The password is created once in a 0600 file ($ESCAPE_DASK_GATEWAY_PASSWORD_FILE).
# Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir dask-gateway)}"
pidfile="$STATE_DIR/gateway.pid"
health="http://127.0.0.1:$ESCAPE_DASK_GATEWAY_PORT/api/health"

if pid_alive "$pidfile" && curl -fsS -o /dev/null --max-time 5 "$health"; then
  echo "Dask Gateway already running (pid $(cat "$pidfile"))"; exit 0
fi
for p in "$ESCAPE_DASK_GATEWAY_PORT" "$ESCAPE_DASK_GATEWAY_API_PORT"; do
  port_open "$p" && die "127.0.0.1:$p is taken by something else (set ESCAPE_DASK_GATEWAY_PORT / _API_PORT)"
done
venv_bin="$STACK_DIR/../.venv/bin"
[ -x "$venv_bin/dask-gateway-server" ] || die "dask-gateway-server is missing from the venv (make install: the scale extra)"
mkdir -p "$STATE_DIR/clusters"
if [ ! -s "$STATE_DIR/password" ]; then
  (umask 077; "$venv_bin/python" -c 'import secrets; print(secrets.token_urlsafe(24))' >"$STATE_DIR/password")
fi
chmod 600 "$STATE_DIR/password"
ESCAPE_VENV_BIN="$venv_bin" ESCAPE_DASK_GATEWAY_STATE="$STATE_DIR" ESCAPE_PROJECT_ROOT="$(cd "$STACK_DIR/.." && pwd)" \
  setsid nohup "$venv_bin/dask-gateway-server" --config "$here/gateway_config.py" \
  >>"$STATE_DIR/gateway.log" 2>&1 </dev/null &
echo $! >"$pidfile"
wait_http "$health" 60 "Dask Gateway"
echo "Dask Gateway on $ESCAPE_DASK_GATEWAY_URL (pid $(cat "$pidfile"); password in $ESCAPE_DASK_GATEWAY_PASSWORD_FILE)"
