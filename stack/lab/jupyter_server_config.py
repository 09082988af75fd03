"""JupyterLab configuration for the offline demo and tests: jupyter-escape pointed at the local service stack.

Used by `make demo` (`jupyter lab --config stack/lab/jupyter_server_config.py`). Reads the URLs the stack
exports in stack/stack.env (and its components' *.env files), so changing a port there is enough.
"""

import os
import pathlib
import subprocess
from urllib.parse import urlsplit

c = get_config()

STACK = pathlib.Path(__file__).resolve().parent.parent


def stack_env() -> dict:
    files = [STACK / "stack.env", *sorted(STACK.glob("*/*.env"))]
    script = "set -a; " + "; ".join(f"source '{f}'" for f in files if f.exists()) + "; env -0"
    out = subprocess.run(["bash", "-c", script], capture_output=True, check=True).stdout.decode()
    return {k: v for k, _, v in (item.partition("=") for item in out.split("\0")) if k.startswith("ESCAPE_")}


env = {**stack_env(), **{k: v for k, v in os.environ.items() if k.startswith("ESCAPE_")}}

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = int(env.get("ESCAPE_LAB_PORT", "8888"))
c.ServerApp.open_browser = False
if os.getuid() == 0:
    c.ServerApp.allow_root = True

c.EscapeConfig.registry_url = env["ESCAPE_REGTAP_URL"]
c.EscapeConfig.vo_services = [
    {"name": "Local DaCHS TAP", "url": env["ESCAPE_TAP_URL"], "kind": "tap"},
]
if env.get("ESCAPE_RUCIO_URL"):
    c.EscapeConfig.rucio_instances = [
        {
            "name": "local",
            "display_name": "Local data lake (Rucio)",
            "rucio_base_url": env["ESCAPE_RUCIO_URL"],
            "auth_url": env.get("ESCAPE_RUCIO_AUTH_URL", env["ESCAPE_RUCIO_URL"]),
            "auth_type": "userpass",
            "account": env.get("ESCAPE_RUCIO_ACCOUNT", "root"),
            "username": env.get("ESCAPE_RUCIO_USERNAME", "ddmlab"),
            "password_file": env.get("ESCAPE_RUCIO_PASSWORD_FILE"),
            "destination_rse": env.get("ESCAPE_RUCIO_MOUNTED_RSE"),
            "rse_mount_path": env.get("ESCAPE_RUCIO_MOUNT_PATH"),
            "path_begins_at": int(env.get("ESCAPE_RUCIO_PATH_BEGINS_AT", "0") or 0),
            # The demo scope, not the benchmark scope that sorts before it.
            "default_scope": env.get("ESCAPE_RUCIO_SCOPE", "escape_demo"),
            "ca_cert": env.get("ESCAPE_RUCIO_CA_CERT"),
        }
    ]
else:
    c.EscapeConfig.rucio_instances = []
if env.get("ESCAPE_ZENODO_URL"):
    # The replay accepts a fixed deposit token; it is handed over in a 0600 file, as a real token would be.
    from jupyter_escape.config import write_private_file

    token_file = write_private_file(
        STACK / ".state" / "zenodo" / "token", env.get("ESCAPE_ZENODO_REPLAY_TOKEN", "replay-token")
    )
    c.EscapeConfig.software_repository = {
        "name": "ossr-replay",
        "display_name": "OSSR (local replay of the Zenodo API)",
        "base_url": env["ESCAPE_ZENODO_URL"],
        "community": "escape2020",
        "token_file": token_file,
    }
else:
    c.EscapeConfig.software_repository = {}
# Outbound policy (docs/security.md): the stack's own services stay reachable when block_private_targets is on.
c.EscapeConfig.outbound_allowlist = sorted(
    {
        f"127.0.0.1:{urlsplit(v).port}"
        for k, v in env.items()
        if k.endswith("_URL") and urlsplit(v).hostname in ("127.0.0.1", "localhost") and urlsplit(v).port
    }
)
