"""Parsers for values as printed: counts and ranks, missing-value marks, footnote marks, dates.

Each parser either returns a clean value or raises BadValue with the printed text, so
the caller sends the row to rejects instead of guessing or coercing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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


def split_footnote(text: str) -> tuple[str, str | None]:
    """The printed text without its trailing footnote mark, and the mark ('Lyon*' ->
    ('Lyon', '*'), '2 345 (1)' -> ('2 345', '(1)')); white space collapsed."""
    cleaned = " ".join(text.split())
    marked = _FOOTNOTE.match(cleaned)
    return (marked.group("number"), marked.group("note")) if marked else (cleaned, None)


def parse_count(text: str | None) -> Count:
    """Read a whole number such as '1 413', '1.413', '2 345*', '-' or 'nc¹' (missing)."""
    if is_missing(text):
        return Count(None)
    cleaned, note = split_footnote(text)
    if is_missing(cleaned):
        return Count(None, note)
    if re.fullmatch(r"[0-9]+", cleaned):
        return Count(int(cleaned), note)
    if _SEPARATED.match(cleaned):
        return Count(int(re.sub(r"\D", "", cleaned)), note)
    raise BadValue("not a whole number", text=text)


# A day printed as '??' or 'xx': the guide announces the event but not its date yet.
_UNKNOWN_DAY = re.compile(r"\?\?|\bxx\b", re.IGNORECASE)
# French number words as guides print small counts ('deux semestres', 'quatre mois').
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12}
_DATES = "french_dates"


class UnknownDate(BadValue):
    """A date the document itself prints as not yet known ('Jusqu'au ?? octobre')."""


@dataclass(frozen=True)
class DateRange:
    """A single day (end None) or the first and last day of a range."""

    start: date
    end: date | None = None


def parse_number_word(text: str | None) -> int:
    """A small whole number printed in digits or in French words ('six', 'quatre')."""
    from pipeline.parse.resolve import normalise

    key = normalise(text or "")
    if key.isdigit():
        return int(key)
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key]
    raise BadValue("not a number word", text=text)


def _concept_number(prefix: str, word: str) -> int | None:
    """The number of the month ('month_08') or weekday ('weekday_1') concept `word` names."""
    from pipeline.parse import labels

    for concept, found in labels.patterns(_DATES).items():
        if concept.startswith(prefix) and any(p.fullmatch(word) for p in found):
            return int(concept.removeprefix(prefix))
    return None


def month_number(word: str) -> int:
    """1-12 for a French month name, with or without accents ('août', 'aout', 'sept')."""
    from pipeline.parse.resolve import normalise

    key = normalise(word)
    number = int(key) if key.isdigit() else _concept_number("month_", key)
    if number is None or not 1 <= number <= 12:
        raise BadValue("not a month", text=word)
    return number


def _date_key(text: str) -> str:
    """Normalised date text without times of day ('17h', 'minuit') or fillers ('inclus')."""
    from pipeline.parse import labels
    from pipeline.parse.resolve import normalise

    key = normalise(text)
    for concept in ("time", "filler"):
        for pattern in labels.patterns(_DATES)[concept]:
            key = pattern.sub(" ", key)
    return " ".join(key.split())


_DATE = re.compile(r"(?:le )?(?:(?P<weekday>[a-z]+) )?(?P<day>\d{1,2})(?:er)?"
                   r"(?: (?P<month>[a-z]+|\d{1,2}))?(?: (?P<year>\d{4}))?")


def parse_french_date(text: str, year: int | None = None, month: int | None = None) -> date:
    """A date printed in French: 'le mardi 24 septembre 2024', '3 août', '1er mars', '10/10/2019'.

    `year` (and `month`) fill in what is not printed, as in a calendar whose year is in
    its title. A date that does not exist (31 juin), a weekday that does not fit the date,
    or a missing month or year raise BadValue with the printed text.
    """
    if _UNKNOWN_DAY.search(text):
        raise UnknownDate("date not yet known", text=text)
    found = _DATE.fullmatch(_date_key(text))
    if not found:
        raise BadValue("not a French date", text=text)
    try:
        month = month_number(found["month"]) if found["month"] else month
    except BadValue as exc:
        raise BadValue(f"not a month: {found['month']!r}", text=text) from exc
    year = int(found["year"]) if found["year"] else year
    if month is None or year is None:
        raise BadValue("date without month or year", text=text)
    try:
        day = date(year, month, int(found["day"]))
    except ValueError as exc:
        raise BadValue(f"no such date ({exc})", text=text) from exc
    if found["weekday"]:
        weekday = _concept_number("weekday_", found["weekday"])
        if weekday is None:
            raise BadValue(f"not a weekday: {found['weekday']!r}", text=text)
        if weekday != day.weekday():
            raise BadValue(f"weekday does not match {day.isoformat()}", text=text)
    return day


def parse_date_range(text: str, year: int | None = None) -> DateRange:
    """A day or a range: 'Du 3 aout au 14 août', 'Du 1 au 4 octobre', 'Le 21 et 22 octobre'.

    The first day borrows the month and year of the last when it does not print them.
    A range that ends before it starts raises BadValue.
    """
    from pipeline.parse import labels

    if _UNKNOWN_DAY.search(text):
        raise UnknownDate("date not yet known", text=text)
    key = _date_key(text)
    for pattern in labels.patterns(_DATES)["range"]:
        found = pattern.fullmatch(key)
        if found:
            end = parse_french_date(found["end"], year)
            start = parse_french_date(found["start"], end.year, end.month)
            if start > end:
                raise BadValue("range ends before it starts", text=text)
            return DateRange(start, end)
    return DateRange(parse_french_date(text, year))


def search_french_date(text: str, year: int | None = None) -> date | None:
    """The first day-and-month date inside running text ('… Nationales le 17 juin, …').

    Only a day followed by a month name counts, so counts ('6 tours') are not taken for
    dates; a found date that does not exist raises BadValue, a day printed as unknown
    ('?? octobre') raises UnknownDate.
    """
    from pipeline.parse import labels

    if _UNKNOWN_DAY.search(text):
        raise UnknownDate("date not yet known", text=text)

    months = "|".join(p.pattern for concept, found in labels.patterns(_DATES).items()
                      if concept.startswith("month_") for p in found)
    found = re.search(rf"\b\d{{1,2}}(?:er)? (?:{months})(?: \d{{4}})?\b", _date_key(text))
    return parse_french_date(found.group(0), year) if found else None
