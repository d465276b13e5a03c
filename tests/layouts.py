"""The layout matrix: known content of each document family typeset in many ways.

A `Typesetting` combines the dimensions along which a new edition changes without warning:
page size and orientation, fonts and body size, one to three text columns, the list mark
(any glyph, numbers, or none at all), how headings stand out (bold, only larger, capitals),
sections framed or tinted, running headers, footers and page numbers. `flow_pdf` lays out
a family's content (headings, paragraphs, lists) with real line wrapping and page and
column breaks, so that the tests run every typesetting through the real build and compare
each table with what the reference typesetting gives, cell for cell.

Two more renderers share the blocks: `flow_pdf` also keeps a framed or tinted section whole
in its column (an ISNAR fiche, its `Caption` printed right under the box), and `slides_pdf`
draws slide decks (the ARS family): 16:9 or 4:3 slides, or an A4 handout of several slides
per page (with or without note lines), the title left, centred, right, on a band or in a
column beside the content, tables ruled as a grid, with rules between rows only, or drawn
as tinted bands with no rule (cell by cell, or one band across the table), any list mark,
numbers or none.

`grid_pdf` prints a bureau: a page of text, then a grid of people (a photo, then a
caption of name, role and city in any order, roles wrapped), 2 to 4 per row, centred or
left-aligned, each person framed, tinted or neither, with or without photos.

Fonts: DejaVu (on every machine of the project's kind, fonts-dejavu-core) prints every
list glyph; Bitstream Vera ships with reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5, LETTER, landscape

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    """A list: each item wrapped under its own mark."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Lines:
    """Lines printed one under the other, each as it is (an address block)."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Caption:
    """A line printed right under its section's box (the title of an ISNAR fiche's map)."""

    text: str


Block = Heading | Paragraph | Items | Lines | Caption


@dataclass(frozen=True)
class Typesetting:
    """One way to print a document; every field is a dimension of the matrix."""

    name: str
    page: tuple[float, float] = A4
    font: str = "Vera"  # a family registered by `_fonts`: Vera, DejaVuSans, DejaVuSerif
    size: float = 10.0
    columns: int = 1
    bullet: str = "•"  # a glyph, '1.' to number the items, '' for indentation alone
    heading: str = "bold"  # 'bold', 'larger' (same weight as the body) or 'caps'
    box: str = ""  # '', 'frame', 'round' (rounded corners) or 'tint': each section in a box
    furniture: bool = False  # a running header, a running footer and page numbers

    @property
    def bold_font(self) -> str:
        return f"{self.font}-Bold"


TYPESETTINGS = (
    Typesetting("a4-one-column"),
    Typesetting("letter-serif-two-columns-dash", LETTER, "DejaVuSerif", 9.5, 2, "–",
                furniture=True),
    Typesetting("a5-larger-headings-square", A5, "DejaVuSans", 8.5, 1, "▪", "larger",
                furniture=True),
    Typesetting("a4-landscape-three-columns-arrow", landscape(A4), "DejaVuSans", 9, 3, "➤",
                "caps", "frame"),
    Typesetting("letter-tinted-numbered", LETTER, "Vera", 11, 1, "1.", "bold", "tint"),
    Typesetting("a4-two-columns-hyphen-no-glyph", A4, "DejaVuSerif", 10, 2, "-", "larger",
                "frame", True),
    Typesetting("a5-indent-only", A5, "DejaVuSans", 9, 1, "", "bold", "", True),
)


def _fonts() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    vera = Path(reportlab.__file__).parent / "fonts"
    files = {"Vera": vera / "Vera.ttf", "Vera-Bold": vera / "VeraBd.ttf",
             "DejaVuSans": DEJAVU / "DejaVuSans.ttf",
             "DejaVuSans-Bold": DEJAVU / "DejaVuSans-Bold.ttf",
             "DejaVuSerif": DEJAVU / "DejaVuSerif.ttf",
             "DejaVuSerif-Bold": DEJAVU / "DejaVuSerif-Bold.ttf"}
    for name, file in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(file)))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` cut into lines no wider than `width` at word boundaries."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(candidate, font, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@dataclass
class _Cursor:
    """Where the next line goes: page, column, height from the top."""

    column: int = 0
    y: float = 0.0


class _Flow:
    """Lays blocks out in columns and pages, as a word processor would."""

    MARGIN = 48.0
    GUTTER = 22.0

    def __init__(self, canvas, style: Typesetting, title: str) -> None:
        self.canvas, self.style, self.title = canvas, style, title
        self.width, self.height = style.page
        self.page = 1
        self.column_width = (self.width - 2 * self.MARGIN
                             - self.GUTTER * (style.columns - 1)) / style.columns
        self.cursor = _Cursor(0, self.MARGIN + (18 if style.furniture else 0))
        self._furniture()

    @property
    def bottom(self) -> float:
        return self.height - self.MARGIN - (18 if self.style.furniture else 0)

    def _x(self) -> float:
        return self.MARGIN + self.cursor.column * (self.column_width + self.GUTTER)

    def _furniture(self) -> None:
        if not self.style.furniture:
            return
        canvas = self.canvas
        canvas.setFont(self.style.font, 7)
        canvas.drawString(self.MARGIN, self.height - 30, self.title)
        canvas.drawRightString(self.width - self.MARGIN, 24, f"{self.page}")
        canvas.drawString(self.MARGIN, 24, "Guide de l'internat – édition de l'année")

    def _break(self) -> None:
        """Next column, or next page when the last column is full."""
        if self.cursor.column + 1 < self.style.columns:
            self.cursor = _Cursor(self.cursor.column + 1, self.MARGIN
                                  + (18 if self.style.furniture else 0))
            return
        self.canvas.showPage()
        self.page += 1
        self.cursor = _Cursor(0, self.MARGIN + (18 if self.style.furniture else 0))
        self._furniture()

    def line(self, text: str, font: str, size: float, indent: float = 0.0,
             mark: str = "") -> None:
        leading = size * 1.35
        if self.cursor.y + leading > self.bottom:
            self._break()
        baseline = self.height - self.cursor.y - size
        x = self._x()
        self.canvas.setFont(font, size)
        if mark:
            self.canvas.drawString(x + indent - size * 1.4, baseline, mark)
        self.canvas.drawString(x + indent, baseline, text)
        self.cursor.y += leading

    def space(self, size: float) -> None:
        self.cursor.y += size

    def keep(self, height: float) -> None:
        """Start the next column (or page) when `height` no longer fits in this one."""
        top = self.MARGIN + (18 if self.style.furniture else 0)
        if self.cursor.y + height > self.bottom and self.cursor.y > top:
            self._break()

    def box(self, top: float, column: int) -> None:
        """Frame or tint the part of the current column from `top` to the cursor."""
        if not self.style.box or column != self.cursor.column or self.cursor.y <= top:
            return
        x = self.MARGIN + column * (self.column_width + self.GUTTER) - 6
        y = self.height - self.cursor.y - 4
        height = self.cursor.y - top + 8
        if self.style.box == "tint":
            self.canvas.setFillGray(0.92)
            self.canvas.rect(x, y, self.column_width + 12, height, stroke=0, fill=1)
            self.canvas.setFillGray(0)
        elif self.style.box == "round":
            self.canvas.roundRect(x, y, self.column_width + 12, height, 8, stroke=1, fill=0)
        else:
            self.canvas.rect(x, y, self.column_width + 12, height, stroke=1, fill=0)


def _heading(flow: _Flow, block: Heading) -> None:
    style = flow.style
    size = style.size * (1.0 + 0.5 / block.level)
    text = block.text.upper() if style.heading == "caps" else block.text
    font = style.font if style.heading == "larger" else style.bold_font
    if style.heading == "caps":
        size = style.size * (1.0 + 0.2 / block.level)
    flow.space(style.size * 0.6)
    for line in _wrap(text, font, size, flow.column_width):
        flow.line(line, font, size)
    flow.space(style.size * 0.3)


def _items(flow: _Flow, block: Items) -> None:
    style = flow.style
    indent = style.size * 2.0
    for number, item in enumerate(block.items, start=1):
        mark = f"{number}." if style.bullet == "1." else style.bullet
        for index, line in enumerate(_wrap(item, style.font, style.size,
                                           flow.column_width - indent)):
            flow.line(line, style.font, style.size, indent, mark if index == 0 else "")
        if not style.bullet:
            flow.space(style.size * 0.5)  # items told apart by spacing alone


def _paragraph(flow: _Flow, block: Paragraph) -> None:
    for line in _wrap(block.text, flow.style.font, flow.style.size, flow.column_width):
        flow.line(line, flow.style.font, flow.style.size)
    flow.space(flow.style.size * 0.5)


def _lines(flow: _Flow, block: Lines) -> None:
    for text in block.lines:
        for line in _wrap(text, flow.style.font, flow.style.size, flow.column_width):
            flow.line(line, flow.style.font, flow.style.size)


def _caption(flow: _Flow, block: Caption) -> None:
    flow.space(flow.style.size * 0.8)
    _paragraph(flow, Paragraph(block.text))


_DRAW = {Heading: _heading, Items: _items, Paragraph: _paragraph, Lines: _lines,
         Caption: _caption}


class _NoCanvas:
    """A canvas that draws nothing: `_height` lays blocks out only to measure them."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None


def _height(style: Typesetting, blocks: Sequence[Block]) -> float:
    """The height `blocks` take in one column of `style`, as laid out."""
    probe = _Flow(_NoCanvas(), replace(style, page=(style.page[0], 1e6), furniture=False), "")
    start = probe.cursor.y
    for block in blocks:
        _DRAW[type(block)](probe, block)
    return probe.cursor.y - start


def flow_pdf(path: Path, style: Typesetting, title: str, sections: Sequence[Sequence[Block]],
             ) -> Path:
    """Draw `sections` (lists of blocks) in `style`; each section boxed if the style says,
    and then kept whole in one column, its captions printed right under the box."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    canvas = Canvas(str(path), pagesize=style.page, invariant=1)
    flow = _Flow(canvas, style, title)
    for section in sections:
        body = [b for b in section if not isinstance(b, Caption)]
        captions = [b for b in section if isinstance(b, Caption)]
        if style.box:
            flow.keep(_height(style, section) + style.size * 2)
        top, column, page = flow.cursor.y, flow.cursor.column, flow.page
        for block in body:
            _DRAW[type(block)](flow, block)
        if flow.page == page:
            flow.box(top, column)
        for caption in captions:
            _caption(flow, caption)
        flow.space(flow.style.size)
    canvas.showPage()
    canvas.save()
    return path


# --- slide decks -------------------------------------------------------------------------

SLIDE_16_9, SLIDE_4_3 = (960.0, 540.0), (720.0, 540.0)


@dataclass(frozen=True)
class Table:
    """A table of a slide: rows of cells ('\\n' between the lines of a cell), the share of
    the slide's width each column takes, and whether the first row is a header."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    header: bool = True


@dataclass(frozen=True)
class Slide:
    title: str | None
    blocks: tuple[Table | Items | Lines, ...]


@dataclass(frozen=True)
class SlideStyle:
    """One way to print a deck; every field is a dimension of the matrix."""

    name: str
    slide: tuple[float, float] = SLIDE_16_9
    per_page: int = 1  # more: an A4 handout, the slides stacked down the page
    notes: bool = False  # handout: ruled lines for notes beside each slide
    font: str = "Vera"
    title: str = "left"  # 'left', 'center', 'right', 'band' (light text on a dark band) or
    #                      'side' (in a column of its own left of the content)
    bullet: str = "•"
    rules: str = "grid"  # 'grid' (header tinted), 'bands' (every other row's cells tinted
    #                      one by one, the header darker, no rule at all), 'zebra' (every
    #                      other row tinted by one band across the table, the header
    #                      darker, no rule), 'horizontal' (a rule under every row and
    #                      above the first, none between the columns) or 'grid-zebra'
    #                      (a full grid of lines over zebra bands that bleed past the
    #                      table's sides, as a slide's row highlight does)

    @property
    def bold_font(self) -> str:
        return f"{self.font}-Bold"


class _SlideDrawer:
    """Draws one slide in its own coordinates (origin bottom left, `style.slide` points)."""

    def __init__(self, canvas, style: SlideStyle, publisher: str) -> None:
        self.canvas, self.style, self.publisher = canvas, style, publisher
        self.width, self.height = style.slide
        self.margin = self.height * 0.06
        self.size = self.height * 0.022  # body text; tables a little smaller
        # The content's left edge: past the title's column when the title sits at the side.
        self.left = self.width * 0.3 if style.title == "side" else self.margin

    def slide(self, slide: Slide, number: int) -> None:
        top = self.height - self.margin
        if slide.title:
            top = self._title(slide.title, top)
        for block in slide.blocks:
            top = {Table: self._table, Items: self._items, Lines: self._lines}[type(block)](
                block, top) - self.size
        canvas = self.canvas
        canvas.setFont(self.style.font, self.size * 0.7)
        canvas.drawString(self.margin, self.margin * 0.5, self.publisher)
        canvas.drawRightString(self.width - self.margin, self.margin * 0.5, str(number))

    def _title(self, text: str, top: float) -> float:
        canvas, size = self.canvas, self.height * 0.042
        baseline = top - size
        canvas.setFont(self.style.bold_font, size)
        if self.style.title == "side":
            for line in _wrap(text, self.style.bold_font, size, self.left - 2 * self.margin):
                canvas.drawString(self.margin, baseline, line)
                baseline -= size * 1.25
            return top
        if self.style.title == "band":
            canvas.setFillGray(0.25)
            canvas.rect(0, baseline - size * 0.6, self.width, size * 2.2, stroke=0, fill=1)
            canvas.setFillGray(1)
            canvas.drawString(self.margin, baseline, text)
            canvas.setFillGray(0)
        elif self.style.title == "center":
            canvas.drawCentredString(self.width / 2, baseline, text)
        elif self.style.title == "right":
            canvas.drawRightString(self.width - self.margin, baseline, text)
        else:
            canvas.drawString(self.margin, baseline, text)
        return baseline - size * 1.2

    def _table(self, table: Table, top: float) -> float:
        canvas, style = self.canvas, self.style
        size = self.size * 0.8
        leading, pad = size * 1.3, size * 0.5
        inner = self.width - self.left - self.margin
        xs = [self.left + inner * sum(table.widths[:i]) for i in range(len(table.widths) + 1)]
        heights = [2 * pad + leading * max(c.count("\n") + 1 for c in row) for row in table.rows]
        ys = [top - sum(heights[:i]) for i in range(len(table.rows) + 1)]
        for number in range(len(table.rows)):
            header = table.header and number == 0
            if style.rules == "grid" and header:
                self._fill(0.85, [xs[0], xs[-1]], ys[number + 1], heights[number])
            elif style.rules == "bands" and (header or (number - table.header) % 2 == 0):
                self._fill(0.78 if header else 0.9, xs, ys[number + 1], heights[number])
            elif style.rules == "zebra" and (header or (number - table.header) % 2 == 0):
                self._fill(0.78 if header else 0.9, [xs[0], xs[-1]], ys[number + 1],
                           heights[number])
            elif style.rules == "grid-zebra" and (header or (number - table.header) % 2 == 0):
                bleed = self.size
                self._fill(0.78 if header else 0.9, [xs[0] - bleed, xs[-1] + bleed],
                           ys[number + 1], heights[number])
        for number, row in enumerate(table.rows):
            header = table.header and number == 0
            canvas.setFont(style.bold_font if header else style.font, size)
            for x, cell in zip(xs, row, strict=False):
                for index, text in enumerate(cell.split("\n")):
                    canvas.drawString(x + pad, ys[number] - pad - size - leading * index, text)
        canvas.setLineWidth(0.6)
        if style.rules in ("grid", "grid-zebra"):
            canvas.grid(xs, ys)
        elif style.rules == "horizontal":
            for y in ys:
                canvas.line(xs[0], y, xs[-1], y)
        return ys[-1]

    def _fill(self, gray: float, xs: list[float], bottom: float, height: float) -> None:
        """Tint a row, cell by cell (as slide software shades table cells)."""
        self.canvas.setFillGray(gray)
        for left, right in pairwise(xs):
            self.canvas.rect(left, bottom, right - left, height, stroke=0, fill=1)
        self.canvas.setFillGray(0)

    def _items(self, block: Items, top: float) -> float:
        canvas, style, size = self.canvas, self.style, self.size
        indent = self.left + size * 1.8
        for number, item in enumerate(block.items, start=1):
            mark = f"{number}." if style.bullet == "1." else style.bullet
            canvas.setFont(style.font, size)
            for index, line in enumerate(_wrap(item, style.font, size,
                                               self.width - indent - self.margin)):
                top -= size * 1.4
                if index == 0 and mark:
                    canvas.drawString(indent - size * 1.4, top, mark)
                canvas.drawString(indent, top, line)
        return top - size * 0.4

    def _lines(self, block: Lines, top: float) -> float:
        self.canvas.setFont(self.style.font, self.size)
        for line in block.lines:
            top -= self.size * 1.4
            self.canvas.drawString(self.left, top, line)
        return top


def slides_pdf(path: Path, style: SlideStyle, publisher: str, slides: Sequence[Slide]) -> Path:
    """Draw the deck in `style`: one slide per page, or an A4 handout of `per_page` slides
    per page, each scaled into a frame (note lines beside it when `notes`)."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    handout = style.per_page > 1
    canvas = Canvas(str(path), pagesize=A4 if handout else style.slide, invariant=1)
    drawer = _SlideDrawer(canvas, style, publisher)
    width, height = style.slide
    margin, gap = 42.0, 24.0
    room = A4[0] - 2 * margin - (A4[0] * 0.38 if style.notes else 0)
    scale = min(room / width, (A4[1] - 2 * margin - gap * (style.per_page - 1))
                / style.per_page / height)
    for number, slide in enumerate(slides, start=1):
        if not handout:
            drawer.slide(slide, number)
            canvas.showPage()
            continue
        place = (number - 1) % style.per_page
        y = A4[1] - margin - (place + 1) * height * scale - place * gap
        canvas.saveState()
        canvas.translate(margin, y)
        canvas.scale(scale, scale)
        drawer.slide(slide, number)
        canvas.setLineWidth(1 / scale)
        canvas.rect(0, 0, width, height, stroke=1, fill=0)
        canvas.restoreState()
        if style.notes:
            left = margin + width * scale + 20
            for line in range(1, 7):
                line_y = y + height * scale * line / 7
                canvas.line(left, line_y, A4[0] - margin, line_y)
        if place == style.per_page - 1 or number == len(slides):
            canvas.showPage()
    canvas.save()
    return path


# Tables and cards: how a new edition draws a grid of cells. `rules` is one of 'grid' (every
# cell ruled), 'horizontal' (a rule between rows, none between columns), 'frame' (a box
# around the table only), 'zebra' (every other row shaded, no line at all), 'bands' (label
# cells and spanning rows shaded cell by cell, as the 2024-b guide) or 'none' (text alone).
@dataclass(frozen=True)
class TableLook:
    """One way to print a table or a key/value card; every field is a dimension."""

    name: str
    page: tuple[float, float] = A4
    font: str = "Vera"  # a family registered by `_fonts`
    size: float = 8.0
    rules: str = "grid"
    large_names: bool = False  # cards: a hospital's name set as large as its heading

    @property
    def bold_font(self) -> str:
        return f"{self.font}-Bold"


TABLE_LOOKS = (
    TableLook("a4-grid"),
    TableLook("letter-horizontal-serif", LETTER, "DejaVuSerif", 8.5, "horizontal"),
    TableLook("a5-frame-sans", A5, "DejaVuSans", 7.0, "frame"),
    TableLook("a4-landscape-zebra", landscape(A4), "DejaVuSans", 9.0, "zebra"),
    TableLook("letter-no-rules", LETTER, "Vera", 8.0, "none"),
    TableLook("a5-zebra-serif", A5, "DejaVuSerif", 7.5, "zebra"),
)


def rank_table_pdf(path: Path, table, look: TableLook) -> Path:
    """A cover page, then `table` (a pdfgen.RankTable) under its bold title, in `look`:
    labels left-aligned, numbers right-aligned, columns as wide as the header needs."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    canvas = Canvas(str(path), pagesize=look.page, invariant=1)
    width, height = look.page
    canvas.setFont(look.font, look.size + 2)
    canvas.drawString(40, height - 60, "Choisir la spécialité : sommaire et mot du bureau.")
    canvas.showPage()
    canvas.setFont(look.bold_font, look.size * 1.6)
    canvas.drawString(36, height - 50, table.title.format(posts_year=table.posts_year))
    rows = [table.header(), *table.body()]
    label = max(canvas.stringWidth(r[0], look.font, look.size) for r in rows) + 10
    year = max(canvas.stringWidth(str(c), look.font, look.size) for r in rows for c in r[1:])
    widths = [label] + [year + 14] * (len(rows[0]) - 1)
    xs = [36 + sum(widths[:i]) for i in range(len(widths) + 1)]
    assert xs[-1] < width - 20, "the table runs off the page"
    step = look.size * 2.0
    ys = [height - 70 - step * i for i in range(len(rows) + 1)]
    _rules(canvas, look.rules, xs, ys)
    canvas.setFont(look.font, look.size)
    for top, cells in zip(ys, rows, strict=False):
        baseline = top - step * 0.68
        canvas.drawString(xs[0] + 3, baseline, cells[0])
        for right, cell in zip(xs[2:], cells[1:], strict=True):
            canvas.drawRightString(right - 4, baseline, str(cell))
    canvas.showPage()
    canvas.save()
    return path


def _rules(canvas, rules: str, xs: list[float], ys: list[float]) -> None:
    """The lines or shading a table look draws under its text."""
    if rules == "grid":
        canvas.grid(xs, ys)
    elif rules == "horizontal":
        for y in ys:
            canvas.line(xs[0], y, xs[-1], y)
    elif rules == "frame":
        canvas.rect(xs[0], ys[-1], xs[-1] - xs[0], ys[0] - ys[-1], stroke=1, fill=0)
    elif rules == "zebra":
        canvas.setFillGray(0.88)
        for upper, lower in list(pairwise(ys))[1::2]:
            canvas.rect(xs[0], lower, xs[-1] - xs[0], upper - lower, stroke=0, fill=1)
        canvas.setFillGray(0)


# City cards (tests/cardgen.py draws them in a look): label/value rows ruled as a grid,
# between rows only, framed row by row, shaded cell by cell, or text alone.
CARD_LOOKS = (
    TableLook("a4-grid", size=9.5),
    TableLook("letter-horizontal-serif", LETTER, "DejaVuSerif", 9.0, "horizontal"),
    TableLook("a5-frame-sans", A5, "DejaVuSans", 8.0, "frame"),
    TableLook("a4-landscape-bands", landscape(A4), "DejaVuSans", 9.0, "bands", True),
    TableLook("letter-no-rules", LETTER, "Vera", 9.0, "none", True),
    TableLook("a5-bands-serif", A5, "DejaVuSerif", 8.0, "bands"),
)


# --- caption grids (the bureau of a section: a photo, then a name, a role and a city) -----

@dataclass(frozen=True)
class Person:
    """One member of a bureau as printed under a photo."""

    name: str
    role: str
    city: str


@dataclass(frozen=True)
class GridStyle:
    """One way to print a grid of people; every field is a dimension of the matrix."""

    name: str
    page: tuple[float, float] = A4
    font: str = "Vera"
    size: float = 10.0
    order: tuple[str, ...] = ("name", "role", "city")  # the caption's lines, top to bottom
    per_row: int = 3  # captions side by side
    wrap: float = 0.0  # roles wrapped to this many type sizes (0: the caption's width)
    align: str = "center"  # 'center' or 'left' within the caption's cell
    card: str = ""  # '', 'frame' or 'tint': each person (photo and caption) in a box
    photos: bool = True  # a photo above each caption (an image: no text, no rule)...
    photo: float = 5.0  # ... this many type sizes wide at most, a quarter taller than wide
    bold_names: bool = False

    @property
    def bold_font(self) -> str:
        return f"{self.font}-Bold"


def _photo():
    """A small grey image standing for a portrait."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("L", (12, 16), 140))


def _caption_lines(person: Person, style: GridStyle, width: float) -> list[tuple[str, str]]:
    """The caption's printed lines with their fonts, in the style's order (roles wrapped)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[tuple[str, str]] = []
    for field in style.order:
        if field == "name":
            font = style.bold_font if style.bold_names else style.font
            assert stringWidth(person.name, font, style.size) <= width, (style.name, person.name)
            lines.append((person.name, font))
        elif field == "role":
            wrap = min(width, style.wrap * style.size) if style.wrap else width
            lines += [(text, style.font) for text in _wrap(person.role, style.font,
                                                           style.size, wrap)]
        else:
            lines.append((person.city, style.font))
    return lines


def grid_pdf(path: Path, style: GridStyle, before: Sequence[Block], label: str,
             people: Sequence[Person], after: Sequence[Block]) -> Path:
    """`before` as flowing text, then `label` in bold and the grid of `people` under it,
    row by row, then `after` (all on one page, which must hold them)."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    canvas = Canvas(str(path), pagesize=style.page, invariant=1)
    text = Typesetting(style.name, style.page, style.font, style.size)
    flow = _Flow(canvas, text, "")
    for block in before:
        _DRAW[type(block)](flow, block)
    flow.line(label, text.bold_font, style.size)
    flow.space(style.size * 0.8)
    cell = flow.column_width / style.per_row
    leading, pad = style.size * 1.25, style.size * 0.6
    photo = min(cell * 0.45, style.size * style.photo) if style.photos else 0.0
    photo_room = photo * 1.25 + pad if style.photos else 0.0
    for start in range(0, len(people), style.per_row):
        row = people[start:start + style.per_row]
        captions = [_caption_lines(p, style, cell - 2 * pad - 8) for p in row]
        height = photo_room + leading * max(map(len, captions)) + 2 * pad
        top = flow.cursor.y
        for column, lines in enumerate(captions):
            left = flow.MARGIN + column * cell
            y = flow.height - top  # PDF coordinates, upwards
            if style.card:
                canvas.setFillGray(0.9)
                canvas.rect(left + 4, y - height, cell - 8, height, stroke=style.card == "frame",
                            fill=style.card == "tint")
                canvas.setFillGray(0)
            if style.photos:
                canvas.drawImage(_photo(), left + (cell - photo) / 2, y - pad - photo * 1.25,
                                 photo, photo * 1.25)
            baseline = y - pad - photo_room - style.size
            for line, font in lines:
                canvas.setFont(font, style.size)
                if style.align == "center":
                    canvas.drawCentredString(left + cell / 2, baseline, line)
                else:
                    canvas.drawString(left + pad + 4, baseline, line)
                baseline -= leading
        flow.cursor.y = top + height + style.size * 0.8
    assert flow.cursor.y < flow.bottom, f"{style.name}: the grid runs off the page"
    flow.space(style.size)
    for block in after:
        _DRAW[type(block)](flow, block)
    canvas.showPage()
    canvas.save()
    return path
