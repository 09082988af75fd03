"""Sky view settings of the server (traitlets; no server imports)."""

from __future__ import annotations

from traitlets import Float, List, Unicode
from traitlets.config import Configurable


class SkyConfig(Configurable):
    """``c.SkyConfig.hips_dirs = ["/data/hips"]`` in jupyter_server_config.py."""

    hips_dirs = List(
        Unicode(),
        default_value=[],
        help="Folders holding local HiPS (each HiPS a sub-folder with a 'properties' file), served read-only "
        "at escape/api/sky/hips/<id>. Empty: $ESCAPE_HIPS_DIR, else the stack's stack/.state/hips.",
    ).tag(config=True)
    default_credible_level = Float(0.9, help="Credible level used when a sky map is shown as a MOC without one.").tag(
        config=True
    )
