"""'Show me the code': the notebook lines that reach a staged DID, for copy and paste."""

from __future__ import annotations


def snippet(did: str, instance: str | None, paths: list[str], mode: str = "download") -> str:
    inst = f", instance={instance!r}" if instance else ""
    fits_like = any(p.lower().endswith((".fits", ".fits.gz", ".fit", ".fts")) for p in paths)
    lines = [
        "from jupyter_escape import datalake",
        "",
        f"# {did}: stages it if needed ({mode} mode) and returns the local paths",
        f"paths = datalake.get({did!r}{inst})",
    ]
    if fits_like:
        lines += ["", "from astropy.io import fits", "", "with fits.open(paths[0]) as hdul:", "    hdul.info()"]
    else:
        lines += ["print(paths)"]
    return "\n".join(lines) + "\n"
