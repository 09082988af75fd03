# dask-gateway-server configuration for the local stack (read by up.sh through --config).
# The gateway's public door (HTTP API, dashboards and the scheduler TCP proxy, multiplexed) listens on
# 127.0.0.1:$ESCAPE_DASK_GATEWAY_PORT; its private API on $ESCAPE_DASK_GATEWAY_API_PORT.
# Authentication: SimpleAuthenticator, one shared password (any user name) read from a 0600 file; each user name
# gets its own clusters. Backend: UnsafeLocalBackend: schedulers and workers are local processes of the gateway's
# own Unix user (no per-user Unix accounts on a single dev machine; a real deployment uses the Kubernetes, YARN or
# job-queue backend, or LocalBackend running as root).
import os
from pathlib import Path

venv_bin = Path(os.environ["ESCAPE_VENV_BIN"]).resolve()
state = Path(os.environ["ESCAPE_DASK_GATEWAY_STATE"])

c.DaskGateway.address = f"127.0.0.1:{os.environ['ESCAPE_DASK_GATEWAY_API_PORT']}"  # noqa: F821 - traitlets config
c.Proxy.address = f"127.0.0.1:{os.environ['ESCAPE_DASK_GATEWAY_PORT']}"  # noqa: F821
c.DaskGateway.backend_class = "dask_gateway_server.backends.local.UnsafeLocalBackend"  # noqa: F821
c.DaskGateway.authenticator_class = "dask_gateway_server.auth.SimpleAuthenticator"  # noqa: F821
c.SimpleAuthenticator.password = (state / "password").read_text().strip()  # noqa: F821
# distributed no longer installs dask-scheduler/dask-worker scripts: run its CLI modules with the venv's Python.
c.LocalClusterConfig.scheduler_cmd = [str(venv_bin / "python"), "-m", "distributed.cli.dask_scheduler"]  # noqa: F821
c.LocalClusterConfig.worker_cmd = [str(venv_bin / "python"), "-m", "distributed.cli.dask_worker"]  # noqa: F821
c.LocalBackend.clusters_directory = str(state / "clusters")  # noqa: F821
# Small workers that spill to disk: the stack shares a 2-core machine with everything else.
c.LocalClusterConfig.worker_cores = 1  # noqa: F821
c.LocalClusterConfig.worker_memory = os.environ.get("ESCAPE_DASK_GATEWAY_WORKER_MEMORY", "2 G")  # noqa: F821
c.LocalClusterConfig.cluster_max_workers = int(os.environ.get("ESCAPE_DASK_GATEWAY_MAX_WORKERS", "4"))  # noqa: F821
c.LocalClusterConfig.idle_timeout = 1800  # noqa: F821 - clusters left running shut down after 30 min idle
c.LocalClusterConfig.environment = {"PYTHONPATH": os.environ.get("ESCAPE_PROJECT_ROOT", "")}  # noqa: F821
