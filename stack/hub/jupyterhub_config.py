"""JupyterHub of the local stack: single sign-on through the IdP, one Unix user per hub user, jupyter-escape in each.

Started by stack/hub/up.sh (`jupyterhub -f stack/hub/jupyterhub_config.py`), which exports the stack's settings
(stack/stack.env) and the secrets' paths. docs/hub.md explains every setting and gives the Zero-to-JupyterHub
(Helm) equivalent.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 -- provided by traitlets when this file is loaded

env = os.environ
HERE = Path(__file__).resolve().parent
STATE = Path(env["ESCAPE_HUB_STATE"])
SECRETS = STATE / "secrets"
PUBLIC = STATE / "public"  # world-readable: the single-user config and the CA certificate users' servers trust
IDP = env["ESCAPE_IDP_URL"]
HUB_URL = env["ESCAPE_HUB_URL"]
VENV_BIN = Path(sys.executable).parent
BROKER = "escape-credentials"


def secret(path: Path) -> str:
    return path.read_text().strip()


# --- Network: everything on loopback ------------------------------------------------------------------------------
c.JupyterHub.bind_url = HUB_URL
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env['ESCAPE_HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['ESCAPE_CHP_API_PORT']}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.ConfigurableHTTPProxy.auth_token = secret(SECRETS / "proxy-token")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(SECRETS / "cookie-secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
# Users' servers keep running when the hub restarts (hub operations: a restart must not lose anyone's work).
c.JupyterHub.cleanup_servers = False

# --- Single sign-on: OpenID Connect against the IdP (ESCAPE IAM in production) -------------------------------------
# GenericOAuthenticator, plus a page naming the IdP when it is down at login (instead of the browser's own error).
c.JupyterHub.authenticator_class = "jupyter_escape.hub.authenticator.EscapeOAuthenticator"
oauth = c.GenericOAuthenticator
oauth.client_id = "jupyterhub"
oauth.client_secret = secret(Path(env["ESCAPE_IDP_STATE"]) / "secrets" / "jupyterhub.client-secret")
oauth.oauth_callback_url = f"{HUB_URL}/hub/oauth_callback"
oauth.authorize_url = f"{IDP}/auth"
oauth.token_url = f"{IDP}/token"
oauth.login_service = "ESCAPE IAM (local)"
# The access token is a JWT for the data lake (audience rucio), which the IdP's userinfo endpoint does not take:
# the user's identity comes from the ID token of the same response.
oauth.userdata_from_id_token = True
oauth.username_claim = "preferred_username"
oauth.scope = [
    "openid",
    "profile",
    "email",
    "offline_access",
    "wlcg.groups",
    "storage.read:/",
    "storage.modify:/",
    "storage.create:/",
]
# offline_access (a refresh token) is granted only with prompt=consent (OpenID Connect Core 11).
oauth.extra_authorize_params = {"prompt": "consent"}
oauth.manage_groups = True
oauth.auth_state_groups_key = "oauth_user.groups"
oauth.allowed_groups = {"escape"}
oauth.admin_groups = {"escape/admins"}
oauth.enable_auth_state = True
# The credential broker is the only one that refreshes tokens; the hub's own refresh would write its stale copy
# of the tokens back over the auth state. A revoked login shows up at the broker, which tells the user.
oauth.refresh_user_hook = lambda authenticator, user, auth_state: True
oauth.auth_refresh_age = 3600

# --- Spawning: each user's server as their own Unix user, with jupyter-escape configured ----------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.env_keep = ["LANG", "LC_ALL", "TZ"]
STACK_SETTINGS = {k: v for k, v in env.items() if k.startswith("ESCAPE_") and "PASSWORD" not in k}


def user_environment(spawner) -> dict:
    name = spawner.user.name
    home = Path(os.path.expanduser(f"~{name}"))
    state = home / ".local" / "share" / "jupyter" / "escape"
    return {
        **STACK_SETTINGS,
        "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": str(PUBLIC / "singleuser"),
        # The broker hands this server (and its kernels, which inherit the variable) the user's access token.
        "ESCAPE_CREDENTIAL_BROKER_URL": f"{env['ESCAPE_BROKER_URL']}/services/{BROKER}/",
        "ESCAPE_RUCIO_CA_CERT": str(PUBLIC / "rucio-ca.pem"),
        # WLCG bearer token discovery: the extension keeps this file fresh; the rucio CLI and gfal read it.
        "BEARER_TOKEN_FILE": str(state / "bearer-token"),
        "RUCIO_CONFIG": str(PUBLIC / "rucio.cfg"),
        "RUCIO_ACCOUNT": name,
    }


c.Spawner.environment = {"ESCAPE_HUB_USER_ENV": "1"}
c.Spawner.pre_spawn_hook = lambda spawner: spawner.environment.update(user_environment(spawner))

# --- The credential broker (a hub-managed service) ---------------------------------------------------------------
c.JupyterHub.services = [
    {
        "name": BROKER,
        "url": env["ESCAPE_BROKER_URL"],
        "command": [sys.executable, "-m", "jupyter_escape.hub.broker"],
        "display": False,
        "environment": {
            "ESCAPE_BROKER_TOKEN_URL": f"{IDP}/token",
            "ESCAPE_BROKER_CLIENT_ID": "jupyterhub",
            "ESCAPE_BROKER_CLIENT_SECRET_FILE": str(
                Path(env["ESCAPE_IDP_STATE"]) / "secrets" / "jupyterhub.client-secret"
            ),
            "ESCAPE_BROKER_STORE": str(STATE / "broker-tokens.json"),
            "ESCAPE_BROKER_IDP_NAME": f"identity provider {IDP}",
            "ESCAPE_HUB_PUBLIC_URL": HUB_URL,
        },
    }
]
# The stack's operator token (tests, the load benchmark, scripted operations): a service, not a person.
c.JupyterHub.services.append({"name": "escape-stack-operator", "api_token": secret(SECRETS / "operator-token")})
c.JupyterHub.load_roles = [
    {
        "name": "escape-stack-operator",
        "services": ["escape-stack-operator"],
        "scopes": ["admin:users", "admin:servers", "tokens", "read:users", "list:users", "read:hub"],
    },
    {
        "name": "escape-credentials-broker",
        "services": [BROKER],
        "scopes": ["admin:auth_state", "read:users", "list:users"],
    },
    # A user's server may ask the broker for its own user's token (the broker checks whose token it is).
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server", f"access:services!service={BROKER}"]},
    {"name": "user", "scopes": ["self", f"access:services!service={BROKER}"]},
]
