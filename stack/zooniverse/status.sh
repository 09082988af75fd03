#!/usr/bin/env bash
# One line; exit 0 when the Panoptes API replay answers.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
base="http://127.0.0.1:$ESCAPE_ZOONIVERSE_PORT"
if ! curl -fsS --max-time 5 -o /dev/null "$base/api"; then echo "Panoptes API replay not answering at $base"; exit 1; fi
echo "Panoptes API replay (not Zooniverse) $base"
