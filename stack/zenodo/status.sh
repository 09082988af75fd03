#!/usr/bin/env bash
# One line; exit 0 when the Zenodo API replay answers a community search.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
base="http://127.0.0.1:$ESCAPE_ZENODO_PORT/api"
total=$(curl -fsS --max-time 5 "$base/records?communities=escape2020&size=1" 2>/dev/null \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"]["total"])' 2>/dev/null) || total=""
if [ -z "$total" ]; then echo "Zenodo API replay not answering at $base"; exit 1; fi
echo "Zenodo API replay (not Zenodo) $base  ($total records in escape2020)"
