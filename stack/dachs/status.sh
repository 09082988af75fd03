#!/usr/bin/env bash
# One line; exit 0 when DaCHS answers and the RegTAP registry holds records.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
if ! curl -fsS -o /dev/null --max-time 5 "$ESCAPE_DACHS_URL/" 2>/dev/null; then
  echo "DaCHS not answering at $ESCAPE_DACHS_URL"; exit 1
fi
n=$(curl -fsS --max-time 10 "$ESCAPE_TAP_URL/sync" --data-urlencode "QUERY=SELECT COUNT(*) FROM rr.resource" \
      -d LANG=ADQL -d FORMAT=csv 2>/dev/null | tail -n 1 | tr -d '\r')
case "$n" in
  ''|*[!0-9]*) echo "DaCHS at $ESCAPE_DACHS_URL, but the registry (rr.resource) cannot be queried"; exit 1 ;;
  0) echo "DaCHS at $ESCAPE_DACHS_URL, but the registry is empty (re-run up)"; exit 1 ;;
esac
echo "DaCHS $ESCAPE_DACHS_URL  TAP+RegTAP $ESCAPE_REGTAP_URL  ($n registry records)"
