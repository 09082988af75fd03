"""Export -> basket -> cross-match with the VO catalogue of the local DaCHS -> a table the sky view takes.
Exports come from the Panoptes API replay (not Zooniverse); the catalogue is the real local DaCHS TAP service."""

from __future__ import annotations

import pytest
from _stack import stack_value

from .conftest import COLLABORATED, OWNED


def test_requested_export_goes_requested_creating_ready(settings):
    from jupyter_escape.zooniverse import exports
    from jupyter_escape.zooniverse.client import session

    with session(settings):
        assert exports.request(OWNED, "subjects")["state"] == "requested"
        assert exports.describe(OWNED, "subjects")["state"] == "creating"
        ready = exports.describe(OWNED, "subjects")
        assert ready["state"] == "ready" and ready["ready"] and "src" not in ready
        data, _ = exports.download(settings, OWNED, "subjects")
    assert data.splitlines()[0].startswith(b"subject_id,project_id,workflow_id,subject_set_id,metadata")


def test_export_as_tables_per_classification_and_per_subject(settings):
    from jupyter_escape.zooniverse import exports, table
    from jupyter_escape.zooniverse.client import session

    with session(settings):
        data, _ = exports.download(settings, OWNED)
    rows, info = table.export_table(data, "classifications")
    assert info["rows"] == 75 and set(info["tasks"]) == {"T0", "T1"}
    assert {"classification_id", "T0", "T1", "subject_filename", "ra", "dec"} <= set(rows.column_names)
    per_subject, info = table.export_table(data, "subjects")
    assert per_subject.num_rows == 15 and info["rows_without_position"] == 2  # the calibration subjects
    first = per_subject.to_pylist()[0]
    assert first["n_classifications"] == 5 and first["T0_top"] in ("FRI", "FRII", "compact", "other")
    assert 0 < first["T0_fraction"] <= 1
    meta = per_subject.schema.field("ra").metadata
    assert meta[b"ucd"] == b"pos.eq.ra;meta.main" and meta[b"unit"] == b"deg"


async def test_export_to_basket_crossmatch_and_sky(fetch_json, jp_serverapp):
    from jupyter_escape.basket.xmatch import crossmatch_in_basket
    from jupyter_escape.sky.api import DEC_NAMES, RA_NAMES, _guess, table_columns

    made = await fetch_json(
        "zooniverse", "projects", OWNED, "export", "basket", method="POST", body={"mode": "subjects"}
    )
    assert made["rows"] == 15 and made["rows_without_position"] == 2
    basket = jp_serverapp.web_app.settings["escape"].extras["basket"]
    entry = basket.get(made["item_id"])
    assert entry.source.endswith(f"/api/projects/{OWNED}/classifications_export")
    prov = entry.provenance()
    assert "escape:select_rows" in str(prov) and "classifications_export" in str(prov)

    tap = stack_value("ESCAPE_TAP_URL")
    catalogue = basket.add(
        "vo_query",
        {
            "service_url": tap,
            "query": "SELECT source_id, ra, dec, flux_144mhz FROM esc_demo.main WHERE field = 'Lockman Hole'",
        },
        title="LoTSS-like",
    )
    result = crossmatch_in_basket(basket, made["item_id"], catalogue.id, 1.0, table_name="zoo_x_lotss")
    matched = result.table.to_pylist()
    assert len(matched) == 10  # every Lockman Hole subject sits on a catalogue source, within 1"
    assert all(r["subject_source_id"] == r["source_id"] for r in matched)

    # Sky-ready: the export table's positions are found by the sky view's own column guess; the cross-match's
    # (suffixed _1/_2 for the two inputs) are named explicitly, as the panel's "show on sky" does.
    columns = table_columns(entry.to_arrow())
    assert _guess(columns, None, RA_NAMES, "ra") == "ra" and _guess(columns, None, DEC_NAMES, "dec") == "dec"
    assert len([v for v in columns["ra"] if v is not None]) == 13
    xcols = table_columns(result.table)
    assert _guess(xcols, "ra_1", RA_NAMES, "ra") == "ra_1" and len(xcols["ra_1"]) == 10


async def test_project_without_exports_is_said_plainly(fetch_json):
    from .test_faults import error_of

    state = await fetch_json("zooniverse", "projects", COLLABORATED, "export")
    assert state["state"] == "none" and not state["ready"]
    status, body = await error_of(
        fetch_json("zooniverse", "projects", COLLABORATED, "export", "basket", method="POST", body={})
    )
    assert status == 404 and "has no classifications export yet" in body["error"]


def test_subjects_without_coordinates_keep_their_rows():
    from jupyter_escape.zooniverse.table import export_table

    csv = (
        b'classification_id,annotations,subject_data,subject_ids\n1,"[{""task"": ""T0"", ""value"": ""a""}]",'
        b'"{""9"": {""retired"": null, ""Filename"": ""x.png""}}",9\n'
    )
    t, info = export_table(csv)
    assert t.num_rows == 1 and t.column("ra").to_pylist() == [None] and info["rows_without_position"] == 1


@pytest.mark.parametrize("bad", [b"a,b\n1,2\n"])
def test_not_an_export_is_refused(bad):
    from jupyter_escape.core.errors import EscapeError
    from jupyter_escape.zooniverse.table import export_table

    with pytest.raises(EscapeError, match="not a classification export"):
        export_table(bad)
