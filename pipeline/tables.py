"""Tables as grids of cells with the page of every row, and stitching across pages.

A grid continued on the next page (same number of columns, header repeated or not) is
stitched into one, the repeated header dropped, as camelot's helper does.

For content that mixes tables and running text (city cards), `flow` reads a document as
one stream of blocks in printed order: each table row with the words of each of its
cells (so fonts and line breaks survive), and each line printed outside the tables.
A reader of the stream joins a row continued on the next page to the one before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pipeline.model import Document, Line, Page, Word

Cells = tuple[str | None, ...]


@dataclass(frozen=True)
class Grid:
    """Rows of cells; `pages[i]` is the page row i was printed on."""

    rows: tuple[Cells, ...]
    pages: tuple[int, ...]
    strategy: str

    @property
    def header(self) -> Cells:
        return self.rows[0]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


# A line break right after a hyphen glued to a word ('chu-\ngrenoble.fr', 'Saint-\nEtienne')
# splits one word over two lines: the break is dropped, the hyphen kept.
_HYPHEN_BREAK = re.compile(r"(?<=\S-)[ \t]*\n\s*")


def clean_cell(text: str | None) -> str | None:
    """Collapse white space, rejoin words broken after a hyphen; an empty cell becomes None."""
    if text is None:
        return None
    folded = " ".join(_HYPHEN_BREAK.sub("", text).split())
    return folded or None


def grids(document: Document) -> Iterator[Grid]:
    """Every table of the document, page by page, as a grid of cleaned cells."""
    for page in document.pages:
        for table in page.tables:
            rows = tuple(tuple(clean_cell(c) for c in row) for row in table.rows)
            rows = tuple(r for r in rows if any(r))
            if rows:
                yield Grid(rows, (page.number,) * len(rows), table.strategy)


def stitch(found: Iterable[Grid], is_header: Callable[[Cells], bool]) -> list[Grid]:
    """Join each grid to the previous one when it continues it on the next page.

    A grid continues the previous one when it starts on the page after the previous one
    ends, has the same width and does not open with a different header. A repeated
    header is dropped.
    """
    stitched: list[Grid] = []
    for grid in found:
        if stitched and _continues(stitched[-1], grid, is_header):
            previous = stitched[-1]
            rows, pages = grid.rows, grid.pages
            if is_header(rows[0]):
                rows, pages = rows[1:], pages[1:]
            stitched[-1] = Grid(previous.rows + rows, previous.pages + pages, previous.strategy)
        else:
            stitched.append(grid)
    return stitched


def _continues(previous: Grid, grid: Grid, is_header: Callable[[Cells], bool]) -> bool:
    if grid.pages[0] != previous.pages[-1] + 1 or grid.width != previous.width:
        return False
    return not is_header(grid.rows[0]) or grid.rows[0] == previous.header


@dataclass(frozen=True)
class Block:
    """One element of a page in reading order: a table row or a free-text line.

    `cells` holds the words of each cell of a row (empty for an empty cell), left to
    right, with the cell's right edge; a cell spanning the row, or a free line, is a
    one-cell block. `in_table` tells rows and free lines apart.
    """

    page: int
    top: float
    cells: tuple[tuple[tuple[Word, ...], float], ...]
    in_table: bool

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for words, _ in self.cells for w in words)

    @property
    def full_width(self) -> bool:
        """One cell only: a title, section row or paragraph rather than a label/value pair."""
        return len(self.cells) == 1


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _is_folio(line: Line, page: Page) -> bool:
    """The page number printed alone in the bottom margin."""
    return line.text.isdigit() and line.top > page.height * 0.9


def page_blocks(page: Page) -> list[Block]:
    """Table rows (words read from each cell's box) and the lines outside tables, top down."""
    blocks: list[Block] = []
    for table in page.tables:
        for boxes in table.cells:
            cells = tuple((tuple(w for w in page.words if _inside(w, box)), box[2])
                          for box in boxes if box)
            if any(words for words, _ in cells):
                top = min(w.top for words, _ in cells for w in words)
                blocks.append(Block(page.number, top, cells, True))
    boxes = [t.bbox for t in page.tables]
    right = max([b[2] for b in boxes] + [w.x1 for w in page.words])
    for line in page.lines:
        if _is_folio(line, page):
            continue
        free = tuple(w for w in line.words if not any(_inside(w, b) for b in boxes))
        if free:
            blocks.append(Block(page.number, min(w.top for w in free), ((free, right),), False))
    return sorted(blocks, key=lambda b: b.top)


def flow(document: Document, first_page: int = 1) -> Iterator[Block]:
    """Every block of the document from `first_page` on, in reading order (one column)."""
    for page in document.pages[first_page - 1:]:
        yield from page_blocks(page)
