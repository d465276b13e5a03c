"""The bureau of the publishing section (names, roles, cities) and its own e-mail address.

The bureau is the caption grid (outline `caption` nodes) under the line that reads
'Le Bureau' (labels CSV): each caption is one person, a name, a role and a city stacked
in whatever order the edition prints them, the role possibly wrapped over two lines. The
order is read from the grid as a whole, by meaning: the order under which most captions
show a city that resolves to a subdivision and a name that reads like one (a surname in
capitals or a title) wins, ties going to name, role, city. A caption whose city does not
resolve goes to rejects. Addresses printed on the bureau's page ('nous contacter :
sectionref@gmail.com', perhaps on the page before) become contacts of the publisher:
the addresses of the part that presents the section, under the heading above the bureau.
"""

from __future__ import annotations

import re
from itertools import permutations

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_info import emails
from pipeline.parse.resolve import subdivision_resolver
from pipeline.structure.outline import Node, Outline

NAME = "ref_bureau"
FIELDS = ("name", "role", "city")
# Every order a caption may stack its fields in, the usual one first (it wins ties).
ORDERS = tuple(permutations(FIELDS))
# A person's name: a surname in capitals ('MORET') or a title ('Pr', 'Dr.').
_NAME_LIKE = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'-]+\b|^(?:Pr|Dr|Mme|M)\.?\s")


def _fields(lines: tuple[str, ...], order: tuple[str, ...]) -> dict[str, str]:
    """The caption's lines given to the fields in `order`: the name and the city one line
    each, the role every line left between them (a role may wrap)."""
    widths = {field: 1 for field in FIELDS}
    widths["role"] = max(len(lines) - 2, 0)
    found: dict[str, str] = {}
    start = 0
    for field in order:
        found[field] = " ".join(lines[start:start + widths[field]])
        start += widths[field]
    return found


def _fit(captions: list[Node], order: tuple[str, ...]) -> int:
    """How many fields read as what `order` says they are (a city that resolves, a name
    that reads like one), over the whole grid."""
    resolver = subdivision_resolver()
    score = 0
    for caption in captions:
        fields = _fields(caption.lines, order)
        score += resolver.resolve(fields["city"]).id is not None
        score += bool(_NAME_LIKE.search(fields["name"]))
    return score


def bureau_members(captions: list[Node]) -> list[dict[str, str]]:
    """Each person of the grid as {'name', 'role', 'city'}, in the grid's reading order."""
    order = max(ORDERS, key=lambda o: (_fit(captions, o), -ORDERS.index(o)))
    return [_fields(caption.lines, order) for caption in captions]


def _bureau(outline: Outline) -> tuple[Node, list[Node]] | None:
    """The line naming the bureau and the captions of the grid under it."""
    for index in outline.find(lambda n: n.kind != "caption"
                              and bool(labels.match(NAME, "bureau", n.text))):
        captions = [n for n in outline.section(index) if n.kind == "caption"]
        if captions:
            return outline.nodes[index], captions
    return None


def _chapter(outline: Outline, label: Node) -> list[Node]:
    """The nodes of the part that presents the section: under the nearest heading above
    the bureau line that outranks it (the whole document when there is none)."""
    index = outline.nodes.index(label)
    rank = label.level if label.is_heading else 10**6
    above = next((i for i in range(index - 1, -1, -1) if outline.nodes[i].is_heading
                  and outline.nodes[i].level < rank), None)
    return list(outline.nodes) if above is None else outline.section(above)


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Contacts: one row per bureau member (subdivision from the city) and per address."""
    found = _bureau(outline)
    if found is None:
        raise ContentNotFound("no bureau (a 'Le Bureau' line above a grid of captions)",
                              path=outline.path)
    label, captions = found
    result = Extraction()
    base = {"doc_id": outline.doc_id, "page": label.page, "organization": entry.publisher,
            "phone": None, "url": None}
    members = bureau_members(captions)
    for caption, person in zip(captions, members, strict=True):
        match = subdivision_resolver().resolve(person["city"])
        row = {**base, "page": caption.page, "name": person["name"],
               "role": person["role"] or None, "subdivision_id": match.id, "email": None}
        if match.id is None:
            result.reject("contacts", row, match.reason)
        else:
            result.add("contacts", row)
    seen: set[str] = set()
    for node in _chapter(outline, label):
        for email in (e for e in emails(node.text) if e not in seen):
            seen.add(email)
            result.add("contacts", {**base, "page": node.page, "name": None, "role": None,
                                    "subdivision_id": None, "email": email})
    result.reports.append(Report(outline.doc_id, label.page, NAME, "captions",
                                 len(members), 1.0))
    return result
