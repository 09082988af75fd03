"""ipyaladin that works offline: its widget ESM imports Aladin Lite from a public CDN and its default survey
is remote; this variant imports the Aladin Lite the extension serves (escape/api/sky/aladin-lite.js) and
defaults to the local HiPS.

    from jupyter_escape.sky.ipyaladin_offline import OfflineAladin
    aladin = OfflineAladin(target="10.68 41.27", fov=3)
    aladin

Needs the optional extra: pip install "jupyter-escape[ipyaladin]".
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# The ipyaladin ESM is a minified bundle; these are the two places we change, checked so that a new ipyaladin
# release fails with a clear message instead of silently loading the CDN.
_CDN_IMPORT = re.compile(r'import ([\w$]+) ?from ?"https://esm\.sh/aladin-lite@[^"]+";')
_EXPORT = re.compile(r"export ?\{ ?([\w$]+) as default ?\};?\s*$")
LOCAL_SURVEY = "escape-sample"

# Runs in the browser: where the Jupyter server serves the extension's routes, from the page config.
_PRELUDE = """
const __escapeBase = (() => {
  const el = document.getElementById('jupyter-config-data');
  let base = '/';
  try { base = JSON.parse(el.textContent).baseUrl || '/'; } catch (e) {}
  return new URL(base.replace(/\\/?$/, '/'), window.location.href).href;
})();
const __escapeAbs = s => (typeof s === 'string' && s.startsWith('escape/')) ? __escapeBase + s : s;
// ipyaladin 0.8 targets Aladin Lite 3.9 (beta); the bundled 3.8 throws in getViewWCS() until the survey has
// loaded, which aborts the widget's start-up before it reports itself loaded. The view is fine a moment later,
// so an empty WCS until then is the right answer.
async function __escapeAladin() {
  const A = (await import(__escapeBase + 'escape/api/sky/aladin-lite.js')).default;
  const create = A.aladin;
  A.aladin = function (...args) {
    const view = create.apply(this, args);
    const wcs = view.getViewWCS.bind(view);
    view.getViewWCS = () => { try { return wcs(); } catch (e) { return {}; } };
    return view;
  };
  return A;
}
"""

_WRAP_RENDER = """
const __escapeDefault = {
  ...%(name)s,
  render(ctx) {
    const model = ctx.model;
    const opts = { ...(model.get('_init_options') || {}) };
    opts.survey = __escapeAbs(opts.survey ?? model.get('survey'));
    opts.log = false;
    model.set('_init_options', opts);
    model.set('survey', __escapeAbs(model.get('survey')));
    return %(name)s.render(ctx);
  }
};
export { __escapeDefault as default };
"""


@lru_cache(maxsize=1)
def offline_esm() -> str:
    """ipyaladin's ESM with Aladin Lite imported from the Jupyter server instead of a CDN."""
    import ipyaladin
    from ipyaladin import widget

    source = Path(widget.__file__).with_name("static").joinpath("widget.js").read_text(encoding="utf-8")
    imports = _CDN_IMPORT.findall(source)
    exports = _EXPORT.search(source)
    if len(imports) != 1 or not exports:
        raise RuntimeError(
            f"ipyaladin {ipyaladin.__version__}: its widget code changed shape (CDN import or default export not "
            "found); jupyter_escape.sky.ipyaladin_offline supports ipyaladin 0.8")
    name = imports[0]
    source = _CDN_IMPORT.sub(f"const {name} = await __escapeAladin();", source)
    source = _EXPORT.sub("", source) + _WRAP_RENDER % {"name": exports.group(1)}
    return _PRELUDE + source


def local_survey_url(hips_id: str = LOCAL_SURVEY) -> str:
    """A survey URL the offline widget makes absolute in the browser (no trailing slash)."""
    return f"escape/api/sky/hips/{hips_id}"


def _make_class():
    from ipyaladin import Aladin

    class OfflineAladin(Aladin):
        """ipyaladin's Aladin, loading Aladin Lite and the default survey from this Jupyter server."""

        _esm = offline_esm()

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("survey", local_survey_url())
            super().__init__(*args, **kwargs)

    return OfflineAladin


def __getattr__(name: str):
    if name == "OfflineAladin":
        cls = _make_class()
        globals()["OfflineAladin"] = cls
        return cls
    raise AttributeError(name)
