"""Map printed names (city labels, hospitals, people) onto canonical ids with rapidfuzz.

A label is first normalised (case, accents, punctuation, "St" for "Saint"), then looked up
among the known aliases; failing an exact hit, the closest alias by rapidfuzz wins only
when it scores above the threshold and clearly beats the best alias of any other id.
Anything else is not guessed: the caller gets the reason and sends the row to rejects.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

THRESHOLD = 86.0
MARGIN = 6.0
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "fd": "ferrand", "idf": "ile de france"}


def normalise(label: str) -> str:
    """Lower-case ASCII words: 'Saint-Étienne', 'ST ETIENNE' and 'st-etienne' all agree."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


@dataclass(frozen=True)
class Match:
    """The outcome of resolving one label: an id, or None and why not."""

    label: str
    id: str | None
    score: float
    candidate: str | None = None

    @property
    def reason(self) -> str:
        if self.id:
            return ""
        if self.candidate is None:
            return f"label {self.label!r} matches no known name"
        return (f"label {self.label!r} not resolved with confidence "
                f"(closest {self.candidate!r}, score {self.score:.0f} < {THRESHOLD:.0f} "
                f"or ambiguous)")


class Resolver:
    """Resolves labels against a table of known names (alias -> id)."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self._ids: dict[str, str] = {}
        for alias, ident in aliases.items():
            self._ids.setdefault(normalise(alias), ident)
        self._choices = list(self._ids)

    def resolve(self, label: str) -> Match:
        key = normalise(label)
        if not key:
            return Match(label, None, 0.0)
        if key in self._ids:
            return Match(label, self._ids[key], 100.0, key)
        ranked = process.extract(key, self._choices, scorer=fuzz.ratio, limit=10)
        if not ranked:
            return Match(label, None, 0.0)
        best, score, _ = ranked[0]
        rival = next((s for c, s, _ in ranked[1:] if self._ids[c] != self._ids[best]), 0.0)
        if score >= THRESHOLD and score - rival >= MARGIN:
            return Match(label, self._ids[best], score, best)
        return Match(label, None, score, best)


@cache
def subdivision_resolver() -> Resolver:
    """The resolver for subdivision labels, built once per process."""
    from pipeline.parse.reference import subdivision_aliases

    return Resolver(subdivision_aliases())
