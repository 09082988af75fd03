"""The local stack's URLs and ports, as stack/stack.env exports them (env vars already set win).

A module of its own (not conftest) so test modules in any folder can import it unambiguously.
"""

from __future__ import annotations

import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _stack_env() -> dict[str, str]:
    env_file = ROOT / "stack" / "stack.env"
    if not env_file.exists():
        return {}
    out = subprocess.run(["bash", "-c", f"set -a; source '{env_file}'; env -0"], capture_output=True, check=True).stdout
    pairs = (item.split("=", 1) for item in out.decode().split("\0") if "=" in item)
    return {k: v for k, v in pairs if k.startswith("ESCAPE_")}


STACK = _stack_env()


def stack_value(name: str, default: str | None = None) -> str:
    value = os.environ.get(name) or STACK.get(name) or default
    if value is None:
        raise RuntimeError(f"{name} is not set by stack/stack.env")
    return value


# The data-lake account tests log in as (stack/rucio/rucio.env), not the demo's ESCAPE_RUCIO_ACCOUNT: the files they
# upload and the rules they make stay out of the demo's Explore and Transfers views.
RUCIO_TEST_ACCOUNT = stack_value("ESCAPE_RUCIO_TEST_ACCOUNT", "escape_test")
RUCIO_TEST_SCOPE = f"user.{RUCIO_TEST_ACCOUNT}"


def rucio_test_credentials() -> dict[str, str]:
    """The userpass settings of an instance logging in as the test account."""
    return {
        "username": RUCIO_TEST_ACCOUNT,
        "account": RUCIO_TEST_ACCOUNT,
        "password_file": stack_value("ESCAPE_RUCIO_TEST_PASSWORD_FILE"),
    }
