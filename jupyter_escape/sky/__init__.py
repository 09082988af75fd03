"""Sky view: HiPS/MOC/FITS helpers (domain, no server imports) and the notebook API.

from jupyter_escape import sky
sky.show_table(df, ra="ra", dec="dec")
"""

from .api import (  # noqa: F401
    MIME_TYPE,
    SkyView,
    goto,
    open_view,
    select,
    show_fits,
    show_footprints,
    show_moc,
    show_table,
    view,
)
