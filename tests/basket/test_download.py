"""datalink_product items are downloaded (bounded) from a real local HTTP server, once, with provenance."""

from __future__ import annotations

import functools
import http.server
import threading

import pyarrow as pa
import pytest

from jupyter_escape.basket import provenance as prov
from jupyter_escape.basket.api import Basket
from jupyter_escape.basket.context import BasketContext
from jupyter_escape.basket.tableio import write_file
from jupyter_escape.core.errors import EscapeError


@pytest.fixture
def http_dir(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_datalink_product_is_downloaded_once(tmp_path, http_dir):
    served, url = http_dir
    write_file(pa.table({"ra": [1.0], "dec": [2.0]}), served / "product.parquet")
    b = Basket(BasketContext.for_server(tmp_path / "state", tmp_path / "root"))
    item = b.add("datalink_product", {"access_url": f"{url}/product.parquet?ID=ivo://x/y", "semantics": "#this"})
    paths = b.get(item.id).paths()
    assert paths[0] == tmp_path / "root" / "escape-data" / "basket" / item.id / "product.parquet"
    assert b.get(item.id).to_arrow().column("ra").to_pylist() == [1.0]
    (served / "product.parquet").unlink()  # reused from the workspace, not fetched again
    assert b.get(item.id).paths() == paths
    doc = prov.read_sidecar(paths[0])
    assert prov.validate(doc) == [] and any(a["prov:type"] == "escape:download" for a in doc["activity"].values())

    missing = b.add("datalink_product", {"access_url": f"{url}/vanished.fits"})
    with pytest.raises(EscapeError) as err:
        b.get(missing.id).paths()
    assert err.value.status == 502 and "HTTP 404" in err.value.message and err.value.service.endswith("vanished.fits")
    assert not list((tmp_path / "root" / "escape-data" / "basket" / missing.id).glob("*"))
