"""A huge table to TOPCAT (local mode): the conversion and the wait for TOPCAT run off the server's loop, so other
requests are answered meanwhile, and the answer is TOPCAT's ok or a plain "did not answer within 20 s"."""

from __future__ import annotations

import asyncio

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.stack

ROWS = 600_000


async def test_a_huge_table_blocks_nothing(samp_env, jp_root_dir, fetch_json):
    pq.write_table(
        pa.table(
            {
                "id": np.arange(ROWS),
                "ra": np.random.default_rng(1).uniform(0, 360, ROWS),
                "dec": np.random.default_rng(2).uniform(-90, 90, ROWS),
            }
        ),
        jp_root_dir / "huge.parquet",
    )
    status = await fetch_json("samp", "status")
    topcat = next(c for c in status["clients"] if c["name"].lower() == "topcat")
    send = asyncio.ensure_future(
        fetch_json(
            "samp",
            "send",
            method="POST",
            body={"source": {"kind": "file", "path": "huge.parquet"}, "to": topcat["id"]},
            request_timeout=150,
        )
    )
    await asyncio.sleep(0.5)  # the send is under way (converting 600 000 rows to VOTable)
    # Meanwhile the server answers other SAMP requests: the event log and the status (which asks the hub).
    events = await fetch_json("samp", "events")
    assert "last" in events
    assert not send.done(), "the send finished before the other requests were answered"
    sent = await send
    assert sent["rows"] == ROWS and sent["mtype"] == "table.load.votable"
    reply = sent["replies"][0]
    assert reply["status"] in ("ok", "timeout"), reply
    if reply["status"] == "timeout":
        assert reply["error"] == "topcat did not answer within 20 s"
