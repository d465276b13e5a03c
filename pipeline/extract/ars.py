"""ARS welcome slides: student-health services per city, the ARS staff and referents.

Found by what the slides say, never by page number:
- each 'Dispositifs pour la santé des étudiants – CITY' table (header 'Niveau
  d'intervention | Dispositif | Contact | Structure / Institution') gives one
  `support_services` row per table row, its level resolved to a subdivision ('Région
  ARA' rows: NULL subdivision), and one `contacts` row per phone number or e-mail
  address of its Contact cell;
- the bullet list under 'Vos interlocuteurs' gives the staff (name : role);
- the 'Référent | Subdivision' table gives one `contacts` row per referent and
  subdivision covered (a cell may list several people and several subdivisions);
- the 'Un numéro' / 'Une adresse mail' lines give the internship office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_info import emails, phones
from pipeline.parse.contact_rows import Row, contact_rows
from pipeline.parse.resolve import subdivision_resolver
from pipeline.pdf.model import Document, Line
from pipeline.structure.layout import strip_bullet
from pipeline.structure.outline import Outline
from pipeline.structure.tables import Cells, Grid, grids

NAME = "ars"
SUPPORT = "support_services"
CONTACTS = "contacts"
SUPPORT_COLUMNS = ("level", "device", "contact", "structure")
# A level printing several cities ('Lyon / Saint-Etienne') separates them with a slash.
_LEVEL_SEPARATOR = re.compile(r"\s*/\s*")
# Longest run of words tried as one subdivision name ('Clermont-Ferrand', 'La Réunion').
_MAX_NAME_WORDS = 3


def header_columns(row: Cells, concepts: tuple[str, ...]) -> dict[str, int] | None:
    """Column index of each concept when `row` is a header naming all of them, else None."""
    found = {}
    for index, cell in enumerate(row):
        concept = next((c for c in concepts if labels.match(NAME, c, cell)), None)
        if concept and concept not in found:
            found[concept] = index
    return found if set(found) == set(concepts) else None


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Support services, their contacts, the staff, the referents and the office contacts."""
    document = outline.document  # not yet read from the outline nodes
    support = [g for g in grids(document) if header_columns(g.header, SUPPORT_COLUMNS)]
    if not support:
        raise ContentNotFound("no 'Dispositifs pour la santé des étudiants' table (header "
                              "'Niveau d'intervention | Dispositif | Contact | Structure')",
                              path=document.path)
    result = Extraction()
    for grid in support:
        result.merge(_read_support(document, grid))
    result.merge(_referents(document, entry))
    for row in _staff(document, entry) + _office(document, entry):
        result.add(CONTACTS, row)
    return result


def _title_city(document: Document, page_number: int) -> str | None:
    """The CITY of the last 'Dispositifs pour la santé des étudiants – CITY' title so far."""
    for number in range(page_number, 0, -1):
        titles = [line.text for line in document.pages[number - 1].lines
                  if labels.match(NAME, "support_title", line.text)]
        if titles:
            parts = re.split(r"\s[–—-]\s", titles[-1], maxsplit=1)
            return parts[1].strip() if len(parts) == 2 else None
    return None


@dataclass(frozen=True)
class Level:
    """A level cell resolved: subdivision id (None for region-wide) or why it failed."""

    subdivision_id: str | None
    reason: str = ""


def resolve_level(level: str, city: str | None) -> Level:
    """The subdivision of a level cell; a multi-city level takes the table's own city."""
    if labels.match(NAME, "region", level):
        return Level(None)
    matches = [subdivision_resolver().resolve(p) for p in _LEVEL_SEPARATOR.split(level) if p]
    failed = [m for m in matches if m.id is None]
    if failed:
        return Level(None, failed[0].reason)
    ids = list(dict.fromkeys(m.id for m in matches))
    if len(ids) == 1:
        return Level(ids[0])
    own = subdivision_resolver().resolve(city).id if city else None
    if own in ids:
        return Level(own)
    return Level(None, f"level {level!r} names several subdivisions and none is the "
                       f"table's city {city!r}")


def _read_support(document: Document, grid: Grid) -> Extraction:
    columns = header_columns(grid.header, SUPPORT_COLUMNS) or {}
    city = _title_city(document, grid.pages[0])
    result = Extraction()
    for cells, page in zip(grid.rows[1:], grid.pages[1:], strict=True):
        values = {c: cells[i] if i < len(cells) else None for c, i in columns.items()}
        base = {"doc_id": document.doc_id, "page": page}
        row = {**base, "level_as_printed": values["level"], "device": values["device"],
               "contact_raw": values["contact"], "structure": values["structure"]}
        level = resolve_level(values["level"] or "", city)
        if level.reason:
            result.reject(SUPPORT, row, level.reason)
            continue
        result.add(SUPPORT, {**row, "subdivision_id": level.subdivision_id})
        for contact in contact_rows(values["contact"], {
                **base, "name": values["device"], "organization": values["structure"],
                "subdivision_id": level.subdivision_id}):
            result.add(CONTACTS, contact)
    loaded = len(result.rows.get(SUPPORT, []))
    total = len(grid.rows) - 1
    result.reports.append(Report(document.doc_id, grid.pages[0], SUPPORT, grid.strategy,
                                 loaded, loaded / total if total else 0.0))
    return result


def _is_surname(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def people(text: str) -> list[str]:
    """Names in a cell listing several people ('Cindy ROBERT Hugo TALLET' -> two names).

    A name ends with its upper-case surname; the next capitalised first name starts a new one.
    """
    names: list[list[str]] = []
    for word in text.split():
        if not names or (_is_surname(names[-1][-1]) and not _is_surname(word)):
            names.append([])
        names[-1].append(word)
    return [" ".join(name) for name in names]


@dataclass(frozen=True)
class Covered:
    """One subdivision named in a referent's cell and the qualifier printed after it."""

    label: str
    subdivision_id: str
    scope: str | None


def covered_subdivisions(text: str) -> list[Covered]:
    """Split 'Lyon MG Pharmacie Grenoble Saint-Etienne (MG)' at each subdivision name.

    Only an exact name or alias starts a new subdivision (no fuzzy guess inside free
    text); the words that follow, up to the next name, are its scope.
    """
    words = text.split()
    found: list[tuple[str, str, list[str]]] = []
    index = 0
    while index < len(words):
        for size in range(min(_MAX_NAME_WORDS, len(words) - index), 0, -1):
            label = " ".join(words[index:index + size])
            match = subdivision_resolver().resolve(label)
            if match.id and match.score == 100.0:
                found.append((label, match.id, []))
                index += size
                break
        else:
            if found:
                found[-1][2].append(words[index])
            index += 1
    return [Covered(label, ident, " ".join(scope).strip("() ") or None)
            for label, ident, scope in found]


def _referents(document: Document, entry: Entry) -> Extraction:
    result = Extraction()
    for grid in grids(document):
        columns = header_columns(grid.header, ("referent", "subdivision"))
        if not columns:
            continue
        role = grid.header[columns["referent"]]
        for cells, page in zip(grid.rows[1:], grid.pages[1:], strict=True):
            names, covered = cells[columns["referent"]], cells[columns["subdivision"]]
            base = {"doc_id": document.doc_id, "page": page, "role": role,
                    "organization": entry.publisher}
            found = covered_subdivisions(covered or "")
            if not names or not found:
                result.reject(CONTACTS, {**base, "name": names, "subdivision": covered},
                              "referent row without a name or a known subdivision")
                continue
            for name in people(names):
                for place in found:
                    result.add(CONTACTS, {**base, "name": name, "scope": place.scope,
                                          "subdivision_id": place.subdivision_id})
    return result


def _staff(document: Document, entry: Entry) -> list[Row]:
    """'Vos interlocuteurs' bullets ('• Hélène DOUMAYROU : Responsable de l'internat')."""
    rows: list[Row] = []
    for page in document.pages:
        lines = page.lines
        for index, line in enumerate(lines):
            if labels.match(NAME, "staff_title", line.text):
                rows += [{"doc_id": document.doc_id, "page": page.number, "name": name,
                          "role": role, "organization": entry.publisher}
                         for name, role in _bullets(lines[index + 1:])]
    return rows


def _bullets(lines: tuple[Line, ...]) -> list[tuple[str, str]]:
    """(name, role) of the 'name : role' bullet lines that follow a title, up to the first other."""
    found = []
    for line in lines:
        text = line.text.strip()
        item = strip_bullet(text).strip()
        if not text or item == text or " : " not in item:
            break
        name, role = item.split(" : ", 1)
        found.append((name.strip(), role.strip()))
    return found


def _office(document: Document, entry: Entry) -> list[Row]:
    """The office's 'Un numéro :' and 'Une adresse mail :' values (same or next line)."""
    finders = {"office_phone": ("phone", phones), "office_email": ("email", emails)}
    rows: list[Row] = []
    for page in document.pages:
        lines = page.lines
        for index, line in enumerate(lines):
            for concept, (column, finder) in finders.items():
                if not labels.match(NAME, concept, line.text):
                    continue
                values = finder(" ".join(x.text for x in lines[index:index + 2]))
                rows += [{"doc_id": document.doc_id, "page": page.number,
                          "organization": entry.publisher, column: value}
                         for value in values[:1]]
    return rows
