"""Jupyter server used by the Galata UI tests.

Environment (set by playwright.config.js):
  ESCAPE_UI_PORT                        port to listen on (127.0.0.1 only)
  ESCAPE_UI_DISABLE_SERVER_EXTENSION=1  load the frontend but not the jupyter_escape server extension, to test
                                        the "server extension missing" message
  ESCAPE_REGTAP_URL, ESCAPE_RUCIO_PORT, ESCAPE_ZENODO_PORT   the local service stack (stack/stack.env)
"""

import os
from pathlib import Path
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = int(os.environ.get("ESCAPE_UI_PORT", "8899"))
c.ServerApp.port_retries = 0
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.ServerApp.allow_root = True
# Galata turns XSRF checks off because its Node-side helpers (creating the test folder through the contents
# API) send no XSRF cookie; it stays off here. The frontend's requests go through ServerConnection, which
# sends the XSRF header in real deployments.

# Serve the labextension built in this tree (jlpm build), ahead of any copy installed in the environment.
_labext_dir = Path(mkdtemp(prefix="escape-labext-"))
(_labext_dir / "jupyter-escape").symlink_to(REPO / "jupyter_escape" / "labextension")
import jupyterlab.galata as _galata  # noqa: E402

c.LabServerApp.extra_labextensions_path = [str(_labext_dir), str(Path(_galata.__file__).parent)]

disabled = os.environ.get("ESCAPE_UI_DISABLE_SERVER_EXTENSION") == "1"
c.ServerApp.jpserver_extensions = {"jupyter_escape": not disabled}

# The local stack (stack/escape-stack up). Services that are down show as unreachable, which the tests accept.
_dachs = os.environ.get("ESCAPE_DACHS_URL", f"http://127.0.0.1:{os.environ.get('ESCAPE_DACHS_PORT', '8090')}")
c.EscapeConfig.registry_url = os.environ.get("ESCAPE_REGTAP_URL", f"{_dachs}/tap")
c.EscapeConfig.vo_services = [
    {"name": "Local TAP (DaCHS)", "url": os.environ.get("ESCAPE_TAP_URL", f"{_dachs}/tap"), "kind": "tap"},
    # Deliberately invalid: the Services view must list the configuration problem at the top.
    {"name": "Misconfigured service", "url": "ftp://example.invalid/tap", "kind": "tap"},
]
# Rucio: the local data lake (stack/rucio/rucio.env; the same defaults when that file was not sourced). "local"
# works (userpass as the test account, replica mode on the mounted RSE); "local-oidc" has no token file, so the
# instance picker shows exactly what is missing. The tests log in as ESCAPE_RUCIO_TEST_ACCOUNT, not as the demo's
# account: what they upload and the rules they make never show in the demo's data lake views.
_rucio_test_account = os.environ.get("ESCAPE_RUCIO_TEST_ACCOUNT", "escape_test")
_rucio_state = Path(os.environ.get("ESCAPE_RUCIO_STATE") or REPO / "stack" / ".state" / "rucio")
_rucio_url = os.environ.get("ESCAPE_RUCIO_URL") or f"http://127.0.0.1:{os.environ.get('ESCAPE_RUCIO_PORT', '8091')}"
c.EscapeConfig.rucio_instances = [
    {
        "name": "local",
        "display_name": "Local Rucio data lake",
        "rucio_base_url": _rucio_url,
        "auth_type": "userpass",
        "account": _rucio_test_account,
        "username": _rucio_test_account,
        "password_file": os.environ.get("ESCAPE_RUCIO_TEST_PASSWORD_FILE")
        or str(_rucio_state / "secrets" / f"{_rucio_test_account}.password"),
        "ca_cert": os.environ.get("ESCAPE_RUCIO_CA_CERT") or str(_rucio_state / "tls" / "cert.pem"),
        "destination_rse": os.environ.get("ESCAPE_RUCIO_MOUNTED_RSE", "ESCAPE_MOUNTED"),
        "rse_mount_path": os.environ.get("ESCAPE_RUCIO_MOUNT_PATH") or str(_rucio_state / "rse" / "mounted"),
        "path_begins_at": 1,
    },
    {
        "name": "local-oidc",
        "display_name": "Local Rucio (OIDC, no token)",
        "rucio_base_url": _rucio_url,
        "auth_type": "oidc",
        "account": _rucio_test_account,
        "oidc_token_file": str(Path(mkdtemp(prefix="escape-oidc-")) / "access_token"),
    },
]
# The Zenodo API replay (stack/zenodo) accepts the deposit token "replay-token" (ESCAPE_ZENODO_REPLAY_TOKENS); it is
# written to a file the server reads, as a real deployment would do. The sandbox switch goes to the same replay.
_zenodo_api = f"http://127.0.0.1:{os.environ.get('ESCAPE_ZENODO_PORT', '8092')}/api"
_zenodo_token = Path(mkdtemp(prefix="escape-zenodo-")) / "token"
_zenodo_token.write_text(os.environ.get("ESCAPE_ZENODO_REPLAY_TOKENS", "replay-token").split(",")[0] + "\n")
_zenodo_token.chmod(0o600)
c.EscapeConfig.software_repository = {
    "name": "ossr",
    "display_name": "OSSR (local Zenodo replay)",
    "base_url": _zenodo_api,
    "sandbox_url": _zenodo_api,
    "community": "escape2020",
    "token_file": str(_zenodo_token),
}
# Citizen science: the Panoptes API replay (stack/zooniverse; not Zooniverse) and its one user, password in a 0600 file.
_zoo_password = Path(mkdtemp(prefix="escape-zooniverse-")) / "password"
_zoo_password.write_text("replay-password\n")
_zoo_password.chmod(0o600)
c.EscapeConfig.zooniverse = {
    "display_name": "Zooniverse (Panoptes API replay)",
    "endpoint": f"http://127.0.0.1:{os.environ.get('ESCAPE_ZOONIVERSE_PORT', '8100')}",
    "username": "escape-scientist",
    "password_file": str(_zoo_password),
}
c.EscapeConfig.check_timeout = 3.0

# Each test server keeps its jobs, basket and token caches in a folder of its own, so two servers (the two
# Playwright projects, or two engineers' runs) never overwrite each other's state.
c.EscapeConfig.state_dir = os.environ.get("ESCAPE_UI_STATE_DIR") or mkdtemp(prefix="escape-ui-state-")
