"""A document read as one stream of table rows and lines: label/value cards.

The outline's second reading of its pages (`Outline.rows`, read on first use from
`Outline.pages`: the tables the outline chose, running headers and footers left out), as
docling keeps a document's key/value items beside its body. Content that mixes
label/value tables and running text (the city cards of a specialty guide) is read in
printed order, one column, across pages (`tables.flow`): each table row (ruled, banded or
drawn as the outline read it, shading behind a label column, frames round rows, or text
set in a label column and a value column) and each line printed outside the tables. Each
becomes one node:

- a row whose label cell and value cell both hold text: `key_value`, `key` the label;
- a row whose label cell is empty: `key_value` with an empty key (the rest of the value
  above: a cell broken by a page end, or a label cell spanning rows);
- a row of one cell, or whose value cell is empty: `heading` (level 2) when set in bold
  on one printed line, else `paragraph`, `text` the first cell's text;
- outside tables: `heading` level 1 for a line set larger than the body (the guide's own
  headings: region, city, hospital number), level 2 for a bold line, and otherwise one
  `paragraph` (or `list_item`) a paragraph or list entry, its wrapped lines joined.

A row node's `value` holds its items (paragraphs and list entries of the value cells,
wrapped lines joined, list marks dropped: `layout.reflow`), one a line; a free node's
`value` is its text. Items are told apart by what they say and how they are spaced, not
by where the lines happen to break (`layout.opens_item`): a list mark or a bullet
inside the line opens one, a line starting in lower case never does, a line set apart
by more than the document's leading (`leading`) or after a line that ended short does.
`lines` are the lines of the first cell (or of the free node) as printed. `in_table`
tells rows from running text, and `continues` marks the node that finishes the
paragraph a page break cut (it opens a page and starts in lower case, or the last line
before the break was wrapped before its first word) or that the end of a table cut
(running text right under a table, starting in lower case).

The body size and leading are measured here over every word and line of the pages
(`body_size`, `leading`), not taken from the outline's body style, which leaves table
text out: in the 2024 SFR guide the cards' cells are set in 9.5 points and the text
outside tables in 10.5, so the outline's body would raise the bar of a large heading
(`heading_size_ratio` times the body) and change the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise
from statistics import median

from pipeline.pdf.model import BBox, Line, Page, Word, group_lines
from pipeline.structure.layout import (
    is_bullet,
    opens_item,
    paragraphs,
    reflow,
    strip_bullet,
    wrapped,
)
from pipeline.structure.nodes import Node
from pipeline.structure.settings import LayoutSettings
from pipeline.structure.tables import Block, flow

# The last line of text before a page break and the right edge of its cell.
Tail = tuple[Line, float] | None


def body_size(pages: Sequence[Page]) -> float:
    """The most common type size of the pages: the body every heading is compared with."""
    sizes = Counter(round(w.size, 1) for page in pages for w in page.words)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _bbox(words: tuple[Word, ...]) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))


def _bold(words: tuple[Word, ...]) -> bool:
    """Every word that is not a list mark is bold."""
    return all(w.bold for w in words if not is_bullet(w.text))


def _one_cell(block: Block) -> bool:
    """A title, section row or paragraph rather than a label/value pair."""
    return block.full_width or not block.cells[1][0]


def _emphasised(words: tuple[Word, ...]) -> bool:
    """On one printed line and bold: a section row ('Service de rhumatologie au CHU')."""
    return bool(words) and len(group_lines(words)) == 1 and _bold(words)


def _large(block: Block, body: float, settings: LayoutSettings) -> bool:
    """Set larger than the body outside tables: the guide's own headings."""
    return not block.in_table and all(w.size >= body * settings.heading_size_ratio
                                      for w in block.words)


def _tail(block: Block) -> Tail:
    """The last printed line of a block's last cell, with the cell's right edge."""
    words, right = block.cells[-1]
    return (group_lines(words)[-1], right) if words else None


def _lower(first: Word) -> bool:
    """The word starts in lower case and is no list mark ('o')."""
    return first.text[:1].islower() and strip_bullet(first.text) == first.text \
        and not is_bullet(first.text)


def _goes_on(tail: Tail, first: Word) -> bool:
    """The first word after a page break ends the paragraph the break cut: it starts in
    lower case, or the last line before the break was wrapped before it."""
    if is_bullet(first.text) or strip_bullet(first.text) != first.text:
        return False
    return _lower(first) or (tail is not None and wrapped(tail[0], first, tail[1]))


def _bold_prose(blocks: list[Block]) -> set[int]:
    """Indexes of the bold lines of a paragraph set in bold: lines outside tables, one
    wrapped into the next. A heading is never wrapped into the line under it."""
    found: set[int] = set()
    for index, (upper, lower) in enumerate(pairwise(blocks)):
        if upper.in_table or lower.in_table or upper.page != lower.page \
                or not (_emphasised(upper.words) and _emphasised(lower.words)):
            continue
        above, below = group_lines(upper.words)[0], group_lines(lower.words)[0]
        if not opens_item(above, below, upper.cells[0][1]):
            found.update((index, index + 1))
    return found


def leading(pages: Sequence[Page]) -> float:
    """The document's leading: the median ratio of line pitch (top to top) to line height
    between consecutive lines that start at one left edge less than two heights apart
    (most of them the wrapped lines of a paragraph); 0 when it has no such lines."""
    ratios = [(below.top - above.top) / (above.bottom - above.top)
              for page in pages for above, below in pairwise(page.lines)
              if above.bottom > above.top and abs(above.x0 - below.x0) < 1
              and 0 < below.top - above.top < 2 * (above.bottom - above.top)]
    return median(ratios) if ratios else 0.0


class _Reader:
    """Blocks to nodes, keeping the tail of the last text before each page break."""

    def __init__(self, body: float, leading: float, settings: LayoutSettings) -> None:
        self.body = body
        self.leading = leading
        self.settings = settings
        self.tail: Tail = None
        self.page = 0
        self.free: list[Block] = []  # running text of the page not read yet
        self.free_continues = False  # ... which opens the page and ends a cut paragraph
        self.in_table = False  # the block before was a table row

    def read(self, blocks: list[Block]) -> Iterator[Node]:
        prose = _bold_prose(blocks)
        for index, block in enumerate(blocks):
            opens_page = block.page != self.page
            heading = None if index in prose else self._heading(block)
            if opens_page or block.in_table or heading is not None:
                yield from self._paragraphs()
            first = block.words[0]
            continues = (opens_page and _goes_on(self.tail, first)) or (
                self.in_table and not block.in_table and not opens_page and _lower(first))
            self.page, self.in_table = block.page, block.in_table
            if heading is not None:
                yield heading
            elif block.in_table:
                yield self._row(block, continues)
            else:
                if not self.free:
                    self.free_continues = continues
                self.free.append(block)
                continue
            if heading is None:
                self.tail = _tail(block)
        yield from self._paragraphs()

    def _reflow(self, words: tuple[Word, ...], right: float) -> list[str]:
        return reflow(words, right, self.leading, self.settings.paragraph_spacing)

    def _items(self, block: Block, cells: slice = slice(None)) -> list[str]:
        """The items of the block's cells (all of them, or the `cells` slice), in order."""
        return [item for words, right in block.cells[cells] if words
                for item in self._reflow(words, right)]

    def _heading(self, block: Block) -> Node | None:
        """A heading node for a line set large outside tables, or a bold one-cell row."""
        words = block.cells[0][0]
        large = _large(block, self.body, self.settings)
        if not large and not (_one_cell(block) and _emphasised(words)):
            return None
        lines = group_lines(block.words if large else words)
        text = " ".join(self._reflow(words, block.cells[0][1])) or " ".join(
            ln.text for ln in lines)
        return Node("heading", text, block.page, _bbox(block.words), level=1 if large else 2,
                    value="\n".join(self._items(block)), lines=tuple(ln.text for ln in lines),
                    in_table=block.in_table)

    def _row(self, block: Block, continues: bool) -> Node:
        (label, right), *_ = block.cells
        lines = tuple(ln.text for ln in group_lines(label))
        value = "\n".join(self._items(block, slice(None if _one_cell(block) or not label
                                                    else 1, None)))
        if _one_cell(block):
            return Node("paragraph", " ".join(self._reflow(label, right)), block.page,
                        _bbox(block.words), value=value, lines=lines, in_table=True,
                        continues=continues)
        key = " ".join(self._reflow(label, right))
        return Node("key_value", f"{key} : {value}" if key else value, block.page,
                    _bbox(block.words), key=key, value=value, lines=lines, in_table=True,
                    continues=continues)

    def _paragraphs(self) -> Iterator[Node]:
        """The page's running text read so far, one node a paragraph or list entry."""
        if not self.free:
            return
        blocks, self.free = self.free, []
        lines = group_lines(w for b in blocks for w in b.words)
        found = paragraphs(lines, blocks[0].cells[0][1], self.leading,
                           self.settings.paragraph_spacing)
        for index, (text, kept) in enumerate(found):
            words = tuple(w for line in kept for w in line.words)
            marker = "" if text == kept[0].text else kept[0].words[0].text
            yield Node("list_item" if marker and is_bullet(marker) else "paragraph", text,
                       blocks[0].page, _bbox(words), marker=marker, value=text,
                       lines=tuple(line.text for line in kept),
                       continues=index == 0 and self.free_continues)
        self.tail = (lines[-1], blocks[0].cells[0][1])


def read_rows(pages: Sequence[Page], settings: LayoutSettings) -> tuple[Node, ...]:
    """The pages read as rows and lines (see the module's docstring)."""
    reader = _Reader(body_size(pages), leading(pages), settings)
    return tuple(reader.read(list(flow(pages, settings))))
