"""The layout matrix: known content of each document family typeset in many ways.

A `Typesetting` combines the dimensions along which a new edition changes without warning:
page size and orientation, fonts and body size, one to three text columns, the list mark
(any glyph, numbers, or none at all), how headings stand out (bold, only larger, capitals),
sections framed or tinted, running headers, footers and page numbers. `flow_pdf` lays out
a family's content (headings, paragraphs, lists) with real line wrapping and page and
column breaks, so that the tests run every typesetting through the real build and compare
each table with what the reference typesetting gives, cell for cell.

Fonts: DejaVu (on every machine of the project's kind, fonts-dejavu-core) prints every
list glyph; Bitstream Vera ships with reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


Block = Heading | Paragraph | Items


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
    box: str = ""  # '' , 'frame' or 'tint': each section drawn in a box
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


def flow_pdf(path: Path, style: Typesetting, title: str, sections: Sequence[Sequence[Block]],
             ) -> Path:
    """Draw `sections` (lists of blocks) in `style`; each section boxed if the style says."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    canvas = Canvas(str(path), pagesize=style.page, invariant=1)
    flow = _Flow(canvas, style, title)
    draw = {Heading: _heading, Items: _items, Paragraph: _paragraph}
    for section in sections:
        top, column, page = flow.cursor.y, flow.cursor.column, flow.page
        for block in section:
            draw[type(block)](flow, block)
        if flow.page == page:
            flow.box(top, column)
        flow.space(flow.style.size)
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
