"""The workspace database: one DuckDB file (``<root>/escape-data/workspace.duckdb``) holding basket tables,
derived tables (cross-matches, SQL results) and their column metadata and provenance.

DuckDB lets one process write a file at a time (and, within a process, all connections to a file must share one
configuration). The server and the kernels therefore never keep it open: every call opens a connection, does
its work and closes it; a process-wide lock serialises this process's calls, and a lock held by another process
is waited for with backoff (``LOCK_TIMEOUT`` seconds) before the caller gets a clear "busy" error.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import pyarrow as pa

from ..core.errors import BadInput, EscapeError
from .model import now_iso
from .tableio import META_KEYS, checksum_table, column_meta, with_meta

if TYPE_CHECKING:
    import duckdb

SERVICE = "workspace-db"
LOCK_TIMEOUT = 30.0
MAX_ROWS = 100_000
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
INTERNAL = ("escape_tables", "escape_columns", "escape_provenance")
SCHEMA = """
CREATE TABLE IF NOT EXISTS escape_tables (table_name VARCHAR PRIMARY KEY, item_id VARCHAR, title VARCHAR,
    created VARCHAR, n_rows BIGINT, checksum VARCHAR, origin VARCHAR);
CREATE TABLE IF NOT EXISTS escape_columns (table_name VARCHAR, column_name VARCHAR, position INTEGER,
    unit VARCHAR, ucd VARCHAR, description VARCHAR, utype VARCHAR, xtype VARCHAR,
    PRIMARY KEY (table_name, column_name));
CREATE TABLE IF NOT EXISTS escape_provenance (table_name VARCHAR PRIMARY KEY, prov_json VARCHAR);
"""
_process_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _process_lock(path: Path) -> threading.RLock:
    with _locks_guard:
        return _process_locks.setdefault(str(path.resolve()), threading.RLock())


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.match(name):
        raise BadInput("table", f"{name!r}: table names are letters, digits and _, starting with a letter or _")
    if name.lower() in INTERNAL:
        raise BadInput("table", f"{name!r} is reserved for the workspace's own metadata")
    return name


def slug(text: str, prefix: str = "t_") -> str:
    s = re.sub(r"[^A-Za-z0-9_]+", "_", text or "").strip("_").lower()[:40]
    return s if s and s[0].isalpha() else (prefix + s).rstrip("_")


def _reader(
    con: duckdb.DuckDBPyConnection, sql: str, batch_size: int, params: list[object] | None = None
) -> pa.RecordBatchReader:
    """A RecordBatchReader over a statement's result (an empty one for statements without a result)."""
    rel = con.sql(sql, params=params) if params else con.sql(sql)
    if rel is None:
        return pa.RecordBatchReader.from_batches(pa.schema([]), [])
    # duckdb >= 1.4 calls it to_arrow_reader; older ones fetch_record_batch
    fetch = getattr(rel, "to_arrow_reader", None) or rel.fetch_record_batch
    return fetch(batch_size)


class TableInfo(TypedDict):
    """A table of the workspace database as listed: what escape_tables says of it (None for a table made
    outside jupyter-escape, whose row count is then DuckDB's estimate)."""

    table: str
    n_columns: int
    n_rows: int
    item_id: str | None
    title: str | None
    created: str | None
    origin: str | None


class WrittenTable(TypedDict):
    """What write_table stored: the table's name, rows, column metadata (tableio.column_meta) and checksum."""

    table: str
    n_rows: int
    columns: list[dict[str, Any]]
    checksum: str


@dataclass
class QueryResult:
    table: pa.Table
    truncated: bool
    limit: int
    elapsed: float

    def to_json(self) -> dict[str, Any]:
        columns = column_meta(self.table)
        data = self.table.to_pydict()
        return {
            "columns": columns,
            "rows": [list(r) for r in zip(*(data[c["name"]] for c in columns), strict=True)],
            "n_rows": self.table.num_rows,
            "truncated": self.truncated,
            "limit": self.limit,
            "elapsed": round(self.elapsed, 4),
        }


class WorkspaceDB:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @contextmanager
    def connect(
        self, *, read_only: bool = False, external_access: bool = True, timeout: float = LOCK_TIMEOUT
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection; waits (with backoff) while another process holds the write lock."""
        import duckdb

        if read_only and not self.path.exists():
            with self.connect(read_only=False):
                pass  # create it (with the metadata tables) so a first read-only query finds a database
        self.path.parent.mkdir(parents=True, exist_ok=True)
        config: dict[str, str | bool | int | float | list[str]] = (
            {} if external_access else {"enable_external_access": False}
        )
        deadline, delay = time.monotonic() + timeout, 0.05
        with _process_lock(self.path):
            while True:
                try:
                    con = duckdb.connect(str(self.path), read_only=read_only, config=config)
                    break
                except (duckdb.IOException, duckdb.ConnectionException) as exc:
                    if "lock" not in str(exc).lower() and "configuration" not in str(exc).lower():
                        raise EscapeError(f"cannot open {self.path.name}: {exc}", service=SERVICE, status=500) from exc
                    if "configuration" in str(exc).lower():
                        import gc

                        gc.collect()  # a result object of an earlier connection may still hold the database
                    if time.monotonic() >= deadline:
                        raise EscapeError(
                            f"{self.path.name} is busy (another process is writing to it) after {timeout:g} s: {exc}",
                            service=SERVICE,
                            status=503,
                        ) from exc
                    time.sleep(delay)
                    delay = min(delay * 2, 1.0)
            try:
                if not read_only:
                    con.execute(SCHEMA)
                yield con
            finally:
                con.close()

    # -- tables -----------------------------------------------------------------------------------------------
    def write_table(
        self,
        name: str,
        table: pa.Table,
        *,
        item_id: str | None = None,
        title: str | None = None,
        provenance: dict[str, Any] | None = None,
        origin: str | None = None,
        replace: bool = True,
    ) -> WrittenTable:
        check_name(name)
        columns = column_meta(table)
        checksum = checksum_table(table)
        with self.connect() as con:
            exists = con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
            if exists and not replace:
                raise BadInput("table", f"{name!r} already exists in the workspace database")
            con.register("_escape_incoming", table)
            try:
                con.execute("BEGIN")
                con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _escape_incoming')
                con.execute("DELETE FROM escape_columns WHERE table_name = ?", [name])
                for pos, col in enumerate(columns):
                    con.execute(
                        "INSERT INTO escape_columns VALUES (?,?,?,?,?,?,?,?)",
                        [name, col["name"], pos, *(col.get(k) for k in META_KEYS)],
                    )
                    comment = "; ".join(f"{k}={col[k]}" for k in ("unit", "ucd", "description") if col.get(k))
                    if comment:
                        # Also as DuckDB column comments, so any DuckDB client sees units and UCDs.
                        con.execute(
                            f'COMMENT ON COLUMN "{name}"."{col["name"]}" IS ' + "'" + comment.replace("'", "''") + "'"
                        )
                con.execute(
                    "INSERT OR REPLACE INTO escape_tables VALUES (?,?,?,?,?,?,?)",
                    [name, item_id, title, now_iso(), table.num_rows, checksum, origin],
                )
                if provenance is not None:
                    con.execute(
                        "INSERT OR REPLACE INTO escape_provenance VALUES (?, ?)", [name, json.dumps(provenance)]
                    )
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
            finally:
                con.unregister("_escape_incoming")
        return {"table": name, "n_rows": table.num_rows, "columns": columns, "checksum": checksum}

    def tables(self) -> list[TableInfo]:
        if not self.path.exists():
            return []
        with self.connect(read_only=True) as con:
            known = (
                {r[0]: r for r in con.execute("SELECT * FROM escape_tables").fetchall()} if self._has_meta(con) else {}
            )
            rows = con.execute(
                "SELECT table_name, estimated_size, column_count FROM duckdb_tables() "
                "WHERE database_name = current_database() ORDER BY table_name"
            ).fetchall()
        out: list[TableInfo] = []
        for name, size, ncols in rows:
            if name in INTERNAL:
                continue
            meta = known.get(name)
            out.append(
                {
                    "table": name,
                    "n_columns": ncols,
                    "n_rows": meta[4] if meta else size,
                    "item_id": meta[1] if meta else None,
                    "title": meta[2] if meta else None,
                    "created": meta[3] if meta else None,
                    "origin": meta[6] if meta else None,
                }
            )
        return out

    @staticmethod
    def _has_meta(con: duckdb.DuckDBPyConnection) -> bool:
        found: int = con.execute("SELECT COUNT(*) FROM duckdb_tables() WHERE table_name = 'escape_tables'").fetchall()[
            0
        ][0]
        return found > 0

    def columns(self, name: str) -> list[dict[str, Any]]:
        with self.connect(read_only=True) as con:
            return self._columns(con, name)

    def _columns(self, con: duckdb.DuckDBPyConnection, name: str) -> list[dict[str, Any]]:
        if not self._has_meta(con):
            return []
        rows = con.execute(
            "SELECT column_name, unit, ucd, description, utype, xtype FROM escape_columns "
            "WHERE table_name = ? ORDER BY position",
            [name],
        ).fetchall()
        return [{"name": r[0], **{k: v for k, v in zip(META_KEYS, r[1:], strict=True) if v}} for r in rows]

    def read_table(self, name: str) -> pa.Table:
        check_name(name)
        with self.connect(read_only=True) as con:
            # fetchall: duckdb 2 refuses the next statement while a fetchone() result is unfinished
            if con.execute("SELECT COUNT(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0] == 0:
                raise EscapeError(f"no table {name!r} in the workspace database", service=SERVICE, status=404)
            table = _reader(con, f'SELECT * FROM "{name}"', 1 << 16).read_all()
            return with_meta(table, self._columns(con, name))

    def provenance(self, name: str) -> dict[str, Any] | None:
        with self.connect(read_only=True) as con:
            if not self._has_meta(con):
                return None
            row = con.execute("SELECT prov_json FROM escape_provenance WHERE table_name = ?", [name]).fetchone()
        return json.loads(row[0]) if row else None

    def drop(self, name: str) -> None:
        check_name(name)
        with self.connect() as con:
            con.execute(f'DROP TABLE IF EXISTS "{name}"')
            for meta in INTERNAL:
                con.execute(f"DELETE FROM {meta} WHERE table_name = ?", [name])

    # -- SQL --------------------------------------------------------------------------------------------------
    def query(
        self,
        sql: str,
        *,
        limit: int | None = 1000,
        read_only: bool = True,
        external_access: bool = True,
        tables: dict[str, Any] | None = None,
    ) -> QueryResult:
        """Run one statement. ``read_only`` (the default) opens the file read-only, so DuckDB itself refuses any
        write with its own message; ``external_access=False`` (the server's console) also forbids reading files
        outside the database. At most ``limit`` rows are returned; ``truncated`` says whether there were more."""
        if not isinstance(sql, str) or not sql.strip():
            raise BadInput("sql", "empty statement")
        if limit is not None and (not isinstance(limit, int) or limit < 0 or limit > MAX_ROWS):
            raise BadInput("limit", f"expected an integer between 0 and {MAX_ROWS}")
        import duckdb

        start = time.monotonic()
        error = None
        with self.connect(read_only=read_only, external_access=external_access) as con:
            for alias, obj in (tables or {}).items():
                con.register(alias, obj)
            reader = None
            try:
                reader = _reader(con, sql, 8192)
                batches, rows = [], 0
                while limit is None or rows <= limit:
                    try:
                        batch = reader.read_next_batch()
                    except StopIteration:
                        break
                    batches.append(batch)
                    rows += batch.num_rows
                table = pa.Table.from_batches(batches, schema=reader.schema)
            except duckdb.Error as exc:
                error = str(exc)
            finally:
                # A live result keeps DuckDB's database instance open after close(); the next connection with
                # another configuration (read-only vs read-write) would then be refused.
                reader = None
        if error is not None:
            raise EscapeError(error, service=SERVICE, status=400)
        truncated = limit is not None and table.num_rows > limit
        if truncated:
            table = table.slice(0, limit)
        return QueryResult(
            table=self._annotate(table), truncated=truncated, limit=limit or 0, elapsed=time.monotonic() - start
        )

    def _annotate(self, table: pa.Table) -> pa.Table:
        """Give result columns the units/UCDs of same-named stored columns when unambiguous (a cheap guess
        that keeps `SELECT ra, dec FROM t` annotated; expressions stay bare)."""
        try:
            with self.connect(read_only=True) as con:
                if not self._has_meta(con):
                    return table
                rows = con.execute("SELECT column_name, unit, ucd, description FROM escape_columns").fetchall()
        except EscapeError:
            return table
        by_name: dict[str, Any] = {}
        for name, unit, ucd, desc in rows:
            by_name.setdefault(name, set()).add((unit, ucd, desc))
        columns = [
            {"name": n, "unit": next(iter(v))[0], "ucd": next(iter(v))[1], "description": next(iter(v))[2]}
            for n, v in by_name.items()
            if len(v) == 1 and n in table.column_names
        ]
        return with_meta(table, columns)
