#!/usr/bin/env bash
# Forgets everything `up` imported, as on a machine where DaCHS never imported our data: drops the RDs'
# tables and publications, removes their inputs folders, the generated config and the stamps. PostgreSQL must
# be running; the server should be stopped (escape-stack reset does both). The next `up` is a cold start.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir dachs)}"
for rd in rr/q esc_bench/q esc_spec/q esc_img/q esc_demo/q; do
  if [ -f "/var/gavo/inputs/$rd.rd" ]; then $SUDO dachs drop --all "$rd" || echo "warning: dachs drop $rd failed"; fi
  $SUDO rm -rf "/var/gavo/inputs/${rd%%/*}"
done
$SUDO rm -f /etc/gavo.rc /var/gavo/etc/userconfig.rd
rm -f "$STATE_DIR"/*.stamp
echo "DaCHS imports, publications and generated data removed"
