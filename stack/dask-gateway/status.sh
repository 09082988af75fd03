#!/usr/bin/env bash
# One line; exit 0 when the gateway answers its health check and refuses an unauthenticated cluster listing.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
if ! curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$ESCAPE_DASK_GATEWAY_PORT/api/health"; then
  echo "Dask Gateway not answering on 127.0.0.1:$ESCAPE_DASK_GATEWAY_PORT"; exit 1
fi
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$ESCAPE_DASK_GATEWAY_URL/api/v1/clusters/")
if [ "$code" != 401 ]; then echo "Dask Gateway answers $code without credentials (expected 401)"; exit 1; fi
echo "Dask Gateway $ESCAPE_DASK_GATEWAY_URL (password auth, local process backend)"
