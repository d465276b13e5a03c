"""Tables drawn as tinted bands: every other row shaded, no ruling lines (zebra tables).

pdfplumber's lines strategy only sees the edges of the shaded rows: in a plain row
between two bands no vertical edge separates the cells, so the row comes back as one
merged cell ('Grenoble SOS internes Grenoble sos.intgre@gmail.com …'), and a plain row
outside any frame is not in a table at all. The bands themselves say where the columns
are: a band is a row of filled rectangles side by side, its inner edges are the column
boundaries. A banded table is a run of bands sharing those edges; the plain rows are the
stretches between two bands, and at most one plain row after the last band (rows
alternate). Each row's words go to the column their middle falls in.

A ruled table pdfplumber read with every cell of every row is trusted as it is; a banded
table replaces the tables it overlaps otherwise (a frame around a slide read as a table,
a table cut in two by a plain row).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby, pairwise

from pipeline.pdf.model import BBox, Page, Rect, Table, Word, group_lines
from pipeline.structure.settings import LayoutSettings

Edges = tuple[float, ...]


@dataclass(frozen=True)
class Band:
    """A shaded row: its top and bottom, and the x edges of its cells (left to right)."""

    top: float
    bottom: float
    edges: Edges

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _close(a: float, b: float, settings: LayoutSettings) -> bool:
    return abs(a - b) <= settings.band_edge_tolerance


def _same_edges(a: Edges, b: Edges, settings: LayoutSettings) -> bool:
    return len(a) == len(b) and all(_close(x, y, settings) for x, y in zip(a, b, strict=True))


def bands(rects: tuple[Rect, ...], settings: LayoutSettings) -> list[Band]:
    """Rows of at least two filled rectangles of one height set edge to edge, top down."""
    cells = sorted((r for r in rects if r.filled and r.bottom - r.top >= settings.band_min_height),
                   key=lambda r: (round(r.top), round(r.bottom), r.x0))
    found: list[Band] = []
    for _, row in groupby(cells, key=lambda r: (round(r.top), round(r.bottom))):
        chain: list[Rect] = []
        for rect in row:
            if chain and _close(rect.x0, chain[-1].x1, settings):
                chain.append(rect)
                continue
            found += _band(chain)
            chain = [rect]
        found += _band(chain)
    return sorted(found, key=lambda b: b.top)


def _band(chain: list[Rect]) -> list[Band]:
    if len(chain) < 2:
        return []
    edges = (chain[0].x0, *(r.x1 for r in chain))
    return [Band(min(r.top for r in chain), max(r.bottom for r in chain), edges)]


def _column(word: Word, edges: Edges) -> int | None:
    """The column of the grid the middle of `word` falls in, or None outside the grid."""
    middle = (word.x0 + word.x1) / 2
    for index in range(len(edges) - 1):
        if edges[index] <= middle < edges[index + 1]:
            return index
    return None


def _fits(words: list[Word], edges: Edges, settings: LayoutSettings) -> bool:
    """No word crosses an inner column edge (a plain row of the grid, not running text)."""
    slack = settings.band_edge_tolerance
    return all(not (w.x0 < edge - slack and w.x1 > edge + slack)
               for w in words for edge in edges[1:-1])


def _between(words: list[Word], above: Band, below: Band) -> list[Word]:
    """The words of the grid printed between two bands."""
    return [w for w in words if above.bottom <= (w.top + w.bottom) / 2 < below.top
            and _column(w, above.edges) is not None]


def _joins(above: Band, below: Band, words: list[Word], settings: LayoutSettings) -> bool:
    """`below` is the next shaded row of the table of `above`: same column edges, within
    reach, and only text set in the grid between them (one plain row, not running text)."""
    return (_same_edges(above.edges, below.edges, settings)
            and below.top - above.bottom <= settings.band_max_gap * max(above.height,
                                                                         below.height)
            and _fits(_between(words, above, below), above.edges, settings))


def _runs(found: list[Band], words: list[Word], settings: LayoutSettings) -> list[list[Band]]:
    """Bands grouped into tables, top down."""
    runs: list[list[Band]] = []
    for band in found:
        run = next((r for r in runs if _joins(r[-1], band, words, settings)), None)
        if run is None:
            runs.append([band])
        else:
            run.append(band)
    return runs


def _trailing_row(last: Band, words: list[Word], settings: LayoutSettings
                  ) -> tuple[float, float] | None:
    """The plain row right under the last band: lines starting within a band's height of
    it, in at least two columns, then the lines set close under them (a wrapped cell),
    every line fitting the grid."""
    below = [w for w in words if w.top >= last.bottom - 1 and _column(w, last.edges) is not None]
    lines = group_lines(below)
    if not lines or lines[0].top - last.bottom > last.height:
        return None
    first = lines[0]
    if len({_column(w, last.edges) for w in first.words}) < 2 \
            or not _fits(list(first.words), last.edges, settings):
        return None
    bottom = first.bottom
    for line in lines[1:]:
        if line.top - bottom > settings.paragraph_gap * (line.bottom - line.top) \
                or not _fits(list(line.words), last.edges, settings):
            break
        bottom = line.bottom
    return last.bottom, bottom


def _row_spans(run: list[Band], words: list[Word], settings: LayoutSettings
               ) -> list[tuple[float, float]]:
    """(top, bottom) of every row of a run of bands: each band, the plain row between two
    bands when something is printed there, and the plain row after the last band."""
    spans: list[tuple[float, float]] = [(run[0].top, run[0].bottom)]
    for above, below in pairwise(run):
        if _between(words, above, below):
            spans.append((above.bottom, below.top))
        spans.append((below.top, below.bottom))
    trailing = _trailing_row(run[-1], words, settings)
    return [*spans, trailing] if trailing else spans


def _cell_text(words: list[Word]) -> str | None:
    return "\n".join(line.text for line in group_lines(words)) or None


def _table(run: list[Band], spans: list[tuple[float, float]], words: list[Word]) -> Table:
    edges = run[0].edges
    rows, boxes = [], []
    for top, bottom in spans:
        inside = [w for w in words if top <= (w.top + w.bottom) / 2 < bottom]
        columns: list[list[Word]] = [[] for _ in edges[1:]]
        for word in inside:
            index = _column(word, edges)
            if index is not None:
                columns[index].append(word)
        rows.append(tuple(_cell_text(c) for c in columns))
        boxes.append(tuple((x0, top, x1, bottom) for x0, x1 in pairwise(edges)))
    bbox = (edges[0], spans[0][0], edges[-1], spans[-1][1])
    return Table(tuple(rows), bbox, "bands", tuple(boxes))


def banded_tables(page: Page, settings: LayoutSettings) -> list[Table]:
    """The tables drawn as tinted bands on a page, rows and cells rebuilt from the bands."""
    words = list(page.words)
    found = []
    for run in _runs(bands(page.rects, settings), words, settings):
        spans = _row_spans(run, words, settings)
        if len(spans) >= 2:  # a lone shaded strip is a banner, not a table
            found.append(_table(run, spans, words))
    return found


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _complete(table: Table, banded: Table) -> bool:
    """A ruled table read with all its cells, covering the banded one: kept as read."""
    covers = (table.bbox[1] <= banded.bbox[1] + 1 and banded.bbox[3] <= table.bbox[3] + 1)
    return covers and bool(table.cells) and all(
        len(row) == len(banded.rows[0]) and all(cell is not None for cell in row)
        for row in table.cells)


def with_banded_tables(page: Page, settings: LayoutSettings) -> Page:
    """The page with its banded tables in place of the partial tables read over them."""
    tables = list(page.tables)
    for banded in banded_tables(page, settings):
        over = [t for t in tables if _overlap(t.bbox, banded.bbox)]
        if any(_complete(t, banded) for t in over):
            continue
        tables = [t for t in tables if t not in over] + [banded]
    if tables == list(page.tables):
        return page
    return replace(page, tables=tuple(sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))))
