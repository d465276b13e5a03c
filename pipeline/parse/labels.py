"""Printed labels kept as data (pudl's column maps): what changes between editions is a CSV row.

`package_data/labels/<extractor>.csv` has the columns `concept,pattern`: each concept
(e.g. the first header cell of the rank table) lists every printed form seen, as a regular
expression matched against the normalised text (lower case, no accents). A new edition
that words a label differently needs a new row there, not new code.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from pipeline.parse.resolve import normalise


@cache
def patterns(extractor: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The label patterns of one extractor, grouped by concept."""
    path = resources.files("pipeline").joinpath("package_data", "labels", f"{extractor}.csv")
    grouped: dict[str, list[re.Pattern[str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            grouped.setdefault(row["concept"], []).append(re.compile(row["pattern"]))
    return {concept: tuple(found) for concept, found in grouped.items()}


def match(extractor: str, concept: str, text: str | None) -> re.Match[str] | None:
    """The first pattern of `concept` found in the normalised `text`, if any."""
    if not text:
        return None
    key = normalise(text)
    for pattern in patterns(extractor)[concept]:
        found = pattern.search(key)
        if found:
            return found
    return None
