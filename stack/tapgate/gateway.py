"""A TAP service that takes only bearer tokens: the local DaCHS behind a gate that verifies the IdP's JWTs.

Real VO services of the cell (ESAP's, CADC's, ESO's) sit behind such a gate: an OAuth2 resource server that checks
the token's signature against the IdP's published keys, its issuer, audience and expiry, and answers 401 with an
RFC 6750 ``WWW-Authenticate: Bearer`` challenge otherwise. DaCHS has no bearer-token support of its own, so this
stack puts the gate in front of it; everything behind the gate is DaCHS's own answer, with its URLs rewritten to the
gate's so async jobs and results stay behind it too.

Libraries, not hand-rolled crypto: PyJWT verifies (with the IdP's JWKS), tornado serves and proxies.
Run: python gateway.py --port 8098 --upstream http://127.0.0.1:8090 --issuer http://127.0.0.1:8093 --audience escape-vo
"""

from __future__ import annotations

import argparse
import asyncio
import logging

import jwt
from tornado import httpclient, ioloop, web

log = logging.getLogger("tapgate")
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
    "content-length",
    "content-encoding",
    "host",
    "authorization",
}
MAX_BODY = 512 * 1024 * 1024


class Gate:
    def __init__(self, issuer: str, audience: str):
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self._keys = jwt.PyJWKClient(f"{self.issuer}/jwks", cache_keys=True, lifespan=600, timeout=10)

    def verify(self, token: str) -> dict:
        """The token's claims when it is valid for this service; jwt.PyJWTError (with a reason) when not."""
        key = self._keys.get_signing_key_from_jwt(token)
        return jwt.decode(
            token,
            key.key,
            algorithms=["RS256", "ES256", "PS256", "EdDSA"],
            issuer=self.issuer,
            audience=self.audience,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            leeway=30,
        )


class ProxyHandler(web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "POST", "HEAD", "DELETE")

    def initialize(self, gate: Gate, upstream: str, public: str):
        self.gate, self.upstream, self.public = gate, upstream.rstrip("/"), public.rstrip("/")

    def _challenge(self, error: str, description: str) -> None:
        self.set_status(401)
        self.set_header(
            "WWW-Authenticate", f'Bearer realm="escape-vo", error="{error}", error_description="{description}"'
        )
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"401 Unauthorized: {description}\n")

    async def _authorised(self) -> bool:
        header = self.request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer "):
            self._challenge("invalid_request", "this TAP service needs a bearer token from ESCAPE IAM")
            return False
        try:
            claims = await asyncio.to_thread(self.gate.verify, header[7:].strip())
        except jwt.PyJWTError as exc:
            self._challenge("invalid_token", f"{exc.__class__.__name__}: {exc}".replace('"', "'"))
            return False
        log.info(
            "%s %s as %s", self.request.method, self.request.uri, claims.get("preferred_username") or claims["sub"]
        )
        return True

    async def _proxy(self) -> None:
        if not await self._authorised():
            return
        headers = {k: v for k, v in self.request.headers.get_all() if k.lower() not in HOP_BY_HOP}
        body = self.request.body if self.request.method == "POST" else None
        request = httpclient.HTTPRequest(
            self.upstream + self.request.uri,
            method=self.request.method,
            headers=headers,
            body=body,
            follow_redirects=False,
            request_timeout=600,
            decompress_response=True,
            allow_nonstandard_methods=True,
        )
        response = await httpclient.AsyncHTTPClient().fetch(request, raise_error=False)
        self.set_status(response.code, response.reason)
        for name, value in response.headers.get_all():
            if name.lower() in HOP_BY_HOP:
                continue
            value = value.replace(self.upstream, self.public) if name.lower() == "location" else value
            # set_header replaces tornado's own default (Content-Type, Server); only cookies repeat.
            (self.add_header if name.lower() == "set-cookie" else self.set_header)(name, value)
        payload = response.body or b""
        if "xml" in (response.headers.get("Content-Type") or "") or "html" in (
            response.headers.get("Content-Type") or ""
        ):
            payload = payload.replace(self.upstream.encode(), self.public.encode())
        if self.request.method != "HEAD":
            self.write(payload)
        self.finish()

    get = post = head = delete = _proxy


class Health(web.RequestHandler):
    def get(self):
        self.write({"status": "ok"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--audience", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    public = f"http://127.0.0.1:{args.port}"
    httpclient.AsyncHTTPClient.configure(None, max_body_size=MAX_BODY)
    app = web.Application(
        [
            (r"/_gate/health", Health),
            (
                r"/.*",
                ProxyHandler,
                {"gate": Gate(args.issuer, args.audience), "upstream": args.upstream, "public": public},
            ),
        ]
    )
    app.listen(args.port, address="127.0.0.1", max_body_size=64 * 1024 * 1024)
    log.info("TAP gate on %s -> %s (issuer %s, audience %s)", public, args.upstream, args.issuer, args.audience)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
