"""The one builder of "show me the code" text: every value that goes into generated Python or shell goes through
here, quoted, so a value from a remote record, a notebook or the browser stays a value when the code is pasted.

Why a shared helper: a snippet is code the user runs without reading every character. One unquoted record id,
file key or checksum (``7); import os; os.system("…``) turns a hostile record into a command. Generators
(datalake/code.py, ossr/snippets.py, ossr/install.py, vo/results.py) only assemble fixed text and these calls;
``tests/security/test_snippets.py`` feeds hostile strings to each of them. The TypeScript twin is
``src/common/snippets.ts``.
"""

from __future__ import annotations

import math
import re
import shlex
from urllib.parse import quote

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Every character Python's tokenizer or a reader could take as the end of a line or a hidden one.
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def py(value: object) -> str:
    """A Python literal for a JSON-like value (str, int, float, bool, None, list, tuple, dict); anything else is
    refused so that no object's own ``repr`` (which may be any text) can reach the code."""
    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"float({str(value)!r})"
    if isinstance(value, list):
        return "[" + ", ".join(py(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(py(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py(k)}: {py(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Python literal for a {type(value).__name__}")


def py_name(name: str) -> str:
    """A keyword-argument or variable name: refused unless it is a plain identifier."""
    if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"{name!r} is not a Python identifier")
    return name


def py_call(func: str, *args: object, **kwargs: object) -> str:
    """``func(arg, ..., key=value)`` with every argument a literal; ``func`` is the generator's own fixed text."""
    parts = [py(a) for a in args] + [f"{py_name(k)}={py(v)}" for k, v in kwargs.items()]
    return f"{func}({', '.join(parts)})"


def comment(text: object) -> str:
    """``# text`` on one line whatever the text holds (a CR, a form feed or a U+2028 never starts a new line)."""
    return "# " + _LINE_BREAKS.sub(" ", str(text))


def sh(value: object) -> str:
    """One shell word."""
    return shlex.quote(str(value))


def sh_line(*words: str | tuple[str, object]) -> str:
    """A shell command line of quoted words; ``NAME=value`` environment prefixes go in as ``("NAME", value)``."""
    out = []
    for word in words:
        if isinstance(word, tuple):
            name, value = word
            out.append(f"{py_name(name)}={sh(value)}")
        else:
            out.append(sh(word))
    return " ".join(out)


def url_part(value: object) -> str:
    """A value placed inside a URL in text or Markdown (a DOI in a Binder link): percent-encoded, so it cannot end
    the link or the Markdown around it."""
    return quote(str(value), safe="/")
