# Paths and settings of the rucio component (sourced by up/down/status after lib/common.sh).
RUCIO_STATE="${STATE_DIR:-$STATE_ROOT/rucio}"
RUCIO_VENV="$RUCIO_STATE/venv"
RUCIO_ETC="$RUCIO_STATE/etc"
RUCIO_RSE_ROOT="$RUCIO_STATE/rse"
RUCIO_HERE="$STACK_DIR/rucio"
export RUCIO_CONFIG="$RUCIO_ETC/rucio.cfg"
# The local policy package (escape_policy) for the server and the daemons.
export PYTHONPATH="$RUCIO_HERE/policy${PYTHONPATH:+:$PYTHONPATH}"
export ESCAPE_RUCIO_STATE="$RUCIO_STATE"
# shellcheck source=rucio.env
. "$RUCIO_HERE/rucio.env"

# pid_alive FILE: the process named in FILE still runs
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid FILE WHAT: TERM, wait up to 10 s, then KILL; only the process recorded in FILE (and its group)
stop_pid() {
  local f=$1 what=$2 pid i
  pid_alive "$f" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
  rm -f "$f"
  echo "$what stopped (pid $pid)"
}
