"""The hub's login through the identity provider, saying so plainly when the identity provider is away.

``GenericOAuthenticator`` redirects the browser to the IdP without looking: with the IdP down, the user lands on the
browser's own "unable to connect" page, and a token endpoint that does not answer at the callback gives a bare
"500 Internal Server Error". Here the hub checks first and answers with its own page naming the IdP, what failed and
what still works (servers already running keep their tokens until they expire).

Use it as the hub's authenticator class (``c.JupyterHub.authenticator_class = "jupyter_escape.hub.authenticator.
EscapeOAuthenticator"``) and configure it exactly like ``GenericOAuthenticator``.
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlsplit

from oauthenticator.generic import GenericOAuthenticator
from oauthenticator.oauth2 import OAuthLoginHandler
from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

# Seconds the IdP has to answer the reachability check before the user is told it is away.
IDP_CHECK_TIMEOUT = 5.0
STILL_WORKS = (
    "Servers that are already running keep working until their current credentials expire. "
    "Try signing in again in a few minutes; if it persists, tell the hub's operators."
)


def idp_down(name: str, url: str, why: str) -> web.HTTPError:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    error = web.HTTPError(503, "identity provider unreachable")
    # JupyterHub's error page shows this text to the user (an attribute JupyterHub looks for, unknown to tornado).
    error.jupyterhub_message = f"Cannot sign in: {name} at {origin} {why}. {STILL_WORKS}"  # type: ignore[attr-defined]
    return error


async def reachable(url: str) -> str | None:
    """None when something answers HTTP at ``url`` (any status: the authorize endpoint refuses a bare GET), else
    what went wrong, in words."""
    try:
        await AsyncHTTPClient().fetch(
            url,
            method="GET",
            raise_error=False,
            follow_redirects=False,
            connect_timeout=IDP_CHECK_TIMEOUT,
            request_timeout=IDP_CHECK_TIMEOUT,
        )
    except HTTPClientError as exc:  # 599: a timeout
        return f"did not answer within {IDP_CHECK_TIMEOUT:g} s ({exc})"
    except OSError as exc:
        return f"is not answering ({exc.strerror or exc})"
    return None


class IdPCheckingLoginHandler(OAuthLoginHandler):
    async def get(self) -> None:
        problem = await reachable(self.authenticator.authorize_url)
        if problem:
            self.log.warning(
                "login: %s at %s %s", self.authenticator.login_service, self.authenticator.authorize_url, problem
            )
            raise idp_down(self.authenticator.login_service, self.authenticator.authorize_url, problem)
        super().get()


class EscapeOAuthenticator(GenericOAuthenticator):
    login_handler = IdPCheckingLoginHandler

    async def get_token_info(self, handler: web.RequestHandler, params: dict[str, Any]) -> dict[str, Any]:
        """The token response of the login; the IdP going away between the sign-in page and the callback is named,
        not a bare 500."""
        try:
            return cast("dict[str, Any]", await super().get_token_info(handler, params))
        except HTTPClientError as exc:
            if exc.code != 599:
                raise
            why = f"did not answer at its token endpoint ({exc})"
        except OSError as exc:
            why = f"is not answering at its token endpoint ({exc.strerror or exc})"
        self.log.warning("login callback: %s %s", self.login_service, why)
        raise idp_down(self.login_service, self.token_url, why)
