"""Signed links (jupyter_escape/samp/links.py) and the route that serves them without a Jupyter login:
a fresh link gives the file; an altered, renamed, expired (even after it worked) or stale-file link is refused."""

from __future__ import annotations

import stat

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.samp.links import LinkRefused, LinkSigner, load_secret
from jupyter_escape.samp.outbox import prepare_file


class Clock:
    def __init__(self, now=1_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def signed(tmp_path):
    data = tmp_path / "root" / "t.vot"
    data.parent.mkdir()
    data.write_text("<VOTABLE/>")
    clock = Clock()
    signer = LinkSigner(load_secret(tmp_path), [tmp_path / "root"], clock=clock)
    return signer, clock, data


def test_secret_file_is_private_and_stable(tmp_path):
    first = load_secret(tmp_path)
    secret = tmp_path / "samp-link-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    secret.chmod(0o644)
    assert load_secret(tmp_path) == first
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_fresh_link_names_the_one_file(signed):
    signer, _, data = signed
    token, name = signer.sign(data, ttl=60).split("/")
    assert name == "t.vot"
    assert signer.check(token, name).path == data.resolve()


def test_altered_token_or_name_is_refused(signed):
    signer, _, data = signed
    token, name = signer.sign(data, ttl=60).split("/")
    body, mac = token.split(".")
    flipped = body[:-1] + ("A" if body[-1] != "A" else "B")
    for bad in (f"{flipped}.{mac}", f"{body}.{mac[:-1]}x", body, ""):
        with pytest.raises(LinkRefused, match="signature"):
            signer.check(bad, name)
    with pytest.raises(LinkRefused, match="file name"):
        signer.check(token, "other.vot")


def test_link_of_another_server_is_refused(signed, tmp_path):
    signer, clock, data = signed
    (tmp_path / "other").mkdir()
    other = LinkSigner(load_secret(tmp_path / "other"), [data.parent], clock=clock)
    token, name = other.sign(data, ttl=60).split("/")
    with pytest.raises(LinkRefused, match="signature"):
        signer.check(token, name)


def test_reuse_after_expiry_is_refused(signed):
    signer, clock, data = signed
    token, name = signer.sign(data, ttl=30).split("/")
    signer.check(token, name)
    signer.check(token, name)  # reuse within its lifetime is fine (TOPCAT may fetch twice)
    clock.now += 31
    with pytest.raises(LinkRefused, match="expired") as err:
        signer.check(token, name)
    assert err.value.status == 410


def test_changed_file_is_refused(signed):
    signer, _, data = signed
    token, name = signer.sign(data, ttl=60).split("/")
    data.write_text("<VOTABLE>changed</VOTABLE>")
    with pytest.raises(LinkRefused, match="changed"):
        signer.check(token, name)


def test_only_files_in_allowed_folders(signed, tmp_path):
    signer, _, _ = signed
    outside = tmp_path / "secret.txt"
    outside.write_text("no")
    with pytest.raises(LinkRefused, match="outside"):
        signer.sign(outside)
    with pytest.raises(EscapeError, match="ttl"):
        signer.sign(signed[2], ttl=10**9)


# -- the route ---------------------------------------------------------------------------------------------
@pytest.fixture
def samp_service(jp_serverapp):
    return jp_serverapp.web_app.settings["escape"].extras["samp"]


async def _get(jp_fetch, link):
    return await jp_fetch(*link.split("/"), headers={"Authorization": ""})


async def test_route_serves_a_fresh_link_without_login_and_refuses_it_later(jp_fetch, jp_root_dir, samp_service):
    data = jp_root_dir / "cat.vot"
    data.write_text("<VOTABLE>rows</VOTABLE>")
    clock = Clock(samp_service.signer._clock())
    samp_service.signer._clock = clock
    link = samp_service.signed_link(prepare_file(data, "t", samp_service.outbox), ttl=5)["link"]
    response = await _get(jp_fetch, link)
    assert response.code == 200 and response.body == b"<VOTABLE>rows</VOTABLE>"
    token = link.split("/")[-2]
    altered = link.replace(token, token[:-2] + ("aa" if token[-2:] != "aa" else "bb"))
    with pytest.raises(HTTPClientError) as err:
        await _get(jp_fetch, altered)
    assert err.value.code == 403 and b"signature" in err.value.response.body
    clock.now += 6
    with pytest.raises(HTTPClientError) as err:
        await _get(jp_fetch, link)
    assert err.value.code == 410 and b"expired" in err.value.response.body


async def test_route_refuses_a_path_trick(jp_fetch, jp_root_dir, samp_service):
    data = jp_root_dir / "a.vot"
    data.write_text("x")
    link = samp_service.signed_link(prepare_file(data, "a", samp_service.outbox))["link"]
    with pytest.raises(HTTPClientError) as err:
        await _get(jp_fetch, link.rsplit("/", 1)[0] + "/..%2F..%2Fetc%2Fpasswd")
    assert err.value.code in (403, 404)
