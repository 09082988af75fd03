#!/usr/bin/env bash
# Starts the Panoptes API REPLAY (not Zooniverse: hand-written data in the shape of the API behind Zooniverse, see
# panoptes_replay.py) on 127.0.0.1:$ESCAPE_ZOONIVERSE_PORT, and writes its user's password to a 0600 file.
# Python standard library (plus numpy for the seed's catalogue positions). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir zooniverse)}"
pidfile="$STATE_DIR/replay.pid"
url="http://127.0.0.1:$ESCAPE_ZOONIVERSE_PORT/api"

# The replay's one account (escape-scientist); the password file is what EscapeConfig.zooniverse.password_file names.
mkdir -p "$STATE_DIR/secrets" && chmod 700 "$STATE_DIR/secrets"
(umask 077 && printf '%s\n' "replay-password" >"$STATE_DIR/secrets/password")

if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && curl -fsS -o /dev/null --max-time 5 "$url"; then
  echo "Panoptes API replay already running (pid $(cat "$pidfile"))"; exit 0
fi
port_open "$ESCAPE_ZOONIVERSE_PORT" && die "127.0.0.1:$ESCAPE_ZOONIVERSE_PORT is taken by something else (set ESCAPE_ZOONIVERSE_PORT)"
python=python3
[ -x "$STACK_DIR/../.venv/bin/python" ] && python="$STACK_DIR/../.venv/bin/python"
setsid nohup "$python" "$here/panoptes_replay.py" --port "$ESCAPE_ZOONIVERSE_PORT" >>"$STATE_DIR/replay.log" 2>&1 </dev/null &
echo $! >"$pidfile"
wait_http "$url" 20 "Panoptes API replay"
echo "Panoptes API replay (not Zooniverse) on $ESCAPE_ZOONIVERSE_URL (pid $(cat "$pidfile"))"
