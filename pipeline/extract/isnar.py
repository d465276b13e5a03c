"""Subdivision fiches of the ISNAR-IMG guide: local union, its contacts, its hospitals.

Each subdivision has a fiche, a box of the outline: the association's acronym, its postal
address, a 'Président(e) :' pair, e-mail and web site, then 'CHU : … / Périphs :' and one
list item per département naming the towns of the peripheral hospitals. The name of the
subdivision is printed right under the box (the title of its map).

Fiches are found by what they say (package_data/labels/isnar.csv: a box with a
'Président' or 'CHU' line, or 'Périphs', and an e-mail), never by page or position. The
head of a fiche is read line by line as printed (each line of an address block is a
field). Every e-mail and phone number of the guide also becomes a `contacts` row
(`contact_rows.swept_contacts`); those of a fiche carry the association, its president
and subdivision.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_info import emails, normal_url, phones, urls
from pipeline.parse.contact_rows import swept_contacts
from pipeline.parse.resolve import subdivision_resolver
from pipeline.structure.layout import mend_broken_words
from pipeline.structure.outline import Node, Outline

NAME = "isnar"
# How the fiches are read, as the extraction report names it: their lines, column by column.
STRATEGY = "column_lines"
# A line that is only a domain name ('simban.fr') is the association's web site.
_BARE_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}/?$", re.IGNORECASE)


@dataclass(frozen=True)
class Fiche:
    """The nodes of one fiche box and the first line printed right under it."""

    page: int
    nodes: tuple[Node, ...]
    title: str | None

    @property
    def lines(self) -> list[str]:
        """The fiche's lines as printed."""
        return [line for node in self.nodes for line in node.lines]


@dataclass(frozen=True)
class Union:
    """One association of a fiche (most fiches have one; Antilles-Guyane lists several)."""

    name: str
    email: str | None
    address: str | None = None
    president: str | None = None
    role: str | None = None
    website: str | None = None


def _label_at(concept: str, text: str) -> int | None:
    """Index of the first word of `text` that is the printed label of `concept`."""
    for index, word in enumerate(text.split()):
        if labels.match(NAME, concept, word.rstrip(":")):
            return index
    return None


def _is_fiche(lines: list[str]) -> bool:
    """A box is a fiche when it has an e-mail and a 'Président'/'CHU' line or 'Périphs'."""
    starts = any(_label_at(c, line) == 0 for line in lines for c in ("president", "chu"))
    periphs = any(_label_at("periphs", line) is not None for line in lines)
    return (starts or periphs) and any(emails(line) for line in lines)


def fiches(outline: Outline) -> list[Fiche]:
    """Every subdivision fiche of the guide, in reading order."""
    inside: dict[int, list[int]] = defaultdict(list)
    for index, node in enumerate(outline.nodes):
        if node.box is not None:
            inside[node.box].append(index)
    found = []
    for box, indexes in sorted(inside.items(), key=lambda item: item[1][0]):
        nodes = tuple(outline.nodes[i] for i in indexes)
        if not _is_fiche([line for node in nodes for line in node.lines]):
            continue
        under = outline.nodes[indexes[-1] + 1] if indexes[-1] + 1 < len(outline.nodes) else None
        title = (under.lines or (under.text,))[0] if under and under.kind != "table" else None
        found.append(Fiche(outline.boxes[box].page, nodes, title))
    return found


def _after_label(text: str, label: int) -> str:
    """The text after a label word: after its colon when printed, else after the word."""
    rest = " ".join(text.split()[label:])
    after = rest.partition(":")[2] if ":" in rest else rest.partition(" ")[2]
    return " ".join(after.split())


def _before_label(text: str, label: int | None) -> str:
    return " ".join(text.split()[:label]) if label is not None else text


def _website(text: str) -> str | None:
    """The web address of a fiche line: a URL, or a line that is only a domain name."""
    found = urls(text)
    if found:
        return found[0]
    return normal_url(text) if _BARE_DOMAIN.match(text) and "@" not in text else None


def _opening(nodes: tuple[Node, ...], concept: str, start: bool) -> int | None:
    """Index of the first node whose text opens with (or, start=False, holds) the label."""
    for index, node in enumerate(nodes):
        at = _label_at(concept, node.text)
        if at is not None and (at == 0 or not start):
            return index
    return None


def split_fiche(fiche: Fiche) -> tuple[list[str], str | None, list[str]]:
    """The fiche's head lines (association), its CHU text and its 'Périphs' items.

    'CHU :' opens the hospital part; its text runs on until the 'Périphs' label, which
    may share its node ('CHU : Brest / Périphs :') and is followed by the items of the
    list, one per département; a node that is not an item goes on with the item above.
    """
    chu_at = _opening(fiche.nodes, "chu", start=True)
    periphs_at = _opening(fiche.nodes, "periphs", start=False)
    starts = [i for i in (chu_at, periphs_at) if i is not None]
    end = min(starts) if starts else len(fiche.nodes)
    head = [line for node in fiche.nodes[:end] for line in node.lines]
    chu = None
    if chu_at is not None:
        last = periphs_at if periphs_at is not None else len(fiche.nodes) - 1
        text = " ".join(node.text for node in fiche.nodes[chu_at:last + 1])
        text = _before_label(_after_label(text, 0), _label_at("periphs", _after_label(text, 0)))
        chu = mend_broken_words(text).strip(" :/") or None
    return head, chu, _items(fiche.nodes, periphs_at)


def _items(nodes: tuple[Node, ...], periphs_at: int | None) -> list[str]:
    """The 'Périphs' items: the text after the label, then one per list item."""
    if periphs_at is None:
        return []
    label = nodes[periphs_at]
    items = [_after_label(label.text, _label_at("periphs", label.text) or 0)]
    for node in nodes[periphs_at + 1:]:
        if node.kind == "list_item" or not items[-1]:
            items.append(node.text)
        else:
            items[-1] = mend_broken_words(f"{items[-1]} {node.text}")
    return [item for item in items if item]


def unions(head: list[str]) -> list[Union]:
    """The association(s) of a fiche head.

    A head listing several associations prints a line 'Place - ACRONYM :' right above
    each e-mail; otherwise the head is one association whose acronym is its first line.
    """
    mail_rows = [i for i, line in enumerate(head) if emails(line)]
    headed = [i for i in mail_rows if i > 0 and head[i - 1].rstrip().endswith(":")
              and _label_at("president", head[i - 1]) is None]
    if mail_rows and headed == mail_rows:
        return [Union(head[i - 1].rstrip(": ").rpartition(" - ")[2].strip(),
                      emails(head[i])[0]) for i in mail_rows]
    return [_single_union(head)]


def _single_union(head: list[str]) -> Union:
    name = head[0].strip()
    address: list[str] = []
    president = role = website = email = None
    after_president = False
    for line in head[1:]:
        text = " ".join(line.split())
        found_mail = emails(text)
        found_site = _website(text)
        if found_mail or found_site:
            email = email or (found_mail[0] if found_mail else None)
            website = website or found_site
            after_president = False
        elif _label_at("president", text) == 0:
            role = " ".join(text.partition(":")[0].split())
            president = _after_label(text, 0) or None
            after_president = president is None
        elif after_president:
            president, after_president = text, False
        elif role is None:
            address.append(text)
    return Union(name, email, ", ".join(address) or None, president,
                 role if president else None, website)


def hospitals(items: list[str]) -> list[tuple[str | None, str]]:
    """(département as printed or None, town) for every town of the 'Périphs' items."""
    found: list[tuple[str | None, str]] = []
    for item in items:
        departement, towns = _departement_and_towns(item)
        for town in towns.split(","):
            town = " ".join(town.split()).strip(" .;")
            if town:
                found.append((" ".join(departement.split()) or None, town))
    return found


def _departement_and_towns(item: str) -> tuple[str, str]:
    """'Finistère : Morlaix, Quimper' -> ('Finistère', 'Morlaix, Quimper'); no colon, no
    département (Nice lists its towns straight after 'Périphs :')."""
    for separator in (" : ", ":"):
        if separator in item:
            departement, _, towns = item.partition(separator)
            return departement, towns
    return "", item


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Rows of `unions`, `hospitals` and `contacts` from the guide's fiches."""
    found = fiches(outline)
    if not found:
        raise ContentNotFound("no subdivision fiche (box with 'Président :' or 'Périphs :' "
                              "and an e-mail)", path=outline.path)
    result = Extraction()
    seen: set[tuple[int, str]] = set()
    for fiche in found:
        result.merge(_read_fiche(outline, fiche))
        text = " ".join(node.text for node in fiche.nodes)
        seen.update((fiche.page, value) for value in emails(text) + phones(text))
    base = {"name": None, "role": None, "organization": None, "subdivision_id": None,
            "url": None}
    for row in swept_contacts(outline, base):
        if (row["page"], row.get("email") or row.get("phone")) not in seen:
            result.add("contacts", row)
    return result


def subdivision_of(fiche: Fiche, chu: str | None) -> tuple[str | None, str | None, str]:
    """(subdivision id, name as printed, reason if unresolved) of a fiche.

    The name printed under the box is read first, then the CHU ('CHU : Brest'); a name
    that resolves to no subdivision is not guessed: the reason says which label failed.
    """
    printed = [label for label in (fiche.title, chu) if label]
    if not printed:
        return None, None, "no subdivision name printed under the fiche and no CHU"
    for label in printed:
        match = subdivision_resolver().resolve(label)
        if match.id:
            return match.id, label, ""
    return None, printed[0], subdivision_resolver().resolve(printed[0]).reason


def _read_fiche(outline: Outline, fiche: Fiche) -> Extraction:
    head, chu, periphs = split_fiche(fiche)
    base = {"doc_id": outline.doc_id, "page": fiche.page}
    subdivision, printed, reason = subdivision_of(fiche, chu)
    result = Extraction()
    associations = unions(head)
    rows = [{**base, "name": u.name, "address": u.address, "president": u.president,
             "email": u.email, "website": u.website, "chu": chu,
             "subdivision_as_printed": printed} for u in associations]
    towns = [{**base, "departement": d, "town": t} for d, t in hospitals(periphs)]
    for row, union in zip(rows, associations, strict=True):
        result.add("contacts", {**base, "name": union.president, "role": union.role,
                                "organization": union.name, "subdivision_id": subdivision,
                                "email": union.email, "phone": None, "url": union.website})
        if subdivision:
            result.add("unions", {**row, "subdivision_id": subdivision})
        else:
            result.reject("unions", row, reason)
    for row in towns:
        if subdivision:
            result.add("hospitals", {**row, "subdivision_id": subdivision})
        else:
            result.reject("hospitals", {**row, "subdivision_as_printed": printed}, reason)
    filled = sum(bool(r["email"]) for r in rows) / len(rows) if rows else 0.0
    result.reports.append(Report(outline.doc_id, fiche.page, "unions", STRATEGY,
                                 len(rows), filled if subdivision else 0.0))
    return result
