# Helpers shared by stack/escape-stack and the component scripts (sourced, never executed).
# Components get STACK_DIR, STATE_DIR (their own folder under stack/.state) and LOG_DIR in the environment.

STACK_DIR="${STACK_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# shellcheck source=../stack.env
. "$STACK_DIR/stack.env"
STATE_ROOT="${ESCAPE_STACK_STATE:-$STACK_DIR/.state}"
LOG_DIR="$STATE_ROOT/logs"
mkdir -p "$LOG_DIR"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

say()  { printf '%s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# component_state_dir NAME: creates and prints stack/.state/NAME
component_state_dir() { mkdir -p "$STATE_ROOT/$1"; printf '%s\n' "$STATE_ROOT/$1"; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port PORT SECONDS WHAT
wait_port() {
  local port=$1 limit=$2 what=$3 i=0
  while ! port_open "$port"; do
    i=$((i + 1)); [ "$i" -le $((limit * 5)) ] || die "$what did not open 127.0.0.1:$port within ${limit}s"
    sleep 0.2
  done
}

# wait_http URL SECONDS WHAT: waits for an HTTP 2xx/3xx answer
wait_http() {
  local url=$1 limit=$2 what=$3 i=0
  while ! curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -le $((limit * 4)) ] || die "$what did not answer $url within ${limit}s"
    sleep 0.25
  done
}

# installed PKG: the Debian package is installed and configured
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

require_packages() {
  local missing=()
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] || die "missing Debian packages: ${missing[*]} (run: sudo stack/install-system.sh)"
}

# elapsed T0: seconds since T0 (an $EPOCHREALTIME value), one decimal
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

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
