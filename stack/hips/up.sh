#!/usr/bin/env bash
# Generates, once, a small local HiPS ("escape-sample") from deterministic sample FITS images, so the sky view
# has a survey to show without internet. Cached in $STATE_DIR (stack/.state/hips); nothing keeps running.
# Hipsgen (Debian package `aladin`) writes PNG + FITS tiles, an Allsky and a MOC; without it we fall back to
# reproject.hips (FITS tiles only). Rebuilt only when GENERATOR_VERSION changes or the output is missing.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
STATE_DIR="${STATE_DIR:-$(component_state_dir hips)}"
GENERATOR_VERSION=2
HIPS_ID=escape-sample
out="$STATE_DIR/$HIPS_ID"
stamp="$STATE_DIR/.generated-v$GENERATOR_VERSION"
PYTHON="${ESCAPE_PYTHON:-$STACK_DIR/../.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3

if [ -f "$stamp" ] && [ -f "$out/properties" ]; then
  echo "local HiPS already generated in $out"; exit 0
fi
rm -rf "$out" "$STATE_DIR/images" "$STATE_DIR"/.generated-v*
mkdir -p "$STATE_DIR/images"
"$PYTHON" -c "from jupyter_escape.sky.samples import sample_images; import sys; sample_images(sys.argv[1])" \
  "$STATE_DIR/images"

if [ -f /usr/share/java/aladin.jar ] && command -v java >/dev/null; then
  # -Xmx1g and maxThread=2: the machine has 2 cores shared with the rest of the stack.
  java -Xmx1g -Djava.awt.headless=true -cp /usr/share/java/aladin.jar cds.allsky.HipsGen \
    in="$STATE_DIR/images" out="$out" creator_did="ivo://escape.local/P/$HIPS_ID" \
    obs_title="ESCAPE sample fields" "hips_pixel_cut=30 1500 asinh" maxThread=2 -f
else
  echo "Hipsgen not installed (Debian package 'aladin'); using reproject.hips (FITS tiles only)"
  "$PYTHON" - "$STATE_DIR/images" "$out" <<'PY'
import sys, glob
from astropy.io import fits
from reproject.hips import reproject_to_hips
from reproject import reproject_interp
hdus = [fits.open(p)[0] for p in sorted(glob.glob(sys.argv[1] + "/*.fits"))]
reproject_to_hips(hdus[0], coord_system_out="equatorial", reproject_function=reproject_interp,
                  output_directory=sys.argv[2], level=6, properties={"obs_title": "ESCAPE sample fields"})
PY
fi
[ -f "$out/properties" ] || die "HiPS generation wrote no $out/properties"
touch "$stamp"
echo "local HiPS generated in $out"
