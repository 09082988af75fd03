"""JupyterHub side of jupyter-escape: the credential broker service (run by the hub, not by users' servers)."""
