#!/usr/bin/env bash
# Installs the Debian packages the local service stack and the browser tests need.
# Base packages are listed here; each stack component may add its own in stack/<component>/apt-packages.txt.
# Idempotent: already-installed packages are skipped. Runs as root (or through sudo).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

want=(postgresql postgresql-15-pgsphere chromium xvfb curl ca-certificates)
# STILTS is the reference VOTable reader of tests/vo/conformance (a test fails, not skips, without it)
want+=(stilts)
# The build needs Node.js (jlpm ships with JupyterLab but runs on node) and Python's venv module.
command -v node >/dev/null 2>&1 || want+=(nodejs npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || want+=(python3-venv python3-pip)
command -v make >/dev/null 2>&1 || want+=(make)
command -v git >/dev/null 2>&1 || want+=(git)
for f in "$here"/*/apt-packages.txt; do
  [ -f "$f" ] && while read -r p; do [ -n "$p" ] && [ "${p#\#}" = "$p" ] && want+=("$p"); done < "$f"
done
need=()
for p in "${want[@]}"; do installed "$p" || need+=("$p"); done
updated=0
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq; updated=1
  $SUDO "${APT[@]}" install "${need[@]}"
fi

# DaCHS configures its database while installing, so PostgreSQL must already be running
# (otherwise the package is left half-configured).
if ! installed gavodachs2-server; then
  $SUDO pg_ctlcluster 15 main start 2>/dev/null || true
  [ "$updated" = 1 ] || $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO "${APT[@]}" install gavodachs2-server || true
  $SUDO dpkg --configure -a
fi
