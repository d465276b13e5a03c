"""Geometry on words: grouping into lines and splitting a page into columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import pairwise

from pipeline.pdf.model import Line, Word, group_lines
from pipeline.structure.hyphens import NONE, Hyphenation

# A vertical strip that no word crosses separates two columns when it is at least this
# wide (points) and at least GUTTER_EM times the type size of the words on either side:
# a word space is about a quarter of the type size (under 4 points in the 9-10 pt body
# of the guides), so a large title is not cut at its spaces.
MIN_GUTTER = 5.0
GUTTER_EM = 0.5
# ... but in a region of one line of at least JUSTIFIED_MIN_SPACES word spaces, only
# where the gap is LINE_GUTTER_RATIO times its median word space: a justified line can
# space its words wider than a gutter, but evenly.
LINE_GUTTER_RATIO = 1.5
JUSTIFIED_MIN_SPACES = 4
# Any horizontal strip (points) no word crosses separates two bands.
MIN_BAND_GAP = 0.1


# A page number alone: '12', '12 / 80', 'p. 3', 'Page 3 sur 9', '- 4 -'.
_FOLIO = re.compile(r"^(?:(?:page|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|sur|of)\s*\d{1,4})?$",
                    re.IGNORECASE)


def is_folio(text: str) -> bool:
    """The text is only a page number, however the edition prints it."""
    return _FOLIO.match(text.strip()) is not None


def _gaps(spans: Iterable[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
    """The empty stretches at least `minimum` long between the given intervals."""
    ordered = sorted(spans)
    if not ordered:
        return []
    found: list[tuple[float, float]] = []
    end = ordered[0][1]
    for start, stop in ordered[1:]:
        if start - end >= minimum:
            found.append((end, start))
        end = max(end, stop)
    return found


def _split(words: list[Word], gaps: list[tuple[float, float]],
           start: Callable[[Word], float]) -> list[list[Word]]:
    """Words partitioned by the gaps, in order; `start` gives a word's coordinate."""
    afters = sorted(after for _, after in gaps)
    parts: list[list[Word]] = [[] for _ in range(len(gaps) + 1)]
    for word in words:
        parts[bisect_right(afters, start(word))].append(word)
    return parts


def gutters(words: list[Word], min_gutter: float,
            gutter_em: float = GUTTER_EM) -> list[tuple[float, float]]:
    """The x ranges no word crosses, wide enough for the type on either side."""
    ordered = sorted(words, key=lambda w: (w.x0, w.x1))
    found: list[tuple[float, float]] = []
    edge = ordered[0]
    for word in ordered[1:]:
        width = word.x0 - edge.x1
        if width >= min_gutter and width >= gutter_em * max(edge.size, word.size):
            found.append((edge.x1, word.x0))
        if word.x1 > edge.x1:
            edge = word
    return found


def column_blocks(words: Iterable[Word], min_gutter: float = MIN_GUTTER,
                  gutter_em: float = GUTTER_EM,
                  line_gutter_ratio: float = LINE_GUTTER_RATIO) -> list[list[Word]]:
    """Words cut into blocks that never straddle a column gutter, in reading order.

    A recursive XY-cut: a region is first split at its vertical gutters (x ranges no word
    crosses), each part read in turn from left to right. A region without a gutter (a
    full-width title or a page number can hide the gutter of the columns below it) is cut
    in two at its widest horizontal gap (the topmost if several tie), and each half is
    looked at again: cutting at the widest gap first keeps the rows of two columns whose
    baselines line up together, so their gutter is found and they are read column by
    column rather than row by row. A region of one line of several words is cut only
    where a gap is `line_gutter_ratio` times its typical word space: the wide, even
    spaces of a justified line are no gutters.
    """
    region = list(words)
    if not region:
        return []
    horizontal = _gaps(((w.top, w.bottom) for w in region), MIN_BAND_GAP)
    vertical = gutters(region, min_gutter, gutter_em)
    if vertical and not horizontal:
        vertical = _uneven(region, vertical, line_gutter_ratio)
    parts = _hang_marks(_split(region, vertical, lambda w: w.x0)) if vertical else []
    if len(parts) < 2:
        if not horizontal:
            return [region]
        widest = max(horizontal, key=lambda gap: gap[1] - gap[0])
        parts = _split(region, [widest], lambda w: w.top)
    return [block for part in parts
            for block in column_blocks(part, min_gutter, gutter_em, line_gutter_ratio)]


def _uneven(line: list[Word], found: list[tuple[float, float]],
            ratio: float) -> list[tuple[float, float]]:
    """The gutters of one line that stand out from its word spaces (a justified line
    spaces its words widely but evenly). A line of few words keeps them all."""
    ordered = sorted(line, key=lambda w: w.x0)
    spaces = sorted(b.x0 - a.x1 for a, b in pairwise(ordered))
    if len(spaces) < JUSTIFIED_MIN_SPACES:
        return found
    typical = spaces[len(spaces) // 2]
    return [gap for gap in found if gap[1] - gap[0] >= ratio * typical]


def _hang_marks(parts: list[list[Word]]) -> list[list[Word]]:
    """Parts of a region split at its gutters, a part of list marks only (bullets hung
    in the margin, a tab away from their items) joined to the part after it."""
    joined: list[list[Word]] = []
    carried: list[Word] = []
    for part in parts:
        if part and all(is_mark(w.text) for w in part):
            carried += part
            continue
        joined.append(carried + part)
        carried = []
    if carried:
        joined.append(carried)
    return joined


def column_lines(words: Iterable[Word], min_gutter: float = MIN_GUTTER) -> tuple[Line, ...]:
    """The page's lines in reading order, column by column: no line mixes two columns."""
    return tuple(line for block in column_blocks(words, min_gutter)
                 for line in group_lines(block))


# Glyphs that open a list item when they start a line ('o' only as a whole word): the one
# set every stage uses ('*' opens a footnote instead where a word of the page calls one,
# see structure.outline).
GLYPHS = "•●○■□▪▫◦☐➤►▸‣⁃◆◇❖→➔✓✔-–—*"
BULLETS = frozenset(GLYPHS + "o")
# A line whose previous line ended this far (points) before the right edge, although
# its own first word would have fitted there, starts a new paragraph: it was not wrapped.
WRAP_SLACK = 4.0


# A numbering mark that opens a list item: '1.', '2)', 'a)', 'B.', 'iv)', '(a)'.
NUMBERING = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})[.)]$")
# ... or a number glued to the item's first word ('1.Hélène'): in small type (a handout of
# several slides a page) the gap after the mark is narrower than the text extractor's
# word tolerance, and the two come out as one word.
_GLUED_NUMBER = re.compile(r"^\d{1,2}[.)](?=[^\W\d_])")


def glued_number(word: str) -> str:
    """The number mark glued to the front of `word` ('1.' of '1.Hélène'), or ''."""
    found = _GLUED_NUMBER.match(word)
    return found.group() if found else ""


def is_bullet(word: str) -> bool:
    """True for a word that is only a list mark ('•', '–', '☐', 'o', …)."""
    return len(word) <= 2 and all(c in BULLETS for c in word)


def is_mark(word: str) -> bool:
    """True for a list mark: a bullet glyph or a numbering mark ('3.', 'b)')."""
    return is_bullet(word) or bool(NUMBERING.match(word))


def strip_bullet(text: str) -> str:
    """The item text without its leading list marks ('- item', '• o item', '-item')."""
    words = text.split(" ", 1)
    if is_bullet(words[0]):
        return strip_bullet(words[1].strip()) if len(words) > 1 else ""
    if len(text) > 1 and text[0] in GLYPHS and text[1].isalpha():
        return text[1:]
    return text


def opens_item(previous: Line, line: Line, right: float, leading: float = 0.0,
               spacing: float = 0.0) -> bool:
    """True when `line` opens a new item or paragraph, not the rest of the one `previous`
    ends, whatever the width the lines were set to.

    A list mark opens one. A line starting in lower case never does (no sentence starts
    so): it goes on with the item above, however far below it is printed. Otherwise a
    line opens one when it is set apart from `previous`: by more than a line's height, or,
    given the document's `leading` (line pitch over line height inside its paragraphs),
    by a pitch more than `spacing` above it (the space between paragraphs); or when
    `previous` ended before the right edge although its first word would have fitted.
    """
    if is_bullet(line.words[0].text) or strip_bullet(line.text) != line.text:
        return True
    if line.text[:1].islower():
        return False
    height = max(previous.bottom - previous.top, 1.0)
    if line.top - previous.bottom > height or (
            leading and line.top - previous.top > leading * height * (1 + spacing)):
        return True
    return not wrapped(previous, line.words[0], right)


def wrapped(previous: Line, first: Word, right: float) -> bool:
    """True when `previous` was broken before `first`: the word would not have fitted in
    the room left before the right edge. Whatever the lines' heights or pages."""
    height = max(previous.bottom - previous.top, 1.0)
    room = right - previous.x1
    return room <= (first.x1 - first.x0) + WRAP_SLACK + height * 0.3


def join_wrapped(text: str, more: str, hyphens: Hyphenation = NONE) -> str:
    """Join a wrapped line: a word cut at the line end is whole again ('Mu-' 'ret' ->
    'Muret', as the document's `hyphens` tell), no space after a word-hyphen or inside a
    split e-mail or web address ('http://' 'www…')."""
    if not text:
        return more
    if hyphens.cut(text, more):
        return f"{text[:-1]}{more}"
    glued = (text.endswith(("-", "@", "/")) and len(text) > 1 and text[-2].isalnum()
             ) or text.endswith("://") or more.startswith((".", "@")) or (
                 text[-1] in RUN_MARKS and more[:1] == text[-1])
    return f"{text}{more}" if glued else f"{text} {more}"


# Marks printed in runs ('+++', '!!!') that a line break may cut: the run is one word.
RUN_MARKS = "+!?*="


# A hyphen glued to a word and followed by a space, inside a line: a word cut at the end
# of a line in the typesetting the text was copied from ('Bagnères- de-Bigorre'); not
# after a single letter ('A- L'accord' is a list mark).
_SPACED_HYPHEN = re.compile(r"(?<=\w\w)- +(?=\S)")


def mend_broken_words(text: str, hyphens: Hyphenation = NONE) -> str:
    """Text with each hyphen-and-space inside it joined as a line break would be
    (`join_wrapped`): 'Mu- ret' -> 'Muret', 'Bagnères- de-Bigorre' -> 'Bagnères-de-Bigorre'."""
    pieces = _SPACED_HYPHEN.split(text)
    mended = pieces[0]
    for piece in pieces[1:]:
        mended = join_wrapped(f"{mended}-", piece, hyphens)
    return mended


# A slash glued to the end of a plain word (not a web address, a path or an e-mail) and
# the spaces after it, before a letter or a digit; the word holds a letter ('1/ ' is a
# list mark, '1/ 2' a fraction).
_SPACED_SLASH = re.compile(r"(?<!\S)([^\s/.:@]*[^\W\d_][^\s/.:@]*(?<=[^\W_]))/ +(?=\w)")


def close_slashes(text: str) -> str:
    """Text with the space after a slash glued to a word dropped: 'fois/ mois' ->
    'fois/mois', as a line break after the slash reads ('fois/' 'mois', `join_wrapped`).

    A line may break after a slash whether a space follows it or not, so no reading of
    the lines can tell 'fois/ mois' from 'fois/mois' once a break falls there: both are
    kept in this one form, whatever the typesetting. A slash with a space before it
    ('service / activités') and the slashes of addresses are left as printed."""
    return _SPACED_SLASH.sub(r"\1/", text) if "/ " in text else text


# Bullet glyphs that open an item inside a line too ('… encouragé ● Journée ARREF'); not
# the dashes, which prose uses between words.
INLINE_BULLETS = "•●○■□▪▫◦☐➤►▸‣◆◇❖✓✔"
_INLINE_ITEM = re.compile(rf"\s+[{INLINE_BULLETS}]\s+|(?<=[.:])\s+[–—]\s+(?=[A-Z0-9À-Ý])")


def paragraphs(lines: Iterable[Line], right: float, leading: float = 0.0,
               spacing: float = 0.0) -> list[tuple[str, tuple[Line, ...]]]:
    """Lines as paragraphs and list entries (see `opens_item`; a bullet printed inside a
    line opens one too), each with its text (wrapped lines joined, list marks dropped,
    slashes closed: `close_slashes`) and the lines it was read from. `right` is the
    block's right edge."""
    found: list[tuple[str, list[Line]]] = []
    previous: Line | None = None
    for line in lines:
        if previous is None or opens_item(previous, line, right, leading, spacing):
            found.append((strip_bullet(line.text), [line]))
        else:
            found[-1] = (join_wrapped(found[-1][0], line.text), [*found[-1][1], line])
        previous = line
    return [(piece, tuple(kept)) for text, kept in found
            for piece in _INLINE_ITEM.split(close_slashes(text))]


def reflow(words: Iterable[Word], right: float, leading: float = 0.0,
           spacing: float = 0.0) -> list[str]:
    """Text of a block of words as items (`paragraphs`): wrapped lines joined, one item
    per paragraph or list entry, list marks dropped. `right` is the block's right edge."""
    return [text for text, _ in paragraphs(group_lines(words), right, leading, spacing)
            if text]
