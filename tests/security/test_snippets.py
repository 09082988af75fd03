"""Every "show me the code" generator, Python and TypeScript, keeps hostile values as values: with a hostile string in
every slot, the Python parses to the same AST shape as with a benign one (constants blanked), and the shell splits
into the same number of words. Hypothesis draws the strings; the TypeScript generators run in node
(snippets_harness.cjs transpiles them from src/, no build needed)."""

from __future__ import annotations

import ast
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_escape.core.snippets import comment, py, sh_line, url_part
from jupyter_escape.datalake.code import snippet as datalake_snippet
from jupyter_escape.datalake.vo_coverage import snippet as coverage_snippet
from jupyter_escape.ossr.snippets import snippets as ossr_snippets
from jupyter_escape.vo.results import pyvo_code

REPO = Path(__file__).resolve().parents[2]
BENIGN = "benign"
NASTY = [
    "'",
    '"',
    "\\",
    "\n",
    "\r",
    "\r\n",
    "\f",
    "\v",
    "\x00",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "#",
    "$(id)",
    "`id`",
    "; rm -rf ~",
    "' ; touch /tmp/p ; '",
    "\"); import os; os.system('id') #",
    "')\nimport os\n#",
    "\r__import__('os').system('id')",
    "-rf",
    "--",
    "${HOME}",
    "*",
    "|",
    "&&",
    ")",
    "]",
    "[x](javascript:1)",
    "{}",
    "{0}",
    "%s",
    "\t",
    " ",
]
HOSTILE = st.one_of(
    st.sampled_from(NASTY),
    st.text(min_size=1, max_size=30),  # an empty value is an absent one: generators leave its line out
    st.tuples(st.sampled_from(NASTY), st.text(max_size=8), st.sampled_from(NASTY)).map("".join),
)
EXAMPLES = settings(max_examples=150, deadline=None)


class _Blank(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(value=None)


def py_shape(code: str) -> str:
    return ast.dump(_Blank().visit(ast.parse(code)))


def sh_words(code: str) -> int:
    return len(shlex.split(code, comments=True))


# -- Python-side generators: name -> function(value) -> [(language, code)] ------------------------------------
def _datalake(v):
    return [("python", datalake_snippet(v, v, [v + ".fits"], v)), ("python", datalake_snippet(v, None, [v], v))]


def _coverage(v):
    return [("python", coverage_snippet(v, v, v, [v, v])), ("python", coverage_snippet(v, None, None, None))]


def _ossr(v):
    view = {"id": v, "doi": v, "code_repository": v, "files": [{"key": v, "url": v, "md5": v}]}
    plan = {
        "command_line": sh_line(("SETUPTOOLS_SCM_PRETEND_VERSION", v), "/usr/bin/python3", "-m", "pip", "install", v)
    }
    return [(s["language"], s["code"]) for s in ossr_snippets(view) + ossr_snippets(view, plan)]


def _pyvo(v):
    params = {
        "ra": v,
        "dec": v,
        "radius": v,
        "size": v,
        "circle": [v, v, v],
        "band": v,
        "time": v,
        "collection": v,
        "keywords": [v, v],
        "servicetype": v,
        "waveband": [v],
        "datamodel": v,
        "cone": [v, v, v],
        "temporal": [v, v],
        "maxrec": v,
    }
    out = [
        ("python", pyvo_code({"kind": k, "url": v, "query": v, "maxrec": v, "params": params}))
        for k in ("tap", "scs", "sia", "sia2", "ssa", "registry")
    ]
    out.append(("python", pyvo_code({"kind": "tap", "mode": "async", "url": v, "query": v, "maxrec": v})))
    return out


PYTHON_GENERATORS = {
    "datalake/code.py": _datalake,
    "datalake/vo_coverage.py": _coverage,
    "ossr/snippets.py": _ossr,
    "vo/results.py": _pyvo,
}


def _check(benign: list[tuple[str, str]], hostile: list[tuple[str, str]], value: str) -> None:
    assert [lang for lang, _ in benign] == [lang for lang, _ in hostile]
    for (lang, good), (_, bad) in zip(benign, hostile, strict=True):
        if lang == "python":
            assert py_shape(bad) == py_shape(good), (value, bad)
        elif lang == "bash":
            assert sh_words(bad) == sh_words(good), (value, bad)
        else:  # text and Markdown: the value is percent-encoded inside a URL, so the text keeps its tokens
            assert bad.split() and len(bad.split()) == len(good.split()), (value, bad)
            assert not re.search(r"[\s()\[\]<>\"']", url_part(value))


@pytest.mark.parametrize("name", sorted(PYTHON_GENERATORS))
@given(value=HOSTILE)
@EXAMPLES
def test_python_side_generators_keep_values_as_values(name, value):
    generate = PYTHON_GENERATORS[name]
    _check(generate(BENIGN), generate(value), value)


@given(value=HOSTILE)
@EXAMPLES
def test_builder_primitives(value):
    assert ast.literal_eval(py(value)) == value
    assert ast.literal_eval(py([value, {value: (value,)}, 1.5, None, True])) == [
        value,
        {value: (value,)},
        1.5,
        None,
        True,
    ]
    line = comment(value)
    assert py_shape(f"x = 1  {line}\ny = 2") == py_shape("x = 1\ny = 2")
    assert shlex.split(sh_line("echo", value, ("NAME", value))) == ["echo", value, f"NAME={value}"]


def test_non_finite_floats_stay_floats():
    for value in (float("nan"), float("inf"), -float("inf")):
        assert repr(eval(py(value), {"float": float})) == repr(value)


# -- TypeScript generators -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ts():
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "typescript").exists():
        # The project's own install (make install: jlpm) provides both; without them this test cannot do its job.
        pytest.fail("node and the repository's node_modules are needed to run the TypeScript generators")
    proc = subprocess.Popen(
        [node, str(Path(__file__).with_name("snippets_harness.cjs")), str(REPO)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )

    def call(fn: str, *args) -> str:
        proc.stdin.write(json.dumps({"fn": fn, "args": list(args)}) + "\n")
        proc.stdin.flush()
        answer = json.loads(proc.stdout.readline())
        assert "code" in answer, answer
        return answer["code"]

    yield call
    proc.stdin.close()
    proc.wait(timeout=10)


def _ts_cases(call, v) -> list[tuple[str, str]]:
    params = {"ra": v, "dec": v, "radius": v, "size": v, "keywords": [v], "servicetype": v}
    out = [
        call("pythonAPISnippet", {"kind": k, "url": v, "query": v, "maxrec": v, "mode": m, "params": params})
        for k, m in (
            ("tap", "sync"),
            ("tap", "async"),
            ("scs", None),
            ("sia", None),
            ("ssa", None),
            ("sia2", None),
            ("registry", None),
        )
    ]
    out.append(call("multiSearchSnippet", [{"kind": v, "url": v}, {"kind": v, "url": v}], {"ra": v, "radius": v}))
    for kind, path in (("vo_rows", v), ("workspace_file", v + ".fits"), ("vo_service", v), ("datalake_did", v)):
        item = {"id": v, "kind": kind, "title": v, "source": v, "payload": {"path": path}, "extra": {"table": v}}
        out += [call("itemSnippet", item), call("provenanceSnippet", item)]
    out.append(
        call(
            "crossmatchSnippet",
            {"left": v, "right": {"path": v}, "radius": 1.5, "find": v, "join": v, "table": v, "path": v},
        )
    )
    out.append(call("sqlSnippet", v))
    for kind in ("local", "address", "gateway"):
        form = {
            "kind": kind,
            "address": "tcp://h" + v,
            "gateway": "http://g" + v,
            "workers": "2",
            "clusterName": "c" + v,
        }
        current = {"kind": kind, "name": v, "scheduler": v, "dashboard_link": v, "workers": 1}
        out += [
            call("clusterSnippet", form, None),
            call("clusterSnippet", form, current),
            call(
                "clusterCrossmatchSnippet",
                {"left": v, "right": {"path": v}, "radius_arcsec": 1.5, "find": v, "engine": v, "table": v},
                form,
                current,
            ),
        ]
    return [("python", code) for code in out]


@given(value=HOSTILE)
@settings(max_examples=150, deadline=None)
def test_typescript_generators_keep_values_as_values(ts, value):
    _check(_ts_cases(ts, BENIGN), _ts_cases(ts, value), value)


def test_typescript_keyword_names_are_identifiers(ts):
    with pytest.raises(AssertionError, match="not a Python identifier"):
        ts("multiSearchSnippet", [{"kind": "tap", "url": "u"}], {"ra=1, x": 1})
