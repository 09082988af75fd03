"""The basket store: one SQLite file per user, in WAL mode, shared by the server and every kernel.

Why SQLite: two browser tabs (server threads) and notebook kernels (other processes) write at the same time.
Each write is one ``BEGIN IMMEDIATE`` transaction, so writers queue on SQLite's lock instead of overwriting each
other, and every committed write bumps a version number: the etag clients poll cheaply.
Connections are opened per operation (cheap, ~0.1 ms) so no thread or process holds the file.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypedDict

from ..core.errors import BadInput, EscapeError
from ..core.names import check_id, file_stem
from .model import Item, check_stored_fields, default_source, new_id, now_iso, validate_new

SERVICE = "basket"
SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL,
    created TEXT NOT NULL, updated TEXT NOT NULL, grp TEXT, notes TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '{}', position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS groups (name TEXT PRIMARY KEY, created TEXT NOT NULL, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class GroupInfo(TypedDict):
    name: str
    created: str
    count: int  # items in the group


class Snapshot(TypedDict):
    """The whole basket as the panel reads it; ``etag`` names this exact version."""

    items: list[dict[str, Any]]  # Item.to_json() of each item
    groups: list[GroupInfo]
    version: int
    etag: str


class ItemNotFound(EscapeError):
    def __init__(self, item_id: str) -> None:
        super().__init__(f"no basket item with id {item_id!r}", service=SERVICE, status=404)


def stored_files(data_dir: Path, item_id: str) -> tuple[Path, Path]:
    """The item's stored rows and its cached query result in the basket's data folder (names derived from the id)."""
    stem = file_stem(item_id)
    return data_dir / f"{stem}.parquet", data_dir / f"{stem}.result.parquet"


class BasketStore:
    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        self.state_dir = Path(state_dir)
        self.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = self.state_dir / "basket.sqlite"
        self.data_dir = self.state_dir / "basket-data"  # parquet files of stored rows and cached query results
        if not self.path.exists():
            # Created before SQLite touches it so the file (and its -wal/-shm siblings) are private to the user.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        with self._connect() as con:
            # Refused e.g. on a filesystem without shared memory: SQLite's default rollback journal still locks.
            with contextlib.suppress(sqlite3.OperationalError):
                con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('version', '0')")
            con.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', ?)", (uuid.uuid4().hex[:12],))

    # -- plumbing ---------------------------------------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise EscapeError(f"cannot open the basket at {self.path}: {exc}", service=SERVICE, status=500) from exc
        try:
            con.execute("PRAGMA busy_timeout=30000")
            yield con
        finally:
            con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that bumps the version; retried if the lock stays busy past SQLite's timeout."""
        for attempt in range(5):
            with self._connect() as con:
                try:
                    con.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    if "locked" in str(exc) and attempt < 4:
                        time.sleep(0.2 * (attempt + 1))
                        continue
                    raise EscapeError(
                        f"the basket is locked by another writer: {exc}", service=SERVICE, status=503
                    ) from exc
                try:
                    yield con
                    con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                return

    @staticmethod
    def _row_to_item(row: Sequence[Any]) -> Item:  # SQLite returns the columns of _COLUMNS untyped
        return Item(
            id=row[0],
            kind=row[1],
            title=row[2],
            source=row[3],
            created=row[4],
            updated=row[5],
            group=row[6],
            notes=row[7],
            payload=json.loads(row[8]),
            extra=json.loads(row[9]),
        )

    _COLUMNS = "id, kind, title, source, created, updated, grp, notes, payload, extra"

    # -- reading ----------------------------------------------------------------------------------------------
    def version(self) -> int:
        with self._connect() as con:
            return int(con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])

    def etag(self) -> str:
        with self._connect() as con:
            values = dict(con.execute("SELECT key, value FROM meta").fetchall())
        return f'"{values["store_id"]}-{values["version"]}"'

    def items(self, group: str | None = None, kind: str | None = None) -> list[Item]:
        sql = f"SELECT {self._COLUMNS} FROM items"
        where: list[str] = []
        args: list[str | None] = []
        if group is not None:
            where.append("grp IS ?")
            args.append(group or None)
        if kind is not None:
            where.append("kind = ?")
            args.append(kind)
        if where:
            sql += " WHERE " + " AND ".join(where)
        with self._connect() as con:
            return [self._row_to_item(r) for r in con.execute(sql + " ORDER BY position", args)]

    def get(self, item_id: str) -> Item:
        check_id(item_id, "id")
        with self._connect() as con:
            row = con.execute(f"SELECT {self._COLUMNS} FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise ItemNotFound(item_id)
        return self._row_to_item(row)

    def groups(self) -> list[GroupInfo]:
        with self._connect() as con:
            named = con.execute("SELECT name, created FROM groups ORDER BY position").fetchall()
            counts = dict(con.execute("SELECT grp, COUNT(*) FROM items GROUP BY grp").fetchall())
        return [{"name": n, "created": c, "count": counts.get(n, 0)} for n, c in named]

    def snapshot(self) -> Snapshot:
        """Items, groups and etag read in one transaction, so the etag matches what is returned."""
        with self._connect() as con:
            con.execute("BEGIN")
            rows = con.execute(f"SELECT {self._COLUMNS} FROM items ORDER BY position").fetchall()
            named = con.execute("SELECT name, created FROM groups ORDER BY position").fetchall()
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            con.execute("COMMIT")
        items = [self._row_to_item(r) for r in rows]
        counts: dict[str | None, int] = {}
        for it in items:
            counts[it.group] = counts.get(it.group, 0) + 1
        return {
            "items": [i.to_json() for i in items],
            "groups": [{"name": n, "created": c, "count": counts.get(n, 0)} for n, c in named],
            "version": int(meta["version"]),
            "etag": f'"{meta["store_id"]}-{meta["version"]}"',
        }

    # -- writing ----------------------------------------------------------------------------------------------
    def add(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        title: str | None = None,
        source: str | None = None,
        group: str | None = None,
        notes: str = "",
        item_id: str | None = None,
        created: str | None = None,
        extra: dict[str, Any] | None = None,
        replace: bool = False,
    ) -> Item:
        validate_new(kind, title, payload, group, notes, source)
        extra = check_stored_fields(item_id, created, extra)
        item = Item(
            id=item_id or new_id(),
            kind=kind,
            title=title or default_source(kind, payload) or kind,
            source=source or default_source(kind, payload),
            created=created or now_iso(),
            payload=payload,
            group=group or None,
            notes=notes or "",
            updated=now_iso(),
            extra=extra or {},
        )
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        with self._write() as con:
            if item.group:
                self._ensure_group(con, item.group)
            position = con.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM items").fetchone()[0]
            try:
                con.execute(
                    f"{verb} INTO items ({self._COLUMNS}, position) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        item.id,
                        item.kind,
                        item.title,
                        item.source,
                        item.created,
                        item.updated,
                        item.group,
                        item.notes,
                        json.dumps(item.payload, default=str),
                        json.dumps(item.extra),
                        position,
                    ),
                )
            except sqlite3.IntegrityError:
                raise BadInput("id", f"an item with id {item.id!r} is already in the basket") from None
        return item

    def update(self, item_id: str, **changes: Any) -> Item:
        """Change title, notes, group (None or "" = ungrouped) or the materialisation state in ``extra``."""
        # ``changes`` is a request's or a notebook's JSON (hence Any): the names and types are checked here.
        allowed = {"title", "notes", "group", "extra"}
        unknown = set(changes) - allowed
        if unknown:
            raise BadInput(", ".join(sorted(unknown)), f"cannot be changed (only {', '.join(sorted(allowed))})")
        for name in ("title", "notes", "group"):
            if name in changes and changes[name] is not None and not isinstance(changes[name], str):
                raise BadInput(name, "expected a string")
        if changes.get("extra") is not None and not isinstance(changes["extra"], dict):
            raise BadInput("extra", "expected a JSON object")
        check_id(item_id, "id")
        with self._write() as con:
            row = con.execute(f"SELECT {self._COLUMNS} FROM items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise ItemNotFound(item_id)
            item = self._row_to_item(row)
            if changes.get("title"):
                item.title = changes["title"]
            if "notes" in changes:
                item.notes = changes["notes"] or ""
            if "group" in changes:
                item.group = changes["group"] or None
                if item.group:
                    self._ensure_group(con, item.group)
            if "extra" in changes:
                item.extra = {**item.extra, **(changes["extra"] or {})}
            item.updated = now_iso()
            con.execute(
                "UPDATE items SET title=?, notes=?, grp=?, extra=?, updated=? WHERE id=?",
                (item.title, item.notes, item.group, json.dumps(item.extra), item.updated, item_id),
            )
        return item

    def remove(self, item_id: str) -> None:
        check_id(item_id, "id")
        with self._write() as con:
            if con.execute("DELETE FROM items WHERE id = ?", (item_id,)).rowcount == 0:
                raise ItemNotFound(item_id)
        # The files an item may own, by their derived names (never a glob built from the id).
        for stored in stored_files(self.data_dir, item_id):
            stored.unlink(missing_ok=True)

    def add_group(self, name: object) -> dict[str, str]:
        if not isinstance(name, str) or not name.strip():
            raise BadInput("name", "a group needs a non-empty name")
        with self._write() as con:
            self._ensure_group(con, name.strip())
        return {"name": name.strip()}

    def rename_group(self, old: str, new: object) -> None:
        if not isinstance(new, str) or not new.strip():
            raise BadInput("name", "a group needs a non-empty name")
        with self._write() as con:
            if con.execute("SELECT 1 FROM groups WHERE name = ?", (old,)).fetchone() is None:
                raise EscapeError(f"no basket group named {old!r}", service=SERVICE, status=404)
            if con.execute("SELECT 1 FROM groups WHERE name = ?", (new,)).fetchone() is not None:
                raise BadInput("name", f"a group named {new!r} already exists")
            con.execute("UPDATE groups SET name = ? WHERE name = ?", (new, old))
            con.execute("UPDATE items SET grp = ? WHERE grp = ?", (new, old))

    def remove_group(self, name: str, *, remove_items: bool = False) -> None:
        """Drop a group; its items become ungrouped unless ``remove_items``."""
        with self._write() as con:
            if con.execute("DELETE FROM groups WHERE name = ?", (name,)).rowcount == 0:
                raise EscapeError(f"no basket group named {name!r}", service=SERVICE, status=404)
            if remove_items:
                con.execute("DELETE FROM items WHERE grp = ?", (name,))
            else:
                con.execute("UPDATE items SET grp = NULL WHERE grp = ?", (name,))

    @staticmethod
    def _ensure_group(con: sqlite3.Connection, name: str) -> None:
        position = con.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM groups").fetchone()[0]
        con.execute("INSERT OR IGNORE INTO groups VALUES (?, ?, ?)", (name, now_iso(), position))

    def clear(self) -> None:
        with self._write() as con:
            con.execute("DELETE FROM items")
            con.execute("DELETE FROM groups")

    def wait_for_change(self, since: int, timeout: float, interval: float = 0.25) -> int:
        """Block until the version differs from ``since`` or ``timeout`` passes (for kernels; the server polls
        asynchronously). Returns the current version."""
        deadline = time.monotonic() + timeout
        while True:
            current = self.version()
            if current != since or time.monotonic() >= deadline:
                return current
            time.sleep(interval)
