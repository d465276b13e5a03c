"""People named in a printed cell, each with the e-mail address printed for them.

Cells name people in many ways: 'Pr PRATI (cprati@chu-besancon.fr)', 'A : a@x.fr ; B :
b@y.fr', 'A et B (shared@x.fr)', 'Chef de service : Pr X (x@aphp.fr) 3 PU-PH, 2 PH'. A
name is the text printed before an address (or before nothing, in a role cell), split on
'et', ',' and ';'. An address with no name before it keeps a NULL name: never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.parse.contact_info import EMAIL

# Separators between two names printed in one cell.
_NAME_SPLIT = re.compile(r"\s+et\s+|[,;]|\s+&\s+|\s[–—]\s")
# Brackets that carry no address: '(CHU Dijon)' is a place, not part of the name.
_ASIDE = re.compile(r"[(\[][^()\[\]@]*[)\]]")
_PUNCTUATION = " \t\n:;,-–—()[]."


@dataclass(frozen=True)
class Noise:
    """What a cell prints beside names: words to drop, and parts that name a place."""

    words: re.Pattern[str]
    is_place: Callable[[str], bool]


@dataclass(frozen=True)
class Person:
    """A person (or an unnamed address) read from a cell."""

    name: str | None
    email: str | None


def names(text: str, noise: Noise | None = None) -> list[str]:
    """The names printed in `text` (no address in it), in order.

    `noise` removes printed words that are not names ('Adresse commune :') and tells
    which parts are places rather than people ('CHU Angers').
    """
    text = _ASIDE.sub(" ", text)
    if noise:
        text = noise.words.sub(" ", text)
    found = (" ".join(part.strip(_PUNCTUATION).split()) for part in _NAME_SPLIT.split(text))
    return [name for name in found if re.search(r"[A-Za-zÀ-ÿ]{2}", name)
            and not (noise and noise.is_place(name))]


def people(text: str, noise: Noise | None = None, *, tail: bool = True) -> list[Person]:
    """Every person of a cell with the address printed after their name.

    Names printed before one address share it ('A et B (ab@x.fr)'). With `tail`, names
    after the last address (or in a cell without any) are kept without an address.
    """
    found: list[Person] = []
    start = 0
    for match in EMAIL.finditer(text):
        email = match.group(0).lower()
        before = names(text[start:match.start()], noise)
        found += [Person(name, email) for name in before] or [Person(None, email)]
        start = match.end()
    if tail:
        found += [Person(name, None) for name in names(text[start:], noise)]
    return found


def named_after(text: str, marker: re.Pattern[str]) -> list[tuple[str, Person]]:
    """People introduced inside a longer text by a role marker ('Chef de service : Pr X (x@y)').

    Returns (role as printed, person): the name runs up to a bracket, a digit, an address
    or the end of the line; the address is the one printed straight after it, if any.
    """
    found: list[tuple[str, Person]] = []
    for match in marker.finditer(text):
        rest = text[match.end():].lstrip(" :")
        name = re.match(r"[^\d(\[\n@:]*", rest).group(0)
        after = rest[len(name):]
        if after.startswith(":"):  # 'Dr BIALE Adjoint : …': the last word labels the next one
            name = name.strip().rsplit(" ", 1)[0] if " " in name.strip() else ""
        email = EMAIL.match(after.lstrip(" ([")) if after.startswith(("(", "[", " ")) else None
        cleaned = " ".join(name.strip(_PUNCTUATION).split())
        if cleaned:
            found.append((match.group(0).strip(" :"), Person(
                cleaned, email.group(0).lower() if email else None)))
    return found


def named_before(text: str, role: str, title: str) -> list[tuple[str, Person]]:
    """People whose role is printed after their name: 'Pr PRATI (chef de service)',
    'Pr FLIPO, PUPH, chef de service'. `role` and `title` ('Pr', 'Dr', …) are regular
    expressions; the role's case is ignored.

    Returns (role as printed, person). A name must be titled and capitalised (one to four
    words, none a title): 'Dr Germain PH de rhumato, chef de service' names nobody for
    sure, so nobody.
    """
    name = rf"(?:{title})\s+(?:(?!(?:{title})\s)[A-ZÀ-Ý][\w'’.-]*\s*){{1,4}}"
    pattern = re.compile(
        rf"(?P<name>{name})\s*(?:\([^()]*?(?P<inner>(?i:{role}))[^()]*\)"
        rf"|,\s*(?:[A-Z][A-Z-]{{0,8}},\s*)?(?P<after>(?i:{role})))")
    return [(m.group("inner") or m.group("after"), Person(" ".join(m.group("name").split()),
                                                          None))
            for m in pattern.finditer(text)]
