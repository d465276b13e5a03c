"""Curated reference data: the 28 subdivisions and their aliases (`schemas/reference/`)."""

from __future__ import annotations

import pandas as pd

from schemas._reference import subdivision_rows


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
