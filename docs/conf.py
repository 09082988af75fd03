"""Sphinx configuration of the jupyter-escape documentation site (MyST Markdown + executed notebooks).

Built by `make docs` (part of `make test`) with docs/build.py, which points the tutorials' kernels at the local
service stack the same way a JupyterLab on the stack would. A cell that raises fails the build.
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

project = "jupyter-escape"
author = "The jupyter-escape developers"
copyright = "2026, the jupyter-escape developers"
release = version = json.loads((ROOT / "package.json").read_text())["version"]

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "jupyter_execute"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.xref_missing", "myst.header", "mystnb.unknown_mime_type", "misc.highlighting_failure"]

# Tutorials run on every build, top to bottom; an exception in any cell fails the build (and so CI).
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# The sky view's own MIME type needs JupyterLab's renderer; on this site its text/plain description stands in.
nb_mime_priority_overrides = [("html", "application/vnd.escape.sky+json", None)]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}

html_theme = "pydata_sphinx_theme"
html_title = "jupyter-escape"
html_static_path = ["_static"]
html_css_files = ["escape.css"]  # wider reading column for notebook code and tables
html_theme_options = {
    "navigation_with_keys": True,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "secondary_sidebar_items": ["page-toc"],
}
html_context = {"default_mode": "auto"}
