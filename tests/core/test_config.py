"""EscapeConfig validation and the configuration handed to kernels, without a server."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from jupyter_escape.config import (
    RUCIO_SECRET_KEYS,
    EscapeConfig,
    load_kernel_config,
    public_view,
    read_secret,
    write_kernel_config,
)


def test_defaults_point_at_public_services():
    cfg = EscapeConfig()
    assert cfg.registry_url.startswith("https://")
    assert cfg.software_repository["community"] == "escape2020"
    assert cfg.rucio_instances[0]["auth_type"] == "oidc"
    assert cfg.validate() == []


def test_validation_names_each_bad_field():
    cfg = EscapeConfig(
        registry_url="reg.example.org/tap",
        rucio_instances=[
            {"name": "a", "rucio_base_url": "https://r"},
            {"name": "a", "rucio_base_url": "https://r", "auth_type": "x509"},
        ],
        vo_services=[{"url": "mailto:x"}],
        check_timeout=0,
    )
    errors = cfg.validate()
    assert "EscapeConfig.registry_url: 'reg.example.org/tap' is not an http(s) URL" in errors
    assert "EscapeConfig.rucio_instances[1].name: 'a' is used twice" in errors
    assert "EscapeConfig.vo_services[0].url: 'mailto:x' is not an http(s) URL" in errors
    assert "EscapeConfig.check_timeout: 0.0 must be positive" in errors
    assert len(errors) == 4


def test_public_view_drops_secret_keys():
    inst = {"name": "x", "password_file": "/p", "oidc_token_env": "T", "rucio_base_url": "https://r"}
    assert public_view(inst, RUCIO_SECRET_KEYS) == {"name": "x", "rucio_base_url": "https://r"}


def test_read_secret_from_file_and_env(tmp_path, monkeypatch):
    secret = tmp_path / "pw"
    secret.write_text("s3cret\n")
    assert read_secret(str(secret), None) == "s3cret"
    assert read_secret(str(tmp_path / "missing"), None) is None
    monkeypatch.setenv("ESCAPE_TEST_SECRET", "from-env")
    assert read_secret(None, "ESCAPE_TEST_SECRET") == "from-env"
    assert read_secret(None, "ESCAPE_TEST_UNSET_VARIABLE") is None


def test_kernel_config_round_trip(tmp_path, monkeypatch):
    monkeypatch.delenv("ESCAPE_SERVER_CONFIG", raising=False)
    cfg = EscapeConfig(registry_url="http://127.0.0.1:1/tap", workspace_dir="data")
    path = write_kernel_config(cfg, str(tmp_path), "/srv/root")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert json.loads(Path(path).read_text())["registry_url"] == "http://127.0.0.1:1/tap"
    loaded, extras = load_kernel_config()
    assert loaded.registry_url == "http://127.0.0.1:1/tap"
    assert loaded.workspace_dir == "data"
    assert extras == {"state_dir": str(tmp_path), "root_dir": "/srv/root"}
