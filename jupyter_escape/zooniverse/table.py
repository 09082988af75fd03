"""A Zooniverse classification export as a table: one row per classification, or aggregated per subject.

An export row holds JSON in three columns: ``annotations`` (one entry per task: task, task_label, value),
``subject_data`` ({subject id: {retired, <metadata>}}) and ``metadata``. Here each task becomes columns
(``T0`` its answer; lists of answers joined), each subject metadata key a ``subject_<key>`` column (a leading
``#`` or ``!``, Zooniverse's marks for hidden fields, dropped), and positions found in the metadata become
``ra``/``dec`` in degrees with the UCDs the cross-match and the sky view look for. Subjects without a position
keep their rows with empty coordinates, and the summary counts them.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter, defaultdict
from typing import Any

import pyarrow as pa

from ..basket.tableio import with_meta
from ..core.errors import EscapeError
from .client import SERVICE

MODES = ("classifications", "subjects")
RA_KEYS = ("ra", "ra_deg", "radeg", "ra_j2000", "raj2000", "right_ascension", "s_ra")
DEC_KEYS = ("dec", "dec_deg", "decdeg", "de", "dec_j2000", "dej2000", "decj2000", "declination", "s_dec")
csv.field_size_limit(16 * 1024 * 1024)


def _json(text: Any, column: str, row: int) -> Any:
    if text in (None, ""):
        return None
    try:
        return json.loads(text)
    except ValueError:
        raise EscapeError(f"export row {row}: column {column} is not JSON", service=SERVICE, status=502) from None


def _clean_key(key: str) -> str:
    return "subject_" + "".join(c if c.isalnum() else "_" for c in key.lstrip("#!").strip()).strip("_").lower()


def _answer(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(_answer(v) or "" for v in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return str(value)


def _position(meta: dict[str, Any]) -> tuple[float | None, float | None]:
    lowered = {k.lstrip("#!").lower(): v for k, v in meta.items()}
    ra = next((lowered[k] for k in RA_KEYS if k in lowered), None)
    dec = next((lowered[k] for k in DEC_KEYS if k in lowered), None)
    if ra is None or dec is None:
        return None, None
    try:
        ra, dec = float(ra), float(dec)
    except (TypeError, ValueError):
        return None, None
    if not (math.isfinite(ra) and math.isfinite(dec) and -90 <= dec <= 90):
        return None, None
    return ra % 360.0, dec


def parse_export(data: bytes) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Flat rows (one per classification) and the task labels, from the export's CSV bytes."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    missing = {"classification_id", "annotations", "subject_ids"} - set(reader.fieldnames or [])
    if missing:
        raise EscapeError(
            f"not a classification export: no {', '.join(sorted(missing))} column", service=SERVICE, status=502
        )
    rows: list[dict[str, Any]] = []
    labels: dict[str, str] = {}
    for n, raw in enumerate(reader, start=2):
        subject_id = (raw.get("subject_ids") or "").split(";")[0]
        subject = (_json(raw.get("subject_data"), "subject_data", n) or {}).get(subject_id) or {}
        row = {
            "classification_id": raw["classification_id"],
            "subject_id": subject_id,
            "user_name": raw.get("user_name") or "",
            "workflow_id": raw.get("workflow_id") or "",
            "workflow_version": raw.get("workflow_version") or "",
            "created_at": raw.get("created_at") or "",
        }
        for ann in _json(raw.get("annotations"), "annotations", n) or []:
            task = str(ann.get("task"))
            labels.setdefault(task, ann.get("task_label") or "")
            row[task] = _answer(ann.get("value"))
        row["ra"], row["dec"] = _position(subject)
        used = {k for k in subject if row["ra"] is not None and k.lstrip("#!").lower() in RA_KEYS + DEC_KEYS}
        for key, value in subject.items():
            if key != "retired" and key not in used:
                row[_clean_key(key)] = (
                    value if isinstance(value, (int, float, str)) or value is None else json.dumps(value)
                )
        rows.append(row)
    return rows, labels


def aggregate(rows: list[dict[str, Any]], labels: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per subject: the number of classifications, and per task the most given answer, its share and
    every answer's count."""
    by_subject: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_subject[r["subject_id"]].append(r)
    out = []
    for subject_id, group in by_subject.items():
        first = group[0]
        agg = {"subject_id": subject_id, "n_classifications": len(group)}
        for task in labels:
            counts = Counter(r.get(task) for r in group if r.get(task) is not None)
            top, n = counts.most_common(1)[0] if counts else (None, 0)
            agg[f"{task}_top"] = top
            agg[f"{task}_fraction"] = round(n / len(group), 4) if group else None
            agg[f"{task}_counts"] = json.dumps(dict(sorted(counts.items())))
        agg.update({k: v for k, v in first.items() if k.startswith("subject_") and k != "subject_id"})
        agg["ra"], agg["dec"] = first["ra"], first["dec"]
        out.append(agg)
    return out


def export_table(data: bytes, mode: str = "classifications") -> tuple[pa.Table, dict[str, Any]]:
    """(Arrow table with column metadata, summary) of a classification export."""
    if mode not in MODES:
        from ..core.errors import BadInput

        raise BadInput("mode", f"must be one of {', '.join(MODES)}, got {mode!r}")
    rows, labels = parse_export(data)
    if mode == "subjects":
        rows = aggregate(rows, labels)
    names: list[str] = []
    for r in rows:
        names += [k for k in r if k not in names]
    columns = {}
    for name in names:
        values = [r.get(name) for r in rows]
        if name in ("ra", "dec"):
            columns[name] = pa.array(values, pa.float64())
        elif all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values) and any(
            v is not None for v in values
        ):
            columns[name] = pa.array(values, pa.int64())
        elif all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values) and any(
            v is not None for v in values
        ):
            columns[name] = pa.array([None if v is None else float(v) for v in values], pa.float64())
        else:
            columns[name] = pa.array([None if v is None else str(v) for v in values], pa.string())
    table = pa.table(columns) if columns else pa.table({"subject_id": pa.array([], pa.string())})
    meta = [
        {"name": "ra", "unit": "deg", "ucd": "pos.eq.ra;meta.main", "description": "subject position (ICRS)"},
        {"name": "dec", "unit": "deg", "ucd": "pos.eq.dec;meta.main", "description": "subject position (ICRS)"},
        {"name": "subject_id", "ucd": "meta.id", "description": "Panoptes subject id"},
    ]
    for task, label in labels.items():
        meta += [{"name": task, "description": label}, {"name": f"{task}_top", "description": f"most given: {label}"}]
    table = with_meta(table, meta)
    without = sum(1 for r in rows if r.get("ra") is None)
    summary = {
        "mode": mode,
        "rows": table.num_rows,
        "tasks": labels,
        "subjects": len({r["subject_id"] for r in rows}),
        "rows_without_position": without,
    }
    return table, summary
