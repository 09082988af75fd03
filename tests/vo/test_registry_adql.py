"""Registry constraints compile to ADQL with every user value quoted or validated (no injection)."""

from __future__ import annotations

import pytest

from jupyter_escape.core.errors import BadInput
from jupyter_escape.vo.registry import RegistryQuery, compile_adql, sanitise, standard_ids


def test_keywords_search_title_description_and_subject_with_quotes_doubled():
    adql = compile_adql(RegistryQuery(keywords=["x' OR 1=1 --"]))
    assert "ivo_hasword(res_title, 'x'' OR 1=1 --')" in adql
    assert "ivo_hasword(res_description, 'x'' OR 1=1 --')" in adql
    assert "ivo_nocasematch(res_subject, '%x'' OR 1=1 --%')" in adql
    assert adql.count("UNION") == 2


def test_service_types_use_case_insensitive_standard_ids():
    adql = compile_adql(RegistryQuery(servicetype="SIA2"))
    assert "ivo_nocasematch(standard_id, 'ivo://ivoa.net/std/sia#query-2.0')" in adql
    assert "query-aux-2.0" not in adql
    assert "ivo://ivoa.net/std/sia#query-aux-2.0" in standard_ids("sia2", include_auxiliary=True)
    assert standard_ids("conesearch") == ["ivo://ivoa.net/std/conesearch"]
    with pytest.raises(BadInput, match="servicetype"):
        standard_ids("telnet")


def test_numbers_are_validated_and_lists_checked():
    with pytest.raises(BadInput, match=r"cone\.dec"):
        compile_adql(RegistryQuery(cone=(10, 95, 1)))
    with pytest.raises(BadInput, match=r"cone\.ra"):
        compile_adql(RegistryQuery(cone=("1); DROP TABLE x; --", 0, 1)))
    with pytest.raises(BadInput, match="waveband"):
        compile_adql(RegistryQuery(waveband=["radio'"]))
    with pytest.raises(BadInput, match="moc"):
        compile_adql(RegistryQuery(moc="5/1') OR (1"))
    with pytest.raises(BadInput, match="keywords"):
        compile_adql(RegistryQuery(keywords=["a\x00b"]))
    adql = compile_adql(
        RegistryQuery(
            cone=(150, 2, 0.5),
            temporal=(50000, 60000),
            moc="5/1-10",
            waveband=["Radio"],
            datamodel="ObsCore",
            limit=10,
            offset=20,
            sort="ivoid",
        )
    )
    assert "INTERSECTS(CIRCLE(150.0, 2.0, 0.5), coverage)" in adql
    assert "ivo_interval_overlaps(time_start, time_end, 50000.0, 60000.0)" in adql
    assert "MOC('5/1-10')" in adql and "ivo_hashlist_has(waveband, 'radio')" in adql
    assert "ivo://ivoa.net/std/obscore%" in adql
    assert adql.startswith("SELECT TOP 11 ") and adql.endswith("ORDER BY ivoid OFFSET 20")


def test_descriptions_are_sanitised_for_display():
    html = sanitise('Survey <script>alert(1)</script><b onclick="x()">bold</b> see https://example.org')
    assert "<script" not in html and "onclick" not in html and "<b>bold</b>" in html
    assert 'href="https://example.org"' in html
