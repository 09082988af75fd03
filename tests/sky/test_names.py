"""The offline name resolver: the packaged catalogue (Messier, bright NGC/IC, bright stars, demo fields) and its
route, which the sky view asks when Sesame cannot be reached."""

from __future__ import annotations

import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.sky import names


@pytest.mark.parametrize(
    "spelling",
    ["M51", "m 51", "Messier 51", "M051", "NGC 5194", "ngc5194", "NGC5194", "Whirlpool Galaxy", "whirlpool galaxy"],
)
def test_spellings_of_one_object_resolve_alike(spelling):
    found = names.resolve(spelling)
    assert found["name"] == "M 51" and found["source"] == "OpenNGC"
    # OpenNGC's position of NGC 5194 (13h29m52.7s +47d11m43s)
    assert found["ra"] == pytest.approx(202.4696, abs=1e-3) and found["dec"] == pytest.approx(47.1952, abs=1e-3)


def test_catalogue_holds_messier_bright_stars_and_demo_fields():
    # M 102 is left out: OpenNGC records it as a duplicate of M 101, as most catalogues now do
    assert [n for n in range(1, 111) if n != 102 and not names.resolve(f"M{n}")] == []
    assert names.resolve("Pleiades")["name"] == "M 45"
    sirius = names.resolve("Sirius")
    assert sirius["type"] == "Star" and sirius["ra"] == pytest.approx(101.287, abs=0.01)
    assert sirius["dec"] == pytest.approx(-16.716, abs=0.01)
    assert names.resolve("NGC 224")["name"] == "M 31"
    assert names.resolve("lockman hole")["ra"] == pytest.approx(161.75)
    assert 1500 < names.size() < 5000


@pytest.mark.parametrize("unknown", ["", "   ", "no such object", "M 999", "x" * 300, None])
def test_unknown_or_bad_names_resolve_to_none(unknown):
    assert names.resolve(unknown) is None


async def test_route_answers_a_known_name_and_names_the_unknown_one(jp_fetch):
    response = await jp_fetch("escape", "api", "sky", "resolve", params={"name": "Andromeda Galaxy"})
    body = json.loads(response.body)
    assert body["query"] == "Andromeda Galaxy" and body["name"] == "M 31"
    assert body["ra"] == pytest.approx(10.6848, abs=1e-3)
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "sky", "resolve", params={"name": "Planet Nine"})
    assert err.value.code == 404
    assert "'Planet Nine' is not in the offline catalogue" in json.loads(err.value.response.body)["error"]
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "sky", "resolve", params={"name": ""})
    assert err.value.code == 400
