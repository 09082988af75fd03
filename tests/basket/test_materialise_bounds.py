"""Basket materialisation goes through the VO pillar's clients (TAP for vo_query, DataLink for datalink_product),
bounded by the configured limits, and leaves nothing behind when a bound stops it."""

from __future__ import annotations

import functools
import http.server
import os
import threading

import pytest

from jupyter_escape.basket.api import Basket
from jupyter_escape.basket.context import BasketContext
from jupyter_escape.config import EscapeConfig
from jupyter_escape.core.errors import EscapeError

TAP = os.environ.get("ESCAPE_TAP_URL") or "http://127.0.0.1:8090/tap"
QUERY = "SELECT TOP 200 table_name, column_name, description FROM tap_schema.columns"


def _basket(tmp_path, **config) -> Basket:
    return Basket(BasketContext.for_server(tmp_path / "state", tmp_path, EscapeConfig(**config)))


@pytest.mark.stack
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


@pytest.mark.stack
def test_the_same_query_within_the_bound_materialises(tmp_path):
    basket = _basket(tmp_path)  # the default bound (512 MiB)
    item = basket.add("vo_query", {"service_url": TAP, "query": QUERY, "maxrec": 200})
    table = basket.get(item.id).to_arrow()
    assert table.num_rows == 200 and table.column_names == ["table_name", "column_name", "description"]
    assert basket.store.get(item.id).extra["result_rows"] == 200


@pytest.mark.stack
def test_the_configured_timeout_bounds_the_query(tmp_path):
    basket = _basket(tmp_path, request_timeout=0.001)
    item = basket.add("vo_query", {"service_url": TAP, "query": QUERY, "maxrec": 200})
    with pytest.raises(EscapeError) as err:
        basket.get(item.id).to_arrow()
    assert err.value.message == "no answer within 0.001 s" and err.value.status == 504


def test_a_datalink_product_over_the_size_bound_fails_naming_the_limit_and_leaves_nothing(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    (served / "cube.fits").write_bytes(b"\0" * 100_000)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/cube.fits"
        basket = _basket(tmp_path / "root", max_response_bytes=50_000)
        item = basket.add("datalink_product", {"access_url": url, "semantics": "#this"})
        with pytest.raises(EscapeError) as err:
            basket.get(item.id).paths()
        assert "configured limit of 50000 bytes" in err.value.message and err.value.service.endswith("cube.fits")
        folder = tmp_path / "root" / "escape-data" / "basket" / item.id
        assert not folder.exists() or list(folder.iterdir()) == []
        within = _basket(tmp_path / "root2").add("datalink_product", {"access_url": url})
        assert _basket(tmp_path / "root2").get(within.id).paths()[0].stat().st_size == 100_000
    finally:
        server.shutdown()
