"""ipyaladin that works offline: its widget ESM imports Aladin Lite from a public CDN and its default survey
is remote; this variant imports the Aladin Lite the extension serves (escape/api/sky/aladin-lite.js) and
defaults to the local HiPS. Where plain ipyaladin draws a blank grey view offline, this one says why:
  * a name that Sesame cannot resolve (no internet) is looked up in the catalogue packaged with the extension
    (sky/names.py: Messier, bright NGC/IC, bright stars, demo fields), with a warning saying so;
  * a survey that cannot be loaded shows a message on the view and falls back to the local survey;
  * a MOC that cannot be loaded shows a message on the view naming its URL.

    from jupyter_escape.sky.ipyaladin_offline import OfflineAladin
    aladin = OfflineAladin(target="M51", fov=1.2)
    aladin

Needs the optional extra: pip install "jupyter-escape[ipyaladin]".
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

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
// What failed is said on the view itself (plain ipyaladin only logs it to the browser console).
function __escapeSay(host, text) {
  let line = host.querySelector('.escape-aladin-message');
  if (!line) {
    line = document.createElement('div');
    line.className = 'escape-aladin-message';
    line.setAttribute('role', 'status');
    line.style.cssText = 'position:absolute;left:8px;right:8px;bottom:32px;z-index:100;padding:4px 8px;' +
      'background:rgba(0,0,0,0.75);color:#fff;font:12px sans-serif;border-radius:3px;pointer-events:none';
    host.style.position = host.style.position || 'relative';
    host.appendChild(line);
  }
  line.textContent = text;
}
async function __escapeAladin() {
  const A = (await import(__escapeBase + 'escape/api/sky/aladin-lite.js')).default;
  const create = A.aladin;
  const local = __escapeBase + 'escape/api/sky/hips/%(local)s';
  A.aladin = function (...args) {
    const view = create.apply(this, args);
    const host = typeof args[0] === 'string' ? document.querySelector(args[0]) : args[0];
    const wcs = view.getViewWCS.bind(view);
    view.getViewWCS = () => { try { return wcs(); } catch (e) { return {}; } };
    const setSurvey = view.setImageSurvey.bind(view);
    view.setImageSurvey = (survey, options) => {
      const url = __escapeAbs(survey);
      if (typeof url !== 'string' || url === local) {
        return setSurvey(url, options);
      }
      const hips = A.imageHiPS(url, { ...(options || {}), errorCallback: () => {
        __escapeSay(host, `The survey ${url} cannot be loaded (no internet access, moved, or not a HiPS): ` +
          'showing the local survey %(local)s instead.');
        view.setBaseImageLayer(A.imageHiPS(local, {}));
      } });
      return view.setBaseImageLayer(hips);
    };
    return view;
  };
  const mocFromURL = A.MOCFromURL;
  A.MOCFromURL = function (url, options, success, failure) {
    return mocFromURL.call(this, url, options, success, (...err) => {
      document.querySelectorAll('.aladin-widget').forEach(host =>
        __escapeSay(host, `The MOC ${url} cannot be loaded (no internet access, or not a MOC).`));
      if (failure) { failure(...err); }
    });
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
            "found); jupyter_escape.sky.ipyaladin_offline supports ipyaladin 0.8"
        )
    name = imports[0]
    source = _CDN_IMPORT.sub(f"const {name} = await __escapeAladin();", source)
    source = _EXPORT.sub("", source) + _WRAP_RENDER % {"name": exports.group(1)}
    return _PRELUDE.replace("%(local)s", LOCAL_SURVEY) + source


def local_survey_url(hips_id: str = LOCAL_SURVEY) -> str:
    """A survey URL the offline widget makes absolute in the browser (no trailing slash)."""
    return f"escape/api/sky/hips/{hips_id}"


def _make_class() -> type[Any]:
    from ipyaladin import Aladin

    class OfflineAladin(Aladin):
        """ipyaladin's Aladin, loading Aladin Lite and the default survey from this Jupyter server."""

        _esm = offline_esm()

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("survey", local_survey_url())
            super().__init__(*args, **kwargs)

        @property
        def target(self) -> Any:
            return Aladin.target.fget(self)

        @target.setter
        def target(self, target: Any) -> None:
            if isinstance(target, str) and not _is_coordinate_string(target):
                target = resolve_name(target)
            Aladin.target.fset(self, target)

    return OfflineAladin


def _is_coordinate_string(text: str) -> bool:
    from ipyaladin.utils._coordinate_parser import _is_coordinate_string as is_coordinates

    is_coordinate: bool = is_coordinates(text)
    return is_coordinate


def resolve_name(name: str) -> str:
    """ "ra dec" (ICRS degrees) for an object name: Sesame through astropy, else the catalogue packaged with the
    extension, with a warning that says which answered and why."""
    from astropy.coordinates import SkyCoord
    from astropy.coordinates.name_resolve import NameResolveError

    from . import names

    try:
        found = SkyCoord.from_name(name)
        return f"{found.icrs.ra.deg} {found.icrs.dec.deg}"
    except (NameResolveError, OSError) as exc:
        # astropy lists every mirror it tried; the first one's error says enough
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        reason = (lines[1] if len(lines) > 1 and "See errors" in lines[0] else lines[0] if lines else repr(exc))[:200]
        offline = names.resolve(name)
        if offline is None:
            raise NameResolveError(
                f"{name!r}: the name resolver Sesame (CDS) failed ({reason}), and the offline "
                f"catalogue packaged with jupyter-escape does not know it (Messier, bright NGC/IC, "
                f'bright stars, demo fields). Give coordinates instead, e.g. "202.47 47.195".'
            ) from exc
        warnings.warn(
            f"Sesame (CDS) failed ({reason}); {name!r} is {offline['name']} at RA {offline['ra']:.4f}, "
            f"Dec {offline['dec']:.4f} from the offline catalogue ({offline['source']}).",
            UserWarning,
            stacklevel=3,
        )
        return f"{offline['ra']} {offline['dec']}"


def __getattr__(name: str) -> Any:
    if name == "OfflineAladin":
        cls = _make_class()
        globals()["OfflineAladin"] = cls
        return cls
    raise AttributeError(name)
