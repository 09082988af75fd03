#!/usr/bin/env bash
# One line; exit 0 when the local HiPS exists (it is a folder of files: nothing runs).
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$STATE_ROOT/hips}"
if [ -f "$STATE_DIR/escape-sample/properties" ]; then
  echo "local HiPS escape-sample in $STATE_DIR ($(find "$STATE_DIR/escape-sample" -type f | wc -l) files)"; exit 0
fi
echo "no local HiPS in $STATE_DIR (run: stack/escape-stack up hips)"; exit 1
