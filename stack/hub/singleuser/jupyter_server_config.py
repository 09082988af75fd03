"""jupyter-escape in each hub user's server: the local stack's services, with the data lake signed in through the
hub's single sign-on (the credential broker), never with a password.

The hub (stack/hub/jupyterhub_config.py) puts this folder on JUPYTER_CONFIG_PATH and passes the stack's URLs in
ESCAPE_* variables. Nothing here is a secret.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from jupyter_escape.config import write_private_file

c = get_config()
env = os.environ

c.EscapeConfig.registry_url = env["ESCAPE_REGTAP_URL"]
c.EscapeConfig.vo_services = [{"name": "Local DaCHS TAP", "url": env["ESCAPE_TAP_URL"], "kind": "tap"}]
if env.get("ESCAPE_TAP_PROTECTED_URL"):
    # A TAP service that takes only the sign-on's bearer token (stack/tapgate): queried with the same login as the
    # data lake, nothing to configure per user.
    c.EscapeConfig.vo_services.append(
        {
            "name": "Local DaCHS TAP (ESCAPE sign-on)",
            "kind": "tap",
            "auth": "bearer",
            "url": env["ESCAPE_TAP_PROTECTED_URL"],
        }
    )
c.EscapeConfig.rucio_instances = [
    {
        "name": "local",
        "display_name": "Local data lake (Rucio)",
        "rucio_base_url": env["ESCAPE_RUCIO_URL"],
        "auth_type": "oidc",
        # The hub's credential broker: a fresh access token for this user, refreshed before it expires.
        "oidc_token_broker": env["ESCAPE_CREDENTIAL_BROKER_URL"],
        "account": env.get("RUCIO_ACCOUNT") or env.get("JUPYTERHUB_USER"),
        "destination_rse": env.get("ESCAPE_RUCIO_MOUNTED_RSE"),
        "rse_mount_path": env.get("ESCAPE_RUCIO_MOUNT_PATH"),
        "path_begins_at": int(env.get("ESCAPE_RUCIO_PATH_BEGINS_AT", "0") or 0),
        # The demo scope, not the benchmark scope that sorts before it.
        "default_scope": env.get("ESCAPE_RUCIO_SCOPE", "escape_demo"),
        "ca_cert": env.get("ESCAPE_RUCIO_CA_CERT"),
    }
]
if env.get("ESCAPE_ZENODO_URL"):
    # The Zenodo API replay's fixed deposit token, in a file of the user's own (0600), as a real token would be.
    token_file = write_private_file(
        Path.home() / ".local" / "share" / "jupyter" / "escape" / "zenodo-replay-token",
        env.get("ESCAPE_ZENODO_REPLAY_TOKEN", "replay-token"),
    )
    c.EscapeConfig.software_repository = {
        "name": "ossr-replay",
        "display_name": "OSSR (local replay of the Zenodo API)",
        "base_url": env["ESCAPE_ZENODO_URL"],
        "community": "escape2020",
        "token_file": token_file,
    }
# Outbound policy (docs/security.md): the stack's own services stay reachable when block_private_targets is on.
c.EscapeConfig.outbound_allowlist = sorted(
    {
        f"127.0.0.1:{urlsplit(v).port}"
        for k, v in env.items()
        if k.endswith("_URL") and urlsplit(v).hostname in ("127.0.0.1", "localhost") and urlsplit(v).port
    }
)
