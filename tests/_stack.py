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
