"""Catalogues as HATS on disk (HEALPix-partitioned Parquet): written with the hats-import pipeline on a Dask
cluster, opened with LSDB. A HATS collection here holds the catalogue and one margin catalogue (rows within
``margin_arcsec`` of each partition's edge), which lets LSDB match pairs that straddle partition boundaries.

Files are never loaded whole here: the hats-import pipeline's workers read parquet inputs chunk by chunk. A
table already in memory is partitioned by LSDB and written by the workers (much faster for small tables).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.errors import BadInput, EscapeError

SERVICE = "hats"
DEFAULT_MARGIN_ARCSEC = 10.0
PIXEL_THRESHOLD = 1_000_000  # rows per partition: ~50-100 MiB of narrow catalogue, a comfortable worker task

# distributed's Client is typed Any below: its methods are unannotated. A source is parquet paths or any table
# object basket.tableio.to_arrow accepts (Arrow, pandas, astropy), hence Any too.


def is_hats(path: str | os.PathLike[str]) -> bool:
    """A HATS catalogue or collection folder (what LSDB opens)."""
    p = Path(path)
    return p.is_dir() and ((p / "hats.properties").is_file() or (p / "collection.properties").is_file())


def catalog_info(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Rows, partitions, columns and margin of a HATS catalogue or collection, from its metadata only."""
    import hats
    from hats.catalog import CatalogCollection
    from hats.catalog.healpix_dataset.healpix_dataset import HealpixDataset

    p = Path(path)
    if not is_hats(p):
        raise BadInput("path", f"{p.name} is not a HATS catalogue (no hats.properties or collection.properties)")
    cat = hats.read_hats(p)
    main = cat.main_catalog if isinstance(cat, CatalogCollection) else cat
    if not isinstance(main, HealpixDataset):  # e.g. an index table: no HEALPix partitions to describe
        raise BadInput("path", f"{p.name} is a HATS {type(main).__name__}, not a catalogue partitioned on the sky")
    props = main.catalog_info
    margin = None
    if isinstance(cat, CatalogCollection) and cat.default_margin:
        margin = cat.default_margin
    return {
        "path": str(p),
        "name": props.catalog_name,
        "rows": int(props.total_rows or 0),
        "partitions": len(main.get_healpix_pixels()),
        "ra_column": props.ra_column,
        "dec_column": props.dec_column,
        "columns": [f.name for f in main.schema] if main.schema else [],
        "margin": margin,
    }


def write_hats(
    source: Any,
    dest: str | os.PathLike[str],
    client: Any,
    *,
    ra_column: str = "ra",
    dec_column: str = "dec",
    margin_arcsec: float = DEFAULT_MARGIN_ARCSEC,
    pixel_threshold: int = PIXEL_THRESHOLD,
    overwrite: bool = False,
    stage: Callable[[str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Write ``source`` (parquet file paths: the hats-import pipeline; an Arrow/pandas/astropy table: LSDB) as a
    HATS collection with a margin at ``dest``, on ``client``. Returns what was written and how long it took.
    ``stage(name)`` is told each stage as it starts; once ``cancelled()`` is true nothing is moved into place."""
    stage = stage or (lambda name: None)
    dest = Path(dest)
    if dest.exists():
        if not overwrite:
            raise BadInput("dest", f"{dest} exists already (overwrite=True replaces it)")
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = dest.parent / f".{dest.name}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    t0 = time.perf_counter()
    try:
        inputs = _parquet_inputs(source)
        stage("partitioning and writing on the cluster")
        if inputs is None:  # a table already in memory: partitioned here, written by the workers
            method = _write_from_table(
                source, work / "out" / dest.name, client, ra_column, dec_column, margin_arcsec, pixel_threshold
            )
        else:
            method = _run_pipeline(
                inputs, work, dest.name, client, ra_column, dec_column, margin_arcsec, pixel_threshold
            )
        if cancelled is not None and cancelled():
            raise EscapeError("cancelled", service=SERVICE, status=409)
        stage("moving the complete catalogue into place")
        os.replace(work / "out" / dest.name, dest)  # complete or absent: never a half-written catalogue
    except BadInput:
        raise
    except Exception as exc:
        if cancelled is not None and cancelled():
            raise EscapeError("cancelled", service=SERVICE, status=409) from exc
        raise EscapeError(f"HATS import failed: {type(exc).__name__}: {exc}", service=SERVICE, status=400) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info = catalog_info(dest)
    info["build_s"] = round(time.perf_counter() - t0, 3)
    info["method"] = method
    return info


def _run_pipeline(
    inputs: list[Path],
    work: Path,
    name: str,
    client: Any,
    ra_column: str,
    dec_column: str,
    margin_arcsec: float,
    pixel_threshold: int,
) -> str:
    """Files on disk, any size: the hats-import pipeline maps, splits and reduces them on the workers."""
    from hats_import import CollectionArguments, pipeline_with_client

    args = (
        CollectionArguments(
            output_artifact_name=name,
            output_path=str(work / "out"),
            progress_bar=False,
            resume=False,
            tmp_dir=str(work / "tmp"),
        )
        .catalog(  # type: ignore[no-untyped-call]  # hats_import's builder method is unannotated
            input_file_list=[str(p) for p in inputs],
            file_reader="parquet",
            ra_column=ra_column,
            dec_column=dec_column,
            pixel_threshold=pixel_threshold,
            output_artifact_name=name,
        )
        .add_margin(margin_threshold=margin_arcsec, is_default=True)
    )
    with client.as_current():  # parts of the pipeline look up the current client
        pipeline_with_client(args, client)
    return "hats-import pipeline"


def _write_from_table(
    source: Any,
    out: Path,
    client: Any,
    ra_column: str,
    dec_column: str,
    margin_arcsec: float,
    pixel_threshold: int,
) -> str:
    """A table that is in memory already: LSDB partitions it here (4-15x faster than the pipeline's stages on
    small tables) and the workers write the partitions and the margin."""
    import lsdb

    from ..basket.tableio import to_arrow
    from .xmatch_dask import decimals_as_floats

    df = decimals_as_floats(to_arrow(source)).to_pandas()
    cat = lsdb.from_dataframe(
        df, ra_column=ra_column, dec_column=dec_column, margin_threshold=margin_arcsec, partition_rows=pixel_threshold
    )
    with client.as_current():
        cat.to_hats(str(out), catalog_name=out.name, as_collection=True, progress_bar=False)
    return "lsdb.from_dataframe + to_hats"


def _parquet_inputs(source: Any) -> list[Path] | None:
    """Parquet paths to import, or None for a table object."""
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    if isinstance(source, (list, tuple)) and all(isinstance(s, (str, os.PathLike)) for s in source):
        paths = [Path(s) for s in source]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise BadInput("source", f"not files: {', '.join(missing)}")
        return paths
    return None


def open_catalog(path: str | os.PathLike[str], *, columns: list[str] | None = None, search_filter: Any = None) -> Any:
    """An LSDB catalogue (with its margin when it is a collection) from a HATS folder (Any: an LSDB Catalog, whose
    methods used here are untyped; ``search_filter`` is an LSDB search object)."""
    import lsdb

    if not is_hats(path):
        raise BadInput("path", f"{path} is not a HATS catalogue (no hats.properties or collection.properties)")
    return lsdb.open_catalog(str(path), columns=columns, search_filter=search_filter)
