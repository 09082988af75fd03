#!/usr/bin/env bash
# A real SAMP desktop for the SAMP tests: JSAMP's hub (from Debian's topcat package; Standard Profile with its
# lockfile in $STATE_DIR/lock, and the Web Profile on 127.0.0.1:21012 with auto-accepted registrations) and
# TOPCAT on a virtual display (Xvfb :$ESCAPE_SAMP_DISPLAY). Point a client at it with
#   SAMP_HUB=std-lockurl:file://$STATE_DIR/lock
# Web Profile auth is switched off (-web:auth true) for tests only: on a desktop the hub asks the user.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir samp)}"
DISPLAY_NUM="${ESCAPE_SAMP_DISPLAY:-57}"
require_packages topcat xvfb
export SAMP_HUB="std-lockurl:file://$STATE_DIR/lock"

if "$here/status.sh" >/dev/null 2>&1; then echo "SAMP hub and TOPCAT already running"; exit 0; fi
"$here/down.sh" >/dev/null 2>&1 || true
port_open 21012 && die "127.0.0.1:21012 (the SAMP Web Profile port) is taken by another hub: stop it first"
mkdir -p "$STATE_DIR/home"

setsid nohup Xvfb ":$DISPLAY_NUM" -screen 0 1400x900x24 -nolisten tcp >>"$STATE_DIR/xvfb.log" 2>&1 </dev/null &
echo $! >"$STATE_DIR/xvfb.pid"
# -Xmx small: the machine is shared; the hub only routes messages.
setsid nohup java -Xmx96m -Djava.awt.headless=true -Duser.home="$STATE_DIR/home" -jar /usr/share/java/jsamp.jar \
  hub -mode no-gui -profiles std,web -web:auth true >>"$STATE_DIR/hub.log" 2>&1 </dev/null &
echo $! >"$STATE_DIR/hub.pid"
for _ in $(seq 1 100); do [ -s "$STATE_DIR/lock" ] && break; sleep 0.2; done
[ -s "$STATE_DIR/lock" ] || die "the SAMP hub wrote no lockfile (see $STATE_DIR/hub.log)"
wait_port 21012 20 "SAMP Web Profile"
DISPLAY=":$DISPLAY_NUM" setsid nohup topcat -Xmx384m -Duser.home="$STATE_DIR/home" \
  >>"$STATE_DIR/topcat.log" 2>&1 </dev/null &
echo $! >"$STATE_DIR/topcat.pid"
for _ in $(seq 1 150); do "$here/status.sh" >/dev/null 2>&1 && break; sleep 0.2; done
"$here/status.sh"
