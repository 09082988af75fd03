#!/usr/bin/env bash
# The hub variant of the demo (`./escape demo HUB=1`): the stack's JupyterHub with single sign-on. Prints where to
# go and how to sign in, then waits (Ctrl-C leaves the stack running; `stack/escape-stack down` stops it).
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
users=$(python3 "$STACK_DIR/idp/users.py" names --demo)
cat <<TXT

  JupyterHub with single sign-on:  $ESCAPE_HUB_URL
  Sign in on the identity provider's page as one of: $users
  Passwords (one per user, generated for this machine):
TXT
for u in $users; do printf '    %-13s cat %s\n' "$u" "$ESCAPE_IDP_STATE/secrets/$u.password"; done
cat <<TXT

  Each user gets their own JupyterLab, running as their own Unix user, signed in to the data lake through the
  hub (Services view: "Signed in as ... · OIDC via the hub single sign-on"). carol has no data-lake account on
  purpose. Access tokens live ${ESCAPE_IDP_ACCESS_TTL} s and are refreshed for you.
  The hub's log: $ESCAPE_HUB_STATE/jupyterhub.log      Stop everything: stack/escape-stack down

TXT
exec tail -n 0 -f "$ESCAPE_HUB_STATE/jupyterhub.log"
