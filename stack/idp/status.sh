#!/usr/bin/env bash
# One line; exit 0 when the identity provider answers its discovery document with the configured issuer.
set -uo pipefail
. "$(dirname "$0")/../lib/common.sh"
issuer=$(curl -fsS --max-time 5 "$ESCAPE_IDP_URL/.well-known/openid-configuration" 2>/dev/null \
         | python3 -c 'import json,sys; print(json.load(sys.stdin)["issuer"])' 2>/dev/null) || issuer=""
if [ "$issuer" != "$ESCAPE_IDP_URL" ]; then echo "identity provider not answering at $ESCAPE_IDP_URL"; exit 1; fi
echo "OpenID Connect provider $issuer (users $(python3 "$(dirname "$0")/users.py" names --named) and a school of students; access tokens ${ESCAPE_IDP_ACCESS_TTL}s)"
