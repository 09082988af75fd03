"""Counting plotted values into bins (histograms, densities), a chunk of rows at a time.

Binning a million rows in whole-array steps made four 8 MB temporaries per density. In a server that has just
started, every page of them is a fresh page fault, and numpy asks for huge pages on arrays of 4 MiB or more
(core/hugepages.py): the first density spent 0.05-0.25 s of system time there against 15 ms of arithmetic. Here
the rows go through two scratch arrays of ``CHUNK`` values, reused from chunk to chunk, and are counted with
``np.add.at`` into one array of counts: a density touches well under a megabyte of new memory, whatever the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHUNK = 1 << 16  # rows at a time: scratch arrays of 512 KB


@dataclass
class Axis:
    """One binned axis: its values (log10 already taken on a log axis), the binned interval and the bins."""

    values: np.ndarray
    lo: float
    hi: float
    n: int
    limited: bool  # the interval was given: values outside it are not counted (else it is the values' extent)


def extent(values: np.ndarray, log: bool, given: list[float] | None) -> tuple[float, float] | None:
    """The interval to bin: the given one (log10 of it on a log axis), else the values' own extent (None if none)."""
    if given:
        lo, hi = given
        return (float(np.log10(lo)), float(np.log10(hi))) if log and lo > 0 else (lo, hi)
    if not values.size:
        return None
    lo, hi = float(values.min()), float(values.max())
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def edges(lo: float, hi: float, n: int, log: bool) -> list[float]:
    spaced = np.linspace(lo, hi, n + 1)
    out: list[float] = (10**spaced if log else spaced).tolist()
    return out


def count(axes: list[Axis], chosen: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Rows per cell, cells in row-major order (the last axis varies fastest: a density's y then x), and the same
    for the rows where ``chosen`` is true. A value's bin is ``floor((v - lo) / (hi - lo) * n)``, the last bin
    closed (a value equal to ``hi`` falls in it)."""
    cells = int(np.prod([axis.n for axis in axes]))
    counts = np.zeros(cells + 1, np.int64)  # the extra last cell takes the rows outside a given interval
    picked = np.zeros(cells + 1, np.int64) if chosen is not None else None
    size = axes[0].values.size
    scaled = np.empty(min(size, CHUNK))
    cell = np.empty(min(size, CHUNK), np.int64)
    for start in range(0, size, CHUNK):
        stop = min(start + CHUNK, size)
        into, index = cell[: stop - start], scaled[: stop - start]
        into.fill(0)
        outside: np.ndarray | None = None
        for axis in axes:
            values = axis.values[start:stop]
            np.subtract(values, axis.lo, out=index)
            index /= axis.hi - axis.lo
            index *= axis.n
            np.floor(index, out=index)
            np.clip(index, 0, axis.n - 1, out=index)
            into *= axis.n
            np.add(into, index, out=into, casting="unsafe")  # whole numbers below 2**53: exact
            if axis.limited:
                out = (values < axis.lo) | (values > axis.hi)
                outside = out if outside is None else outside | out
        if outside is not None:
            into[outside] = cells
        np.add.at(counts, into, 1)
        if picked is not None and chosen is not None:
            np.add.at(picked, into[chosen[start:stop]], 1)
    return counts[:cells], None if picked is None else picked[:cells]
