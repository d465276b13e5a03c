"""The curated reference vocabulary the schemas check against: the 28 subdivisions.

It lives with the schemas (not the pipeline) because an allowed value is part of a
column's definition: the schemas stand alone, and the pipeline reads the same file for
name resolution (aliases) and the `subdivisions` table.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def subdivision_rows() -> tuple[dict[str, str], ...]:
    """The rows of `reference/subdivisions.csv`, read once per process."""
    path = resources.files("schemas").joinpath("reference", "subdivisions.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def subdivision_ids() -> list[str]:
    """Canonical subdivision ids, the only ones a table may hold."""
    return [row["subdivision_id"] for row in subdivision_rows()]
