"""The data lake as one object: configured instances, their rucio-clients sessions, staging and upload job
registries. The server extension keeps one (``state.extras['datalake']``); the notebook API builds its own from the same
configuration, sharing the state folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .instances import Instance, find_instance
from .jobstore import JobStore
from .rucio_client import RucioSession, Sessions
from .stage import Stager


class Datalake:
    def __init__(
        self,
        instances: list[dict[str, Any]],
        *,
        state_dir: str | os.PathLike[str],
        root_dir: str,
        workspace_dir: str,
        parallel: int = 4,
    ) -> None:
        self.instances = instances
        self.state_dir = Path(state_dir)
        self.root_dir = root_dir
        self.workspace_dir = workspace_dir
        # Rucio's token files, one folder per credential (0700, files 0600, written by rucio-clients).
        self.sessions = Sessions(self.state_dir / "datalake" / "rucio-tokens")
        self.jobs = JobStore(self.state_dir / "datalake" / "jobs.json")
        self.stager = Stager(self.jobs, self.session_for, root_dir, workspace_dir, parallel=parallel)
        from .uploads import Uploader  # upload depends on stage helpers; imported late to keep modules small

        self.uploader = Uploader(self.jobs, self.session_for, root_dir)

    def instance(self, name: str | None) -> Instance:
        return find_instance(self.instances, name)

    def session_for(self, name: str | None) -> tuple[Instance, RucioSession]:
        inst = self.instance(name)
        return inst, self.sessions.get(inst)

    def session(self, name: str | None) -> RucioSession:
        return self.session_for(name)[1]

    def public_instances(self) -> list[dict[str, Any]]:
        return [Instance(i).public() for i in self.instances]

    def close(self) -> None:
        self.sessions.close()
