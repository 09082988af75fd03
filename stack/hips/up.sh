#!/usr/bin/env bash
# Generates, once, the local HiPS "escape-sample": the SIMULATED optical sky of the demo fields (M51, Lockman Hole,
# ELAIS-N1), rendered by stack/hips/make_hips.py straight onto HEALPix tiles from the same simulated objects as the
# data lake's radio catalogues and DaCHS's optical catalogue (stack/lib/sample_sky.py). Seamless, PNG tiles to
# order 8 (1.6" pixels), Allsky and MOC. Cached in $STATE_DIR (stack/.state/hips); nothing keeps running.
# Rebuilt only when the generator or the sky model change (their hash is the stamp) or the output is missing.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir hips)}"
HIPS_ID=escape-sample
here="$(cd "$(dirname "$0")" && pwd)"
out="$STATE_DIR/$HIPS_ID"
generator_sig=$(cat "$here/make_hips.py" "$here/../lib/sample_sky.py" | sha256sum | cut -c1-16)
stamp="$STATE_DIR/.generated-$generator_sig"
PYTHON="${ESCAPE_PYTHON:-$STACK_DIR/../.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3

if [ -f "$stamp" ] && [ -f "$out/properties" ]; then
  echo "local HiPS already generated in $out"; exit 0
fi
rm -rf "$out" "$STATE_DIR/images" "$STATE_DIR"/.generated-*
# Written next to the old one and moved into place: a half-written HiPS is never served.
rm -rf "$out.partial"
"$PYTHON" "$here/make_hips.py" "$out.partial"
[ -f "$out.partial/properties" ] || die "HiPS generation wrote no $out.partial/properties"
mv "$out.partial" "$out"
touch "$stamp"
echo "local HiPS generated in $out"
