"""City cards ('Guide des villes') of a specialty guide: one card per subdivision.

A card opens with a title row such as 'BESANÇON (mise à jour 2024)' (or a heading row
that is exactly a subdivision's name) and goes on, across pages, until the next title.
Its content is the outline's rows (`Outline.rows`, read by the structure stage from the
pages the outline read: each table row, ruled or set in a label and a value column, and
the running text between tables, in printed order), selected here by meaning only:

- a key/value row is a label/value pair; a row with an empty label continues the value
  above it (a cell broken by a page end, or a label cell spanning rows);
- a heading row or line (bold, one line), or a one-line row that reads like a known
  heading, is a section row ('Service de rhumatologie au CHU', 'Cours théoriques
  organisation', …); plain rows and paragraphs after it are its value, one item a
  paragraph or list entry;
- inside a section, each 'Service' row opens a new hospital (`service`);
- a numbered heading of the guide ('1. Ambroise Paré (92)', set larger than the body)
  followed by a one-cell row inside a card opens a hospital card of that subdivision:
  the row is the hospital.

Printed labels live in package_data/labels/city_cards.csv. Output tables: city_cards,
card_fields, services, posts (source 'city_card') and contacts. A card whose title does
not resolve to a subdivision is rejected with all its pairs; so is a bold row no title
pattern reads under a numbered heading naming another city ('5. Amiens'): it is that
city's title, never the rest of the card before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_info import emails, urls
from pipeline.parse.people import Noise, Person, named_after, named_before, people
from pipeline.parse.resolve import Match, normalise, subdivision_resolver
from pipeline.parse.values import BadValue, parse_count
from pipeline.structure.outline import Node, Outline

NAME = "city_cards"
# Resolver score of a label that is exactly a known name or alias.
EXACT = 100.0
# The rows every card is expected to have; the report's confidence is the share found.
HEADLINE = ("posts", "coordinator", "referent")
SECTION_KINDS = {"section_chu": "chu", "section_periphery": "peripheral",
                 "section_hospital": "peripheral", "section_liberal": "private_practice"}


@dataclass
class Field:
    """One label/value pair of a card while it is assembled."""

    page: int
    section: str | None
    service: str | None
    label: str
    items: list[str]
    free: bool = False  # the value is paragraphs under a heading, not a table cell

    @property
    def value(self) -> str | None:
        return "\n".join(self.items) or None


@dataclass
class Card:
    """A city card: its title row, subdivision and fields in printed order."""

    title: str
    page: int
    match: Match
    updated_year: int | None
    fields: list[Field] = field(default_factory=list)
    hospitals: set[str] = field(default_factory=set)


def _printed(node: Node) -> str:
    """The node's first cell as printed, list marks and all."""
    return " ".join(node.lines)


def _items(nodes: list[Node]) -> list[str]:
    """The paragraphs and list entries of nodes read together, in order."""
    return [item for node in nodes if node.value for item in node.value.split("\n")]


class Assembler:
    """Turns the rows and lines of the outline (`Outline.rows`) into cards, keeping the
    current section, service, heading."""

    def __init__(self) -> None:
        self.cards: list[Card] = []
        self.section: str | None = None
        self.service: str | None = None
        self.after_heading = False  # a numbered heading was just read inside a card
        self.city_heading = False  # … and it names a subdivision other than the card's
        self.page = 0
        self.pending: list[Node] = []  # free paragraphs of the current page, read together
        self.pending_continues = False  # … which start the page, so may end a value above
        self.open_heading: str | None = None  # heading whose pairs are being read
        self.unlabelled: Field | None = None  # value an unlabelled row was just added to

    @property
    def card(self) -> Card | None:
        return self.cards[-1] if self.cards else None

    def feed(self, node: Node) -> None:
        structural = self._is_structural(node)
        if node.page != self.page or node.in_table or structural or self._is_heading(node):
            self._flush()
        new_page = node.page != self.page
        self.page = node.page
        if structural and not self._is_hospital_title(node):
            self.after_heading = self.card is not None
            self.city_heading = self._names_new_city(node)
            return
        if node.kind != "key_value":
            self.unlabelled = None
            self._one_cell(node, new_page)
        elif not node.key:
            self._unlabelled(node, new_page)
        else:
            self._pair(node)
        self.after_heading = self.city_heading = False

    def finish(self) -> list[Card]:
        self._flush()
        self._close_heading()
        return self.cards

    @staticmethod
    def _is_structural(node: Node) -> bool:
        """The guide's own headings (region, city, hospital number), set large outside
        tables (level 1). A card title set as large ('BESANÇON (mise à jour 2024)' above
        the card's table) is the card's title, not one of them."""
        return node.is_heading and node.level == 1 \
            and labels.match(NAME, "title", _printed(node)) is None

    def _is_hospital_title(self, node: Node) -> bool:
        """A line set as large as the numbered heading just read inside a card, and not
        numbered itself: the hospital's own title ('Ambroise Paré (Boulogne 92)' under
        '1. Ambroise Paré (92)'), whether printed as a table row or as a heading."""
        return self.after_heading and labels.match(NAME, "numbered_heading",
                                                   _printed(node)) is None

    @staticmethod
    def _is_heading(node: Node) -> bool:
        """A heading row or line, or a one-line row or line worded like a known heading."""
        if node.kind == "key_value" or not node.lines:
            return False
        return node.is_heading or (len(node.lines) == 1
                                   and labels.match(NAME, "heading", _printed(node)) is not None)

    def _one_cell(self, node: Node, new_page: bool) -> None:
        text = node.text
        title = labels.match(NAME, "title", text)
        if title:
            year = title.groupdict().get("year")
            self._open_card(node, text, title.group("name"), int(year) if year else None)
        elif self._is_bare_title(node, text) or (
                self.city_heading and node.in_table and self._is_heading(node)):
            self._open_card(node, text, text, None)
        elif self.card is None:
            return
        elif self.after_heading:
            self.section = self.service = text
            self.card.hospitals.add(text)
        elif self._is_heading(node):
            self._heading(text)
        elif node.in_table:
            self._content([node], continuing=new_page)
        else:
            if not self.pending:
                self.pending_continues = new_page or node.continues
            self.pending.append(node)

    def _names_new_city(self, node: Node) -> bool:
        """A numbered heading that is exactly a subdivision's name ('5. Amiens'), not the
        current card's: the bold row under it is that city's card title, however worded,
        so a title no pattern reads opens a card (rejected unless its text resolves)
        instead of running on into the card before it."""
        numbered = labels.match(NAME, "numbered_heading", _printed(node))
        match = subdivision_resolver().resolve(numbered.group("name")) if numbered else None
        current = self.card.match.id if self.card else None
        return match is not None and match.score == EXACT and match.id not in (None, current)

    def _close_heading(self) -> None:
        card, heading = self.card, self.open_heading
        if card is not None and heading is not None and not any(
                f.section == heading for f in card.fields):
            card.fields.append(Field(self.page, heading, None, heading, [], free=True))
        self.open_heading = None

    def _is_bare_title(self, node: Node, text: str) -> bool:
        """A bold table row that is exactly a subdivision's name ('NANTES') and not the
        current card's city: a card title printed without '(mise à jour YYYY)'."""
        if not node.in_table or not self._is_heading(node):
            return False
        match = subdivision_resolver().resolve(text)
        current = self.card.match.id if self.card else None
        return match.id is not None and match.score == EXACT and match.id != current

    def _open_card(self, node: Node, text: str, name: str, year: int | None) -> None:
        self._close_heading()
        match = subdivision_resolver().resolve(name)
        self.cards.append(Card(text, node.page, match, year))
        self.section = self.service = None

    def _heading(self, text: str) -> None:
        """A section row: it names the section, and labels the paragraphs under it.

        A heading nothing follows (the next row is another heading), or the current
        section row printed again, is kept as a pair without value, so that no printed
        word is lost.
        """
        card = self.card
        self._close_heading()
        if text == self.section and card.fields:  # the section row printed again
            card.fields.append(Field(self.page, text, None, text, [], free=True))
        self.open_heading = text
        if self.service and self.service in card.hospitals and not _section_kind(text):
            self.section = text
        else:
            self.section, self.service = text, None

    def _unlabelled(self, node: Node, new_page: bool) -> None:
        """A row with an empty label cell: the rest of the value above (a cell broken by a
        page end, or a label cell spanning rows). Kept aside in case it turns out to
        name a new hospital whose 'Service' label was left blank (see `_pair`)."""
        self._continue([node], join_first=True)
        card = self.card
        last = card.fields[-1] if card and card.fields else None
        if new_page and last is not None and last.service is not None \
                and last.service == self.service and labels.match(NAME, "service", last.label):
            self.service = last.service = " ".join(last.items)  # a name cut by the page end
        single = len(_items([node])) == 1
        self.unlabelled = card.fields[-1] if card and card.fields and single and not new_page \
            else None

    def _pair(self, node: Node) -> None:
        label, items = node.key, _items([node])
        self._unblank_service(label)
        if self.card is None:
            return
        if labels.match(NAME, "service", label):
            self.service = " ".join(items)
        self.card.fields.append(Field(node.page, self.section, self.service, label, items))

    def _unblank_service(self, label: str) -> None:
        """A one-line unlabelled row followed by a second 'Composition du service' under the
        same service opens a new service: its 'Service' label was left blank."""
        field, self.unlabelled = self.unlabelled, None
        if field is None or self.card is None or self.service is None or len(field.items) < 2 \
                or not labels.match(NAME, "composition", label):
            return
        if any(f.service == self.service and labels.match(NAME, "composition", f.label)
               for f in self.card.fields):
            self.service = field.items.pop()
            self.card.fields.append(Field(self.page, self.section, self.service, "",
                                          [self.service]))

    def _content(self, nodes: list[Node], continuing: bool) -> None:
        """Paragraphs: a new value under the current heading, or the rest of the last one."""
        card = self.card
        if card is None:
            return
        last = card.fields[-1] if card.fields else None
        under_heading = last is not None and last.free and last.label == self.section \
            and last.section == self.section
        # A heading printed at the foot of a page: what starts the next page is its text.
        awaiting = self.open_heading is not None and not any(
            f.section == self.open_heading for f in card.fields)
        if (continuing and not awaiting) or under_heading or self.section is None:
            self._continue(nodes, join_first=continuing)
        else:
            card.fields.append(Field(nodes[0].page, self.section, self.service,
                                     self.section, _items(nodes), free=True))

    def _continue(self, nodes: list[Node], join_first: bool) -> None:
        """Append to the last value; with `join_first`, a first item that finishes the
        value's last paragraph (cut by a page end or a table's: `Node.continues`) is
        joined to it."""
        card = self.card
        if card is None:
            return
        items = _items(nodes)
        if not card.fields:
            card.fields.append(Field(nodes[0].page, self.section, self.service,
                                     self.section or card.title, items, free=True))
            return
        last = card.fields[-1]
        if join_first and nodes[0].continues and items and last.items:
            last.items[-1] = f"{last.items[-1]} {items.pop(0)}"
        last.items.extend(items)

    def _flush(self) -> None:
        if self.pending:
            nodes, self.pending = self.pending, []
            self._content(nodes, continuing=self.pending_continues)


def _section_kind(text: str | None) -> str | None:
    for concept, kind in SECTION_KINDS.items():
        if labels.match(NAME, concept, text):
            return kind
    return None


EMPTY_CARD = "card title found but no label/value row read under it"


def read_cards(outline: Outline) -> list[Card]:
    """Every card of the document, fields in printed order."""
    assembler = Assembler()
    for node in outline.rows:
        assembler.feed(node)
    return assembler.finish()


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Rows of city_cards, card_fields, services, posts and contacts from every card."""
    cards = read_cards(outline)
    if not cards:
        raise ContentNotFound("no city card (title row like 'VILLE (mise à jour YYYY)')",
                              path=outline.path)
    result = Extraction()
    for card in cards:
        base = {"specialty": entry.specialty, "doc_id": outline.doc_id, "page": card.page}
        if card.match.id is None:  # the card and every pair of it, with the reason
            result.reject(NAME, {**base, "title_as_printed": card.title}, card.match.reason)
            for item in card.fields:
                result.reject("card_fields", {**base, "page": item.page, "label": item.label,
                                              "value": item.value}, card.match.reason)
            continue
        base["subdivision_id"] = card.match.id
        if not card.fields:  # a title with nothing printed under it: say so
            result.reject(NAME, {**base, "title_as_printed": card.title}, EMPTY_CARD)
            continue
        _card_rows(result, card, base)
        found = sum(_first(card, concept) is not None for concept in HEADLINE)
        result.reports.append(Report(outline.doc_id, card.page, NAME, "cards",
                                     len(card.fields), found / len(HEADLINE)))
    return result


def _first(card: Card, concept: str) -> Field | None:
    return next((f for f in card.fields if labels.match(NAME, concept, f.label)), None)


def _card_rows(result: Extraction, card: Card, base: dict) -> None:
    posts_field = _first(card, "posts")
    posts_year = posts = None
    if posts_field:
        posts_year = int(labels.match(NAME, "posts", posts_field.label).group("year"))
        try:
            posts = parse_count(posts_field.value).value
        except BadValue:  # a sentence, not a number: NULL, the printed text kept in raw_text
            posts = None
        result.add("posts", {**base, "page": posts_field.page, "year": posts_year,
                             "posts": posts, "source": "city_card",
                             "raw_text": posts_field.value})
    coordinator, referents = _first(card, "coordinator"), _first(card, "referent")
    result.add(NAME, {**base, "title_as_printed": card.title, "updated_year": card.updated_year,
                      "posts_year": posts_year, "posts": posts,
                      "coordinator": coordinator.value if coordinator else None,
                      "referents": referents.value if referents else None})
    for ordinal, item in enumerate(card.fields, start=1):
        result.add("card_fields", {**base, "page": item.page, "section": item.section,
                                   "service": item.service, "label": item.label,
                                   "value": item.value, "ordinal": ordinal})
    for row in services(card):
        result.add("services", {**base, **row})
    for row in contacts(card):
        result.add("contacts", {**{k: base[k] for k in ("doc_id", "subdivision_id")}, **row})


def services(card: Card) -> list[dict]:
    """One row per department described: grouped by (section, service) in printed order."""
    groups: dict[tuple[str | None, str | None], list[Field]] = {}
    for item in card.fields:
        groups.setdefault((item.section, item.service), []).append(item)
    rows = []
    periphery_seen = False
    for (section, service), fields in groups.items():
        kind = _service_kind(card, section, service, fields, periphery_seen)
        periphery_seen = periphery_seen or kind in ("peripheral", "private_practice")
        if kind is None or all(f.value is None for f in fields):  # a bare heading row
            continue
        posts_text = next((f.value for f in fields
                           if labels.match(NAME, "resident_posts", f.label)), None)
        low, high = _posts_range(posts_text)
        rows.append({"page": fields[0].page, "ordinal": len(rows) + 1, "kind": kind,
                     "hospital_name": service or section, "section": section,
                     "beds": _beds(" ".join(f.value or "" for f in fields
                                            if labels.match(NAME, "composition", f.label))),
                     "resident_posts_min": low, "resident_posts_max": high,
                     "resident_posts_text": posts_text})
    return rows


def _service_kind(card: Card, section: str | None, service: str | None, fields: list[Field],
                  periphery_seen: bool) -> str | None:
    """The kind of department a group of fields describes, or None for other sections.

    A section row that names a site rather than a category ('EDOUARD HERRIOT',
    'Dunkerque') is a department when its fields describe one (composition or posts):
    a CHU site before the card's peripheral section, a peripheral hospital after it.
    """
    if service in card.hospitals:
        return "hospital"
    kind = _section_kind(section)
    if kind or section is None:
        return kind
    describes = any(labels.match(NAME, c, f.label) for f in fields
                    for c in ("composition", "resident_posts"))
    if not describes:
        return None
    return "peripheral" if periphery_seen else "chu"


def _beds(text: str) -> int | None:
    """The number of beds when the text states exactly one 'N lits', no range ('16-19
    lits') and no partial count ('deux secteurs de 13 lits')."""
    key = normalise(text)
    found = {int(m.group("n")) for p in labels.patterns(NAME)["beds"] for m in p.finditer(key)}
    if len(found) != 1 or labels.match(NAME, "beds_range", text) \
            or labels.match(NAME, "beds_partial", text):
        return None
    return found.pop()


def _posts_range(text: str | None) -> tuple[int | None, int | None]:
    """(min, max) of a posts field that is only a number or a range ('1 à 2', '1-2 postes')."""
    found = labels.match(NAME, "posts_value", text)
    if not found:
        return None, None
    low = int(found.group("low"))
    high = int(found.group("high")) if found.group("high") else low
    return (low, high) if high >= low else (None, None)


def _department(item: Field) -> str | None:
    """The hospital or department a pair describes: its service, else a department section
    ('Service de rhumatologie au CHU'); None for the card's own rows (coordinator, …)."""
    return item.service or (item.section if _section_kind(item.section) else None)


def contacts(card: Card) -> list[dict]:
    """People with a role (coordinator, referents, heads of department), every e-mail
    address (with the name printed before it when there is one) and every web address."""
    noise = Noise(labels.patterns(NAME)["not_name"][0],
                  lambda part: labels.match(NAME, "place", part) is not None)
    head = labels.patterns(NAME)["head_in_text"][0]
    head_after = labels.patterns(NAME)["head_after_name"][0].pattern
    title = labels.patterns(NAME)["person_title"][0].pattern
    rows: dict[tuple, dict] = {}
    for item in card.fields:
        text = item.value or ""
        found: list[tuple[str | None, Person]] = []
        if any(labels.match(NAME, c, item.label) for c in ("coordinator", "referent", "head")):
            found += [(item.label, p) for p in people(text, noise)]
        else:
            found += named_after(text, head) + named_before(text, head_after, title)
        known = {p.email for _, p in found}
        found += [(None, Person(None, e)) for e in emails(text) if e not in known]
        for role, person in found:
            key = (person.name, role, person.email, None)
            rows.setdefault(key, {"page": item.page, "name": person.name, "role": role,
                                  "organization": _department(item), "email": person.email,
                                  "phone": None, "url": None})
        for url in urls(text):  # a department's or an association's web page
            rows.setdefault((None, None, None, url), {
                "page": item.page, "name": None, "role": None, "organization": _department(item),
                "email": None, "phone": None, "url": url})
    return list(rows.values())
