#!/usr/bin/env bash
# One line; exit 0 when the gate answers and refuses an unauthenticated TAP request, as it must.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
if ! curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$ESCAPE_TAPGATE_PORT/_gate/health"; then
  echo "TAP gate not answering on 127.0.0.1:$ESCAPE_TAPGATE_PORT"; exit 1
fi
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$ESCAPE_TAP_PROTECTED_URL/capabilities")
if [ "$code" != 401 ]; then echo "TAP gate answers $code without a token (expected 401)"; exit 1; fi
echo "TAP gate $ESCAPE_TAP_PROTECTED_URL (bearer tokens of $ESCAPE_IDP_URL, audience $ESCAPE_VO_AUDIENCE) -> DaCHS"
