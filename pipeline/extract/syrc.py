"""SYRC-IMG 'Formation pratique' page: the placement semesters and how a placement is validated.

Found by what the page says, never by page number:
- under the heading '… se compose de six semestres de stage', each group heading
  ('A) Deux semestres obligatoires dans des services … hospitaliers …') announces a
  number of semesters and a setting, and each bullet under it is one semester
  (`training_requirements`, requirement 'placement'). A group whose bullets do not add
  up to the number it announces is rejected, as is a total that differs from the title;
- under 'Conditions de validation d'un stage', each bullet is a condition
  (requirement 'validation'); 'une présence de quatre mois effectifs minimum sur les
  six' gives the minimum presence and the period in months;
- a person named in brackets after a function ('Directeur du Département de Médecine
  Générale (Dr PERROT)') and any e-mail or phone printed go to `contacts`.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_rows import swept_contacts
from pipeline.parse.values import BadValue, parse_number_word
from pipeline.structure.outline import Node, Outline

NAME = "syrc"
TABLE = "training_requirements"
SETTINGS = {"setting_hospital": "hospital", "setting_ambulatory": "ambulatory",
            "setting_approved_site": "approved-site"}
# The bullet's first clause names the placement ('un au titre de la médecine d’urgence').
_CLAUSE_END = re.compile(r"\s*(?:[:.(]|$)")
# A function followed by the person holding it in brackets: '… Générale (Dr PERROT)'.
_PERSON = re.compile(r"(?P<role>[A-ZÉÈ][\w’'-]+(?:\s+(?:(?:du|de|des|de la|d’|d')\s*)?"
                     r"[A-ZÉÈ][\w’'-]+)*)\s*\((?P<name>(?:Dr|Pr|Mme|M)\.?\s+[^()]+)\)")


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Placement semesters, validation conditions and contacts of the page."""
    found = list(outline.nodes)
    title = next((i for i, b in enumerate(found)
                  if b.is_heading and labels.match(NAME, "semesters_title", b.text)), None)
    if title is None:
        raise ContentNotFound("no heading '… se compose de N semestres de stage'",
                              path=outline.path)
    result = _placements(outline, entry, found, title)
    result.merge(_validation(outline, entry, found))
    for row in _people(outline, found) + swept_contacts(
            outline, {"organization": entry.publisher}):
        result.add("contacts", row)
    return result


def _base(outline: Outline, entry: Entry, node: Node, requirement: str) -> dict[str, Any]:
    return {"doc_id": outline.doc_id, "page": node.page, "specialty": entry.specialty,
            "requirement": requirement, "text_as_printed": node.text}


def _setting(text: str) -> str | None:
    return next((value for concept, value in SETTINGS.items()
                 if labels.match(NAME, concept, text)), None)


def _reserved_for(text: str) -> str | None:
    found = labels.match(NAME, "reserved", text)
    return found.group("year").upper() if found else None


def _groups(found: list[Node], title: int) -> list[tuple[Node, list[Node]]]:
    """Each group heading after the title with the bullets under it, up to the next section
    (a heading that is not a group, printed at the groups' level or above)."""
    groups: list[tuple[Node, list[Node]]] = []
    for node in found[title + 1:]:
        if node.is_heading and labels.match(NAME, "group", node.text):
            groups.append((node, []))
        elif node.is_heading and groups and node.level <= groups[0][0].level:
            break  # the next section: a heading at the groups' level or above
        elif node.kind == "list_item" and groups:
            groups[-1][1].append(node)
    return groups


def _placements(outline: Outline, entry: Entry, found: list[Node], title: int) -> Extraction:
    result = Extraction()
    groups = _groups(found, title)
    loaded = 0
    for heading, bullets in groups:
        group = labels.match(NAME, "group", heading.text)
        rows = [{**_base(outline, entry, bullet, "placement"),
                 "group_letter": group.group("letter").upper(), "group_label": heading.text,
                 "setting": _setting(heading.text), "semesters": 1,
                 "placement": _CLAUSE_END.split(bullet.text, maxsplit=1)[0],
                 "reserved_for": _reserved_for(bullet.text)} for bullet in bullets]
        try:
            announced = parse_number_word(group.group("count"))
        except BadValue as exc:
            announced, reason = None, exc.describe()
        else:
            reason = f"group announces {announced} semesters but lists {len(rows)}"
        if announced != len(rows) or not rows:
            for row in rows or [_base(outline, entry, heading, "placement")]:
                result.reject(TABLE, row, reason)
            continue
        loaded += len(rows)
        for row in rows:
            result.add(TABLE, row)
    total = parse_number_word(labels.match(NAME, "semesters_title", found[title].text)
                              .group("count"))
    if loaded != total:
        result.reject(TABLE, _base(outline, entry, found[title], "placement"),
                      f"title announces {total} semesters, groups give {loaded}")
    result.reports.append(Report(outline.doc_id, found[title].page, TABLE, "headings",
                                 loaded, min(loaded, total) / total if total else 0.0))
    return result


def _validation(outline: Outline, entry: Entry, found: list[Node]) -> Extraction:
    """One 'validation' row per bullet under the 'Conditions de validation' heading."""
    result = Extraction()
    start = next((i for i, b in enumerate(found)
                  if b.is_heading and labels.match(NAME, "validation_title", b.text)), None)
    if start is None:
        return result
    for bullet in outline.list_after(start):
        row = _base(outline, entry, bullet, "validation")
        presence = labels.match(NAME, "presence", bullet.text)
        if presence:
            try:
                row["min_presence_months"] = parse_number_word(presence.group("months"))
                row["period_months"] = parse_number_word(presence.group("period"))
            except BadValue as exc:
                result.reject(TABLE, row, exc.describe())
                continue
        result.add(TABLE, row)
    return result


def _people(outline: Outline, found: list[Node]) -> list[dict[str, Any]]:
    """People named in brackets after their function ('Directeur … (Dr PERROT)')."""
    return [{"doc_id": outline.doc_id, "page": node.page, "name": match.group("name"),
             "role": match.group("role")}
            for node in found for match in _PERSON.finditer(node.text)]
