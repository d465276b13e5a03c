"""Subdivision fiches of the ISNAR-IMG guide: local union, its contacts, its hospitals.

The guide is a magazine in two columns; each subdivision has a boxed fiche set in a
smaller type than the body: the association's acronym (bold), its postal address, a
'Président(e) :' line, e-mail and web site, then 'CHU : … / Périphs :' and one bullet per
département listing the towns of the peripheral hospitals. The name of the subdivision is
printed right under the box (the title of its map).

Fiches are found by their printed labels (package_data/labels/isnar.csv), never by page,
and read with column-safe lines (pipeline.structure.layout.column_lines) so a fiche line never picks
up words of the next column. Every e-mail and phone number of the guide also becomes a
`contacts` row; those of a fiche carry the association, its president and subdivision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.contact_info import emails, phones, urls
from pipeline.parse.resolve import subdivision_resolver
from pipeline.pdf.model import Document, Line, Page
from pipeline.structure.layout import column_lines
from pipeline.structure.outline import Outline

NAME = "isnar"
# Lines of one box: same type size (points) and left edge (points), and less than this
# share of a line's height between them (the gap to the map title under a box is about
# twice a line, and the body text is set in a larger size).
_MAX_GAP = 0.8
_SIZE_TOLERANCE = 0.1
_INDENT_TOLERANCE = 3.0
# A line that is only a domain name ('simban.fr') is the association's web site.
_BARE_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}/?$", re.IGNORECASE)
# A hyphen at a line break (or before a space) that splits one word: 'Mu- ret' -> 'Muret';
# kept when the rest is a name of its own ('Villeneuve- sur-Lot', 'Bagnères- de-Bigorre').
_BROKEN_WORD = re.compile(r"(\w)- +(\S+)")
_BULLET = "•"


@dataclass(frozen=True)
class Fiche:
    """The lines of one boxed fiche and the subdivision name printed under it."""

    page: int
    lines: tuple[Line, ...]
    title: str | None


@dataclass(frozen=True)
class Union:
    """One association of a fiche (most fiches have one; Antilles-Guyane lists several)."""

    name: str
    email: str | None
    address: str | None = None
    president: str | None = None
    role: str | None = None
    website: str | None = None


def _size(line: Line) -> float:
    """Type size of a line; the fiches are set smaller than the body text around them."""
    return line.words[0].size


def _continues(previous: Line, line: Line) -> bool:
    """True when `line` is the next line of the same box as `previous`."""
    height = previous.bottom - previous.top
    return (abs(_size(line) - _size(previous)) < _SIZE_TOLERANCE
            and abs(line.x0 - previous.x0) < _INDENT_TOLERANCE
            and 0 <= line.top - previous.bottom <= _MAX_GAP * height)


def blocks(lines: tuple[Line, ...]) -> list[tuple[int, int]]:
    """(start, end) index ranges of runs of lines set as one block."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or not _continues(lines[index - 1], lines[index]):
            ranges.append((start, index))
            start = index
    return ranges


def _label_at(concept: str, line: Line) -> int | None:
    """Index of the first word of `line` that is the printed label of `concept`."""
    for index, word in enumerate(line.words):
        if labels.match(NAME, concept, word.text.rstrip(":")):
            return index
    return None


def _is_fiche(lines: tuple[Line, ...]) -> bool:
    """A block is a fiche when it has an e-mail and a 'Président'/'CHU' line or 'Périphs'."""
    starts = any(_label_at(c, line) == 0 for line in lines for c in ("president", "chu"))
    periphs = any(_label_at("periphs", line) is not None for line in lines)
    return (starts or periphs) and any(emails(line.text) for line in lines)


def page_fiches(page: Page) -> list[Fiche]:
    """The fiches of one page, each with the line printed right under it."""
    lines = column_lines(page.words)
    found = []
    for start, end in blocks(lines):
        if _is_fiche(lines[start:end]):
            title = lines[end].text if end < len(lines) else None
            found.append(Fiche(page.number, lines[start:end], title))
    return found


def fiches(document: Document) -> list[Fiche]:
    """Every subdivision fiche of the guide, in page order."""
    return [fiche for page in document.pages for fiche in page_fiches(page)]


def _after_label(line: Line, label: int) -> str:
    """The text after a label word: after its colon when printed, else after the word."""
    text = " ".join(w.text for w in line.words[label:])
    rest = text.partition(":")[2] if ":" in text else text.partition(" ")[2]
    return " ".join(rest.split())


def _website(text: str) -> str | None:
    """The web address of a fiche line: a URL, or a line that is only a domain name."""
    found = urls(text)
    if found:
        return found[0]
    return text if _BARE_DOMAIN.match(text) and "@" not in text else None


def _mend_hyphens(text: str) -> str:
    """Text with words broken at a line end joined again (see _BROKEN_WORD)."""

    def join(found: re.Match[str]) -> str:
        rest = found.group(2)
        keep = "-" in rest or rest[:1].isupper()
        return f"{found.group(1)}{'-' if keep else ''}{rest}"

    return _BROKEN_WORD.sub(join, " ".join(text.split()))


def split_fiche(fiche: Fiche) -> tuple[list[Line], str | None, str | None]:
    """The fiche's head lines (association), its CHU text and its 'Périphs' text.

    'CHU :' opens the hospital part; its text runs on until the 'Périphs' label, which
    may share its line ('CHU : Brest / Périphs :') and is followed by the towns.
    """
    head: list[Line] = []
    parts: dict[str, list[str]] = {"chu": [], "periphs": []}
    part = "head"
    for line in fiche.lines:
        words = list(line.words)
        if part == "head" and _label_at("chu", line) == 0:
            part, words = "chu", words[1:]
        at_periphs = _label_at("periphs", line) if part != "periphs" else None
        if at_periphs is not None:
            cut = at_periphs - (len(line.words) - len(words))
            parts["chu"].append(" ".join(w.text for w in words[:max(cut, 0)]))
            part, words = "periphs", list(line.words[at_periphs + 1:])
        if part == "head":
            head.append(line)
        else:
            parts[part].append(" ".join(w.text for w in words))
    chu = _mend_hyphens(" ".join(parts["chu"])).strip(" :/") or None
    periphs = _mend_hyphens(" ".join(parts["periphs"])).lstrip(": ") or None
    return head, chu, periphs


def unions(head: list[Line]) -> list[Union]:
    """The association(s) of a fiche head.

    A head listing several associations prints a line 'Place - ACRONYM :' right above
    each e-mail; otherwise the head is one association whose acronym is its first line.
    """
    mail_rows = [i for i, line in enumerate(head) if emails(line.text)]
    headed = [i for i in mail_rows if i > 0 and head[i - 1].text.rstrip().endswith(":")
              and _label_at("president", head[i - 1]) is None]
    if mail_rows and headed == mail_rows:
        return [Union(head[i - 1].text.rstrip(": ").rpartition(" - ")[2].strip(),
                      emails(head[i].text)[0]) for i in mail_rows]
    return [_single_union(head)]


def _single_union(head: list[Line]) -> Union:
    name = head[0].text.strip()
    address: list[str] = []
    president = role = website = email = None
    after_president = False
    for line in head[1:]:
        text = " ".join(line.text.split())
        found_mail = emails(text)
        found_site = _website(text)
        if found_mail or found_site:
            email = email or (found_mail[0] if found_mail else None)
            website = website or found_site
            after_president = False
        elif _label_at("president", line) == 0:
            role = " ".join(text.partition(":")[0].split())
            president = _after_label(line, 0) or None
            after_president = president is None
        elif after_president:
            president, after_president = text, False
        elif role is None:
            address.append(text)
    return Union(name, email, ", ".join(address) or None, president,
                 role if president else None, website)


def hospitals(periphs: str | None) -> list[tuple[str | None, str]]:
    """(département as printed or None, town) for every town listed under 'Périphs'."""
    found: list[tuple[str | None, str]] = []
    for item in (periphs or "").split(_BULLET):
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
    document = outline.document  # not yet read from the outline nodes
    found = fiches(document)
    if not found:
        raise ContentNotFound("no subdivision fiche (box with 'Président :' or 'Périphs :' "
                              "and an e-mail)", path=document.path)
    result = Extraction()
    seen: set[tuple[int, str]] = set()
    for fiche in found:
        result.merge(_read_fiche(document, fiche))
        seen.update((fiche.page, mail) for line in fiche.lines for mail in emails(line.text))
        seen.update((fiche.page, tel) for line in fiche.lines for tel in phones(line.text))
    result.merge(_loose_contacts(document, seen))
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


def _read_fiche(document: Document, fiche: Fiche) -> Extraction:
    head, chu, periphs = split_fiche(fiche)
    base = {"doc_id": document.doc_id, "page": fiche.page}
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
    result.reports.append(Report(document.doc_id, fiche.page, "unions", "column_lines",
                                 len(rows), filled if subdivision else 0.0))
    return result


def _loose_contacts(document: Document, seen: set[tuple[int, str]]) -> Extraction:
    """E-mails and phone numbers printed outside the fiches (adverts, body text)."""
    result = Extraction()
    for page in document.pages:
        text = "\n".join(line.text for line in column_lines(page.words))
        base = {"doc_id": document.doc_id, "page": page.number, "name": None, "role": None,
                "organization": None, "subdivision_id": None, "url": None}
        for mail in emails(text):
            if (page.number, mail) not in seen:
                result.add("contacts", {**base, "email": mail, "phone": None})
        for tel in phones(text):
            if (page.number, tel) not in seen:
                result.add("contacts", {**base, "email": None, "phone": tel})
    return result
