"""Running text as blocks: headings, bullets with their wrapped lines, and plain lines.

Articles printed from web pages (SRP-IMG, SYRC-IMG) carry their facts in headings and
bullet lists rather than tables. A heading is a run of bold lines of one size that wrap
(close together); a bullet is a line opening with a bullet mark plus the plain lines
indented under it; any other line is a text block of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.pdf.model import Document, Line

BULLETS = "•◦▪‣"
HEADING, BULLET, TEXT = "heading", "bullet", "text"
# Wrapped lines of one heading are closer than this fraction of the font size.
WRAP_GAP = 0.6


@dataclass
class Block:
    """A heading, a bullet (mark removed) or a plain line, with where and how it is printed."""

    kind: str
    page: int
    text: str
    size: float
    x0: float
    bottom: float

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING


def _kind(line: Line) -> str:
    if line.text.strip()[:1] in BULLETS:
        return BULLET
    return HEADING if all(w.bold for w in line.words) else TEXT


def _continues(block: Block, line: Line, kind: str, page: int) -> bool:
    if page != block.page:
        return False
    if kind == HEADING and block.is_heading:
        size = line.words[0].size
        return size == block.size and line.top - block.bottom < WRAP_GAP * size
    return kind == TEXT and block.kind == BULLET and line.x0 > block.x0 + 1


def blocks(document: Document) -> Iterator[Block]:
    """The document's blocks in reading order (one column, top to bottom, page by page)."""
    current: Block | None = None
    for page in document.pages:
        for line in page.lines:
            kind = _kind(line)
            if current and _continues(current, line, kind, page.number):
                current.text += " " + line.text.strip()
                current.bottom = line.bottom
                continue
            if current:
                yield current
            text = line.text.strip()
            if kind == BULLET:
                text = text.lstrip(BULLETS).strip()
            current = Block(kind, page.number, text, line.words[0].size, line.x0, line.bottom)
    if current:
        yield current


def list_after(found: list[Block], start: int) -> list[Block]:
    """The bullets of the list that follows block `start`, up to the heading or paragraph after it.

    Plain lines before the first bullet ('Retiens bien ces dates :') and smaller print
    inside the list (running headers and footers of a page break) are skipped; a heading,
    or a plain line as large as the bullets after them, ends the list (an empty list when
    a heading comes first).
    """
    bullets: list[Block] = []
    for block in found[start + 1:]:
        if block.kind == BULLET:
            bullets.append(block)
        elif block.is_heading or (bullets and block.size >= bullets[0].size):
            break
    return bullets
