"""OSSR (a Zenodo community): search, records, codemeta.json compliance, citation, download, install, publish.

Domain code: no tornado, no jupyter_server. The notebook API is re-exported here::

    from jupyter_escape import ossr
    ossr.search("radio imaging", facility="LOFAR")
"""

from .api import binder_url, check_codemeta, cite, configure, deposit, download, generate_codemeta, record, search

__all__ = [
    "binder_url",
    "check_codemeta",
    "cite",
    "configure",
    "deposit",
    "download",
    "generate_codemeta",
    "record",
    "search",
]
