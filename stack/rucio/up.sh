#!/usr/bin/env bash
# Brings up the local Rucio data lake: its own venv, a PostgreSQL database, the https WebDAV door, the Rucio
# server (gunicorn), a seeded namespace, and the daemons that move bytes for rules. Idempotent; prints what it did.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/env.sh"
t0=$EPOCHREALTIME
umask 077
mkdir -p "$RUCIO_STATE"/{etc,secrets,tls,log,run} "$RUCIO_RSE_ROOT"/{posix,webdav,mounted,userdisk,scratchdisk}
chmod 755 "$RUCIO_RSE_ROOT" "$RUCIO_RSE_ROOT"/*

# 1. The server's venv, rebuilt only when requirements.txt changes.
req_hash=$(sha256sum "$RUCIO_HERE/requirements.txt" | cut -c1-16)
if [ "$(cat "$RUCIO_STATE/venv.hash" 2>/dev/null)" != "$req_hash" ] || [ ! -x "$RUCIO_VENV/bin/gunicorn" ]; then
  echo "creating the Rucio venv in $RUCIO_VENV (about 1 minute)"
  python3 -m venv "$RUCIO_VENV"
  "$RUCIO_VENV/bin/pip" install -q --disable-pip-version-check -r "$RUCIO_HERE/requirements.txt"
  echo "$req_hash" >"$RUCIO_STATE/venv.hash"
fi
PY="$RUCIO_VENV/bin/python"

# 2. Secrets (0600, generated once) and the WebDAV door's self-signed certificate.
secret() { [ -s "$1" ] || { head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$1"; echo "generated $(basename "$1")"; }; chmod 600 "$1"; }
# A database belongs to the state folder that created it: its password hashes match the secrets generated here.
# A new state folder (fresh clone, `reset`) finding an old database must start that database afresh.
fresh_state=0; [ -s "$RUCIO_STATE/secrets/db.password" ] || fresh_state=1
secret "$RUCIO_STATE/secrets/db.password"
secret "$ESCAPE_RUCIO_ROOT_PASSWORD_FILE"
secret "$ESCAPE_RUCIO_PASSWORD_FILE"
secret "$ESCAPE_RUCIO_TEST_PASSWORD_FILE"
secret "$ESCAPE_RUCIO_BENCH_PASSWORD_FILE"
if [ ! -s "$ESCAPE_RUCIO_CA_CERT" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -addext "basicConstraints=critical,CA:TRUE" \
    -keyout "$RUCIO_STATE/tls/key.pem" -out "$ESCAPE_RUCIO_CA_CERT" 2>/dev/null
  cat "$ESCAPE_RUCIO_CA_CERT" "$RUCIO_STATE/tls/key.pem" >"$ESCAPE_RUCIO_X509_PROXY"
  chmod 644 "$ESCAPE_RUCIO_CA_CERT"; chmod 600 "$RUCIO_STATE/tls/key.pem" "$ESCAPE_RUCIO_X509_PROXY"
  echo "generated the WebDAV door's self-signed certificate"
fi
DB_PW=$(cat "$RUCIO_STATE/secrets/db.password")
ROOT_PW=$(cat "$ESCAPE_RUCIO_ROOT_PASSWORD_FILE")
USER_PW=$(cat "$ESCAPE_RUCIO_PASSWORD_FILE")

# 3. Database and role (PostgreSQL: SQLite cannot hold the free-form JSON metadata astronomy needs).
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_pg() { (cd /tmp && as_postgres psql -p "$ESCAPE_PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"); }
pg_isready -q -h 127.0.0.1 -p "$ESCAPE_PG_PORT" || die "PostgreSQL is not up on $ESCAPE_PG_PORT (stack component postgres)"
DB="$ESCAPE_RUCIO_DB"
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname='$DB'")" != 1 ]; then
  psql_pg -c "CREATE ROLE $DB LOGIN PASSWORD '$DB_PW'"; echo "created role $DB"
else
  psql_pg -c "ALTER ROLE $DB PASSWORD '$DB_PW'"
fi
if [ "$fresh_state" = 1 ] && [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='$DB'")" = 1 ]; then
  psql_pg -c "DROP DATABASE $DB WITH (FORCE)"; echo "dropped database $DB left by an earlier state folder"
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname='$DB'")" != 1 ]; then
  psql_pg -c "CREATE DATABASE $DB OWNER $DB"; echo "created database $DB"
fi

# 4. Configuration: server (etc/rucio.cfg, as root) and the user's client config (for the rucio CLI).
cat >"$RUCIO_ETC/rucio.cfg" <<CFG
[common]
logdir = $RUCIO_STATE/log
loglevel = WARNING
[client]
rucio_host = $ESCAPE_RUCIO_URL
auth_host = $ESCAPE_RUCIO_URL
auth_type = userpass
username = root
password = $ROOT_PW
account = root
ca_cert = $ESCAPE_RUCIO_CA_CERT
request_retries = 3
[database]
default = postgresql+psycopg://$DB:$DB_PW@127.0.0.1:$ESCAPE_PG_PORT/$DB
pool_size = 10
max_overflow = 10
[bootstrap]
userpass_identity = root
userpass_pwd = $ROOT_PW
userpass_email = root@localhost
[policy]
permission = generic
schema = generic
package = escape_policy
lfn2pfn_algorithm_default = hash
[oidc]
idpsecrets = $RUCIO_ETC/idpsecrets.json
admin_issuer = escape-iam
expected_audience = $ESCAPE_RUCIO_AUDIENCE
expected_scope = openid profile
[alembic]
cfg = $RUCIO_ETC/alembic.ini
[conveyor]
scheme = file,https,davs
transfertool = escapecopy
[monitor]
enable_metrics = False
[trace]
tracedir = $RUCIO_STATE/log
CFG
cat >"$ESCAPE_RUCIO_CLIENT_CFG" <<CFG
[common]
logdir = $RUCIO_STATE/log
loglevel = WARNING
[client]
rucio_host = $ESCAPE_RUCIO_URL
auth_host = $ESCAPE_RUCIO_URL
auth_type = userpass
username = $ESCAPE_RUCIO_USERNAME
password = $USER_PW
account = $ESCAPE_RUCIO_ACCOUNT
ca_cert = $ESCAPE_RUCIO_CA_CERT
client_x509_proxy = $ESCAPE_RUCIO_X509_PROXY
request_retries = 3
CFG
# The same as the benchmark account (the rucio CLI's side of benchmarks/datalake).
cat >"$ESCAPE_RUCIO_BENCH_CLIENT_CFG" <<CFG
[common]
logdir = $RUCIO_STATE/log
loglevel = WARNING
[client]
rucio_host = $ESCAPE_RUCIO_URL
auth_host = $ESCAPE_RUCIO_URL
auth_type = userpass
username = $ESCAPE_RUCIO_BENCH_ACCOUNT
password = $(cat "$ESCAPE_RUCIO_BENCH_PASSWORD_FILE")
account = $ESCAPE_RUCIO_BENCH_ACCOUNT
ca_cert = $ESCAPE_RUCIO_CA_CERT
client_x509_proxy = $ESCAPE_RUCIO_X509_PROXY
request_retries = 3
CFG
# The identity provider Rucio trusts for bearer tokens (stack/idp, playing ESCAPE IAM): tokens are JWTs whose
# signature Rucio checks against the IdP's keys; "SUB=<sub>, ISS=<issuer>" identities map them to accounts.
idp_secret="$ESCAPE_IDP_STATE/secrets/rucio.client-secret"
[ -s "$idp_secret" ] || die "no Rucio client secret at $idp_secret: bring the idp component up first"
"$PY" - "$RUCIO_ETC/idpsecrets.json" "$ESCAPE_IDP_URL" "$idp_secret" <<'PYCFG'
import json, os, sys
path, issuer, secret_file = sys.argv[1:]
secret = open(secret_file).read().strip()
client = {"issuer": issuer, "client_id": "rucio", "client_secret": secret,
          "redirect_uris": ["http://127.0.0.1/auth/oidc_token"], "SCIM": {"client_id": "rucio", "client_secret": secret}}
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as fh:
    json.dump({"escape-iam": client}, fh, indent=1)
PYCFG
site=$("$PY" -c 'import rucio, os; print(os.path.dirname(rucio.__file__))')
cat >"$RUCIO_ETC/alembic.ini" <<CFG
[alembic]
script_location = $site/db/sqla/migrate_repo
sqlalchemy.url = postgresql+psycopg://$DB:$DB_PW@127.0.0.1:$ESCAPE_PG_PORT/$DB
[loggers]
keys = root
[handlers]
keys = console
[formatters]
keys = generic
[logger_root]
level = WARN
handlers = console
[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic
[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
CFG
chmod 600 "$RUCIO_ETC"/*.cfg "$RUCIO_ETC/alembic.ini"

# 5. Schema and root account (first run only).
"$PY" "$RUCIO_HERE/bootstrap.py" schema

# 6. The https WebDAV door over the RSE folders, then the Rucio server.
share_args=()
for s in posix webdav mounted userdisk scratchdisk; do share_args+=(--share "/$s=$RUCIO_RSE_ROOT/$s"); done
if ! port_open "$ESCAPE_WEBDAV_PORT"; then
  setsid "$PY" "$RUCIO_HERE/webdav.py" --port "$ESCAPE_WEBDAV_PORT" --cert "$ESCAPE_RUCIO_CA_CERT" \
    --key "$RUCIO_STATE/tls/key.pem" "${share_args[@]}" >>"$RUCIO_STATE/log/webdav.log" 2>&1 </dev/null &
  echo $! >"$RUCIO_STATE/run/webdav.pid"
  wait_port "$ESCAPE_WEBDAV_PORT" 20 "WebDAV door"
  echo "started the WebDAV door on https://127.0.0.1:$ESCAPE_WEBDAV_PORT (pid $(cat "$RUCIO_STATE/run/webdav.pid"))"
fi
rucio_port=${ESCAPE_RUCIO_URL##*:}; rucio_port=${rucio_port%%/*}
if ! port_open "$rucio_port"; then
  setsid "$RUCIO_VENV/bin/gunicorn" --chdir "$RUCIO_STATE" -b "127.0.0.1:$rucio_port" -k gthread -w 2 --threads 8 \
    --timeout 300 --graceful-timeout 5 --pid "$RUCIO_STATE/run/server.pid" \
    --access-logfile "$RUCIO_STATE/log/access.log" \
    rucio.web.rest.flaskapi.v1.main:application >>"$RUCIO_STATE/log/server.log" 2>&1 </dev/null &
  wait_http "$ESCAPE_RUCIO_URL/ping" 60 "Rucio server"
  echo "started the Rucio server on $ESCAPE_RUCIO_URL (pid $(cat "$RUCIO_STATE/run/server.pid"))"
fi

# 6b. The same server over https with X.509 client certificates and proxies (a local grid CA, pki.py).
"$PY" "$RUCIO_HERE/pki.py" "$RUCIO_PKI" alice "Alice Andromeda"
rucio_https_port=${ESCAPE_RUCIO_HTTPS_URL##*:}; rucio_https_port=${rucio_https_port%%/*}
if ! port_open "$rucio_https_port"; then
  setsid "$RUCIO_VENV/bin/gunicorn" --chdir "$RUCIO_HERE" -c "$RUCIO_HERE/gunicorn_tls.py" \
    -b "127.0.0.1:$rucio_https_port" -k gthread -w 1 --threads 8 --timeout 300 --graceful-timeout 5 \
    --certfile "$RUCIO_PKI/server.pem" --keyfile "$RUCIO_PKI/server.key" --ca-certs "$RUCIO_PKI/ca.pem" \
    --cert-reqs 1 --pid "$RUCIO_STATE/run/server-tls.pid" --access-logfile "$RUCIO_STATE/log/access-tls.log" \
    tls_app:application >>"$RUCIO_STATE/log/server-tls.log" 2>&1 </dev/null &
  i=0
  until curl -fsS -o /dev/null --max-time 5 --cacert "$RUCIO_PKI/ca.pem" "$ESCAPE_RUCIO_HTTPS_URL/ping"; do
    i=$((i + 1)); [ "$i" -le 240 ] || die "https Rucio did not answer $ESCAPE_RUCIO_HTTPS_URL/ping within 60s"
    sleep 0.25
  done
  echo "started the https Rucio door on $ESCAPE_RUCIO_HTTPS_URL (X.509 and proxies from $RUCIO_PKI/ca.pem)"
fi

# 7. Seed (idempotent: each part is skipped when already present).
"$PY" "$RUCIO_HERE/bootstrap.py" seed

# 8. Daemons that evaluate rules and copy bytes, as one loop process.
if ! pid_alive "$RUCIO_STATE/run/daemons.pid"; then
  setsid "$PY" "$RUCIO_HERE/daemons.py" --loop --every 3 >>"$RUCIO_STATE/log/daemons.log" 2>&1 </dev/null &
  echo $! >"$RUCIO_STATE/run/daemons.pid"
  echo "started the rule daemons (pid $(cat "$RUCIO_STATE/run/daemons.pid"))"
fi
echo "Rucio data lake up in $(elapsed "$t0") s: $ESCAPE_RUCIO_URL, account $ESCAPE_RUCIO_ACCOUNT (password file $ESCAPE_RUCIO_PASSWORD_FILE)"
