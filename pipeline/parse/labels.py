"""Printed labels kept as data (pudl's column maps): what changes between editions is a CSV row.

`package_data/labels/<extractor>.csv` has the columns `concept,pattern`: each concept
(e.g. the first header cell of the rank table) lists its wordings as regular expressions
matched against the label's key (`key`), so a pattern is written once per wording, never
once per spelling. A new edition that words a label differently needs a new row there, not
new code.

`key` is the one normalisation rule: `package_data/labels/wording.csv` (columns
`category,form,canonical`) lists spellings by category, and each is folded onto one form:
inclusive writing ('Interne(s) référent(s)', 'Président·e·s', 'référent.e.s') onto the
word it marks; then case, accents, hyphens and punctuation ('Mise-à-jour' = 'mise a
jour'); then whole words or phrases onto their canonical wording ('MAJ', 'mis à jour',
'actualisée' = 'mise a jour'; 'EDN', 'ECNi' = 'ecn'; 'email' = 'e mail').
Singular and plural, masculine and feminine endings stay in the patterns as optional
endings ('referent(?:e|s|es)?'), since a key must keep a city's name as printed.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
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


Folds = tuple[tuple[re.Pattern[str], str], ...]


@cache
def _wording() -> tuple[Folds, Folds]:
    """wording.csv compiled in two stages: inclusive marks, which act on the printed text
    right after a letter (their punctuation is what the normalisation drops), and every
    other category, which acts on whole words of the normalised text."""
    path = resources.files("pipeline").joinpath("package_data", "labels", "wording.csv")
    printed: list[tuple[re.Pattern[str], str]] = []
    words: list[tuple[re.Pattern[str], str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["category"] == "inclusive":
                printed.append((re.compile(rf"(?<=\w)(?:{row['form']})(?!\w)"), row["canonical"]))
            else:
                words.append((re.compile(rf"\b(?:{row['form']})\b"), row["canonical"]))
    return tuple(printed), tuple(words)


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The form of a printed label its patterns are matched against: one rule for every
    category of spelling wording.csv lists (see the module's docstring)."""
    printed, words = _wording()
    for pattern, canonical in printed:
        text = pattern.sub(canonical, text)
    folded = normalise(text)
    for pattern, canonical in words:
        folded = pattern.sub(canonical, folded)
    return folded


def match(extractor: str, concept: str, text: str | None) -> re.Match[str] | None:
    """The first pattern of `concept` found in the key of `text`, if any."""
    if not text:
        return None
    folded = key(text)
    for pattern in patterns(extractor)[concept]:
        found = pattern.search(folded)
        if found:
            return found
    return None
