#!/usr/bin/env bash
# Starts the Zenodo API REPLAY (not Zenodo: hand-written records in Zenodo's REST shape, see zenodo_replay.py)
# on 127.0.0.1:$ESCAPE_ZENODO_PORT. Python standard library only. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir zenodo)}"
pidfile="$STATE_DIR/replay.pid"
url="http://127.0.0.1:$ESCAPE_ZENODO_PORT/api/records?size=1"

if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && curl -fsS -o /dev/null --max-time 5 "$url"; then
  echo "Zenodo API replay already running (pid $(cat "$pidfile"))"; exit 0
fi
port_open "$ESCAPE_ZENODO_PORT" && die "127.0.0.1:$ESCAPE_ZENODO_PORT is taken by something else (set ESCAPE_ZENODO_PORT)"
python=python3
[ -x "$STACK_DIR/../.venv/bin/python" ] && python="$STACK_DIR/../.venv/bin/python"
setsid nohup "$python" "$here/zenodo_replay.py" --port "$ESCAPE_ZENODO_PORT" >>"$STATE_DIR/replay.log" 2>&1 </dev/null &
echo $! >"$pidfile"
wait_http "$url" 20 "Zenodo API replay"
echo "Zenodo API replay on http://127.0.0.1:$ESCAPE_ZENODO_PORT/api (pid $(cat "$pidfile"))"
