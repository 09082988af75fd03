"""'Show me the code': the notebook lines that reach a staged DID, for copy and paste."""

from __future__ import annotations

from ..core.snippets import comment, py_call


def snippet(did: str, instance: str | None, paths: list[str], mode: str = "download") -> str:
    # Every value goes through core.snippets: the DID and instance are a user's or Rucio's text, not code.
    get = py_call("datalake.get", did, instance=instance) if instance is not None else py_call("datalake.get", did)
    fits_like = any(str(p).lower().endswith((".fits", ".fits.gz", ".fit", ".fts")) for p in paths)
    lines = [
        "from jupyter_escape import datalake",
        "",
        comment(f"{did}: stages it if needed ({mode} mode) and returns the local paths"),
        f"paths = {get}",
    ]
    if fits_like:
        lines += ["", "from astropy.io import fits", "", "with fits.open(paths[0]) as hdul:", "    hdul.info()"]
    else:
        lines += ["print(paths)"]
    return "\n".join(lines) + "\n"
