"""Geometry on words: grouping into lines and splitting a page into columns."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.model import Line, Word

# Words whose tops differ by less than this fraction of their height share a line.
LINE_TOLERANCE = 0.5


def group_lines(words: Iterable[Word]) -> tuple[Line, ...]:
    """Group words into lines by vertical overlap, ordered top to bottom, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines:
            last = lines[-1][0]
            tolerance = max(last.bottom - last.top, 1.0) * LINE_TOLERANCE
            if abs(word.top - last.top) <= tolerance:
                lines[-1].append(word)
                continue
        lines.append([word])
    return tuple(Line(tuple(sorted(ws, key=lambda w: w.x0))) for ws in lines)


# Glyphs that open a list item when they start a line ('o' and '*' only as whole words).
BULLETS = frozenset("•●○■▪◦☐➤►▸‣⁃-–—*o")
# A line whose previous line ended this far (points) before the right edge, although
# its own first word would have fitted there, starts a new paragraph: it was not wrapped.
WRAP_SLACK = 4.0


def is_bullet(word: str) -> bool:
    """True for a word that is only a list mark ('•', '–', '☐', 'o', …)."""
    return len(word) <= 2 and all(c in BULLETS for c in word)


def strip_bullet(text: str) -> str:
    """The item text without its leading list marks ('- item', '• o item', '-item')."""
    words = text.split(" ", 1)
    if is_bullet(words[0]):
        return strip_bullet(words[1].strip()) if len(words) > 1 else ""
    if len(text) > 1 and text[0] in "•●○■▪◦☐➤►▸‣⁃-–—*" and text[1].isalpha():
        return text[1:]
    return text


def _opens_item(previous: Line, line: Line, right: float) -> bool:
    """True when `line` is a new item or paragraph, not the wrapped rest of `previous`."""
    if is_bullet(line.words[0].text) or strip_bullet(line.text) != line.text:
        return True
    height = max(previous.bottom - previous.top, 1.0)
    if line.top - previous.bottom > height:
        return True
    first = line.words[0]
    room = right - previous.x1
    return room > (first.x1 - first.x0) + WRAP_SLACK + height * 0.3


def _join(text: str, more: str) -> str:
    """Join a wrapped line: no space after a word-hyphen or inside a split e-mail address."""
    if not text:
        return more
    glued = (text.endswith(("-", "@", "/")) and len(text) > 1 and text[-2].isalnum()
             ) or more.startswith((".", "@"))
    return f"{text}{more}" if glued else f"{text} {more}"


def reflow(words: Iterable[Word], right: float) -> list[str]:
    """Text of a block of words as items: wrapped lines joined, one item per paragraph
    or list entry, list marks dropped. `right` is the block's right edge (points)."""
    items: list[str] = []
    previous: Line | None = None
    for line in group_lines(words):
        if previous is None or _opens_item(previous, line, right):
            items.append(strip_bullet(line.text))
        else:
            items[-1] = _join(items[-1], line.text)
        previous = line
    return [item for item in items if item]
