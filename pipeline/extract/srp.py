"""SRP-IMG article for new residents: the dated calendar of the start of residency.

Found by what the article says: the bullet list after 'Planning YYYY de la rentrée …'
(YYYY is the year of every date in it) gives one `events` row per bullet that carries a
date: 'Du 3 aout au 14 août = Des simulations …' (a range), 'Le 4 novembre = Premier
jour …', or a date inside the text. The welcome events after 'Planning YYYY des
événements d'accueil' give one row per heading followed by a date line ('📅 le samedi
8 juin 2024'). Every e-mail address and phone number printed goes to `contacts`.
A date that does not exist goes to rejects with the printed text; an event announced
without its date ('Jusqu'au ?? octobre') is kept with NULL dates.
"""

from __future__ import annotations

import re

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_rows import swept_contacts
from pipeline.parse.values import (
    BadValue,
    DateRange,
    UnknownDate,
    parse_date_range,
    search_french_date,
)
from pipeline.structure.outline import Node, Outline

NAME = "srp"
EVENTS = "events"
# 'WHEN = WHAT': the calendar's own separator between the date and the event.
_SEPARATOR = " = "
# Asides inside the date part: '(la date dépend de ta fac)', '“avant 11h”'.
_ASIDE = re.compile(r"\([^)]*\)|[“\"«][^”\"»]*[”\"»]")
# Where a title's first clause ends: end of sentence or an explanation after ' : '.
_CLAUSE_END = re.compile(r"(?<=[.!?])\s|\s:\s")


def _section(found: list[Node], concept: str) -> tuple[int, int] | None:
    """(index, year) of the first node whose text is a title matching `concept`."""
    for index, node in enumerate(found):
        title = labels.match(NAME, concept, node.text)
        if title:
            return index, int(title.group("year"))
    return None


def _title(text: str) -> str:
    """The first clause of an event's description, without end punctuation or pictograms."""
    return _strip_symbols(_CLAUSE_END.split(text.strip(), maxsplit=1)[0])


def read_item(item: Node, year: int) -> tuple[str, DateRange] | None:
    """(title, dates) of a calendar bullet, or None when it carries no date."""
    if _SEPARATOR in item.text:
        when, what = item.text.split(_SEPARATOR, 1)
        return _title(what), parse_date_range(_ASIDE.sub(" ", when), year)
    day = search_french_date(item.text, year)
    return (_title(item.text), DateRange(day)) if day else None


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Events of the calendar and welcome events, and the contacts printed anywhere."""
    found = list(outline.nodes)
    calendar = _section(found, "calendar_title")
    if calendar is None:
        raise ContentNotFound("no calendar ('Planning YYYY de la rentrée …')", path=outline.path)
    start, year = calendar
    items = outline.list_after(start)
    if not items:
        raise ContentNotFound("calendar title without a bullet list under it",
                              path=outline.path, page=found[start].page)
    result = Extraction()
    dated = failed = 0
    for item in items:
        base = {"doc_id": outline.doc_id, "page": item.page}
        try:
            event = read_item(item, year)
        except UnknownDate:
            # Announced without a date yet ('Jusqu'au ?? octobre'): kept, dates NULL.
            result.add(EVENTS, {**base, "title": _strip_symbols(item.text), "start_date": None,
                                "end_date": None, "organization": None,
                                "date_as_printed": item.text})
            continue
        except BadValue as exc:
            result.reject(EVENTS, {**base, "printed": item.text}, exc.describe())
            failed += 1
            continue
        if event:
            title, dates = event
            dated += 1
            result.add(EVENTS, {**base, "title": title, "start_date": dates.start,
                                "end_date": dates.end, "organization": None,
                                "date_as_printed": None})
    result.reports.append(Report(outline.doc_id, items[0].page, EVENTS, "bullets", dated,
                                 dated / (dated + failed) if dated + failed else 0.0))
    result.merge(_welcome_events(outline, entry, found))
    for row in swept_contacts(outline, {"organization": entry.publisher}):
        result.add("contacts", row)
    return result


def _welcome_events(outline: Outline, entry: Entry, found: list[Node]) -> Extraction:
    """Each welcome event: the last non-question heading before a line that is only a date."""
    result = Extraction()
    section = _section(found, "welcome_title")
    if section is None:
        return result
    start, year = section
    heading: str | None = None
    for node in found[start + 1:]:
        if labels.match(NAME, "calendar_title", node.text):
            break
        if node.is_heading and not node.text.rstrip().endswith("?"):
            heading = node.text
            continue
        try:
            day = parse_date_range(node.text, year)
        except BadValue:
            continue  # running text, not a date line
        if heading and not node.is_heading:
            result.add(EVENTS, {"doc_id": outline.doc_id, "page": node.page,
                                "title": _strip_symbols(heading), "start_date": day.start,
                                "end_date": day.end, "organization": entry.publisher})
    return result


def _strip_symbols(text: str) -> str:
    """A heading without the pictograms printed around it ('… le 21 juillet 🍕')."""
    return re.sub(r"^[^\w(]+|[^\w)]+$", "", text)
