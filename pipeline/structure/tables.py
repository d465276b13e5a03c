"""Tables as grids of cells with the page of every row, and stitching across pages.

Editions print the same table with a full grid, rules only between rows, shaded bands
(zebra stripes, where a fill is not a rule) or no rules at all, and no one strategy
reads them all. Every page is read by five, as camelot reads with lattice and stream:
'lines' (the ruled tables pdfplumber found), 'lines-only' (the same with the edges of
boxes and tints left out, read at parse time), 'bands' (rows shaded in turn, see
`bands`), 'rows' (rows ruled or tinted across the table, columns from the words, see
`drawn_rows`) and 'text' (the words alone: rows are lines, columns are x-ranges the
cells of many rows share). The candidates overlapping one region of the page compete, and the
one that reads best for what the extractor wants (its `Score`: the header is found, the
cells parse, the labels resolve) is kept, with its score and the scores of the others.

A grid continued on the next page (same number of columns, header repeated or not) is
stitched into one, the repeated header dropped, as camelot's helper does.

For content that mixes tables and running text (city cards), `flow` reads the outline's
pages (`Outline.pages`: its tables, no furniture) as one stream of blocks in printed
order: each table row with the words of each of its cells (so fonts and line breaks
survive), and each line printed outside the tables. On a page without ruled tables,
label/value rows are read from text set in two columns. `rows` reads the stream into the
outline's rows, joining a row continued on the next page to the one before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from pipeline.pdf.model import BBox, Document, Line, Page, Table, Word, union
from pipeline.structure.bands import banded_tables
from pipeline.structure.drawn_rows import drawn_row_tables
from pipeline.structure.layout import MIN_GUTTER, close_slashes, gutters, is_folio, wrapped
from pipeline.structure.settings import DEFAULT, LayoutSettings

Cells = tuple[str | None, ...]
Span = tuple[float, float]

# Thresholds (cell gap, row gap, minimum rows and columns, row leading) are fields of
# LayoutSettings (structure/settings.py); every reader here takes the settings.


@dataclass(frozen=True)
class Grid:
    """Rows of cells; `pages[i]` is the page row i was printed on.

    `bbox` is where the grid starts (on its first page); `score` is what the extractor's
    `Score` gave it, and `rivals` the other strategies that read the same region with
    their scores ('bands 392; lines 15'), so a report shows how the page was read.
    """

    rows: tuple[Cells, ...]
    pages: tuple[int, ...]
    strategy: str
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)
    score: float = 0.0
    rivals: str = ""

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
    """Collapse white space, rejoin words broken after a hyphen, close slashes
    (`layout.close_slashes`); an empty cell becomes None."""
    if text is None:
        return None
    folded = close_slashes(" ".join(_HYPHEN_BREAK.sub("", text).split()))
    return folded or None


# How well a candidate grid reads for what an extractor wants: the higher the better, and
# at most 0 for a grid that is not what it looks for.
Score = Callable[[Grid], float]


def candidates(page: Page, settings: LayoutSettings = DEFAULT, costly: bool = True
               ) -> list[Grid]:
    """Every reading of the page's tables: 'lines' and 'lines-only', then (when `costly`)
    'bands', 'rows' and 'text'.

    The ruled tables come with the parsed page; the other strategies are computed here.
    A ruled 'table' of one column is a frame or shaded bands behind text, not a table.
    """
    found = [t for t in page.tables + page.rule_tables
             if _width(t) >= settings.table_min_columns]
    if costly:
        found += (banded_tables(page, settings) + drawn_row_tables(page, settings)
                  + text_tables(page, settings))
    grids = (_grid(page.number, table) for table in found)
    return [g for g in grids if g.rows]


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _grid(page: int, table: Table) -> Grid:
    rows = tuple(tuple(clean_cell(c) for c in row) for row in table.rows)
    rows = tuple(r for r in rows if any(r))
    return Grid(rows, (page,) * len(rows), table.strategy, table.bbox)


def grids(document: Document, score: Score, could_hold: Collection[int] | None = None,
          settings: LayoutSettings = DEFAULT) -> Iterator[Grid]:
    """The best reading of every table region of the document, page by page, top down.

    Candidates of a page whose boxes overlap read the same region; the one `score` rates
    highest is kept (the first strategy on a tie), when its score is above 0. Pages not
    in `could_hold` (no word that could belong to the table) keep only the ruled tables
    the parse found: the other strategies are not run there.
    """
    for page in document.pages:
        costly = could_hold is None or page.number in could_hold
        scored = [replace(g, score=score(g)) for g in candidates(page, settings, costly)]
        best = [_best(region) for region in _regions(scored)]
        yield from sorted((g for g in best if g.score > 0), key=lambda g: (g.bbox[1], g.bbox[0]))


def _best(region: list[Grid]) -> Grid:
    best = max(region, key=lambda g: g.score)
    rivals = "; ".join(f"{g.strategy} {g.score:g}" for g in region if g is not best)
    return replace(best, rivals=rivals)


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _regions(found: list[Grid]) -> list[list[Grid]]:
    """Candidates grouped by overlap (transitively), in the order they were found."""
    regions: list[list[Grid]] = []
    for grid in found:
        touching = [r for r in regions if any(_overlap(grid.bbox, g.bbox) for g in r)]
        merged = [g for r in touching for g in r] + [grid]
        regions = [r for r in regions if all(r is not t for t in touching)] + [merged]
    return regions


def text_tables(page: Page, settings: LayoutSettings = DEFAULT) -> list[Table]:
    """Tables printed without ruling lines, rebuilt from the page's words ('text' strategy).

    A table is a run of consecutive lines split into at least two cells (or one line of
    many cells); its columns are the x-ranges shared by the cells of its fullest rows.
    """
    found = []
    for block in _blocks([(line, _cells(line, settings)) for line in page.lines], settings):
        cells = [c for _, c in block]
        columns = _columns(cells)
        wanted = settings.table_min_columns if len(block) >= settings.table_min_rows \
            else settings.lone_row_min_cells
        if len(columns) >= wanted:
            lines = [line for line, _ in block]
            bbox = (min(x.x0 for x in lines), lines[0].top, max(x.x1 for x in lines),
                    lines[-1].bottom)
            found.append(Table(tuple(_place(row, columns) for row in cells), bbox, "text"))
    return found


def _size(word: Word) -> float:
    return word.size or (word.bottom - word.top)


def _cells(line: Line, settings: LayoutSettings) -> list[list[Word]]:
    """The words of a line grouped into cells: a gap wider than `cell_gap` sizes starts one."""
    cells: list[list[Word]] = []
    for word in line.words:
        if cells and word.x0 - cells[-1][-1].x1 <= settings.cell_gap * max(_size(word), 1.0):
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _blocks(lines: list[tuple[Line, list[list[Word]]]], settings: LayoutSettings,
            ) -> Iterator[list]:
    """Runs of consecutive, closely spaced lines (with their cells) of two cells or more.

    A one-cell line between two such lines (a row whose other cells are all empty)
    stays in the run.
    """
    tabular = [len(cells) >= 2 for _, cells in lines]
    for i in range(1, len(lines) - 1):
        tabular[i] = tabular[i] or (tabular[i - 1] and tabular[i + 1])
    block: list[tuple[Line, list[list[Word]]]] = []
    for row, is_row in zip(lines, tabular, strict=True):
        if block and (not is_row or _apart(block[-1][0], row[0], settings)):
            yield block
            block = []
        if is_row:
            block.append(row)
    if block:
        yield block


def _apart(above: Line, below: Line, settings: LayoutSettings) -> bool:
    return below.top - above.bottom > settings.row_gap * (above.bottom - above.top)


def _span(cell: list[Word]) -> Span:
    return cell[0].x0, cell[-1].x1


def _columns(rows: list[list[list[Word]]]) -> list[Span]:
    """Column x-ranges: the cells of the fullest rows, overlapping ranges merged."""
    fullest = max((len(r) for r in rows), default=0)
    spans = sorted(_span(c) for r in rows if len(r) == fullest for c in r)
    columns: list[Span] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _place(row: list[list[Word]], columns: list[Span]) -> Cells:
    """Each cell of a row put in the column it overlaps most (the nearest if none)."""
    texts: list[list[str]] = [[] for _ in columns]
    for cell in row:
        x0, x1 = _span(cell)
        best = max(range(len(columns)), key=lambda i: (
            min(x1, columns[i][1]) - max(x0, columns[i][0]),
            -abs((x0 + x1) - sum(columns[i]))))
        texts[best].append(" ".join(w.text for w in cell))
    return tuple(" ".join(t) or None for t in texts)


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
            stitched[-1] = replace(previous, rows=previous.rows + rows,
                                   pages=previous.pages + pages,
                                   score=previous.score + grid.score)
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


@dataclass(frozen=True)
class _ByMiddle:
    """Words with the heights of their middles sorted, to find those level with a row
    (a table's rows each test only their own words, not every word of the table)."""

    words: list[Word]
    middles: list[float]  # sorted
    order: list[int]  # the index in `words` of each middle

    def level_with(self, box: BBox) -> list[Word]:
        """The words whose middle lies between the box's top and bottom, in page order."""
        found = self.order[bisect_left(self.middles, box[1]):bisect_right(self.middles, box[3])]
        return [self.words[i] for i in sorted(found)]


def _by_middle(words: list[Word]) -> _ByMiddle:
    ranked = sorted(((w.top + w.bottom) / 2, i) for i, w in enumerate(words))
    return _ByMiddle(words, [middle for middle, _ in ranked], [i for _, i in ranked])


def _level(boxes: list[BBox], line: Line) -> list[BBox]:
    """The boxes level with the line: the only ones its words can be inside."""
    return [b for b in boxes if b[1] <= line.bottom and line.top <= b[3]]


def _is_folio(line: Line, page: Page) -> bool:
    """The page number printed alone in the bottom margin."""
    return is_folio(line.text) and line.top > page.height * 0.9


def _text_beside(table: Table, page: Page) -> bool:
    """Words printed level with a one-column table, outside it: the table is only the
    shading behind a column of labels whose values are set beside it, not rows."""
    boxes = [box for row in table.cells for box in row if box]
    return any(box[1] <= (w.top + w.bottom) / 2 <= box[3] and not _inside(w, box)
               for box in boxes for w in page.words)


def _framed_pairs(tables: list[Table], page: Page, settings: LayoutSettings) -> bool:
    """One-column 'tables' that are frames drawn round rows whose text is set in a label
    and a value column: at least `table_min_rows` of the framed rows split at one gutter."""
    framed = [line for line in page.lines if any(
        _inside(w, box) for t in tables for row in t.cells for box in row if box
        for w in line.words)]
    return bool(tables) and label_gutter(framed, settings) is not None


def page_blocks(page: Page, gutter: Span | None = None, settings: LayoutSettings = DEFAULT,
                ) -> tuple[list[Block], Span | None]:
    """Table rows (words read from each cell's box) and the lines outside tables, top down.

    A one-column 'table' with text beside it is shading behind labels, not a table. A
    page without ruled tables of two columns or more may still print label/value rows as
    text aligned in two columns: those rows are read from the words' geometry
    (`text_rows`), split at the page's own label gutter or else at `gutter`, the one of
    the page before (a card continued over a page with a single row). Returns the
    gutter used, if any.
    """
    blocks: list[Block] = []
    columns = settings.table_min_columns
    tables = [t for t in page.tables if _width(t) >= columns or not _text_beside(t, page)]
    if not any(_width(t) >= columns for t in tables) and _framed_pairs(tables, page, settings):
        tables = []  # frames drawn round label/value rows: the rows are read from the text
    for table in tables:
        held = _by_middle([w for w in page.words if _inside(w, table.bbox)])
        for boxes in table.cells:
            present = [box for box in boxes if box]
            near = held.level_with(union(present)) if present else []
            cells = tuple((tuple(w for w in near if _inside(w, box)), box[2]) for box in present)
            if any(words for words, _ in cells):
                top = min(w.top for words, _ in cells for w in words)
                blocks.append(Block(page.number, top, cells, True))
    boxes = [t.bbox for t in tables]
    right = max([b[2] for b in boxes] + [w.x1 for w in page.words])
    lines = [line for line in page.lines if not _is_folio(line, page)
             and not all(any(_inside(w, b) for b in _level(boxes, line)) for w in line.words)]
    ruled = any(_width(t) >= columns for t in tables)
    gutter = None if ruled else label_gutter(lines, settings) or gutter
    if gutter is not None:
        rows, lines = text_rows(page.number, lines, gutter, right, settings)
        blocks += rows
    for line in lines:
        level = _level(boxes, line)
        free = tuple(w for w in line.words if not any(_inside(w, b) for b in level))
        if free:
            blocks.append(Block(page.number, min(w.top for w in free), ((free, right),), False))
    return sorted(blocks, key=lambda b: b.top), gutter


def text_rows(page: int, lines: list[Line], gutter: Span, right: float,
              settings: LayoutSettings = DEFAULT) -> tuple[list[Block], list[Line]]:
    """Label/value rows printed without ruling lines, and the lines left free.

    The value column starts at the end of the gutter (see `label_gutter`). A line with
    words on both sides of it opens a row, or goes on with the row above when set as
    close as the lines of one paragraph (rows are set further apart): a wrapped label and
    value. A line of the value column goes on with the row above when set closer to it
    than `value_paragraph_share` of the page's row spacing (a new paragraph of the same
    value), else it is a row whose label is empty (at the top of a page: a value cut by
    the page end); a line of the
    label column only goes on with the label above when that label was wrapped before it.
    Any other line (a title, a section row, a paragraph across both columns) stays free.
    The value column's right edge, which tells a wrapped line from the end of a paragraph,
    is the furthest its words reach on the page (its measure), not the page's text edge.
    """
    rows: list[list[Line]] = []
    free: list[Line] = []
    open_row: list[Line] | None = None
    spacing = _row_spacing(lines, gutter, settings)
    for line in lines:
        side = _side(line, gutter, settings)
        close = open_row is not None and (_close(open_row[-1], line, settings) or (
            side == "value" and line.top - open_row[-1].bottom
            < settings.value_paragraph_share * spacing))
        if side in ("pair", "value") and not close:
            open_row = [line]
            rows.append(open_row)
        elif side in ("pair", "value") or (side == "label" and close
                                            and _label_goes_on(open_row, line, gutter, settings)):
            open_row.append(line)
        else:
            free.append(line)
            open_row = None
    measure = max((w.x1 for row in rows for line in row for w in line.words
                   if _column(w, gutter, settings) == "value"), default=right)
    return [_row_block(page, row, gutter, min(right, measure), settings) for row in rows], free


def _row_spacing(lines: list[Line], gutter: Span, settings: LayoutSettings) -> float:
    """The least gap above a line that opens a label/value row on the page (0 if none):
    how far apart the page sets its rows."""
    return min((below.top - above.bottom for above, below in pairwise(lines)
                if _side(below, gutter, settings) == "pair"
                and not _close(above, below, settings)), default=0.0)


def label_gutter(lines: list[Line], settings: LayoutSettings = DEFAULT) -> Span | None:
    """The x range between the label column and the value column, or None.

    Among the gutters (`layout.gutters`) of the lines split into two cells, the one that
    splits the most of them, when it splits at least `table_min_rows` lines.
    """
    split = [line for line in lines if len(_cells(line, settings)) == 2]
    if len(split) < settings.table_min_rows:
        return None
    found = gutters([w for line in split for w in line.words], MIN_GUTTER)
    counts = [(sum(_side(line, gap, settings) == "pair" for line in split), -gap[0], gap)
              for gap in found]
    best = max(counts, default=None)
    return best[2] if best and best[0] >= settings.table_min_rows else None


def _column(word: Word, gutter: Span, settings: LayoutSettings) -> str:
    """'value' right of the gutter, 'label' well left of it, else 'across'."""
    if word.x0 >= gutter[1] - 1.0:
        return "value"
    if word.x1 <= gutter[1] - settings.cell_gap * _size(word):
        return "label"
    return "across"


def _side(line: Line, gutter: Span, settings: LayoutSettings) -> str:
    """'pair' (label and value), 'label', 'value' or 'across' (a word crosses the gutter)."""
    columns = {_column(w, gutter, settings) for w in line.words}
    if "across" in columns:
        return "across"
    return "pair" if len(columns) == 2 else columns.pop()


def _close(above: Line, below: Line, settings: LayoutSettings) -> bool:
    """Set as the lines of one paragraph: the gap under `above` is under `row_leading` lines."""
    return below.top - above.bottom <= settings.row_leading * (above.bottom - above.top)


def _label_goes_on(row: list[Line], line: Line, gutter: Span, settings: LayoutSettings,
                   ) -> bool:
    """The row's last label line was wrapped before this line's first word.

    The label column ends somewhere in the gutter: its start, the furthest a label of the
    page reaches, is the edge that misses no wrapped label.
    """
    labels = [Line(tuple(w for w in above.words if _column(w, gutter, settings) == "label"))
              for above in row]
    labels = [label for label in labels if label.words]
    return bool(labels) and wrapped(labels[-1], line.words[0], gutter[0])


def _row_block(page: int, row: list[Line], gutter: Span, right: float,
               settings: LayoutSettings) -> Block:
    words = [w for line in row for w in line.words]
    label = tuple(w for w in words if _column(w, gutter, settings) == "label")
    value = tuple(w for w in words if _column(w, gutter, settings) == "value")
    return Block(page, min(w.top for w in words), ((label, gutter[0]), (value, right)), True)


def flow(pages: Iterable[Page], settings: LayoutSettings = DEFAULT) -> Iterator[Block]:
    """Every block of the pages, page after page, in reading order (one column)."""
    gutter = None
    for page in pages:
        blocks, gutter = page_blocks(page, gutter, settings)
        yield from blocks
