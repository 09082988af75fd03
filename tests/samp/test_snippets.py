""" "Show me the code" of the SAMP actions: hostile ids, paths and client names stay string values."""

from __future__ import annotations

import ast

import pytest

from jupyter_escape.samp.snippets import point_code, select_code, send_code

HOSTILE = [
    "x'); import os; os.system('id') #",
    '")\nimport os\n#',
    "\r__import__('os').system('id')",
    "\u2028os.system('id')",
    "${HOME}",
    "a\\'b",
]


def _calls(code: str) -> list[str]:
    tree = ast.parse(code)
    return [ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _strings(code: str) -> set[str]:
    return {n.value for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


@pytest.mark.parametrize("value", HOSTILE)
def test_send_code_keeps_values_as_values(value):
    for source in ({"kind": "file", "path": value}, {"kind": "basket", "item": value}):
        code = send_code(source, "table.load.votable", value)
        assert _calls(code) in (["samp.send_table"], ["samp.send_table", "basket.get"])
        assert value in _strings(code)
    assert _calls(send_code({"kind": "file", "path": value}, "image.load.fits", "all")) == ["samp.send_image"]


@pytest.mark.parametrize("value", HOSTILE)
def test_select_code_keeps_values_as_values(value):
    code = select_code(value, list(range(60)))
    assert _calls(code) == ["samp.select_rows"] and value in _strings(code)
    assert "first 50" in code


def test_point_code():
    assert _calls(point_code(10.5, -3)) == ["samp.point_at"]
    assert "samp.point_at(10.5, -3.0)" in point_code(10.5, -3)
