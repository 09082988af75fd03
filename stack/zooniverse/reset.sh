#!/usr/bin/env bash
# Forgets everything clients added to the Panoptes API replay (subjects, exports, faults).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
curl -fsS --max-time 5 -X POST "http://127.0.0.1:$ESCAPE_ZOONIVERSE_PORT/_replay/reset" >/dev/null
echo "Panoptes API replay reset"
