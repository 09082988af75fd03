"""Basket materialisation of a vo_query goes through the VO pillar's TAP client, bounded by the configured limits."""

from __future__ import annotations

import os

import pytest

from jupyter_escape.basket.api import Basket
from jupyter_escape.basket.context import BasketContext
from jupyter_escape.config import EscapeConfig
from jupyter_escape.core.errors import EscapeError

pytestmark = pytest.mark.stack
TAP = os.environ.get("ESCAPE_TAP_URL") or "http://127.0.0.1:8090/tap"
QUERY = "SELECT TOP 200 table_name, column_name, description FROM tap_schema.columns"


def _basket(tmp_path, **config) -> Basket:
    return Basket(BasketContext.for_server(tmp_path / "state", tmp_path, EscapeConfig(**config)))


def test_a_result_over_the_size_bound_fails_naming_the_limit_and_leaves_nothing(tmp_path):
    basket = _basket(tmp_path, max_response_bytes=4096)
    item = basket.add("vo_query", {"service_url": TAP, "query": QUERY, "maxrec": 200})
    with pytest.raises(EscapeError) as err:
        basket.get(item.id).to_arrow()
    assert "configured limit of 4096 bytes" in err.value.message
    assert err.value.service == TAP and err.value.status == 502
    data_dir = tmp_path / "state" / "basket-data"
    assert not data_dir.exists() or list(data_dir.iterdir()) == []
    assert "ran_at" not in basket.store.get(item.id).extra


def test_the_same_query_within_the_bound_materialises(tmp_path):
    basket = _basket(tmp_path)  # the default bound (512 MiB)
    item = basket.add("vo_query", {"service_url": TAP, "query": QUERY, "maxrec": 200})
    table = basket.get(item.id).to_arrow()
    assert table.num_rows == 200 and table.column_names == ["table_name", "column_name", "description"]
    assert basket.store.get(item.id).extra["result_rows"] == 200


def test_the_configured_timeout_bounds_the_query(tmp_path):
    basket = _basket(tmp_path, request_timeout=0.001)
    item = basket.add("vo_query", {"service_url": TAP, "query": QUERY, "maxrec": 200})
    with pytest.raises(EscapeError) as err:
        basket.get(item.id).to_arrow()
    assert err.value.message == "no answer within 0.001 s" and err.value.status == 504
