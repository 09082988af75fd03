"""The offline ipyaladin widget: its ESM loads Aladin Lite from this server, never from a CDN, and defaults to
the local HiPS. (Rendering is checked in the browser by benchmarks/sky/sky.bench.spec.ts.)"""

from __future__ import annotations

from jupyter_escape.sky.ipyaladin_offline import OfflineAladin, local_survey_url, offline_esm


def test_esm_imports_the_served_aladin_lite_only():
    esm = offline_esm()
    assert "esm.sh" not in esm and "cdn" not in esm.lower()
    assert "escape/api/sky/aladin-lite.js" in esm
    assert esm.count("export {") == 1 and "__escapeDefault as default" in esm
    assert "opts.log = false" in esm


def test_widget_defaults_to_the_local_hips():
    widget = OfflineAladin(target="10.68 41.27", fov=3)
    assert widget.survey == local_survey_url() == "escape/api/sky/hips/escape-sample"
    assert widget._esm == offline_esm()
    assert OfflineAladin(survey="https://example.org/hips").survey == "https://example.org/hips"


def test_esm_says_why_a_survey_or_moc_fails_and_falls_back_to_the_local_survey():
    esm = offline_esm()
    assert "escape/api/sky/hips/escape-sample" in esm and "%(local)s" not in esm
    assert "showing the local survey escape-sample instead" in esm
    assert "The MOC ${url} cannot be loaded" in esm


def test_a_name_resolves_offline_with_a_warning_when_sesame_fails(monkeypatch):
    import pytest
    from astropy.coordinates import SkyCoord
    from astropy.coordinates.name_resolve import NameResolveError

    def unreachable(name, *args, **kwargs):
        raise NameResolveError(f"Unable to find coordinates for name '{name}' using https://cds.unistra.fr/...")

    monkeypatch.setattr(SkyCoord, "from_name", unreachable)
    with pytest.warns(UserWarning, match=r"Sesame \(CDS\) failed .* 'M51' is M 51 at RA 202.4696.*OpenNGC"):
        widget = OfflineAladin(target="M51", fov=1.2)
    ra, dec = (float(v) for v in widget._target.split())
    assert ra == pytest.approx(202.4696, abs=1e-3) and dec == pytest.approx(47.1952, abs=1e-3)
    with pytest.raises(NameResolveError, match="does not know it"):
        OfflineAladin(target="Planet Nine")
    # coordinates never go to a resolver
    assert OfflineAladin(target="10.68 41.27")._target.split()[0].startswith("10.68")
