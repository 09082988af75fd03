"""Where the basket lives: the same folders for the server and for a notebook kernel."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class BasketContext:
    """What materialisers need: the user's private state folder, the server root, the workspace folder
    (``<root>/escape-data`` by default: files users may see and share) and the extension's configuration."""

    state_dir: Path
    root_dir: Path
    workspace_dir: Path
    config: object = None
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def workspace_db_path(self) -> Path:
        return self.workspace_dir / "workspace.duckdb"

    @classmethod
    def for_server(
        cls, state_dir: str | os.PathLike[str], root_dir: str | os.PathLike[str], config: Any = None
    ) -> BasketContext:
        workspace = getattr(config, "workspace_dir", None) or "escape-data"
        return cls(Path(state_dir), Path(root_dir), Path(root_dir) / workspace, config)

    @classmethod
    def for_kernel(cls) -> BasketContext:
        """The server's folders as handed to kernels (``load_kernel_config``); ``ESCAPE_STATE_DIR`` set by the
        user wins, and outside a server the current directory stands in for the root."""
        from ..config import STATE_DIR_ENV, load_kernel_config

        config, extras = load_kernel_config()
        state_dir = os.environ.get(STATE_DIR_ENV) or extras["state_dir"]
        root = os.environ.get("ESCAPE_ROOT_DIR") or extras["root_dir"]
        return cls.for_server(state_dir, root, config)
