"""Tables as grids of cells with the page of every row, and stitching across pages.

A grid continued on the next page (same number of columns, header repeated or not) is
stitched into one, the repeated header dropped, as camelot's helper does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pipeline.model import Document

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
