"""Rucio over https with X.509 client certificates, without Apache: the WSGI app gunicorn serves on the https port.

Rucio's x509 login reads the client's DN from ``SSL_CLIENT_S_DN``, which Apache's mod_ssl sets in Rucio's own
containers. Here gunicorn terminates TLS (gunicorn_tls.py: client certificates optional, RFC 3820 proxies allowed,
verified against the local CA) and this wrapper puts the verified peer's DN into the environ in the legacy form
(/C=EU/O=ESCAPE/OU=Users/CN=...). Rucio strips a proxy's extra CN itself. A client cannot set these keys: request
headers arrive as HTTP_* keys, and any SSL_* key is removed before the DN is filled in.
"""

import ssl

from rucio.web.rest.flaskapi.v1.main import application as rucio_application

SHORT = {
    "countryName": "C",
    "organizationName": "O",
    "organizationalUnitName": "OU",
    "commonName": "CN",
    "domainComponent": "DC",
    "localityName": "L",
    "stateOrProvinceName": "ST",
}


def legacy_dn(name) -> str:
    return "".join(f"/{SHORT.get(key, key)}={value}" for rdn in name for key, value in rdn)


def application(environ, start_response):
    for key in [k for k in environ if k.startswith("SSL_")]:
        del environ[key]
    sock = environ.get("gunicorn.socket")
    cert = sock.getpeercert() if isinstance(sock, ssl.SSLSocket) else None
    if cert:
        environ["SSL_CLIENT_S_DN"] = legacy_dn(cert["subject"])
        environ["SSL_CLIENT_I_DN"] = legacy_dn(cert["issuer"])
        environ["SSL_CLIENT_VERIFY"] = "SUCCESS"
    return rucio_application(environ, start_response)
