#!/usr/bin/env bash
# Forgets every session, grant and refresh token (users must log in again); keeps keys and secrets.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
rm -f "${STATE_DIR:-$(component_state_dir idp)}/store.json"
echo "identity provider sessions and tokens forgotten"
