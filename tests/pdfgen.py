"""Small PDFs drawn with reportlab, so tests build the input (good or bad) they need and
run it through the real pipeline: text pages, scans, pathological pages and rank tables.

A ruled table drawn here is found by pdfplumber's default `find_tables` (lines strategy)
exactly as the tables of the real guides are. There is one way to draw text pages
(`text_pdf`) and one way to draw a rank table (`_titled_table`): `rank_table_pdf` prints
given rows; `RankTable` prints known values in every way a new edition might (other years,
row order, labels, number format, missing marks, footnote marks inline or raised, ruled or
not, shaded bands or booktabs rules, split over two pages, header repeated or not, title
and header wording, a caption row) so the tests check that the pipeline reads every cell
back. `write_raw` writes such editions and their catalog into a raw/ folder the real
build reads.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from helpers import catalog_entry
from reportlab.lib.pagesizes import A4

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from pipeline.build import BuildResult

WIDTH, HEIGHT = A4
# Subdivision id -> label printed by default (the usual names).
DEFAULT_LABELS = {
    "ile-de-france": "Paris IDF", "lyon": "Lyon", "saint-etienne": "Saint-Etienne",
    "clermont-ferrand": "Clermont-Ferrand", "marseille": "Aix-Marseille", "nancy": "Nancy",
    "ocean-indien": "Océan Indien", "besancon": "Besançon",
}
FONT, BOLD = "Vera", "VeraBd"
MARGIN, ROW_HEIGHT, LABEL_WIDTH, YEAR_WIDTH = 50.0, 16.0, 120.0, 44.0

Value = int | None
Cell = str | tuple[str, str]  # printed text, or (text, footnote mark drawn raised)


def rank(subdivision: str, year: int) -> Value:
    """The known rank of a cell: distinct per cell, thousands included; Océan Indien has
    no rank before 2020 (printed as a missing mark)."""
    if subdivision == "ocean-indien" and year < 2020:
        return None
    index = list(DEFAULT_LABELS).index(subdivision)
    return 300 + 517 * index + 97 * (year - 2010)


def posts(subdivision: str) -> int:
    """The known number of posts of a subdivision in the posts year."""
    return 2 + list(DEFAULT_LABELS).index(subdivision)


@dataclass(frozen=True)
class RankTable:
    """How one edition prints the rank table; every field is one way editions differ."""

    years: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023)
    posts_year: int | None = 2024
    title: str = "Rangs limites / Nombre de postes en {posts_year}"
    corner: str = "Ville\\Année"
    order: tuple[str, ...] = tuple(DEFAULT_LABELS)
    labels: dict[str, str] = field(default_factory=dict)
    number: Callable[[int], str] = str
    missing: tuple[str, ...] = ("-",)
    notes: dict[tuple[str, int], str] = field(default_factory=dict)
    raised_notes: bool = False  # footnote marks printed small and raised, as superscripts
    caption: tuple[str, str] | None = None  # a first row: text in the first and last cells
    # Unruled tables: "zebra" (a shaded band every other row, framed), "cell-zebra" (every
    # other row shaded cell by cell, no frame: pdfplumber sees each shaded row as a ruled
    # one-row table) or "rules" (horizontal rules above and below the header and below the
    # last row, as in booktabs).
    decoration: str = ""
    posts_header: str = "{posts_year}"  # the header of the posts column
    newest_first: bool = False  # year columns (and the posts column) printed newest first
    ruled: bool = True
    split_after: int | None = None
    repeat_header: bool = True
    # Cells this edition prints differently from the known values (a corrected rank).
    overrides: dict[tuple[str, int], Value] = field(default_factory=dict)

    @property
    def newest_year(self) -> int:
        """The newest year printed, so the edition year of a guide printing this table."""
        return max((*self.years, self.posts_year or 0))

    def value(self, subdivision: str, year: int) -> Value:
        return self.overrides.get((subdivision, year), rank(subdivision, year))

    def label(self, subdivision: str) -> str:
        return self.labels.get(subdivision, DEFAULT_LABELS[subdivision])

    def expected_ranks(self) -> dict[tuple[str, int], tuple[Value, str | None]]:
        """(subdivision, year) -> (rank, footnote mark) as the warehouse should hold them."""
        return {(s, y): (self.value(s, y), self.note(s, y))
                for s in self.order for y in self.years}

    def note(self, subdivision: str, year: int) -> str | None:
        """The footnote mark as read back; raised digits read as Unicode superscripts."""
        mark = self.notes.get((subdivision, year), "").strip()
        if self.raised_notes:
            mark = mark.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        return mark or None

    def expected_posts(self) -> dict[str, int]:
        return {s: posts(s) for s in self.order} if self.posts_year else {}

    def header(self) -> list[str]:
        extra = [self.posts_header.format(posts_year=self.posts_year)] if self.posts_year else []
        return [self.corner, *self._ordered([*map(str, self.years), *extra])]

    def _ordered(self, columns: list[Cell]) -> list[Cell]:
        return columns[::-1] if self.newest_first else columns

    def body(self) -> list[list[Cell]]:
        """The printed rows: missing marks used in turn, footnote marks appended (or kept
        apart, to be drawn raised)."""
        rows, missing = [], 0
        for subdivision in self.order:
            cells: list[Cell] = []
            for year in self.years:
                value = self.value(subdivision, year)
                if value is None:
                    text, missing = self.missing[missing % len(self.missing)], missing + 1
                else:
                    text = self.number(value)
                mark = self.notes.get((subdivision, year), "")
                cells.append((text, mark.strip()) if mark and self.raised_notes else text + mark)
            if self.posts_year:
                cells.append(str(posts(subdivision)))
            rows.append([self.label(subdivision), *self._ordered(cells)])
        return rows


def _fonts() -> None:
    """Bitstream Vera ships with reportlab and prints accents and every dash."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in ((FONT, "Vera.ttf"), (BOLD, "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def _canvas(path: Path, password: str | None = None):
    """An A4 canvas with the same bytes for the same drawing; `password` encrypts (RC4 128):
    '' for an owner password and restrictions only."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    encrypt = None if password is None else pdfencrypt.StandardEncryption(
        password, ownerPassword="owner", canPrint=0, canModify=0, canCopy=0, strength=128)
    return Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)


def _write_lines(pdf, lines: Sequence[str]) -> None:
    """Lines of text down the current page, from its top left margin."""
    for i, line in enumerate(lines):
        pdf.drawString(72, HEIGHT - 72 - 16 * i, line)


def text_pdf(path: Path, pages: Sequence[Sequence[str]], password: str | None = None) -> Path:
    """A PDF with one list of text lines per page (an empty list leaves the page blank;
    optionally encrypted, see `_canvas`)."""
    pdf = _canvas(path, password)
    for lines in pages:
        _write_lines(pdf, lines)
        pdf.showPage()
    pdf.save()
    return path


def image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A 'scan': every page is drawn shapes only, with no text layer at all."""
    pdf = _canvas(path)
    for _ in range(pages):
        pdf.setFillGray(0.3)
        pdf.rect(72, 400, 300, 200, fill=1)
        pdf.circle(300, 300, 50, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def tangled_pdf(path: Path, strokes: int = 8000) -> Path:
    """One page with a text line and thousands of crossing strokes: seconds to parse, as
    find_tables must intersect every edge (a stand-in for a pathological page)."""
    draw = random.Random(7)
    pdf = _canvas(path)
    _write_lines(pdf, ["Plan du CHU"])
    for _ in range(strokes):
        x, y = draw.uniform(20, WIDTH - 220), draw.uniform(20, HEIGHT - 220)
        pdf.line(x, y, x + draw.uniform(5, 200), y)
        pdf.line(x, y, x, y + draw.uniform(5, 200))
    pdf.showPage()
    pdf.save()
    return path


def rank_table_pdf(path: Path, rows: Sequence[Sequence[str]],
                   title: str = "Rangs limites / Nombre de postes en 2024") -> Path:
    """A one-page rank-limit table like the rheumatology guide's: a title, then a ruled grid
    of `rows` as given (`rows[0]` is the header: 'Ville\\Année', years…; the last column is
    the number of posts when its year is the one the title names)."""
    pdf = _canvas(path)
    _titled_table(pdf, title, [list(row) for row in rows], list(rows[0]))
    pdf.showPage()
    pdf.save()
    return path


# A small good rank table: three subdivisions, ranks for 2021-2023 and posts for 2024.
GOOD_RANKS = (
    ("Ville\\Année", "2021", "2022", "2023", "2024"),
    ("Lyon", "2599", "4057", "4014", "2"),
    ("Nantes", "255", "1980", "2174", "2"),
    ("Océan Indien", "4463", "4738", "3353", "1"),
)


def rank_raw(raw: Path, rows: Sequence[Sequence[str]] = GOOD_RANKS) -> Path:
    """A raw/ folder holding one guide, 2024/ranks.pdf (`rank_table_pdf` of `rows`), and
    the catalog listing it for the rank_limits extractor: quick to build."""
    (raw / "2024").mkdir(parents=True)
    rank_table_pdf(raw / "2024/ranks.pdf", rows)
    (raw / "sources.toml").write_text(catalog_entry("2024/ranks.pdf", ["rank_limits"]),
                                      encoding="utf-8")
    return raw


def draw(path: Path, table: RankTable, heading: str,
         then: Callable[[Canvas], None] | None = None) -> None:
    """Write a PDF with a cover page (`heading`), then the titled rank table (over two pages
    if split), then what `then` draws on the canvas (e.g. city cards, from a new page)."""
    canvas = _canvas(path)
    _write_lines(canvas, [f"{heading} : sommaire et mot du bureau."])
    canvas.showPage()
    rows = table.body()
    cut = table.split_after or len(rows)
    caption = [_caption(table)] if table.caption else []
    _titled_table(canvas, table.title.format(posts_year=table.posts_year),
                  [*caption, table.header(), *rows[:cut]], table.header(), table)
    if cut < len(rows):
        canvas.showPage()
        head = [table.header()] if table.repeat_header else []
        _draw_rows(canvas, [*head, *rows[cut:]], HEIGHT - 80, table.header(), table)
    canvas.showPage()
    if then:
        then(canvas)
    canvas.save()


def _caption(table: RankTable) -> list[Cell]:
    first, last = table.caption or ("", "")
    return [first, *[""] * (len(table.header()) - 2), last]


def _titled_table(canvas, title: str, rows: list[list[Cell]], header: list[Cell],
                  style: RankTable | None = None) -> None:
    """The title in bold at the top of the page, the rows below it (see `_draw_rows`)."""
    top = HEIGHT - 80
    canvas.setFont(BOLD, 14)
    canvas.drawString(MARGIN, top, title)
    _draw_rows(canvas, rows, top - 30, header, style)


def _draw_rows(canvas, rows: list[list[Cell]], top: float, header: list[Cell],
               style: RankTable | None = None) -> None:
    """Rows from `top` down, columns as wide as the `header` needs: label left-aligned,
    numbers right-aligned, grid lines if ruled (as `style` says; default: ruled, plain)."""
    style = style or RankTable()
    widths = [LABEL_WIDTH] + [max(YEAR_WIDTH, canvas.stringWidth(text, FONT, 8) + 8)
                              for text in header[1:]]
    xs = [MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [top - ROW_HEIGHT * i for i in range(len(rows) + 1)]
    _decorate(canvas, xs, ys, style.decoration)
    canvas.setFont(FONT, 8)
    for number, cells in enumerate(rows):
        baseline = top - ROW_HEIGHT * number - 11
        canvas.drawString(xs[0] + 3, baseline, cells[0])
        for x, cell in zip(xs[2:], cells[1:], strict=True):
            _draw_number(canvas, x - 4, baseline, cell)
    if style.ruled:
        canvas.grid(xs, ys)


def _decorate(canvas, xs: list[float], ys: list[float], decoration: str) -> None:
    """Shaded bands or booktabs rules under the text of an unruled table."""
    if decoration == "zebra":
        canvas.setFillGray(0.9)
        for upper, lower in list(pairwise(ys))[1::2]:
            canvas.rect(xs[0], lower, xs[-1] - xs[0], upper - lower, stroke=0, fill=1)
        canvas.setFillGray(0)
        canvas.rect(xs[0], ys[-1], xs[-1] - xs[0], ys[0] - ys[-1], stroke=1, fill=0)
    elif decoration == "cell-zebra":
        canvas.setFillGray(0.9)
        for upper, lower in list(pairwise(ys))[2::2]:
            for left, right in pairwise(xs):
                canvas.rect(left, lower, right - left, upper - lower, stroke=0, fill=1)
        canvas.setFillGray(0)
    elif decoration == "rules":
        for y in (ys[0], ys[1], ys[-1]):
            canvas.line(xs[0], y, xs[-1], y)


def _draw_number(canvas, right: float, baseline: float, cell: Cell) -> None:
    """A right-aligned value; a footnote mark apart is drawn small and raised after it."""
    text, mark = (cell, "") if isinstance(cell, str) else cell
    width = canvas.stringWidth(mark, FONT, 5)
    canvas.drawRightString(right - width, baseline, text)
    if mark:
        canvas.setFont(FONT, 5)
        canvas.drawString(right - width, baseline + 3, mark)
        canvas.setFont(FONT, 8)


@dataclass(frozen=True)
class Edition:
    """One guide of the catalog: its file name, edition year, rank table and doc id if set."""

    name: str
    year: int
    table: RankTable
    specialty: str = "rhumatologie"
    doc_id: str | None = None


def write_raw(raw: Path, editions: list[Edition]) -> Path:
    """Draw each edition under raw/<year>/ and write the catalog listing them all."""
    entries = []
    for edition in editions:
        file = f"{edition.year}/{edition.name}.pdf"
        (raw / str(edition.year)).mkdir(parents=True, exist_ok=True)
        draw(raw / file, edition.table, edition.name)
        named = {"doc_id": edition.doc_id} if edition.doc_id else {}  # else the file name
        entries.append(catalog_entry(file, ["rank_limits"], title=edition.name,
                                     edition_year=edition.year, specialty=edition.specialty,
                                     **named))
    (raw / "sources.toml").write_text("".join(entries), encoding="utf-8")
    return raw


def build_editions(folder: Path, *editions: Edition) -> tuple[BuildResult, Path]:
    """Draw the editions into `folder`/raw and run the real build into a warehouse there
    (never the default one, so the committed snapshot is left alone); nothing may fail."""
    from pipeline.build import Options, build

    raw = write_raw(folder / "raw", list(editions))
    target = folder / "warehouse.duckdb"
    result = build(raw, target, Options(progress=False))
    failures = [f.describe() for f in result.failures]
    assert not failures and result.written, failures
    return result, target
