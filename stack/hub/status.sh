#!/usr/bin/env bash
# One line; exit 0 when the hub and its credential broker answer.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
version=$(curl -fsS --max-time 5 "$ESCAPE_HUB_URL/hub/api/" 2>/dev/null \
          | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null) || version=""
if [ -z "$version" ]; then echo "JupyterHub not answering at $ESCAPE_HUB_URL"; exit 1; fi
if ! curl -fsS -o /dev/null --max-time 5 "$ESCAPE_BROKER_URL/services/escape-credentials/health"; then
  echo "JupyterHub $version up, but the credential broker does not answer at $ESCAPE_BROKER_URL"; exit 1
fi
echo "JupyterHub $version $ESCAPE_HUB_URL (login through $ESCAPE_IDP_URL), credential broker $ESCAPE_BROKER_URL"
