"""The layout of jupyter_escape/vo (docs/architecture.md): every module imports alone, the imports between them
form no loop, transports do not import protocols, and no module is private-by-underscore yet imported elsewhere."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import jupyter_escape

PACKAGE_DIR = Path(jupyter_escape.__file__).parent
VO_DIR = PACKAGE_DIR / "vo"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(VO_DIR.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """The jupyter_escape.vo modules ``name`` imports, at module level or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_map_is_what_the_docs_describe():
    names = set(MODULES)
    assert {"jupyter_escape.vo.votable", "jupyter_escape.vo.transport", "jupyter_escape.vo.tap"} <= names
    private = [n for n in names if any(part.startswith("_") for part in n.split("."))]
    assert private == [], f"underscore modules in vo/: {private}"


def test_no_import_loop():
    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            raise AssertionError("import loop: " + " -> ".join([*trail[trail.index(name) :], name]))
        for target in sorted(GRAPH[name]):
            visit(target, [*trail, name])

    for name in GRAPH:
        visit(name, [])


def test_transports_and_the_decoder_do_not_import_protocols():
    lower = [n for n in GRAPH if n.startswith(("jupyter_escape.vo.transport", "jupyter_escape.vo.votable"))]
    for name in lower:
        upward = {
            t for t in GRAPH[name] if not t.startswith(("jupyter_escape.vo.transport", "jupyter_escape.vo.votable"))
        }
        assert upward == set(), f"{name} imports {upward}"
    decoder = [n for n in GRAPH if n.startswith("jupyter_escape.vo.votable")]
    for name in decoder:
        assert not {t for t in GRAPH[name] if t.startswith("jupyter_escape.vo.transport")}, name


def test_each_module_imports_alone_in_a_fresh_interpreter():
    runs = {
        name: subprocess.Popen(
            [sys.executable, "-c", f"import {name}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name in MODULES
    }
    failed = {}
    for name, run in runs.items():
        _, err = run.communicate(timeout=120)
        if run.returncode:
            failed[name] = err.strip().splitlines()[-1]
    assert failed == {}
