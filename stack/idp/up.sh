#!/usr/bin/env bash
# Starts the local OpenID Connect provider (oidc-provider on Node.js; plays ESCAPE's IAM) on 127.0.0.1:$ESCAPE_IDP_PORT.
# Generates, once, the users' passwords and the clients' secrets (0600 files under the state folder). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir idp)}"
umask 077
mkdir -p "$STATE_DIR/secrets"
pidfile="$STATE_DIR/idp.pid"
secret() { [ -s "$1" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$1"; echo "generated $(basename "$1")"; }; chmod 600 "$1"; }
for user in $(python3 "$here/users.py" names); do
  secret "$STATE_DIR/secrets/$user.password"
done
for name in cookie.key jupyterhub.client-secret rucio.client-secret; do secret "$STATE_DIR/secrets/$name"; done

# Running with the users of users.json: nothing to do. Running with other users (one added since): it reads them at
# start, so it is restarted (its sessions and grants persist in the state folder).
if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && health=$(curl -fsS --max-time 5 "$ESCAPE_IDP_URL/health"); then
  expected=$(python3 "$here/users.py" names | wc -w)
  if [ "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["users"])' <<<"$health")" = "$expected" ]; then
    echo "identity provider already running (pid $(cat "$pidfile"))"; exit 0
  fi
  echo "identity provider running with other users than users.json ($expected): restarting it"
  stop_pid "$pidfile" "identity provider"
fi
port_open "$ESCAPE_IDP_PORT" && die "127.0.0.1:$ESCAPE_IDP_PORT is taken by something else (set ESCAPE_IDP_PORT)"

# Node packages from the committed lockfile, reinstalled only when it changes.
lock_hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
if [ "$(cat "$here/node_modules/.lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" >"$here/node_modules/.lock-hash"
fi

IDP_STATE="$STATE_DIR" setsid nohup node "$here/server.mjs" >>"$STATE_DIR/idp.log" 2>&1 </dev/null &
echo $! >"$pidfile"
wait_http "$ESCAPE_IDP_URL/.well-known/openid-configuration" 30 "identity provider"
echo "identity provider on $ESCAPE_IDP_URL (pid $(cat "$pidfile")), access tokens live ${ESCAPE_IDP_ACCESS_TTL}s"
