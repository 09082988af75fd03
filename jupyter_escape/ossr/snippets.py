"""'Show me the code': ready-to-paste snippets for a record (notebook API, eossr, pip, curl, Binder, citation)."""

from __future__ import annotations

import shlex


def snippets(view: dict, install_plan: dict | None = None) -> list[dict]:
    rid, doi = view.get("id"), view.get("doi")
    out = [{
        "id": "notebook", "title": "In a notebook (jupyter-escape)", "language": "python",
        "code": ("from jupyter_escape import ossr\n\n"
                 f"rec = ossr.record({rid})\nprint(rec['title'], rec['version'])\n"
                 f"paths = ossr.download({rid}, 'escape-data/ossr/{rid}')  # md5-verified\n"
                 f"print(ossr.cite({rid}, 'bibtex'))\n"),
    }, {
        "id": "eossr", "title": "With eossr", "language": "python",
        "code": ("from eossr.api.zenodo import get_record\n\n"
                 f"record = get_record({rid})\nprint(record.title)\nrecord.print_info()\n"),
    }]
    files = view.get("files") or []
    if files:
        lines = ["# every file, checked against the repository's md5"]
        for f in files:
            q = shlex.quote(f["key"])
            lines.append(f"curl -fL -o {q} {shlex.quote(f['url'])}")
            if f.get("md5"):
                lines.append(f"echo '{f['md5']}  {f['key']}' | md5sum -c -")
        out.append({"id": "curl", "title": "Download from a terminal", "language": "bash", "code": "\n".join(lines) + "\n"})
    if install_plan:
        out.append({"id": "pip", "title": "Install (the command the Install button runs)", "language": "bash",
                    "code": install_plan["command_line"] + "\n"})
    elif view.get("code_repository"):
        out.append({"id": "pip", "title": "Install from the code repository", "language": "bash",
                    "code": f"pip install git+{view['code_repository']}\n"})
    if doi:
        out.append({"id": "binder", "title": "Run on Binder", "language": "text",
                    "code": f"https://mybinder.org/v2/zenodo/{doi}\n"})
        out.append({"id": "badge", "title": "DOI badge (Markdown)", "language": "markdown",
                    "code": f"[![DOI](https://zenodo.org/badge/DOI/{doi}.svg)](https://doi.org/{doi})\n"})
    return out
