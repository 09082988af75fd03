#!/usr/bin/env bash
# Brings up GAVO DaCHS on 127.0.0.1:$ESCAPE_DACHS_PORT with the sample data and the local RegTAP registry.
#
# Idempotent. First-time setup (and any change of an RD, of the generated data or of the config) re-imports
# what changed; stamps live in stack/.state/dachs/. Order matters:
#   config -> RDs + generated data into /var/gavo/inputs -> //obscore before the ObsCore-publishing RDs ->
#   limits (coverage) and dachs pub -> server -> harvest our own /oai.xml into the RegTAP tables (rr/q).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir dachs)}"
require_packages gavodachs2-server postgresql-15-pgsphere

GAVO_ROOT=/var/gavo
INPUTS=$GAVO_ROOT/inputs
SYSPY=/usr/bin/python3            # Debian's python with astropy/numpy (DaCHS dependencies)
DATA_RDS=(esc_demo/q esc_img/q esc_spec/q esc_bench/q)
COVERAGE_RDS=(esc_demo/q esc_img/q esc_spec/q)
REGISTRY_RD=rr/q

pg_isready -q -h 127.0.0.1 -p "$ESCAPE_PG_PORT" || die "PostgreSQL is not running on $ESCAPE_PG_PORT (component postgres comes first)"
[ -f "$GAVO_ROOT/etc/dsn" ] || die "DaCHS was never initialised ($GAVO_ROOT/etc/dsn missing): start PostgreSQL, then run 'dpkg --configure -a' (or stack/install-system.sh)"

sha() { cat "$@" | sha256sum | cut -c1-16; }
t0=$EPOCHREALTIME
# rd_sig RD: what an import depends on: the RD files and the generated data files (not the generator's code).
rd_sig() {
  local d=${1%%/*} data
  data=$(find "$INPUTS/$d/data" -type f -print0 2>/dev/null | sort -z | xargs -0 -r cat | sha256sum | cut -c1-16)
  printf '%s-%s\n' "$(sha "$here/rd/$d"/*.rd)" "$data"
}
step() { printf '[%6ss] %s\n' "$(elapsed "$t0")" "$*"; }
stamp_ok() { [ "$(cat "$STATE_DIR/$1.stamp" 2>/dev/null)" = "$2" ]; }
stamp_set() { printf '%s\n' "$2" >"$STATE_DIR/$1.stamp"; }
server_up() { curl -fsS -o /dev/null --max-time 5 "$ESCAPE_DACHS_URL/" 2>/dev/null; }

# ---- configuration -------------------------------------------------------------------------------------------
config_changed=0
[ -s "$STATE_DIR/adminpasswd" ] || ( umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$STATE_DIR/adminpasswd" )
rc=$(sed -e "s|@ESCAPE_DACHS_PORT@|$ESCAPE_DACHS_PORT|g" -e "s|@ESCAPE_IVO_AUTHORITY@|$ESCAPE_IVO_AUTHORITY|g" \
         -e "s|@ADMINPASSWD@|$(cat "$STATE_DIR/adminpasswd")|g" "$here/gavo.rc.template")
if [ "$(cat /etc/gavo.rc 2>/dev/null)" != "$rc" ]; then
  printf '%s\n' "$rc" | $SUDO tee /etc/gavo.rc >/dev/null
  $SUDO chmod 640 /etc/gavo.rc; $SUDO chgrp gavo /etc/gavo.rc
  config_changed=1
fi
install_etc() {  # install_etc SRC DEST: copy when different
  if ! cmp -s "$1" "$2"; then $SUDO install -m 664 -o dachsroot -g gavo "$1" "$2"; config_changed=1; fi
}
install_etc "$here/defaultmeta.txt" "$GAVO_ROOT/etc/defaultmeta.txt"
install_etc "$here/userconfig.rd" "$GAVO_ROOT/etc/userconfig.rd"
# DaCHS reaches PostgreSQL through its dsn file: keep its port in line with ESCAPE_PG_PORT.
if ! grep -qx "port = $ESCAPE_PG_PORT" "$GAVO_ROOT/etc/dsn"; then
  $SUDO sed -i "s/^port = .*/port = $ESCAPE_PG_PORT/" "$GAVO_ROOT/etc/dsn"; config_changed=1
fi
# (from our sources, not /etc/gavo.rc, which only root and group gavo may read)
config_sig=$({ printf '%s\n' "$rc"; cat "$here/defaultmeta.txt" "$here/userconfig.rd"; } | sha256sum | cut -c1-16)

# ---- resource descriptors and generated data -----------------------------------------------------------------
for rd in "${DATA_RDS[@]}" "$REGISTRY_RD"; do
  d=${rd%%/*}
  $SUDO mkdir -p "$INPUTS/$d"
  $SUDO cp -r "$here/rd/$d/." "$INPUTS/$d/"
done
gen_sig=$(sha "$here/gen/make_data.py" "$here/../lib/sample_sky.py")
if ! stamp_ok generated-data "$gen_sig" || [ ! -f "$INPUTS/esc_demo/data/sources.csv" ]; then
  step "generating sample data"
  $SUDO "$SYSPY" "$here/gen/make_data.py" "$INPUTS"
  stamp_set generated-data "$gen_sig"
fi
# The server runs as user gavo: it must read RDs and data whatever the umask of whoever ran up.
for rd in "${DATA_RDS[@]}" "$REGISTRY_RD"; do
  $SUDO chown -R dachsroot:gavo "$INPUTS/${rd%%/*}"
  $SUDO chmod -R u+rwX,g+rwX,o+rX "$INPUTS/${rd%%/*}"
done

# ---- imports ---------------------------------------------------------------------------------------------------
# Each dachs command is a Python start-up of 1-3 s, so independent imports run in parallel chains:
#   //obscore -> esc_img -> esc_spec (both rewrite the ObsCore view: keep them in one chain)
#   esc_demo | esc_bench | the empty RegTAP tables
# then `dachs limits` (coverage) and `dachs pub` together, each taking many RDs at once.
published_changed=0
chain_pids=() chain_logs=()
chain() {  # chain NAME CMD... : runs "CMD; CMD; ..." (commands separated by ';;') in the background
  local name=$1 log="$STATE_DIR/chain-$1.out"; shift
  ( set -e; cmd=()
    for arg in "$@" ';;'; do
      if [ "$arg" != ';;' ]; then cmd+=("$arg"); continue; fi
      if [ ${#cmd[@]} -gt 0 ]; then "${cmd[@]}"; fi
      cmd=()
    done ) >"$log" 2>&1 &
  chain_pids+=($!); chain_logs+=("$log")
}
wait_chains() {  # waits for all chains, copies their output into the log, fails if any failed
  local i rc=0
  for i in "${!chain_pids[@]}"; do
    wait "${chain_pids[i]}" || { rc=1; echo "FAILED: ${chain_logs[i]}"; }
    cat "${chain_logs[i]}"; rm -f "${chain_logs[i]}"
  done
  chain_pids=() chain_logs=()
  [ "$rc" = 0 ] || die "a DaCHS import failed (see above)"
}

imported=() needs_limits=() obscore_chain=()
if ! stamp_ok obscore "$config_sig-obscore"; then obscore_chain+=($SUDO dachs imp //obscore ';;'); fi
for rd in "${DATA_RDS[@]}"; do
  key=${rd//\//_}
  stamp_ok "$key" "$(rd_sig "$rd")" && continue
  rm -f "$STATE_DIR/$key.stamp"
  imported+=("$rd")
  if printf '%s\n' "${COVERAGE_RDS[@]}" | grep -qx "$rd"; then needs_limits+=("$rd"); fi
  case "$rd" in
    esc_img/*|esc_spec/*) obscore_chain+=($SUDO dachs imp "$rd" ';;') ;;
    *) chain "${rd%%/*}" $SUDO dachs imp "$rd" ;;
  esac
done
if [ ${#obscore_chain[@]} -gt 0 ]; then chain obscore "${obscore_chain[@]}"; fi
rr_sig="$(sha "$here/rd/rr"/*.rd "$here/rd/rr/res"/*.py)"
new_rr=0
if ! stamp_ok rr-schema "$rr_sig"; then
  # The (empty) RegTAP tables exist before the server runs, so the TAP capability harvested below already
  # declares the RegTAP data model; the harvest fills them.
  rm -f "$STATE_DIR/rr-schema.stamp" "$STATE_DIR/rr-harvest.stamp"
  $SUDO "$SYSPY" "$here/harvest.py" --empty "$INPUTS/rr/data"
  chain rr $SUDO dachs imp "$REGISTRY_RD" harvest
  new_rr=1
fi
if [ ${#chain_pids[@]} -gt 0 ]; then
  step "importing in parallel: ${imported[*]} $([ "$new_rr" = 1 ] && echo "(RegTAP tables)")"
  wait_chains
fi
if [ ${#obscore_chain[@]} -gt 0 ]; then stamp_set obscore "$config_sig-obscore"; fi

to_publish=("${imported[@]}")
[ "$new_rr" = 0 ] || to_publish+=("$REGISTRY_RD")
# Every record carries serverURL (access URLs): a config change republishes the site-wide services (TAP,
# ObsCore, SIA2, the publishing registry) and all our RDs.
stamp_ok system-pub "$config_sig" || to_publish+=(//services //tap //obscore //siap2 "${DATA_RDS[@]}" "$REGISTRY_RD")
if [ ${#to_publish[@]} -gt 0 ]; then
  mapfile -t to_publish < <(printf '%s\n' "${to_publish[@]}" | awk '!seen[$0]++')
  chain pub $SUDO dachs pub "${to_publish[@]}"
fi
# Coverage is read when records are rendered, so it can be computed while publishing.
if [ ${#needs_limits[@]} -gt 0 ]; then chain limits $SUDO dachs limits "${needs_limits[@]}"; fi
if [ ${#chain_pids[@]} -gt 0 ]; then
  step "publishing ${to_publish[*]}; computing coverage: ${needs_limits[*]}"
  wait_chains
fi
if [ ${#to_publish[@]} -gt 0 ]; then
  published_changed=1
  for rd in "${imported[@]}"; do stamp_set "${rd//\//_}" "$(rd_sig "$rd")"; done
  stamp_set system-pub "$config_sig"
  stamp_set rr-schema "$rr_sig"
fi

# ---- server ----------------------------------------------------------------------------------------------------
if server_up; then
  if [ "$config_changed" = 1 ] || [ "$published_changed" = 1 ]; then
    step "restarting DaCHS (config or publications changed)"
    # A busy DaCHS (a long query running) can refuse a graceful stop; then stop it hard and start afresh.
    if ! $SUDO dachs serve restart; then
      step "DaCHS did not stop gracefully: killing it"
      $SUDO pkill -KILL -f "dachs serve" || true
      sleep 1
      $SUDO dachs serve start
    fi
  fi
else
  step "starting DaCHS"
  $SUDO dachs serve start
fi
wait_http "$ESCAPE_DACHS_URL/" 60 DaCHS

# ---- local RegTAP registry: harvest our own publishing registry ------------------------------------------------
harvest_sig="$config_sig-$rr_sig-$(cat "$STATE_DIR"/esc_*.stamp | sha256sum | cut -c1-16)"
if ! stamp_ok rr-harvest "$harvest_sig"; then
  step "harvesting $ESCAPE_OAI_URL into $REGISTRY_RD"
  $SUDO "$SYSPY" "$here/harvest.py" "$ESCAPE_OAI_URL" "$INPUTS/rr/data"
  $SUDO dachs imp "$REGISTRY_RD" harvest
  stamp_set rr-harvest "$harvest_sig"
fi

# ---- offline IVOA vocabularies for pyvo (the invoking user's astropy cache) ------------------------------------
py="$STACK_DIR/../.venv/bin/python"; [ -x "$py" ] || py=$SYSPY
"$py" "$here/preload_vocabularies.py" || echo "warning: could not pre-load the IVOA vocabularies into astropy's cache"
step "DaCHS up at $ESCAPE_DACHS_URL (TAP and RegTAP: $ESCAPE_REGTAP_URL)"
