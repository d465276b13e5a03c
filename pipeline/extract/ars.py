"""ARS welcome slides: student-health services per city, the ARS staff and referents.

Found by what the slides say, never by page number:
- each 'Dispositifs pour la santé des étudiants – CITY' table (header 'Niveau
  d'intervention | Dispositif | Contact | Structure / Institution') gives one
  `support_services` row per table row, its level resolved to a subdivision ('Région
  ARA' rows: NULL subdivision), and one `contacts` row per phone number or e-mail
  address of its Contact cell;
- the list under 'Vos interlocuteurs' gives the staff (items read 'name : role'; printed
  without marks, the 'name : role' lines under the title);
- the 'Référent | Subdivision' table gives one `contacts` row per referent and
  subdivision covered (a cell may list several people and several subdivisions);
- the 'Un numéro :' / 'Une adresse mail :' pairs give the internship office.
Everything is read from the outline's nodes (sections, tables, list items, pairs): a
table continued on the next page, with or without its header, stays under its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_rows import Row, contact_rows
from pipeline.parse.resolve import subdivision_resolver
from pipeline.structure.outline import Node, Outline
from pipeline.structure.tables import Cells

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
    support = support_tables(outline)
    if not support:
        raise ContentNotFound("no 'Dispositifs pour la santé des étudiants' table (header "
                              "'Niveau d'intervention | Dispositif | Contact | Structure')",
                              path=outline.path)
    result = Extraction()
    for table in support:
        result.merge(_read_support(outline, table))
    result.merge(_referents(outline, entry))
    for row in _staff(outline, entry) + _office(outline, entry):
        result.add(CONTACTS, row)
    return result


def _city(title: str) -> str | None:
    """The CITY of a 'Dispositifs pour la santé des étudiants – CITY' title."""
    parts = re.split(r"\s[–—-]\s", title, maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else None


@dataclass(frozen=True)
class SupportTable:
    """A support table, the city of the title it is printed under, the index of each
    column, and whether its first row is the header (not when it continues a table)."""

    city: str | None
    table: Node
    columns: dict[str, int]
    header: bool = True


def support_tables(outline: Outline) -> list[SupportTable]:
    """Every table under a 'Dispositifs … – CITY' title, by its section.

    A table opens with the header naming the four columns; the next table after one, as
    wide and without a header, with no heading between them (a slide's footer may be),
    goes on with it (continued on the next page or slide).
    """
    found: list[SupportTable] = []
    city: str | None = None
    level: int | None = None  # the title's heading level: its section ends at the next
    previous: Node | None = None
    for node in outline.nodes:
        if node.kind != "table" and labels.match(NAME, "support_title", node.text):
            city, level = _city(node.text), node.level if node.is_heading else None
        elif node.is_heading and level is not None and node.level <= level:
            city = level = None
        elif node.kind == "table" and node.rows:
            columns = header_columns(node.rows[0], SUPPORT_COLUMNS)
            if columns:
                found.append(SupportTable(city, node, columns))
            elif found and found[-1].table is previous and _width(node) == _width(previous):
                found.append(replace(found[-1], table=node, header=False))
        if node.kind == "table" or node.is_heading:  # a slide's footer does not part them
            previous = node
    return found


def _width(table: Node | None) -> int:
    return max((len(row) for row in table.rows), default=0) if table else 0


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


def _read_support(outline: Outline, support: SupportTable) -> Extraction:
    """One support row per table row (after the header), and its contacts."""
    table, city = support.table, support.city
    rows = table.rows[1:] if support.header else table.rows
    result = Extraction()
    for cells in rows:
        values = {c: cells[i] if i < len(cells) else None for c, i in support.columns.items()}
        base = {"doc_id": outline.doc_id, "page": table.page}
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
    result.reports.append(Report(outline.doc_id, table.page, SUPPORT, table.marker, loaded,
                                 loaded / len(rows) if rows else 0.0))
    return result


def _is_surname(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def names_in_cell(text: str) -> list[str]:
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


def _referents(outline: Outline, entry: Entry) -> Extraction:
    """One contact per referent and subdivision of the 'Référent | Subdivision' table."""
    result = Extraction()
    for table in outline.nodes:
        columns = header_columns(table.rows[0], ("referent", "subdivision")) \
            if table.kind == "table" and table.rows else None
        if not columns:
            continue
        role = table.rows[0][columns["referent"]]
        for cells in table.rows[1:]:
            names, covered = cells[columns["referent"]], cells[columns["subdivision"]]
            base = {"doc_id": outline.doc_id, "page": table.page, "role": role,
                    "organization": entry.publisher}
            found = covered_subdivisions(covered or "")
            if not names or not found:
                result.reject(CONTACTS, {**base, "name": names, "subdivision": covered},
                              "referent row without a name or a known subdivision")
                continue
            for name in names_in_cell(names):
                for place in found:
                    result.add(CONTACTS, {**base, "name": name, "scope": place.scope,
                                          "subdivision_id": place.subdivision_id})
    return result


def _listed(outline: Outline, index: int) -> list[Node]:
    """The list under node `index`: its items, or, printed without any mark and not set
    off by an indent, the 'name : role' lines right under it."""
    items = outline.list_after(index)
    if items:
        return items
    pairs: list[Node] = []
    for node in outline.nodes[index + 1:]:
        if node.kind != "key_value":
            break
        pairs.append(node)
    return pairs


def _staff(outline: Outline, entry: Entry) -> list[Row]:
    """The 'name : role' items of the list under 'Vos interlocuteurs'."""
    return [{"doc_id": outline.doc_id, "page": item.page, "name": item.key,
             "role": item.value, "organization": entry.publisher}
            for index in outline.find(lambda n: bool(labels.match(NAME, "staff_title", n.text)))
            for item in _listed(outline, index) if item.key]


def _office(outline: Outline, entry: Entry) -> list[Row]:
    """The office's 'Un numéro :' and 'Une adresse mail :' values (the pair's value, or the
    node's text when it was not read as a pair), one row per value."""
    return [row for node in outline.nodes if node.kind != "table" and any(
                labels.match(NAME, concept, node.key or node.text)
                for concept in ("office_phone", "office_email"))
            for row in contact_rows(node.value or node.text, {
                "doc_id": outline.doc_id, "page": node.page, "organization": entry.publisher})]
