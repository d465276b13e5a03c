"""Tables whose rows are drawn and whose columns are not ('rows' strategy).

Editions often draw a table with a rule under every row and none between the columns, or
with every other row tinted by one band across the whole table (zebra stripes). pdfplumber's
lines strategy needs vertical edges too: it finds no table, or one column of merged cells
between the frame's two sides. Here the drawing gives the rows and the words give the
columns, as pdfplumber's 'lines' horizontal and 'text' vertical strategies together:

- separators are the page's horizontal rules and the top and bottom edges of tinted
  bands (a row of cells tinted edge to edge counts as one band), grouped by their extent
  (the same left and right ends); the stretch between two separators of one extent
  that holds words is a row, and after a band, the plain row right under it (rows
  alternate);
- the columns are the gutters (x ranges no word crosses) that the words of all the rows
  share; a table has at least two columns, and two rows, or one row of
  `lone_row_min_cells` cells (a table continued on the next slide).
Whether such a reading replaces what pdfplumber read over the same region is for
`bands.with_banded_tables` to say (the one that reads more cells filled and fewer empty).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from itertools import groupby, pairwise

from pipeline.pdf.model import BBox, Page, Table, Word, group_lines
from pipeline.structure.bands import bands, with_banded_tables
from pipeline.structure.layout import gutters
from pipeline.structure.settings import LayoutSettings

# (left, right, y, after_band): a horizontal separator; `after_band` for a band's bottom.
Separator = tuple[float, float, float, bool]
Span = tuple[float, float]


def _separators(page: Page, settings: LayoutSettings) -> list[Separator]:
    """Every rule, and the top and bottom of every tinted band or lone tinted strip."""
    found: list[Separator] = [(r.x0, r.x1, r.y, False) for r in page.rules]
    banded = bands(page.rects, settings)
    for band in banded:
        found += [(band.edges[0], band.edges[-1], band.top, False),
                  (band.edges[0], band.edges[-1], band.bottom, True)]
    for rect in page.rects:
        inside_band = any(b.top - 1 <= rect.top and rect.bottom <= b.bottom + 1
                          and b.edges[0] - 1 <= rect.x0 and rect.x1 <= b.edges[-1] + 1
                          for b in banded)
        if rect.filled and rect.bottom - rect.top >= settings.band_min_height \
                and not inside_band:
            found += [(rect.x0, rect.x1, rect.top, False), (rect.x0, rect.x1, rect.bottom, True)]
    return found


def _extent(separator: Separator, settings: LayoutSettings) -> tuple[int, int]:
    step = max(settings.band_edge_tolerance, 0.5)
    return round(separator[0] / step), round(separator[1] / step)


class _Words:
    """A page's words by the height of their middle, to take those of a strip at once
    (a page of ruled grids has thousands of rules and as many strips to look into)."""

    def __init__(self, words: tuple[Word, ...]) -> None:
        self.words = sorted(words, key=lambda w: w.top + w.bottom)
        self.middles = [(w.top + w.bottom) / 2 for w in self.words]

    def between(self, left: float, right: float, top: float, bottom: float) -> list[Word]:
        """The words whose middle lies in [left, right] x [top, bottom)."""
        start = bisect_left(self.middles, top)
        end = bisect_left(self.middles, bottom, start)
        return [w for w in self.words[start:end] if left <= (w.x0 + w.x1) / 2 <= right]


def _trailing(left: float, right: float, y: float, height: float, words: _Words,
              settings: LayoutSettings) -> Span | None:
    """The plain row right under a band: lines starting within a band's height of it,
    set close together (a wrapped cell)."""
    lines = group_lines(w for w in words.between(left, right, y - 1, float("inf"))
                        if w.top >= y - 1)
    if not lines or lines[0].top - y > height:
        return None
    bottom = lines[0].bottom
    for line in lines[1:]:
        if line.top - bottom > settings.paragraph_gap * (line.bottom - line.top):
            break
        bottom = line.bottom
    return y, bottom


def _is_row(words: list[Word], top: float, bottom: float, settings: LayoutSettings) -> bool:
    """The words between two separators fill them as a row does: lines set close together
    (a wrapped cell, no paragraph gap), from near the upper separator to near the lower."""
    lines = group_lines(words)
    height = max(max(line.bottom - line.top for line in lines), 1.0)
    close = all(b.top - a.bottom <= settings.paragraph_gap * height for a, b in pairwise(lines))
    padding = settings.drawn_row_padding * height
    return close and lines[0].top - top <= padding and bottom - lines[-1].bottom <= padding


def _runs(group: list[Separator], words: _Words, settings: LayoutSettings
          ) -> list[list[Span]]:
    """The rows between the separators of one extent, top down, in runs: a stretch that
    holds words but not as a row (a slide's title and text between two tables of one
    width) ends a run. After a band that ends a run, the plain row under it joins it."""
    left, right = group[0][0], group[0][1]
    ys = sorted({round(s[2], 1) for s in group})
    after_band = {round(s[2], 1) for s in group if s[3]}
    runs: list[list[Span]] = [[]]
    for top, bottom in pairwise(ys):
        held = words.between(left, right, top, bottom)
        if not held:
            continue
        if _is_row(held, top, bottom, settings):
            runs[-1].append((top, bottom))
            continue
        _close_run(runs[-1], top, after_band, left, right, words, settings)
        runs.append([])
    if runs[-1]:
        _close_run(runs[-1], runs[-1][-1][1], after_band, left, right, words, settings)
    return [run for run in runs if run]


def _close_run(run: list[Span], y: float, after_band: set[float], left: float, right: float,
               words: _Words, settings: LayoutSettings) -> None:
    """Add to a run ending on a band the plain row right under that band, if any."""
    if not run or y not in after_band or run[-1][1] != y:
        return
    height = min(bottom - top for top, bottom in run)
    trailing = _trailing(left, right, y, height, words, settings)
    if trailing and _is_row(words.between(left, right, *trailing), *trailing, settings):
        run.append(trailing)


def _edges(cells: list[Word], left: float, right: float, settings: LayoutSettings
           ) -> list[float]:
    """Column edges: the table's sides and the middle of every gutter its words share."""
    found = gutters(cells, settings.min_gutter, settings.gutter_em) if cells else []
    return [left, *((a + b) / 2 for a, b in found), right]


def _cell_text(words: list[Word]) -> str | None:
    return "\n".join(line.text for line in group_lines(words)) or None


def _table(spans: list[Span], words: _Words, left: float, right: float,
           settings: LayoutSettings) -> Table | None:
    held = [words.between(left, right, *span) for span in spans]
    edges = _edges([w for row in held for w in row], left, right, settings)
    columns = len(edges) - 1
    wanted = settings.table_min_columns if len(spans) >= settings.table_min_rows \
        else settings.lone_row_min_cells
    if columns < wanted:
        return None
    rows, boxes = [], []
    for (top, bottom), row in zip(spans, held, strict=True):
        cells: list[list[Word]] = [[] for _ in range(columns)]
        for word in row:
            middle = (word.x0 + word.x1) / 2
            cells[next(i for i in range(columns) if middle < edges[i + 1] or i == columns - 1)
                  ].append(word)
        rows.append(tuple(_cell_text(c) for c in cells))
        boxes.append(tuple((x0, top, x1, bottom) for x0, x1 in pairwise(edges)))
    return Table(tuple(rows), (left, spans[0][0], right, spans[-1][1]), "rows", tuple(boxes))


def _full_grid(table: Table, settings: LayoutSettings) -> bool:
    """A table pdfplumber read from rules in both directions, every cell of every row
    present (none merged): its columns are drawn, so it is no table of drawn rows."""
    return bool(table.cells) and all(
        len(row) >= settings.table_min_columns and all(cell is not None for cell in row)
        for row in table.cells)


def drawn_row_tables(page: Page, settings: LayoutSettings) -> list[Table]:
    """The tables of a page whose rows are ruled or tinted and whose columns are not
    (where pdfplumber read a full grid, its columns are drawn: not looked for there)."""
    grids = [t.bbox for t in page.tables if _full_grid(t, settings)]
    words = _Words(page.words)
    found = []
    ordered = sorted(_separators(page, settings), key=lambda s: (_extent(s, settings), s[2]))
    for _, group in groupby(ordered, key=lambda s: _extent(s, settings)):
        separators = list(group)
        for spans in _runs(separators, words, settings):
            table = _table(spans, words, separators[0][0], separators[0][1], settings)
            if table is not None and not any(_overlap(table.bbox, g) for g in grids):
                found.append(table)
    return found


def filled_cells(table: Table) -> int:
    """Cells read with text less cells left empty or merged: how well a reading fills its
    grid (camelot's whitespace measure, as a count so that more rows read count more)."""
    cells = [cell for row in table.rows for cell in row]
    filled = sum(bool(cell and cell.strip()) for cell in cells)
    return filled - (len(cells) - filled)


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _compete(tables: list[Table], candidate: Table) -> list[Table]:
    """`tables` with `candidate` in place of those it overlaps, if it fills more cells
    than each of them."""
    over = [t for t in tables if _overlap(t.bbox, candidate.bbox)]
    if all(filled_cells(candidate) > filled_cells(t) for t in over):
        return [t for t in tables if t not in over] + [candidate]
    return tables


def with_drawn_tables(page: Page, settings: LayoutSettings) -> Page:
    """The page with the best reading of each of its table regions: what pdfplumber read
    (ruled grids), the banded tables (`bands.with_banded_tables`), the tables the rules
    alone draw (`Page.rule_tables`, rectangles' edges left out) and the tables whose rows
    only are drawn compete where they overlap; a later reading replaces the tables it
    overlaps when it fills more cells than each of them (ties go to what was read before)."""
    page = with_banded_tables(page, settings)
    tables = list(page.tables)
    for candidate in page.rule_tables:
        tables = _compete(tables, candidate)
    for candidate in drawn_row_tables(replace(page, tables=tuple(tables)), settings):
        tables = _compete(tables, candidate)
    if tables == list(page.tables):
        return page
    return replace(page, tables=tuple(sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))))
