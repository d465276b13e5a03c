"""Parsers for values as printed: counts and ranks, missing-value marks, footnote marks.

Each parser either returns a clean value or raises BadValue with the printed text, so
the caller sends the row to rejects instead of guessing or coercing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.errors import PipelineError

# Printed forms of "no value": any dash, "nc"/"n.c.", "nd", an empty cell.
_MISSING = re.compile(r"^(?:[-‐‑‒–—―−/]+|n\.?\s?[cd]\.?|na|n/a|)$", re.IGNORECASE)
# Thousands separators: space, no-break and thin spaces, dot, comma or apostrophe between
# groups of three digits.
_SEPARATED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009.,'’]\d{3})+$")
# Footnote marks after a value (a number or a missing mark): *, †, ‡, superscript digits or
# letters, (1), [a].
_FOOTNOTE = re.compile(
    r"^(?P<number>.*?\S)\s*(?P<note>[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰ᵃᵇᶜ]+|\(\w{1,2}\)|\[\w{1,2}\])$")


class BadValue(PipelineError):
    """A printed value that is not what its column expects."""


@dataclass(frozen=True)
class Count:
    """A parsed whole number with the footnote mark printed beside it, if any."""

    value: int | None
    note: str | None = None


def is_missing(text: str | None) -> bool:
    """True for an empty cell or any printed form of 'no value'."""
    return text is None or bool(_MISSING.match(text.strip()))


def parse_count(text: str | None) -> Count:
    """Read a whole number such as '1 413', '1.413', '2 345*', '-' or 'nc¹' (missing)."""
    if is_missing(text):
        return Count(None)
    cleaned = " ".join(text.split())
    note = None
    marked = _FOOTNOTE.match(cleaned)
    if marked:
        cleaned, note = marked.group("number"), marked.group("note")
    if is_missing(cleaned):
        return Count(None, note)
    if re.fullmatch(r"[0-9]+", cleaned):
        return Count(int(cleaned), note)
    if _SEPARATED.match(cleaned):
        return Count(int(re.sub(r"\D", "", cleaned)), note)
    raise BadValue("not a whole number", text=text)
