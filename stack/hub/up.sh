#!/usr/bin/env bash
# Starts the local JupyterHub on $ESCAPE_HUB_URL: login through the stack's IdP, one Unix user per hub user (created
# here), jupyter-escape in every user's server, the credential broker as a hub service. Needs the idp and rucio
# components and the project's venv (make install). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir hub)}"
export ESCAPE_HUB_STATE="$STATE_DIR"
VENV="$(cd "$STACK_DIR/.." && pwd)/.venv"
pidfile="$STATE_DIR/jupyterhub.pid"
# 1. One Unix user per IdP user: each server runs as its owner, so files, processes and state are theirs alone.
# Also when the hub is already running: a user added to users.json since needs only their Unix user (the spawner
# starts their server as them).
for user in $(python3 "$STACK_DIR/idp/users.py" names); do
  if ! id -u "$user" >/dev/null 2>&1; then
    $SUDO useradd --create-home --shell /bin/bash --user-group "$user"; echo "created Unix user $user"
  fi
  $SUDO chmod 700 "$(getent passwd "$user" | cut -d: -f6)"
done
if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && curl -fsS -o /dev/null --max-time 5 "$ESCAPE_HUB_URL/hub/health"; then
  echo "JupyterHub already running (pid $(cat "$pidfile"))"; exit 0
fi
port_open "$ESCAPE_HUB_PORT" && die "127.0.0.1:$ESCAPE_HUB_PORT is taken by something else (set ESCAPE_HUB_PORT)"
[ -x "$VENV/bin/jupyterhub" ] || die "no JupyterHub in $VENV: run 'make install' (the [hub] extra) first"

# 2. The proxy (Node), from the committed lockfile.
lock_hash=$(sha256sum "$here/package-lock.json" | cut -c1-16)
if [ "$(cat "$here/node_modules/.lock-hash" 2>/dev/null)" != "$lock_hash" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" >"$here/node_modules/.lock-hash"
fi

# 3. Users' servers run the project's venv and editable source: they must be able to reach them, and the
# interpreter the venv links to (on these machines a pyenv Python under /root). Directories on those paths get the
# traverse bit only (o+x: no listing), and each change is printed. A real deployment gives users their own image.
probe_user=$(python3 "$STACK_DIR/idp/users.py" names --named | cut -d' ' -f1)
if ! $SUDO runuser -u "$probe_user" -- "$VENV/bin/python" -c 'import jupyter_escape' 2>/dev/null; then
  for d in "$VENV" "$(dirname "$(readlink -f "$VENV/bin/python")")"; do
    while [ "$d" != / ]; do
      if [ "$(stat -c %A "$d" | cut -c10)" != x ]; then $SUDO chmod o+x "$d"; echo "made $d traversable for hub users"; fi
      d=$(dirname "$d")
    done
  done
  $SUDO runuser -u "$probe_user" -- "$VENV/bin/python" -c 'import jupyter_escape' \
    || die "hub users cannot run $VENV/bin/python (import jupyter_escape failed): check the checkout's permissions"
fi

# 4. Secrets (0600, root's) and the world-readable part users' servers read.
umask 077
mkdir -p "$STATE_DIR/secrets"
secret_hex() { [ -s "$1" ] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$1"; echo "generated $(basename "$1")"; }; chmod 600 "$1"; }
secret_hex "$STATE_DIR/secrets/cookie-secret"
secret_hex "$STATE_DIR/secrets/proxy-token"
secret_hex "$STATE_DIR/secrets/crypt-key"
secret_hex "$STATE_DIR/secrets/operator-token"
public="$STATE_DIR/public"
mkdir -p "$public/singleuser"
chmod 755 "$STATE_DIR" "$public" "$public/singleuser"
cp "$here/singleuser/jupyter_server_config.py" "$public/singleuser/"
cp "$ESCAPE_RUCIO_CA_CERT" "$public/rucio-ca.pem"
cat >"$public/rucio.cfg" <<CFG
# The rucio CLI in hub users' terminals: the same data lake and the same credentials as the extension.
# auth_type oidc reads the access token by WLCG bearer token discovery (BEARER_TOKEN_FILE, kept fresh by the
# extension); the account comes from RUCIO_ACCOUNT.
[client]
rucio_host = $ESCAPE_RUCIO_URL
auth_host = $ESCAPE_RUCIO_URL
auth_type = oidc
ca_cert = $public/rucio-ca.pem
request_retries = 3
CFG
chmod 644 "$public"/*.pem "$public"/rucio.cfg "$public/singleuser/jupyter_server_config.py"

# 5. The hub (it starts the proxy and the credential broker itself).
cd "$STATE_DIR"
JUPYTERHUB_CRYPT_KEY=$(cat "$STATE_DIR/secrets/crypt-key") setsid nohup "$VENV/bin/jupyterhub" \
  -f "$here/jupyterhub_config.py" >>"$STATE_DIR/jupyterhub.log" 2>&1 </dev/null &
echo $! >"$pidfile"
wait_http "$ESCAPE_HUB_URL/hub/health" 60 "JupyterHub"
wait_http "$ESCAPE_BROKER_URL/services/escape-credentials/health" 30 "credential broker"
echo "JupyterHub on $ESCAPE_HUB_URL (pid $(cat "$pidfile")), credential broker on $ESCAPE_BROKER_URL"
