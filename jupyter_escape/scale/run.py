"""A function the user chose, run on a Dask cluster over basket tables: the first input is split into partitions
(one task each: progress, cancel), the other inputs go to every task whole, and the partitions' results make one
table saved into the workspace with provenance naming the cluster, the function and the inputs.

The function comes as source text (a ``.py`` module in the workspace, or a pasted notebook cell) plus its name, so
it runs on any cluster: workers, local or behind a Dask Gateway, need no copy of the workspace. The server only
parses the source (syntax errors and a missing function are reported before anything starts); the source runs on
the workers, in a fresh module per task. An error raised there reaches the user as raised, with the cluster named.
"""

from __future__ import annotations

import ast
import hashlib
import math
import os
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput, EscapeError

if TYPE_CHECKING:
    import pandas as pd

    from ..basket.api import Basket
    from .cluster import Cluster

SERVICE = "dask"
ROWS_PER_PARTITION = 100_000  # default partition size: small enough to spread 1M rows over a few workers
MAX_PARTITIONS = 256
MAX_SOURCE_BYTES = 1_000_000


def defined_functions(source: str, origin: str) -> list[str]:
    """Top-level function names of ``source`` (parsed, never run here); a syntax error names the line."""
    if len(source.encode()) > MAX_SOURCE_BYTES:
        raise BadInput("code", f"{origin}: more than {MAX_SOURCE_BYTES:,} bytes of code")
    try:
        tree = ast.parse(source, filename=origin)
    except SyntaxError as exc:
        raise BadInput("code", f"{origin}, line {exc.lineno}: {exc.msg}") from None
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def pick_function(source: str, origin: str, name: str | None) -> str:
    """The function to run: ``name``, or the only one ``source`` defines."""
    names = defined_functions(source, origin)
    if name:
        if name not in names:
            listed = ", ".join(names) or "none"
            raise BadInput("function", f"{origin} defines no function {name!r} (functions: {listed})")
        return name
    if len(names) != 1:
        listed = ", ".join(names) or "none"
        raise BadInput("function", f"{origin} defines {len(names)} functions ({listed}): name the one to run")
    return names[0]


def call_on_partition(source: str, origin: str, name: str, part: pd.DataFrame, *others: pd.DataFrame) -> pd.DataFrame:
    """Runs on a worker: the user's source as a fresh module, its function called on one partition (a pandas
    DataFrame; the other inputs as DataFrames too). Its result as a DataFrame."""
    import types

    module = types.ModuleType(origin.rsplit("/", 1)[-1].removesuffix(".py").replace("-", "_") or "cell")
    exec(compile(source, origin, "exec"), module.__dict__)
    function: Callable[..., Any] = getattr(module, name)
    return as_frame(function(part, *others), name)


def as_frame(out: Any, name: str) -> pd.DataFrame:
    """What a user function may return, as a pandas DataFrame: a DataFrame, an Arrow or astropy table, a dict of
    columns, or a Series."""
    import pandas as pd

    if isinstance(out, pd.DataFrame):
        return out
    if isinstance(out, pd.Series):
        return out.to_frame()
    if hasattr(out, "to_pandas"):  # pyarrow.Table, astropy Table
        frame: pd.DataFrame = out.to_pandas()
        return frame
    if isinstance(out, dict):
        columns: pd.DataFrame = pd.DataFrame(out)
        return columns
    raise TypeError(f"{name} returned {type(out).__name__}: return a table (pandas, Arrow or astropy) or a dict")


def partitions(n_rows: int, wanted: int | None, workers: int) -> int:
    if wanted is not None:
        if not 1 <= int(wanted) <= MAX_PARTITIONS:
            raise BadInput("partitions", f"between 1 and {MAX_PARTITIONS}")
        return min(int(wanted), max(1, n_rows))
    by_size = math.ceil(n_rows / ROWS_PER_PARTITION)
    return max(1, min(MAX_PARTITIONS, n_rows, max(by_size, 2 * max(1, workers))))


class FunctionRun:
    """A function running on the cluster over basket inputs: progress, cancel, result into the workspace."""

    def __init__(
        self,
        basket: Basket,
        cluster: Cluster,
        inputs: list[Any],
        source: str,
        origin: str,
        name: str,
        table_name: str,
        parts: int | None,
    ) -> None:
        from ..basket.model import now_iso
        from ..basket.tableio import to_arrow
        from .xmatch_dask import DaskJob, decimals_as_floats

        self.basket, self.cluster, self.inputs = basket, cluster, inputs
        self.source, self.origin, self.name, self.table_name = source, origin, name, table_name
        self.started = now_iso()
        frames = [decimals_as_floats(to_arrow(i[0])).to_pandas() for i in inputs]
        first = frames[0]
        desc = cluster.describe()
        self.n_parts = partitions(len(first), parts, desc["workers"])
        step = max(1, math.ceil(len(first) / self.n_parts))
        client = cluster.client
        # distributed's scatter() is unannotated
        others = [client.scatter(f, broadcast=True, hash=False) for f in frames[1:]]  # type: ignore[no-untyped-call]
        token = uuid.uuid4().hex[:8]
        futures = [
            client.submit(
                call_on_partition,
                source,
                origin,
                name,
                first.iloc[k : k + step],
                *others,
                key=f"escape-run-{name}-{token}-{k // step}",
                pure=False,
            )
            for k in range(0, max(1, len(first)), step)
        ]
        self.n_parts = len(futures)
        self.job = DaskJob(
            client,
            futures,
            self._finish,
            cluster_name=desc["name"],
            dashboard_link=desc["dashboard_link"],
        )

    def progress(self) -> dict[str, Any]:
        return self.job.progress()

    def cancel(self) -> None:
        self.job.cancel()

    def result(self) -> dict[str, Any]:
        try:
            summary: dict[str, Any] = self.job.result()
            return summary
        except EscapeError as exc:
            failure = self.job.failure
            if failure is not None:  # the worker's error as raised, the function named; the cluster is the service
                raise EscapeError(
                    f"{self.name} failed on a partition: {type(failure).__name__}: {failure}",
                    service=f"Dask cluster {self.job.cluster_name}",
                    status=500,
                ) from exc
            raise

    def _finish(self, frames: list[Any]) -> dict[str, Any]:
        import pandas as pd
        import pyarrow as pa

        from ..basket import provenance as prov
        from ..basket.tableio import checksum_table

        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        table = pa.Table.from_pandas(frame, preserve_index=False)
        code_sum = "sha256:" + hashlib.sha256(self.source.encode()).hexdigest()
        step = prov.record(
            entity=f"escape:table/{self.table_name}",
            entity_attrs={
                "prov:label": self.table_name,
                "escape:rows": table.num_rows,
                "escape:checksum": checksum_table(table),
            },
            activity_type="escape:run_on_cluster",
            activity_attrs={
                "escape:function": self.name,
                "escape:code_origin": self.origin,
                "escape:code_checksum": code_sum,
                "escape:cluster": self.job.cluster_name,
                "escape:partitions": self.n_parts,
            },
            used=[
                (
                    entity,
                    {
                        "prov:label": "partitioned input" if k == 0 else "whole input",
                        "escape:input": given,
                        "escape:rows": rows,
                    },
                )
                for k, (_, entity, _, rows, given) in enumerate(self.inputs)
            ],
            started=self.started,
        )
        record = prov.merge(*[i[2] for i in self.inputs], step)
        saved = self.basket.save_derived(
            table, self.table_name, record, title=f"{self.name} on {self.job.cluster_name}"
        )
        return {
            "rows": table.num_rows,
            "columns": table.column_names,
            "function": self.name,
            "code_origin": self.origin,
            "cluster": self.job.cluster_name,
            "partitions": self.n_parts,
            "saved": saved,
            "provenance": record,
        }


def prepare(
    basket: Basket,
    refs: list[Any],
    *,
    source: str,
    origin: str,
    function: str | None,
    table_name: str,
    parts: int | None = None,
) -> dict[str, Any]:
    """Check everything before a task starts (BadInput names what is wrong); the arguments of a FunctionRun."""
    from ..basket.workspace import check_name

    if not refs:
        raise BadInput("inputs", "choose at least one basket table (the first is split into partitions)")
    check_name(table_name)
    name = pick_function(source, origin, function)
    if parts is not None:
        partitions(1, parts, 1)
    inputs: list[Any] = []
    for k, ref in enumerate(refs):
        try:
            table, entity, record = basket.input_table(ref)
        except EscapeError as exc:
            raise BadInput(f"inputs[{k}]", exc.message) from exc
        given = os.path.relpath(ref, basket.ctx.root_dir) if isinstance(ref, os.PathLike) else str(ref)
        inputs.append((table, entity, record, table.num_rows, given))
    return {
        "inputs": inputs,
        "source": source,
        "origin": origin,
        "name": name,
        "table_name": table_name,
        "parts": parts,
    }
