"""Hyphens at line ends: a word cut in two ('Mu-' 'ret') or a compound ('ostéo-' 'articulaire').

A hyphen at the end of a line either cuts a word the typesetting hyphenated (the hyphen
goes when the lines are joined: 'Muret') or belongs to a compound word (it stays:
'ostéo-articulaire'). No rule on the letters tells them apart; the document does:
- a hyphenated word it prints whole elsewhere ('hors-subdivision') is a compound;
- a word it prints whole elsewhere ('tranquillement') was cut;
- otherwise, the typesetting decides: a document whose cuts, where the evidence above
  settles them, are mostly words cut in two hyphenates words (a magazine set justified),
  one whose cuts are compounds does not.
Only a lower-case run of letters after the hyphen can be the rest of a word: 'Saint-'
'Etienne', 'Villeneuve-' 'sur-Lot' and 'chu-' 'grenoble.fr' keep their hyphen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

_PUNCTUATION = ".,;:!?()«»\"'’"


def _parts(text: str, more: str) -> tuple[str, str] | None:
    """(word before the hyphen, rest) when `text` ends with a word-hyphen and `more`
    opens with a lower-case run of letters, else None."""
    if len(text) < 2 or not text.endswith("-") or not text[-2].isalpha():
        return None
    rest = more.split(" ", 1)[0].rstrip(_PUNCTUATION)
    if not (rest.isalpha() and rest[:1].islower()):
        return None
    return text[:-1].rsplit(" ", 1)[-1].lstrip(_PUNCTUATION).lower(), rest.lower()


@dataclass(frozen=True)
class Hyphenation:
    """What a document shows about its hyphens: the words and the hyphenated words it
    prints whole (lower case), and whether its typesetting cuts words at line ends."""

    words: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()
    cuts_words: bool = False

    def evidence(self, text: str, more: str) -> bool | None:
        """True (a word cut in two) or False (a compound) when the document's words settle
        the hyphen ending `text`; None when they do not, or when it cannot cut a word."""
        parts = _parts(text, more)
        if parts is None:
            return None
        head, rest = parts
        if f"{head}-{rest}" in self.compounds:
            return False
        return True if f"{head}{rest}" in self.words else None

    def cut(self, text: str, more: str) -> bool:
        """True when the hyphen ending `text` cuts a word whose rest opens `more`."""
        if _parts(text, more) is None:
            return False
        settled = self.evidence(text, more)
        return self.cuts_words if settled is None else settled


NONE = Hyphenation()


def hyphenation(words: Iterable[str], breaks: Iterable[tuple[str, str]],
                min_evidence: int) -> Hyphenation:
    """The hyphenation of a document from its words and its pairs of consecutive lines.

    The typesetting cuts words when at least `min_evidence` line-end hyphens are settled
    as words cut in two and they outnumber those settled as compounds.
    """
    printed = {w.strip(_PUNCTUATION).lower() for w in words}
    found = Hyphenation(frozenset(printed), frozenset(w for w in printed if "-" in w[1:-1]))
    settled = [found.evidence(above, below) for above, below in breaks]
    cut, kept = settled.count(True), settled.count(False)
    return replace(found, cuts_words=cut >= min_evidence and cut > kept)
