"""Virtual Observatory: registry search, TAP (sync and async), cone/SIA/SSA, DataLink, VOTable -> Arrow.

The notebook API (blocking functions, no Jupyter server needed) is re-exported here::

    from jupyter_escape import vo
    vo.search_registry(keywords="lofar", servicetype="tap")
    vo.query(url, "SELECT TOP 10 * FROM esc_demo.main").to_arrow()

The async building blocks live in the submodules (votable, registry, tap, dal, datalink).
"""

from .api import (  # noqa: F401
    Job,
    ResultTable,
    code_for_query,
    cone_search,
    download,
    examples,
    links,
    query,
    read_votable,
    search_many,
    search_registry,
    sia2_search,
    sia_search,
    ssa_search,
    submit,
    table_columns,
    tables,
    to_ipc_stream,
)
