"""Pure domain checks (no server): DID validation, filter building, credential validation, token files."""

from __future__ import annotations

import base64
import json
import os
import stat
import time

import pytest

from jupyter_escape.core.errors import BadInput
from jupyter_escape.datalake.auth import credential_problems, jwt_expiry, read_oidc_token
from jupyter_escape.datalake.browse import build_filters
from jupyter_escape.datalake.dids import parse_did
from jupyter_escape.datalake.instances import Instance, find_instance
from jupyter_escape.datalake.jobstore import JobStore


def _jwt(exp: float) -> str:
    def enc(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{enc({'alg': 'none'})}.{enc({'exp': exp, 'sub': 'jdoe'})}.sig"


def test_parse_did_accepts_scope_and_name():
    assert parse_did("escape_demo:lofar_L123456_m51") == ("escape_demo", "lofar_L123456_m51")
    assert parse_did("user.jdoe:results/m51.fits") == ("user.jdoe", "results/m51.fits")


@pytest.mark.parametrize(
    ("did", "needle"),
    [
        ("no_scope_here", "has no scope"),
        ("escape_demo:my file.fits", "' '"),
        ("escape_demo:spectre_é.fits", "'é'"),
        ("bad scope:x", "scope 'bad scope' is not valid"),
        ("", "missing"),
    ],
)
def test_parse_did_says_what_is_wrong(did, needle):
    with pytest.raises(BadInput) as err:
        parse_did(did)
    assert needle in err.value.message


def test_build_filters_types_numbers_and_maps_operators():
    got = build_filters(
        "lofar*",
        [
            {"key": "telescope", "op": "=", "value": "LOFAR"},
            {"key": "frequency_mhz", "op": ">=", "value": "145"},
            {"key": "ra", "op": "<", "value": 203.5},
        ],
    )
    assert got == [{"name": "lofar*", "telescope": "LOFAR", "frequency_mhz.gte": 145, "ra.lt": 203.5}]
    with pytest.raises(BadInput, match="op"):
        build_filters("*", [{"key": "ra", "op": "~", "value": 1}])
    with pytest.raises(BadInput, match=r"filters\[0\].value"):
        build_filters("*", [{"key": "ra", "op": "=", "value": ""}])


def test_credential_problems_name_exactly_what_is_missing(tmp_path, monkeypatch):
    base = {"name": "x", "rucio_base_url": "http://127.0.0.1:1", "account": "jdoe"}
    assert credential_problems(Instance({**base, "username": "jdoe"}))[1].startswith(
        "userpass: neither 'password_file' nor 'password_env'"
    )
    missing = tmp_path / "nope"
    assert str(missing) in credential_problems(Instance({**base, "username": "jdoe", "password_file": str(missing)}))[1]
    monkeypatch.delenv("ESCAPE_TEST_PW", raising=False)
    assert (
        "ESCAPE_TEST_PW is not set"
        in credential_problems(Instance({**base, "username": "jdoe", "password_env": "ESCAPE_TEST_PW"}))[1]
    )
    assert credential_problems(Instance({**base, "auth_type": "x509", "key": "/k"}))[1].startswith(
        "x509 certificate: not configured"
    )
    monkeypatch.delenv("X509_USER_PROXY", raising=False)
    assert credential_problems(Instance({**base, "auth_type": "x509_proxy"}))[0] == "missing"
    token_file = tmp_path / "token"
    token_file.write_text(_jwt(time.time() - 60))
    state, message = credential_problems(Instance({**base, "auth_type": "oidc", "oidc_token_file": str(token_file)}))
    assert state == "expired" and "expired at" in message
    token_file.write_text(_jwt(time.time() + 3600))
    assert credential_problems(Instance({**base, "auth_type": "oidc", "oidc_token_file": str(token_file)})) is None
    assert credential_problems(Instance({**base, "auth_type": "kerberos"}))[0] == "failed"


def test_oidc_token_file_is_reread_when_it_changes(tmp_path):
    token_file = tmp_path / "token"
    first, second = _jwt(time.time() + 100), _jwt(time.time() + 7200)
    token_file.write_text(first)
    inst = Instance(
        {"name": "x", "rucio_base_url": "http://h", "auth_type": "oidc", "oidc_token_file": str(token_file)}
    )
    assert read_oidc_token(inst) == first
    token_file.write_text(second)
    os.utime(token_file, (time.time() + 5, time.time() + 5))
    assert read_oidc_token(inst) == second
    assert jwt_expiry(second) > jwt_expiry(first)


def test_find_instance_names_the_configured_ones():
    with pytest.raises(Exception, match="configured: a, b"):
        find_instance([{"name": "a"}, {"name": "b"}], "c")
    assert Instance({"name": "a", "password_file": "/secret"}).public() == {"name": "a", "auth_type": "userpass"}


def test_jobstore_marks_running_jobs_interrupted_and_writes_0600(tmp_path):
    path = tmp_path / "jobs.json"
    store = JobStore(path)
    store.add({"id": "j1", "state": "running", "files": [{"state": "running"}], "log": []})
    store.add({"id": "j2", "state": "done", "files": [], "log": []})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reloaded = JobStore(path)
    assert reloaded.get("j1")["state"] == "interrupted" and reloaded.get("j1")["resumable"]
    assert reloaded.get("j1")["files"][0]["state"] == "interrupted"
    assert reloaded.get("j2")["state"] == "done"


def test_jobstore_keeps_a_damaged_file_aside_instead_of_overwriting_it(tmp_path):
    path = tmp_path / "jobs.json"
    path.write_text('{"j1": {"id": "j1", "state": "runn')  # cut by a full disk
    store = JobStore(path)
    assert store.list() == []
    [kept] = tmp_path.glob("jobs.json.damaged-*")
    assert kept.read_text() == '{"j1": {"id": "j1", "state": "runn'  # its jobs can still be recovered by hand
    store.add({"id": "j2", "state": "done", "files": [], "log": []})
    assert [j["id"] for j in JobStore(path).list()] == ["j2"] and stat.S_IMODE(path.stat().st_mode) == 0o600
