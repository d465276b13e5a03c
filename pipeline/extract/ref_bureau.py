"""The bureau of the publishing section (names, roles, cities) and its own e-mail address.

The bureau is printed after a bold 'Le Bureau :' line as a grid of centred captions: each
person is three stacked lines (name, role, city), several people side by side. Lines are
cut into columns where words are far apart, and each column's pieces are matched across
the three lines by their centres. The block ends at the next bold line or the page end.
Addresses printed on the page of the bureau ('nous contacter : sectionref@gmail.com')
become contacts of the publisher.
"""

from __future__ import annotations

from itertools import pairwise

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_info import emails
from pipeline.parse.resolve import subdivision_resolver
from pipeline.pdf.model import Line, Page, Word
from pipeline.structure.outline import Outline

NAME = "ref_bureau"
# Words further apart than this many line heights belong to different columns.
COLUMN_GAP = 2.0
# Person blocks are separated by a vertical gap larger than this many line heights.
BLOCK_GAP = 1.0
FIELDS = ("name", "role", "city")


def _pieces(line: Line) -> list[tuple[Word, ...]]:
    """A line cut where two words are further apart than COLUMN_GAP line heights."""
    height = max(line.bottom - line.top, 1.0)
    pieces: list[list[Word]] = [[line.words[0]]]
    for previous, word in pairwise(line.words):
        if word.x0 - previous.x1 > COLUMN_GAP * height:
            pieces.append([])
        pieces[-1].append(word)
    return [tuple(p) for p in pieces]


def _centre(words: tuple[Word, ...]) -> float:
    return (words[0].x0 + words[-1].x1) / 2


def bureau_lines(page: Page) -> list[Line] | None:
    """The lines of the bureau grid, or None when the page has no 'Le Bureau' line."""
    lines = page.lines
    start = next((i for i, line in enumerate(lines) if labels.match(NAME, "bureau", line.text)),
                 None)
    if start is None:
        return None
    grid = []
    for line in lines[start + 1:]:
        if all(w.bold for w in line.words) or (line.text.isdigit() and line.top > page.height * .9):
            break
        grid.append(line)
    return grid


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into rows of people by vertical gaps."""
    blocks: list[list[Line]] = []
    for line in lines:
        height = max(line.bottom - line.top, 1.0)
        if blocks and line.top - blocks[-1][-1].bottom <= BLOCK_GAP * height:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def people(lines: list[Line]) -> list[dict[str, str]]:
    """Each person of the grid as {'name', 'role', 'city'} as printed, left to right."""
    found = []
    for block in _blocks(lines):
        columns = [_pieces(line) for line in block]
        for piece in columns[0]:
            person = {"name": " ".join(w.text for w in piece)}
            for field, pieces in zip(FIELDS[1:], columns[1:], strict=False):
                nearest = min(pieces, key=lambda p: abs(_centre(p) - _centre(piece)))
                person[field] = " ".join(w.text for w in nearest)
            found.append(person)
    return found


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Contacts: one row per bureau member (subdivision from the city) and per address."""
    document = outline.document  # not yet read from the outline nodes
    result = Extraction()
    for page in document.pages:
        lines = bureau_lines(page)
        if lines is None:
            continue
        base = {"doc_id": document.doc_id, "page": page.number, "organization": entry.publisher,
                "phone": None, "url": None}
        members = people(lines)
        for person in members:
            match = subdivision_resolver().resolve(person.get("city", ""))
            row = {**base, "name": person["name"], "role": person.get("role"),
                   "subdivision_id": match.id, "email": None}
            if match.id is None:
                result.reject("contacts", row, match.reason)
            else:
                result.add("contacts", row)
        for email in emails(page.text):
            result.add("contacts", {**base, "name": None, "role": None, "subdivision_id": None,
                                    "email": email})
        result.reports.append(Report(document.doc_id, page.number, NAME, "captions",
                                     len(members), 1.0))
        return result
    raise ContentNotFound("no bureau ('Le Bureau :' line)", path=document.path)
