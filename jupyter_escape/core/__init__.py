"""Shared domain helpers. Nothing in this package imports tornado or jupyter_server."""
