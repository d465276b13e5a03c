"""Curated reference data shipped with the pipeline (the 28 subdivisions and their aliases)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pandas as pd


def _open(name: str):
    return resources.files("pipeline").joinpath("package_data", "reference", name).open(
        encoding="utf-8", newline="")


@cache
def subdivision_rows() -> tuple[dict[str, str], ...]:
    """The rows of `subdivisions.csv`, read once per process."""
    with _open("subdivisions.csv") as handle:
        return tuple(csv.DictReader(handle))


def subdivision_ids() -> list[str]:
    """Canonical subdivision ids, the only ones a table may hold."""
    return [row["subdivision_id"] for row in subdivision_rows()]


def subdivisions_frame() -> pd.DataFrame:
    """The `subdivisions` warehouse table (aliases are kept for analysts too)."""
    return pd.DataFrame(subdivision_rows())[["subdivision_id", "name", "region", "aliases"]]


def subdivision_aliases() -> dict[str, str]:
    """Every printed form we know (id, name, aliases) mapped to its subdivision id."""
    aliases: dict[str, str] = {}
    for row in subdivision_rows():
        names = [row["subdivision_id"], row["name"], *filter(None, row["aliases"].split("|"))]
        for name in names:
            aliases[name] = row["subdivision_id"]
    return aliases
