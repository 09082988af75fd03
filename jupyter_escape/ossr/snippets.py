"""'Show me the code': ready-to-paste snippets for a record (notebook API, eossr, pip, curl, Binder, citation).

The record is a repository's data (its id, file keys, checksums, links may be anything): every value goes into
the code through core.snippets (Python literals, shell words, percent-encoded URL parts), never as pasted text.
"""

from __future__ import annotations

from typing import Any, TypedDict

from ..core.snippets import py_call, sh_line, url_part


class Snippet(TypedDict):
    id: str
    title: str
    language: str  # the code's language, for highlighting: python, bash, text, markdown
    code: str


def snippets(view: dict[str, Any], install_plan: dict[str, Any] | None = None) -> list[Snippet]:
    rid, doi = view.get("id"), view.get("doi")
    out: list[Snippet] = [
        {
            "id": "notebook",
            "title": "In a notebook (jupyter-escape)",
            "language": "python",
            "code": (
                "from jupyter_escape import ossr\n\n"
                f"rec = {py_call('ossr.record', rid)}\nprint(rec['title'], rec['version'])\n"
                f"paths = {py_call('ossr.download', rid, f'escape-data/ossr/{rid}')}  # md5-verified\n"
                f"print({py_call('ossr.cite', rid, 'bibtex')})\n"
            ),
        },
        {
            "id": "eossr",
            "title": "With eossr",
            "language": "python",
            "code": (
                "from eossr.api.zenodo import get_record\n\n"
                f"record = {py_call('get_record', rid)}\nprint(record.title)\nrecord.print_info()\n"
            ),
        },
    ]
    files = view.get("files") or []
    if files:
        lines = ["# every file, checked against the repository's md5"]
        for f in files:
            lines.append(sh_line("curl", "-fL", "-o", f["key"], "--", f["url"]))
            if f.get("md5"):
                # md5sum reads "<md5>  <name>" lines; printf builds the line from two quoted words.
                lines.append(sh_line("printf", "%s  %s\\n", f["md5"], f["key"]) + " | md5sum -c -")
        out.append(
            {"id": "curl", "title": "Download from a terminal", "language": "bash", "code": "\n".join(lines) + "\n"}
        )
    if install_plan:
        out.append(
            {
                "id": "pip",
                "title": "Install (the command the Install button runs)",
                "language": "bash",
                "code": install_plan["command_line"] + "\n",
            }
        )
    elif view.get("code_repository"):
        out.append(
            {
                "id": "pip",
                "title": "Install from the code repository",
                "language": "bash",
                "code": sh_line("pip", "install", f"git+{view['code_repository']}") + "\n",
            }
        )
    if doi:
        out.append(
            {
                "id": "binder",
                "title": "Run on Binder",
                "language": "text",
                "code": f"https://mybinder.org/v2/zenodo/{url_part(doi)}\n",
            }
        )
        out.append(
            {
                "id": "badge",
                "title": "DOI badge (Markdown)",
                "language": "markdown",
                "code": (
                    f"[![DOI](https://zenodo.org/badge/DOI/{url_part(doi)}.svg)](https://doi.org/{url_part(doi)})\n"
                ),
            }
        )
    return out
