"""Size of the JavaScript JupyterLab loads eagerly for jupyter-escape, against the 200 KB budget.

JupyterLab loads an extension through its module-federation entry (remoteEntry.*.js), then the chunks of the
modules it exposes ('./index', './extension', './style') when the plugins activate. Everything else (Aladin Lite,
Arrow, CodeMirror, the pillar views) is loaded on first use. This script reads the exposes block of remoteEntry
to find those chunks (their synchronous dependencies included), so it measures what a page load fetches without a
browser. Run it on a `jlpm build:prod` build for the shipped sizes (a dev build is unminified).
Prints; never fails (speed and size are reported, not asserted).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

BUDGET = 200 * 1024
STATIC = Path(__file__).resolve().parents[2] / "jupyter_escape" / "labextension" / "static"
EXPOSES = ("./index", "./extension", "./style")


def chunk_file(chunk_id: str) -> Path | None:
    """The file of a chunk id: '<id>.<hash>.js' (prod, numeric ids) or '<name>.<hash>.js' (dev, named)."""
    matches = sorted(STATIC.glob(f"{chunk_id}.*.js")) or sorted(STATIC.glob(f"{chunk_id}.js"))
    return matches[0] if matches else None


def eager_files() -> list[Path]:
    entry = next(iter(sorted(STATIC.glob("remoteEntry.*.js"))), None)
    if entry is None:
        return []
    source = entry.read_text(encoding="utf-8", errors="replace")
    files = [entry]
    for name in EXPOSES:
        # dev: "./index": () => { return __webpack_require__.e("lib_index_js").then(...) }
        # prod (minified): "./index":()=>n.e(659).then(...)  or  Promise.all([n.e(1),n.e(2)]).then(...)
        start = source.find(f'"{name}"')
        if start < 0:
            continue
        body = source[start : start + 2000].split(".then(", 1)[0]
        for chunk in re.findall(r"\b\w+\.e\(\"?([\w\-]+)\"?\)", body):
            path = chunk_file(chunk)
            if path and path not in files:
                files.append(path)
    return files


def main() -> int:
    if not STATIC.is_dir():
        print(f"no build in {STATIC}: run `jlpm build:prod` for the shipped sizes")
        return 0
    eager = eager_files()
    everything = sorted(STATIC.glob("*.js"))
    lazy = [p for p in everything if p not in eager]
    total = sum(p.stat().st_size for p in eager)
    total_gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in eager)
    for p in eager:
        print(f"  eager {p.stat().st_size / 1024:9.1f} KB  {p.name}")
    print(
        f"  lazy  {sum(p.stat().st_size for p in lazy) / 1024:9.1f} KB  in {len(lazy)} chunks (views, Arrow, "
        "CodeMirror, Aladin Lite...)"
    )
    verdict = "within" if total <= BUDGET else "OVER"
    print(
        f"eager JS: {total / 1024:.1f} KB ({total_gz / 1024:.1f} KB gzip), budget {BUDGET / 1024:.0f} KB: "
        f"{verdict} budget ({total / BUDGET:.2f} of it)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
