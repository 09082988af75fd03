"""Shared set-up of the data lake benchmarks: the local stack's instance and the 20-file ~1 GB dataset.

Both sides of every comparison log in as the stack's benchmark account (ESCAPE_RUCIO_BENCH_ACCOUNT, seeded by
stack/rucio/bootstrap.py), not as the demo's user: the dataset, its rules and the downloads' traces stay out of the
demo's data lake views. The project uses ``instance()``; the rucio CLI uses ESCAPE_RUCIO_BENCH_CLIENT_CFG."""

from __future__ import annotations

import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATASET = "bench_download_1gb"
RSE = "ESCAPE_USERDISK"  # https only: both clients fetch the same bytes over the WebDAV door
FILES = 20
FILE_BYTES = 50 * 1024 * 1024


def stack_env() -> dict[str, str]:
    out = subprocess.run(
        ["bash", "-c", f"set -a; source '{ROOT / 'stack' / 'stack.env'}'; env -0"], capture_output=True, check=True
    ).stdout
    pairs = (item.split("=", 1) for item in out.decode().split("\0") if "=" in item)
    env = {k: v for k, v in pairs if k.startswith("ESCAPE_")}
    env.update({k: v for k, v in os.environ.items() if k.startswith("ESCAPE_")})
    return env


SCOPE = f"user.{stack_env()['ESCAPE_RUCIO_BENCH_ACCOUNT']}"


def instance(env: dict[str, str]) -> dict:
    return {
        "name": "local",
        "rucio_base_url": env["ESCAPE_RUCIO_URL"],
        "auth_type": "userpass",
        "username": env["ESCAPE_RUCIO_BENCH_ACCOUNT"],
        "account": env["ESCAPE_RUCIO_BENCH_ACCOUNT"],
        "password_file": env["ESCAPE_RUCIO_BENCH_PASSWORD_FILE"],
        "ca_cert": env["ESCAPE_RUCIO_CA_CERT"],
        "allow_local_replicas": False,
    }


def ensure_dataset(lake) -> None:
    """Upload the 20 x 50 MB dataset once (deterministic bytes), through the project's own uploader."""
    from jupyter_escape.datalake import browse

    s = lake.session(None)
    try:
        have = {i["name"] for i in browse.contents(s, SCOPE, DATASET, limit=100)["items"]}
    except Exception:
        have = set()
    if len(have) >= FILES:
        return
    print(f"creating {SCOPE}:{DATASET} ({FILES} x {FILE_BYTES // 2**20} MB) on {RSE} ...", flush=True)
    src = pathlib.Path(lake.root_dir) / "bench-src"
    src.mkdir(parents=True, exist_ok=True)
    for i in range(FILES):
        name = f"bench_{i:02d}.fits"
        if name in have:
            continue
        path = src / name
        block = (bytes(range(256)) * 4096)[: 1024 * 1024]
        with open(path, "wb") as fh:
            fh.writelines(bytes([i, j % 256]) + block[2:] for j in range(FILE_BYTES // len(block)))
        job = lake.uploader.wait(
            lake.uploader.upload(None, f"bench-src/{name}", RSE, SCOPE, name=name, dataset=f"{SCOPE}:{DATASET}")["id"],
            600,
        )
        if job["state"] != "done":
            raise SystemExit(f"upload of {name} failed: {job['error']}")
        path.unlink()


def make_lake(env):
    from jupyter_escape.datalake.service import Datalake

    work = pathlib.Path(tempfile.mkdtemp(prefix="escape-bench-"))
    return Datalake([instance(env)], state_dir=work / "state", root_dir=str(work), workspace_dir="ws"), work
