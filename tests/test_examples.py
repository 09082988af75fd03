"""The example notebooks run top to bottom against the local stack: they are documentation that is tested.

The kernel gets the same configuration a JupyterLab on the stack would hand it (ESCAPE_SERVER_CONFIG), so
the notebooks contain no local URL and run unchanged against the public services.
"""

from __future__ import annotations

import pathlib

import nbformat
import pytest
from _stack import rucio_test_credentials, stack_value
from nbclient import NotebookClient

from jupyter_escape.config import EscapeConfig, write_kernel_config

EXAMPLES = sorted((pathlib.Path(__file__).parent.parent / "examples").glob("*.ipynb"))


@pytest.fixture
def stack_kernel_env(tmp_path, monkeypatch):
    cfg = EscapeConfig(
        registry_url=stack_value("ESCAPE_REGTAP_URL"),
        # The data lake as the demo's JupyterLab configures it (stack/lab/jupyter_server_config.py): the tour
        # starts from its radio catalogue.
        rucio_instances=[
            {
                "name": "local",
                "rucio_base_url": stack_value("ESCAPE_RUCIO_URL"),
                "auth_url": stack_value("ESCAPE_RUCIO_AUTH_URL", stack_value("ESCAPE_RUCIO_URL")),
                "auth_type": "userpass",
                **rucio_test_credentials(),  # not the demo's account: what the test leaves stays out of its views
                "destination_rse": stack_value("ESCAPE_RUCIO_MOUNTED_RSE"),
                "rse_mount_path": stack_value("ESCAPE_RUCIO_MOUNT_PATH"),
                "path_begins_at": int(stack_value("ESCAPE_RUCIO_PATH_BEGINS_AT", "0") or 0),
                "default_scope": stack_value("ESCAPE_RUCIO_SCOPE", "escape_demo"),
                "ca_cert": stack_value("ESCAPE_RUCIO_CA_CERT"),
            }
        ],
        software_repository={
            "base_url": stack_value("ESCAPE_ZENODO_URL", f"http://127.0.0.1:{stack_value('ESCAPE_ZENODO_PORT')}/api"),
            "community": "escape2020",
        },
    )
    state = tmp_path / "state"
    state.mkdir()
    monkeypatch.setenv("ESCAPE_SERVER_CONFIG", "")
    write_kernel_config(cfg, str(state), str(tmp_path))  # sets ESCAPE_SERVER_CONFIG/ESCAPE_STATE_DIR for the kernel
    return tmp_path


@pytest.mark.stack
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(path, stack_kernel_env):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(stack_kernel_env)}}
    ).execute()
    errors = [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert errors == []
    # Every code cell produced something a reader can see.
    assert all(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


def test_examples_exist():
    assert [p.name for p in EXAMPLES][:1] == ["01-tour.ipynb"]
