#!/usr/bin/env bash
# Starts the Debian PostgreSQL 15 cluster "main" on 127.0.0.1:$ESCAPE_PG_PORT (no systemd here: pg_ctlcluster).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
. "$(dirname "$0")/cluster.sh"
require_packages postgresql postgresql-15-pgsphere

# Loopback only, on the configured port, through a conf.d drop-in (Debian's postgresql.conf includes conf.d);
# a change needs a restart.
want_port=$ESCAPE_PG_PORT
conf_dir=/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d
dropin="$conf_dir/escape-stack.conf"
wanted=$(printf "# written by stack/postgres/up.sh\nlisten_addresses = '127.0.0.1'\nport = %s\n" "$want_port")
changed=0
if [ "$(cat "$dropin" 2>/dev/null)" != "$wanted" ]; then
  $SUDO mkdir -p "$conf_dir"
  printf '%s\n' "$wanted" | $SUDO tee "$dropin" >/dev/null
  changed=1
fi

if pg_running; then
  [ "$changed" = 0 ] || $SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
else
  $SUDO pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi
wait_port "$want_port" 30 PostgreSQL
for _ in $(seq 50); do pg_ready && exit 0; sleep 0.2; done
die "PostgreSQL listens on $want_port but does not accept connections"
