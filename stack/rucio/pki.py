"""The local data lake's grid PKI: a CA, the https Rucio server's certificate, user certificates and RFC 3820
proxies made from them, as a grid user's ``voms-proxy-init`` would (without VOMS attributes).

    python pki.py DIR USER "CN" [USER "CN" ...]

Creates, once (existing files are kept, proxies are renewed when they have less than a day left):
    DIR/ca.pem, DIR/ca.key (0600)                 the "ESCAPE local CA"
    DIR/server.pem, DIR/server.key (0600)         https Rucio on 127.0.0.1
    DIR/users/<user>/usercert.pem, userkey.pem    the user's certificate (key 0600)
    DIR/users/<user>/x509up (0600)                a 7-day proxy: proxy cert, proxy key, user cert
    DIR/users/<user>/x509up-expired (0600)        a proxy that expired an hour ago (for the tests)
    DIR/users/<user>/dn                           the DN as Rucio stores it (/C=EU/O=ESCAPE/OU=Users/CN=...)
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID, ObjectIdentifier

NOW = dt.datetime.now(dt.timezone.utc)
# RFC 3820 proxyCertInfo, "inherit all" policy: what voms-proxy-init and grid-proxy-init write.
PROXY_CERT_INFO = ObjectIdentifier("1.3.6.1.5.5.7.1.14")
INHERIT_ALL = bytes.fromhex("300c300a06082b06010505071501")
BASE = [x509.NameAttribute(NameOID.COUNTRY_NAME, "EU"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ESCAPE")]


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _write(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    os.fchmod(fd, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )


def _load(cert_path: Path, key_path: Path):
    return (
        x509.load_pem_x509_certificate(cert_path.read_bytes()),
        serialization.load_pem_private_key(key_path.read_bytes(), None),
    )


def _builder(subject: x509.Name, issuer: x509.Name, public_key, not_before, not_after):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )


def ca(folder: Path):
    if not (folder / "ca.pem").exists():
        key = _key()
        name = x509.Name([*BASE, x509.NameAttribute(NameOID.COMMON_NAME, "ESCAPE local CA")])
        cert = (
            _builder(name, name, key.public_key(), NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256())
        )
        _write(folder / "ca.key", _key_pem(key), 0o600)
        _write(folder / "ca.pem", _pem(cert), 0o644)
    return _load(folder / "ca.pem", folder / "ca.key")


def server(folder: Path, ca_cert, ca_key) -> None:
    if (folder / "server.pem").exists():
        return
    key = _key()
    name = x509.Name([*BASE, x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (
        _builder(name, ca_cert.subject, key.public_key(), NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=825))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write(folder / "server.key", _key_pem(key), 0o600)
    _write(folder / "server.pem", _pem(cert), 0o644)


def legacy_dn(name: x509.Name) -> str:
    short = {
        NameOID.COUNTRY_NAME: "C",
        NameOID.ORGANIZATION_NAME: "O",
        NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
        NameOID.COMMON_NAME: "CN",
        NameOID.DOMAIN_COMPONENT: "DC",
    }
    return "".join(f"/{short.get(a.oid, a.oid.dotted_string)}={a.value}" for a in name)


def user(folder: Path, ca_cert, ca_key, username: str, common_name: str) -> None:
    home = folder / "users" / username
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not (home / "usercert.pem").exists():
        key = _key()
        name = x509.Name(
            [
                *BASE,
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Users"),
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            ]
        )
        cert = (
            _builder(name, ca_cert.subject, key.public_key(), NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=395))
            .add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        _write(home / "userkey.pem", _key_pem(key), 0o600)
        _write(home / "usercert.pem", _pem(cert), 0o644)
        (home / "dn").write_text(legacy_dn(name) + "\n")
    cert, key = _load(home / "usercert.pem", home / "userkey.pem")
    current = home / "x509up"
    if not current.exists() or _load_first(current).not_valid_after_utc < NOW + dt.timedelta(days=1):
        _write(current, proxy(cert, key, NOW - dt.timedelta(minutes=5), NOW + dt.timedelta(days=7)), 0o600)
    _write(home / "x509up-expired", proxy(cert, key, NOW - dt.timedelta(days=2), NOW - dt.timedelta(hours=1)), 0o600)


def _load_first(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def proxy(cert: x509.Certificate, key, not_before, not_after) -> bytes:
    """An RFC 3820 proxy: subject = the user's DN + CN=<serial>, signed by the user's key; the file holds the proxy
    certificate, its key, then the user's certificate (the order grid tools write)."""
    proxy_key = _key()
    serial = secrets.randbelow(2**31)
    subject = x509.Name([*cert.subject, x509.NameAttribute(NameOID.COMMON_NAME, str(serial))])
    proxy_cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(cert.subject)
        .public_key(proxy_key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.KeyUsage(True, False, True, False, False, False, False, False, False), critical=True)
        .add_extension(x509.UnrecognizedExtension(PROXY_CERT_INFO, INHERIT_ALL), critical=True)
        .sign(key, hashes.SHA256())
    )
    return _pem(proxy_cert) + _key_pem(proxy_key) + _pem(cert)


def main(argv: list[str]) -> None:
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    ca_cert, ca_key = ca(folder)
    server(folder, ca_cert, ca_key)
    pairs = argv[1:]
    for username, common_name in zip(pairs[::2], pairs[1::2], strict=False):
        user(folder, ca_cert, ca_key, username, common_name)


if __name__ == "__main__":
    main(sys.argv[1:])
