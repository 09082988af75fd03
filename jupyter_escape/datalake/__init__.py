"""The Rucio data lake: instances, authentication, browsing, staging and upload.

Notebook API (re-exported from ``api``): ``get``, ``search``, ``details``, ``upload``, ``configure``.
"""

from .api import configure, coverage, details, get, lake, search, upload

__all__ = ["configure", "coverage", "details", "get", "lake", "search", "upload"]
