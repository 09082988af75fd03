#!/usr/bin/env bash
# `make demo`: JupyterLab with jupyter-escape on the local stack, in demo-workspace/ with the example notebooks,
# opened on the tour (or NOTEBOOK). The server's own log goes to a file so the terminal shows one line: the URL.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
notebook=${1:-01-tour.ipynb}
. "$root/stack/stack.env"
port=$ESCAPE_LAB_PORT
workspace="$root/demo-workspace"
mkdir -p "$workspace"
# New or changed example notebooks come in; a notebook the user changed is kept beside the new one, renamed.
examples_note=$("$root/.venv/bin/python" "$root/stack/lab/update_examples.py" "$root/examples" "$workspace")
log="$workspace/.jupyter-lab.log"
# The token travels in the environment, not on the command line (where `ps` would show it to other users).
JUPYTER_TOKEN=$("$root/.venv/bin/python" -c 'import secrets; print(secrets.token_hex(24))')
export JUPYTER_TOKEN
cd "$workspace"
"$root/.venv/bin/jupyter" lab --config "$root/stack/lab/jupyter_server_config.py" \
  --ServerApp.port_retries=0 --LabApp.default_url="/lab/tree/$notebook" >"$log" 2>&1 &
lab=$!
trap 'kill "$lab" 2>/dev/null || true; wait "$lab" 2>/dev/null || true' EXIT
trap 'exit 0' INT TERM
for _ in $(seq 120); do
  if ! kill -0 "$lab" 2>/dev/null; then
    echo "JupyterLab did not start (is port $port in use? set ESCAPE_LAB_PORT). Its log, $log, ends with:" >&2
    tail -n 15 "$log" >&2
    exit 1
  fi
  curl -fsS -o /dev/null "http://127.0.0.1:$port/api/status?token=$JUPYTER_TOKEN" 2>/dev/null && break
  sleep 0.5
done
echo
echo "  JupyterLab with jupyter-escape, open in your browser:  http://127.0.0.1:$port/lab/tree/$notebook?token=$JUPYTER_TOKEN"
echo "  (server log: $log; Ctrl-C stops JupyterLab, the service stack keeps running: stack/escape-stack down)"
[ -z "$examples_note" ] || echo "$examples_note"
echo
wait "$lab"
