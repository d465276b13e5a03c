"""The outline of a document: what it says, in reading order, whatever its typesetting.

Every extractor reads this, never words or coordinates (docling's `DoclingDocument` is
the model): headings with levels, paragraphs, list items, key/value pairs, tables and
captions (one stack of a caption grid, e.g. a person's name, role and city under a photo),
each with its page and bounding box, and the box (framed or tinted area) it sits in.
Running headers, footers and page numbers are set aside as furniture.

An outline holds two readings of the same pages, as a DoclingDocument keeps its key/value
items beside its body: `nodes`, the document in reading order (below), and `rows`, the
document read as label/value rows and the lines between them, one column in printed order
(`rows.read_rows`, what card extractors select from). Both read the pages once prepared
here (`Outline.pages`): each table region read by the strategy that reads it best, the
furniture left out. The rows are read on first use, so a document no card extractor reads
does not pay for them.

How a page is read, once for every document:
1. tables: a table drawn as shaded bands without ruling lines is rebuilt from its bands,
   one whose rows only are ruled or tinted from its rows and the words' gutters, each
   competing with what pdfplumber read over the same region
   (`drawn_rows.with_drawn_tables`); what wins is the page's tables for both readings;
2. furniture: lines in the top or bottom margin that repeat on many pages (digits
   aside) or that are only a page number are left out, of both readings too;
3. atoms: each table and each box is one unit of the page; a box is read on its own
   (recursively, boxes inside it being units again); a grid of captions (short stacks of
   lines side by side, `captions.caption_grids`) is one unit too, read row by row, one
   `caption` node a stack;
4. reading order: a recursive XY-cut over the words and the atoms (`layout.column_blocks`)
   reads one, two or three columns column by column, full-width headings and boxes
   between them where they stand;
5. lines are classified by one set of rules: a heading is set in a style that stands out
   from the body (larger, or bold or capitals where the body is not: size, weight and
   case together), a list item opens with a bullet glyph (whatever its style) or a
   numbering mark, a key/value line reads 'Label : value' (or a bold label before its
   value; an item reading 'name : role' carries the pair too), a short label alone on
   its line ('Un numéro :') takes the paragraph read after it as its value, anything
   else is a paragraph. Wrapped lines are joined (an item goes on over a line that
   reads like a pair; a line ending with a cut word always goes on), words cut at line
   ends mended as the document's own words tell (`hyphens`);
6. heading levels rank the heading styles of the whole document: larger first, then
   bold, then capitals;
7. a list item that prints its bullet again inside its text ('Ariège : Foix • Aude :
   Carcassonne') is several items.
Each node keeps its lines as printed (`Node.lines`): an address block's lines are its
fields. Steps 3 to 7 make `nodes`; `rows` reads the pages of steps 1 and 2 by its own
rules (`rows`, `tables.page_blocks`), which ask more of a table: a one-column table is a
box to the nodes, but to the rows the shading behind a column of labels, or frames round
label/value rows; and label/value rows set as text in two columns are read at the
page's label gutter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import pairwise

from pipeline.pdf.model import BBox, Document, Line, Page, Table, Word, group_lines, union
from pipeline.structure import tables as table_reading
from pipeline.structure.captions import Grid, caption_grids
from pipeline.structure.drawn_rows import with_drawn_tables
from pipeline.structure.hyphens import Hyphenation, hyphenation
from pipeline.structure.layout import (
    NUMBERING,
    close_slashes,
    column_blocks,
    glued_number,
    is_bullet,
    is_folio,
    join_wrapped,
    mend_broken_words,
    strip_bullet,
    wrapped,
)
from pipeline.structure.nodes import Box, Kind, Node, Style
from pipeline.structure.rows import read_rows
from pipeline.structure.settings import DEFAULT, LayoutSettings
from pipeline.structure.tables import clean_cell

# 'Label : value' (a colon with a space after it; 'http://' is no label).
_LABELLED = re.compile(r"^(?P<key>[^:]{1,80}?)\s*:\s+(?P<value>\S.*)$")
# A label alone on its line ('Un numéro :', 'Présidente :'): its value is printed under it.
_BARE_LABEL = re.compile(r"^(?P<key>[^:]{1,80}?)\s*:$")
_DIGITS = re.compile(r"\d+")
# What a browser prints in the margins of each page: an address, a date and time, 'n/m'.
_PRINTED_BY_BROWSER = re.compile(r"https?://|www\.|\b\d{1,2}:\d{2}\b|\b\d{1,3}/\d{1,3}\b")
# The text of a pseudo-word standing for a table or a box in the XY-cut.
_ATOM = "\ufffc"


@dataclass(frozen=True)
class Outline:
    """A document's nodes in reading order, its boxes and the furniture left out."""

    doc_id: str
    path: str
    page_count: int
    nodes: tuple[Node, ...]
    boxes: tuple[Box, ...] = ()
    furniture: tuple[str, ...] = ()
    # The parsed document, for extractors not yet reading the outline only, and for the
    # table candidates an extractor scores (`tables`).
    document: Document | None = field(default=None, compare=False, repr=False)
    # The settings it was read with (a catalog entry's overrides applied).
    settings: LayoutSettings = field(default=DEFAULT, compare=False, repr=False)
    # The pages as the outline read them: each table region read by the strategy that
    # reads it best (`drawn_rows.with_drawn_tables`), running headers, footers and page
    # numbers left out. What `rows` is read from.
    pages: tuple[Page, ...] = field(default=(), compare=False, repr=False)

    @cached_property
    def rows(self) -> tuple[Node, ...]:
        """The document read as label/value rows and the lines between them, in printed
        order across pages (`rows.read_rows`: key_value, heading, paragraph and list_item
        nodes with `in_table` and `continues`), as docling's document keeps its key/value
        items beside its body: the same pages, another collection.

        Read on first use and kept: only the extractors of label/value cards ask for it,
        so a document without any pays nothing.
        """
        return read_rows(self.pages, self.settings)

    def printed_lines(self, page: int) -> tuple[str, ...]:
        """The text of page `page` line by line as printed, across columns and cells:
        what says whether the page could hold a table before any table is read."""
        if self.document is None:
            return ()
        return tuple(line.text for line in self.document.pages[page - 1].lines)

    def tables(self, score: table_reading.Score, pages: Collection[int] | None = None,
               ) -> Iterator[table_reading.Grid]:
        """The best reading of every table region, as `score` rates the candidates of
        every strategy (`tables.grids`); the costly strategies run on `pages` only."""
        if self.document is None:
            return iter(())
        return table_reading.grids(self.document, score, pages, self.settings)

    def find(self, predicate: Callable[[Node], bool], start: int = 0) -> Iterator[int]:
        """Indexes of the nodes from `start` on that satisfy `predicate`."""
        return (i for i in range(start, len(self.nodes)) if predicate(self.nodes[i]))

    def section(self, index: int) -> list[Node]:
        """The nodes under heading `index`, up to the next heading of its level or above.

        For a node that is not a heading, the nodes up to the next heading."""
        head = self.nodes[index]
        found: list[Node] = []
        for node in self.nodes[index + 1:]:
            if node.is_heading and (not head.is_heading or node.level <= head.level):
                break
            found.append(node)
        return found

    def list_after(self, index: int) -> list[Node]:
        """The items of the list that follows node `index`.

        Paragraphs before the first item ('Retiens bien ces dates :') are its
        introduction and skipped; a heading, or any other node once items began, ends it.
        """
        items: list[Node] = []
        for node in self.nodes[index + 1:]:
            if node.kind == "list_item":
                items.append(node)
            elif node.is_heading or items:
                break
        return items

    def text(self) -> str:
        """Every node's text, one per line: what a reader sees, for sweeps and debugging."""
        return "\n".join(node.text for node in self.nodes)


# --- furniture ------------------------------------------------------------------------


def _margin_lines(page: Page, settings: LayoutSettings) -> list[Line]:
    margin = page.height * settings.furniture_margin
    return [line for line in group_lines(page.words)
            if line.bottom <= margin or line.top >= page.height - margin]


def _furniture_key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def furniture_words(document: Document, body: Style, settings: LayoutSettings) -> set[Word]:
    """The words of running headers, footers and page numbers of the whole document.

    A margin line is furniture when it repeats (digits aside) on many pages, when it is
    only a page number, or when it is set smaller than the body and reads like what a
    browser prints around a page (an address, a time, 'n/m'): a short document cannot
    show repetition.
    """
    margins = {page.number: _margin_lines(page, settings) for page in document.pages}
    counts = Counter(key for lines in margins.values()
                     for key in {_furniture_key(line) for line in lines})
    needed = max(settings.furniture_min_pages, settings.furniture_share * len(document.pages))
    repeated = {key for key, count in counts.items() if count >= needed}

    def is_furniture(line: Line) -> bool:
        small = _style(line.words).size < body.size * (1 - settings.size_tolerance)
        return (_furniture_key(line) in repeated or is_folio(line.text)
                or (small and bool(_PRINTED_BY_BROWSER.search(line.text))))

    return {word for lines in margins.values() for line in lines if is_furniture(line)
            for word in line.words}


# --- reading order --------------------------------------------------------------------


@dataclass(frozen=True)
class _Atom:
    """A table or a box standing as one unit in the reading order of its region."""

    bbox: BBox
    table: int | None = None
    box: int | None = None
    grid: Grid | None = None


def _inside(word: Word, bbox: BBox) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _contains(outer: BBox, inner: BBox) -> bool:
    return (outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1 and inner[2] <= outer[2] + 1
            and inner[3] <= outer[3] + 1 and outer != inner)


def _same_box(a: BBox, b: BBox) -> bool:
    """The same area, to within a point on every side."""
    return all(abs(x - y) <= 1 for x, y in zip(a, b, strict=True))


def _page_boxes(page: Page, words: list[Word], tables: list[BBox],
                settings: LayoutSettings) -> list[BBox]:
    """Framed or tinted areas holding several lines besides their tables, not a table or
    a cell, not the page itself (a frame around a table alone is the table's border; a
    slide framed on a handout page, its title above its table, is a box)."""
    limit = settings.box_max_page_share * page.width * page.height
    found: list[BBox] = []
    for rect in page.rects:
        box = rect.bbox
        if (box[2] - box[0]) * (box[3] - box[1]) > limit:
            continue
        same = next((i for i, b in enumerate(found) if _same_box(b, box)), None)
        if same is not None:  # drawn twice (a fill and its frame): one box, the larger
            found[same] = union((found[same], box))
            continue
        if any(_contains(t, box) or _same_box(box, t) for t in tables):
            continue
        inside = [w for w in words if _inside(w, box) and not any(_inside(w, t) for t in tables)]
        if len(group_lines(inside)) >= settings.box_min_lines:
            found.append(box)
    return found


def _atom_word(index: int, bbox: BBox) -> Word:
    return Word(f"{_ATOM}{index}", bbox[0], bbox[2], bbox[1], bbox[3], "", 0.0)


def _ordered(free: list[Word], atoms: list[_Atom],
             settings: LayoutSettings) -> Iterator[list[Word] | _Atom]:
    """Words of a region in reading order, as bands of words, with its atoms in place
    (`free`: the region's words outside every atom)."""
    pieces = free + [_atom_word(i, a.bbox) for i, a in enumerate(atoms)]
    for block in column_blocks(pieces, settings.min_gutter, settings.gutter_em,
                               settings.line_gutter_ratio):
        plain = [w for w in block if not w.text.startswith(_ATOM)]
        for word in block:
            if word.text.startswith(_ATOM) and word.size == 0.0:
                yield atoms[int(word.text[1:])]
        if plain:
            yield plain


@dataclass
class _Run:
    """Consecutive lines of one column of one region, with the region's box."""

    page: int
    box: int | None
    lines: list[Line]

    @property
    def right(self) -> float:
        return max(line.x1 for line in self.lines)


# --- the builder ----------------------------------------------------------------------


@dataclass
class _Builder:
    settings: LayoutSettings
    boxes: list[Box] = field(default_factory=list)
    items: list[_Run | Node] = field(default_factory=list)

    def read_page(self, page: Page) -> None:
        self._read_region(page, list(page.words), None, None)

    def _read_region(self, page: Page, words: list[Word], region: BBox | None,
                     box: int | None) -> None:
        inside = [i for i, t in enumerate(page.tables)
                  if region is None or _contains(region, t.bbox)]
        # A 'table' of one column is a frame or bands behind text: a box, not a table; but
        # frames drawn one under the other (pdfplumber joins their edges into one table)
        # are boxes each, and a frame already read from its rectangle is not read twice.
        tables = [i for i in inside if _columns(page.tables[i]) >= 2]
        drawn = _page_boxes(page, words, [page.tables[i].bbox for i in tables], self.settings)
        frames = [page.tables[i].bbox for i in inside if i not in tables]
        boxes = [b for b in drawn + [f for f in frames if not any(
                     _contains(f, d) or _same_box(f, d) for d in drawn)]
                 if region is None or (_contains(region, b) and not _same_box(region, b))]
        outermost = [b for b in boxes if not any(_contains(o, b) for o in boxes)]
        # A table inside a box (a slide framed on a handout page) is read with the box.
        tables = [i for i in tables if not any(_contains(b, page.tables[i].bbox)
                                               for b in outermost)]
        framed, held = _framed_grids(words, [b for b in outermost if not any(
            _contains(page.tables[i].bbox, b) for i in tables)], self.settings)
        atoms = ([_Atom(page.tables[i].bbox, table=i) for i in tables]
                 + [_Atom(b, box=-1) for b in held])
        free = [w for w in words if not any(_inside(w, a.bbox) for a in atoms + framed)]
        grids = framed + [_Atom(grid.bbox, grid=grid)
                          for grid in caption_grids(free, self.settings)]
        if grids:
            free = [w for w in free if not any(_inside(w, a.bbox) for a in grids)]
        for piece in _ordered(free, atoms + grids, self.settings):
            if isinstance(piece, _Atom) and piece.table is not None:
                self.items.append(_table_node(page, piece.table, box))
            elif isinstance(piece, _Atom) and piece.grid is not None:
                self.items += [Node("caption", "\n".join(c.lines), page.number, c.bbox, box=box,
                                    lines=c.lines) for c in piece.grid.captions]
            elif isinstance(piece, _Atom):
                self.boxes.append(Box(page.number, piece.bbox, box))
                inner = [w for w in words if _inside(w, piece.bbox)]
                self._read_region(page, inner, piece.bbox, len(self.boxes) - 1)
            else:
                self._add_lines(page.number, box, group_lines(piece))

    def _add_lines(self, page: int, box: int | None, lines: tuple[Line, ...]) -> None:
        """Append lines to the current run when they go on in the same column."""
        for line in lines:
            last = self.items[-1] if self.items else None
            if (isinstance(last, _Run) and last.page == page and last.box == box
                    and _same_column(last.lines[-1], line)):
                last.lines.append(line)
            else:
                self.items.append(_Run(page, box, [line]))


def _framed_grids(words: list[Word], boxes: list[BBox],
                  settings: LayoutSettings) -> tuple[list[_Atom], list[BBox]]:
    """Caption grids whose captions are framed or tinted one by one (a card a person), and
    the boxes left once those cards are taken into their grid.

    Such a grid is looked for among the words of the boxes small enough to hold one
    caption; it stands when each of its captions fills a box of its own."""
    inside = {b: [w for w in words if _inside(w, b)] for b in boxes}
    small = [b for b in boxes
             if inside[b] and len(group_lines(inside[b])) <= settings.caption_max_lines]
    if len(small) < 2:
        return [], boxes
    found: list[_Atom] = []
    taken: set[BBox] = set()
    for grid in caption_grids([w for b in small for w in inside[b]], settings):
        cards = [next((b for b in small if _contains(b, c.bbox) or b == c.bbox), None)
                 for c in grid.captions]
        if None in cards or len(set(cards)) != len(cards) or any(
                len(inside[b]) != sum(len(line.split()) for line in c.lines)
                for b, c in zip(cards, grid.captions, strict=True)):
            continue
        found.append(_Atom(union([grid.bbox, *cards]), grid=grid))
        taken.update(cards)
    return found, [b for b in boxes if b not in taken]


def _columns(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _same_column(above: Line, below: Line) -> bool:
    """`below` is printed under `above` in the same column (their x ranges overlap)."""
    return below.top >= above.top and below.x0 < above.x1 and above.x0 < below.x1


def _table_node(page: Page, index: int, box: int | None) -> Node:
    table = page.tables[index]
    rows = tuple(tuple(clean_cell(c) for c in row) for row in table.rows)
    rows = tuple(r for r in rows if any(r))
    text = "\n".join(" | ".join(c or "" for c in row) for row in rows)
    return Node("table", text, page.number, table.bbox, rows=rows, box=box,
                marker=table.strategy)


# --- line classification ----------------------------------------------------------------


def _style(words: tuple[Word, ...]) -> Style:
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(word.size, 1)] += len(word.text)
    letters = "".join(c for w in words for c in w.text if c.isalpha())
    return Style(sizes.most_common(1)[0][0] if sizes else 0.0,
                 all(w.bold for w in words), len(letters) >= 2 and letters.isupper())


def _body_style(pages: list[Page]) -> Style:
    """The style most characters of the document's running text are set in: outside its
    tables, whose smaller type would otherwise make every line of a slide a heading."""
    counts: Counter[tuple[float, bool]] = Counter()
    for page in pages:
        grids = [t.bbox for t in page.tables if _columns(t) >= 2]
        for word in page.words:
            if not any(_inside(word, grid) for grid in grids):
                counts[(round(word.size, 1), word.bold)] += len(word.text)
    (size, bold), _ = counts.most_common(1)[0] if counts else ((0.0, False), 0)
    return Style(size, bold, False)


def _same_size(a: float, b: float, settings: LayoutSettings) -> bool:
    return abs(a - b) <= settings.size_tolerance * max(a, b, 1.0)


def _heading_style(style: Style, body: Style, words: int, settings: LayoutSettings) -> bool:
    if words > settings.heading_max_words or style.size < body.size * (1 - settings.size_tolerance):
        return False
    if style.size >= body.size * settings.heading_size_ratio:
        return True
    return (style.bold and not body.bold) or (style.caps and words >= 2)


def _marker(line: Line) -> str:
    """The list mark opening a line, or ''."""
    first = line.words[0].text
    if is_bullet(first) or (NUMBERING.match(first) and len(line.words) > 1):
        return first
    if glued_number(first):
        return glued_number(first)
    stripped = strip_bullet(line.text)
    return line.text[: len(line.text) - len(stripped)].strip() if stripped != line.text else ""


def _pair(text: str, settings: LayoutSettings) -> tuple[str, str] | None:
    """(key, value) of a text that reads 'Label : value' with a short label."""
    labelled = _LABELLED.match(text)
    if labelled and len(labelled.group("key").split()) <= settings.key_max_words \
            and "//" not in labelled.group("key"):
        return labelled.group("key").strip(), labelled.group("value").strip()
    return None


def _label(line: Line, marker: str, settings: LayoutSettings) -> tuple[str, str] | None:
    """(key, value) of a 'Label : value' line or of a bold label before plain text."""
    text = line.text[len(marker):].strip() if marker else line.text
    pair = _pair(text, settings)
    if pair:
        return pair
    words = [w for w in line.words if not (marker and w.text == marker)]
    bold = 0
    while bold < len(words) and words[bold].bold:
        bold += 1
    if 0 < bold < len(words) and bold <= settings.key_max_words:
        key = " ".join(w.text for w in words[:bold]).rstrip(" :")
        return key, " ".join(w.text for w in words[bold:])
    return None


@dataclass
class _Open:
    """The node being assembled from lines: its kind, lines and text so far."""

    kind: Kind
    lines: list[Line]
    text: str
    style: Style
    marker: str = ""
    key: str = ""
    value: str = ""


def _bbox(lines: list[Line]) -> BBox:
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines),
            max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


class _Classifier:
    """Turns runs of lines into nodes, with the document's body style and settings."""

    def __init__(self, body: Style, settings: LayoutSettings, calls: set[int],
                 hyphens: Hyphenation) -> None:
        self.body = body
        self.settings = settings
        self.calls = calls  # pages where a word calls a footnote ('stage*')
        self.hyphens = hyphens  # how the document's hyphens at line ends read

    def nodes(self, run: _Run) -> list[_Open]:
        found: list[_Open] = []
        right = run.right
        for line in run.lines:
            opened = self._open(line, run.page)
            current = found[-1] if found else None
            if current and self._continues(current, opened, line, right):
                current.lines.append(line)
                current.text = join_wrapped(current.text, line.text, self.hyphens)
                if current.key:
                    current.value = join_wrapped(current.value, line.text, self.hyphens)
            else:
                found.append(opened)
        return self._indented_items(found, min(line.x0 for line in run.lines))

    def _indented_items(self, found: list[_Open], left: float) -> list[_Open]:
        """Paragraphs (or 'Label : value' lines) of a list printed without marks become
        its items: two or more in a row, each indented past the column's edge, all at one
        indent."""
        def indent(node: _Open) -> float | None:
            x0s = {round(line.x0) for line in node.lines}
            shift = node.lines[0].x0 - left
            if (node.kind in ("paragraph", "key_value") and len(x0s) == 1
                    and shift >= self.settings.list_indent * node.style.size):
                return node.lines[0].x0
            return None

        index = 0
        while index < len(found):
            start = indent(found[index])
            end = index
            while (start is not None and end + 1 < len(found)
                   and (other := indent(found[end + 1])) is not None and abs(other - start) < 1):
                end += 1
            if end > index:
                for node in found[index:end + 1]:
                    node.kind = "list_item"
            index = end + 1
        return found

    def _open(self, line: Line, page: int) -> _Open:
        marker = _marker(line)
        if marker.startswith("*") and page in self.calls:
            marker = ""  # the footnote a word of the page calls, not a list item
        style = _style(tuple(w for w in line.words if w.text != marker))
        text = line.text[len(marker):] if NUMBERING.match(marker) else strip_bullet(line.text)
        bullet = bool(marker) and is_bullet(marker)  # an item, however it is set
        if not bullet and _heading_style(style, self.body, len(line.words), self.settings):
            return _Open("heading", [line], line.text, style, marker)
        if marker:
            pair = _label(line, marker, self.settings) or ("", "")
            return _Open("list_item", [line], text.strip(), style, marker, *pair)
        pair = _label(line, "", self.settings) or _bare_label(line, self.settings)
        if pair:
            return _Open("key_value", [line], line.text, style, key=pair[0], value=pair[1])
        return _Open("paragraph", [line], line.text, style)

    def _continues(self, current: _Open, opened: _Open, line: Line, right: float) -> bool:
        """`line` (read as `opened`) is the wrapped rest of the node being assembled."""
        previous = current.lines[-1]
        height = max(previous.bottom - previous.top, 1.0)
        if line.top - previous.bottom > self.settings.paragraph_gap * height:
            return False
        if current.kind == "heading":
            return opened.kind == "heading" and opened.style == current.style
        if opened.kind in ("heading", "list_item") or opened.marker:
            return False
        if previous.text.endswith("-") and previous.text[-2:-1].isalpha():
            return True  # a word cut at the line end ('Mu-' 'ret')
        if _is_bare(opened):
            return False
        if _is_bare(current):
            return opened.kind == "paragraph"  # the value printed under its label
        if current.kind == "list_item" and line.x0 > previous.x0 + 1:
            return True
        return wrapped(previous, line.words[0], right + self.settings.wrap_slack) and (
            opened.kind == "paragraph" or line.text[:1].islower()
            or current.kind == "list_item")


def _bare_label(line: Line, settings: LayoutSettings) -> tuple[str, str] | None:
    """(key, '') of a line that is only a short label ending with a colon."""
    found = _BARE_LABEL.match(line.text)
    if found and not line.text[:1].islower() \
            and len(found.group("key").split()) <= settings.label_alone_max_words:
        return found.group("key").strip(), ""
    return None


def _is_bare(node: _Open) -> bool:
    """A key/value whose label is all it has so far (its value is on the next line)."""
    return node.kind == "key_value" and not node.value


def _hyphenation(document: Document, items: list[_Run | Node],
                 settings: LayoutSettings) -> Hyphenation:
    """How the document's hyphens at line ends read, from its words and its lines in
    reading order (each line with the one under it in the same column)."""
    breaks = [(above.text, below.text) for run in items if isinstance(run, _Run)
              for above, below in pairwise(run.lines)]
    return hyphenation((w.text for page in document.pages for w in page.words), breaks,
                       settings.hyphenation_evidence)


def _goes_on(above: _Open, below: _Open) -> bool:
    """`below`, printed at the top of the next column or page, finishes `above`'s sentence:
    `above` ends in lower case, a comma or a hyphen, `below` starts in lower case."""
    return (above.kind in ("paragraph", "list_item") and below.kind == "paragraph"
            and below.lines[0].top < above.lines[-1].top
            and bool(re.search(r"[a-zà-ÿ,\-]$", above.text)) and below.text[:1].islower())


def _join_across_breaks(opened: list) -> list:
    """Nodes cut by a column or page break joined again (docling's rule)."""
    joined: list = []
    for item in opened:
        last = joined[-1] if joined else None
        if (isinstance(item, tuple) and isinstance(last, tuple) and last[2] == item[2]
                and _goes_on(last[0], item[0])):
            last[0].text = join_wrapped(last[0].text, item[0].text)
            last[0].lines.extend(item[0].lines)
            continue
        joined.append(item)
    return joined


def _footnote_calls(document: Document) -> set[int]:
    """Pages where a word inside a line ends with '*' (calls a footnote)."""
    return {page.number for page in document.pages for line in page.lines
            for word in line.words[1:] if len(word.text) > 1 and word.text.endswith("*")}


def _levels(opened: list[tuple[_Open, int, int | None]], settings: LayoutSettings
            ) -> dict[Style, int]:
    """Heading styles ranked: larger first, then bold, then capitals."""
    styles: list[Style] = []
    for node, _, _ in opened:
        if node.kind == "heading" and not any(
                _same_size(s.size, node.style.size, settings) and s.bold == node.style.bold
                and s.caps == node.style.caps for s in styles):
            styles.append(node.style)
    ranked = sorted(styles, key=lambda s: (-s.size, not s.bold, not s.caps))
    return {s: rank for rank, s in enumerate(ranked, start=1)}


def _level(style: Style, levels: dict[Style, int], settings: LayoutSettings) -> int:
    return next(rank for s, rank in levels.items() if _same_size(s.size, style.size, settings)
                and s.bold == style.bold and s.caps == style.caps)


def build_outline(document: Document, settings: LayoutSettings = DEFAULT) -> Outline:
    """The outline of a parsed document (built once per document per build)."""
    # Every table region read once, by the strategy that reads it best (drawn_rows.py).
    pages = [with_drawn_tables(page, settings) for page in document.pages]
    body = _body_style(pages)
    furniture = furniture_words(document, body, settings)
    pages = [_without(page, furniture) for page in pages]
    builder = _Builder(settings)
    for page in pages:
        builder.read_page(page)
    hyphens = _hyphenation(document, builder.items, settings)
    classifier = _Classifier(body, settings, _footnote_calls(document), hyphens)
    opened: list[tuple[_Open, int, int | None] | Node] = []
    for item in builder.items:
        if isinstance(item, Node):
            opened.append(item)
        else:
            opened += [(node, item.page, item.box) for node in classifier.nodes(item)]
    opened = _join_across_breaks(opened)
    levels = _levels([o for o in opened if isinstance(o, tuple)], settings)
    nodes = _pair_labels(_split_inline_items(
        [item if isinstance(item, Node) else _node(*item, levels, hyphens, settings)
         for item in opened], settings))
    left_out = tuple(sorted({" ".join(w.text for w in line.words)
                             for page in document.pages
                             for line in group_lines(w for w in page.words if w in furniture)}))
    return Outline(document.doc_id, document.path, document.page_count, nodes,
                   tuple(builder.boxes), left_out, document, settings, tuple(pages))


def _without(page: Page, furniture: set[Word]) -> Page:
    """The page with its running header, footer and page number left out (whole lines of
    it: `furniture_words` takes margin lines as the page groups them)."""
    return page.without(furniture) if any(w in furniture for w in page.words) else page


def _node(opened: _Open, page: int, box: int | None, levels: dict[Style, int],
          hyphens: Hyphenation, settings: LayoutSettings) -> Node:
    level = _level(opened.style, levels, settings) if opened.kind == "heading" else 0
    return Node(opened.kind, close_slashes(mend_broken_words(opened.text.strip(), hyphens)),
                page, _bbox(opened.lines), opened.style, level, opened.marker,
                close_slashes(opened.key),
                close_slashes(mend_broken_words(opened.value, hyphens)), box=box,
                lines=tuple(line.text for line in opened.lines))


def _split_inline_items(nodes: list[Node], settings: LayoutSettings) -> list[Node]:
    """A list item that prints its own bullet again inside its text is several items.

    'Ariège : Foix, Saint-Girons • Aude : Carcassonne' lists two départements: a layout
    that runs items on (to save room in a box) still marks each with the bullet.
    """
    found: list[Node] = []
    for node in nodes:
        inline = f" {node.marker} "
        if node.kind != "list_item" or not is_bullet(node.marker) or inline not in node.text:
            found.append(node)
            continue
        for piece in (p.strip() for p in node.text.split(inline)):
            key, value = _pair(piece, settings) or ("", "")
            found.append(replace(node, text=piece, key=key, value=value, lines=(piece,)))
    return found


def _pair_labels(nodes: list[Node]) -> tuple[Node, ...]:
    """A label left alone ('Une adresse mail :') takes the paragraph read after it as its
    value, wherever that was printed (the next column or the next page)."""
    found: list[Node] = []
    for node in nodes:
        label = found[-1] if found else None
        if label and label.kind == "key_value" and not label.value and node.kind == "paragraph":
            bbox = (label.bbox if label.page != node.page else
                    (min(label.bbox[0], node.bbox[0]), label.bbox[1],
                     max(label.bbox[2], node.bbox[2]), node.bbox[3]))
            found[-1] = replace(label, text=f"{label.text} {node.text}", value=node.text,
                                bbox=bbox, lines=label.lines + node.lines)
        else:
            found.append(node)
    return tuple(found)
