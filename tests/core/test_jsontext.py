"""core/jsontext.py: JSON made in pieces is the very text json.dumps makes, and so are a basket table's rows made a
slice at a time (handlers/basket.py)."""

from __future__ import annotations

import datetime
import json
import math

import pyarrow as pa
import pytest

from jupyter_escape.core.jsontext import dumps_in_pieces

ROWS = [[i, i / 7, f"name {i} é", None, i % 2 == 0] for i in range(12_345)]
PAYLOADS = {
    "rows under a key": {"columns": [{"name": "a"}], "rows": ROWS, "n_rows": len(ROWS), "truncated": False},
    "a bare list": ROWS,
    "nested dicts": {"outer": {"jobs": [{"id": str(i), "state": "done"} for i in range(7001)], "n": 1}},
    "exactly one piece": list(range(5000)),
    "small values": {"a": 1, "b": [1, 2], "c": None, "d": "x", "e": {}, "f": []},
    "non-string keys": {1: list(range(6000)), "x": 2},
    "values json cannot encode": {"when": [datetime.date(2024, 1, i % 28 + 1) for i in range(6000)]},
    "not finite": {"v": [math.nan, math.inf] * 3000},
    "empty": {},
    "scalar": "text",
}


@pytest.mark.parametrize("name", PAYLOADS)
def test_same_text_as_one_dumps(name):
    payload = PAYLOADS[name]
    assert dumps_in_pieces(payload, piece=1000) == json.dumps(payload, default=str)
    assert dumps_in_pieces(payload) == json.dumps(payload, default=str)


def test_basket_rows_a_slice_at_a_time_are_query_result_rows():
    from jupyter_escape.basket.workspace import QueryResult
    from jupyter_escape.handlers.basket import _rows_json

    n = 12_001
    table = pa.table(
        {
            "id": pa.array(range(n), pa.int64()),
            "ra": pa.array([i * 0.01 for i in range(n)]),
            "name": pa.array([None if i % 10 == 0 else f"src{i}" for i in range(n)]),
            "t": pa.array([datetime.datetime(2024, 1, 1) + datetime.timedelta(seconds=i) for i in range(n)]),
        }
    )
    assert _rows_json(table, True, 50_000) == QueryResult(table, True, 50_000, 0).to_json()
    assert _rows_json(table.slice(0, 0), False, 10) == QueryResult(table.slice(0, 0), False, 10, 0).to_json()
