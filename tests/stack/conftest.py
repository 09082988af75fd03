"""Fixtures for the local VO stack tests: service URLs from stack/stack.env and an offline pyvo registry."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess

import httpx
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
STACK = ROOT / "stack"


def _stack_env() -> dict[str, str]:
    out = subprocess.run(
        ["bash", "-c", f"set -a; . '{STACK / 'stack.env'}'; env -0"], capture_output=True, check=True
    ).stdout
    pairs = (item.split("=", 1) for item in out.decode().split("\0") if "=" in item)
    return {k: v for k, v in pairs if k.startswith("ESCAPE_")}


@pytest.fixture(scope="session")
def vo_urls() -> dict[str, str]:
    """ESCAPE_* URLs (environment wins over stack/stack.env); fails loudly when DaCHS is not running."""
    urls = _stack_env()
    try:
        httpx.get(urls["ESCAPE_DACHS_URL"] + "/", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        pytest.fail(f"DaCHS is not answering at {urls['ESCAPE_DACHS_URL']} ({exc}): run stack/escape-stack up")
    return urls


@pytest.fixture(scope="session")
def local_registry(vo_urls):
    """pyvo.registry pointed at the local RegTAP service, with the IVOA vocabularies in astropy's cache."""
    spec = importlib.util.spec_from_file_location("preload_vocabularies", STACK / "dachs" / "preload_vocabularies.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.preload()
    from pyvo import registry

    previous = registry.regtap.get_RegTAP_service_url()
    registry.choose_RegTAP_service(vo_urls["ESCAPE_REGTAP_URL"])
    yield registry
    registry.choose_RegTAP_service(previous)
