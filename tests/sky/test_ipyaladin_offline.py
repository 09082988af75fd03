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
