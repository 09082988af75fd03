"""JSON text for answers that grow with the data, written a few thousand list items at a time.

Why not one ``json.dumps``: CPython's C encoder holds the GIL for a whole call, so encoding a million rows in one
call stalls every other thread, the server's event loop included, for as long as it runs, even when the call is made
in a worker thread (off_loop). Measured on this project's 2-core machine under load, 300,000 rows: one call let the
loop run 3-14 times in 0.9-1.8 s (stalls up to 1.7 s); pieces of 5,000 rows let it run 55-166 times, no stall over
150 ms, in the same total time. Between two pieces the worker runs Python bytecode, and there the GIL is handed over.
"""

from __future__ import annotations

import json
from typing import Any

PIECE = 5000


def dumps_in_pieces(value: Any, *, piece: int = PIECE) -> str:
    """Exactly ``json.dumps(value, default=str)``, made list slice by list slice (for dicts with string keys and
    lists at any depth of dicts; anything else in one call)."""
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        return "{" + ", ".join(f"{json.dumps(k)}: {dumps_in_pieces(v, piece=piece)}" for k, v in value.items()) + "}"
    if isinstance(value, list) and len(value) > piece:
        slices = (json.dumps(value[i : i + piece], default=str)[1:-1] for i in range(0, len(value), piece))
        return "[" + ", ".join(slices) + "]"
    return json.dumps(value, default=str)
