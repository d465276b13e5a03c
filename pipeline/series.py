"""Document series: the same guide across its editions, and the ids derived from it.

A series is named from what stays the same from one edition to the next: the publisher
(its acronyms kept, other words cut to their initials: 'Société française de
rhumatologie, section REF' -> 'sfr', 'ARS Auvergne-Rhône-Alpes' -> 'ars-ara') and the
specialty, or the title's words when the guide has none (years, edition numbers and small
words dropped, so 'Guide 2024 (3e édition)' and 'Guide 2025 (4e édition)' are one series).
A catalog entry may name its series itself (`series = "..."`). An edition's doc_id is
'<series>-<edition year>', so two editions never share one, whatever their file names.
"""

from __future__ import annotations

import re
import unicodedata

# French (and English) words too small to name anything.
SMALL_WORDS = frozenset({"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la",
                         "le", "les", "pour", "par", "sur", "un", "une", "of", "the", "and"})
# Words that say which edition a title is, not which guide.
EDITION_WORDS = re.compile(r"^(?:\d+(?:e|er|re|eme|nd|rd|st|th)?|edition|mise|jour|maj|"
                           r"update|version|v\d+)$")
TITLE_WORDS = 4  # a title gives at most this many words to a series name


def slug(text: str) -> str:
    """Lower case ASCII words joined by '-': 'Île-de-France' -> 'ile-de-france'."""
    spaced = re.sub(r"[’'`]", " ", text)  # "l’internat": two words, not 'linternat'
    plain = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def publisher_part(publisher: str) -> str:
    """The publisher's short name: acronyms as they are, runs of other words as initials."""
    name = re.split(r"[,–(|]", publisher)[0]
    parts: list[str] = []
    initials = ""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    for word in words:
        if _is_acronym(word):
            parts += [initials] if initials else []
            parts.append(slug(word))
            initials = ""
        elif slug(word) not in SMALL_WORDS:
            pieces = [slug(p) for p in word.split("-") if slug(p)]
            initials += "".join(p[0] for p in pieces if p not in SMALL_WORDS)
    parts += [initials] if initials else []
    if len(words) == 1 and not _is_acronym(words[0]):  # 'Test': the word, not 't'
        return slug(words[0])
    return "-".join(p for p in parts if p)


def title_part(title: str) -> str:
    """The title's first few words that name the guide, not its edition."""
    kept = [w for w in slug(re.sub(r"\([^)]*\)", " ", title)).split("-")
            if w not in SMALL_WORDS and not EDITION_WORDS.match(w)]
    return "-".join(kept[:TITLE_WORDS])


def series_of(publisher: str, title: str, specialty: str | None) -> str:
    """The series name of a guide: publisher and specialty (or title)."""
    topic = slug(specialty) if specialty else title_part(title)
    return "-".join(p for p in (publisher_part(publisher), topic) if p)


def doc_id_of(series: str, edition_year: int) -> str:
    """The doc_id of one edition of a series."""
    return f"{series}-{edition_year}"
