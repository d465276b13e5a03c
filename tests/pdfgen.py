"""Tiny guide editions drawn with reportlab: a rank-limit table printed from known values.

A new edition never looks like the last one, so the tests print the same known numbers
in every way an edition might (other years, row order, labels, number format, missing
marks, footnote marks inline or raised, ruled or not, shaded bands or booktabs rules,
split over two pages, header repeated or not, title and header wording, a caption row)
and check that the real pipeline reads every cell back. `write_raw` writes the PDFs and
their catalog into a raw/ folder the real build reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.build import BuildResult

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
    # Unruled tables: "zebra" (a shaded band every other row, framed) or "rules" (horizontal
    # rules above and below the header and below the last row, as in booktabs).
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


def draw(path: Path, table: RankTable, heading: str) -> None:
    """Write a PDF with a cover page (`heading`), then the titled rank table (over two pages
    if split)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(FONT, 10)
    canvas.drawString(MARGIN, A4[1] - 80, f"{heading} : sommaire et mot du bureau.")
    canvas.showPage()
    rows = table.body()
    cut = table.split_after or len(rows)
    top = A4[1] - 80
    canvas.setFont(BOLD, 14)
    canvas.drawString(MARGIN, top, table.title.format(posts_year=table.posts_year))
    caption = [_caption(table)] if table.caption else []
    _draw_rows(canvas, [*caption, table.header(), *rows[:cut]], top - 30, table)
    if cut < len(rows):
        canvas.showPage()
        head = [table.header()] if table.repeat_header else []
        _draw_rows(canvas, [*head, *rows[cut:]], A4[1] - 80, table)
    canvas.showPage()
    canvas.save()


def _caption(table: RankTable) -> list[Cell]:
    first, last = table.caption or ("", "")
    return [first, *[""] * (len(table.header()) - 2), last]


def _draw_rows(canvas, rows: list[list[Cell]], top: float, table: RankTable) -> None:
    """Rows from `top` down: label left-aligned, numbers right-aligned, grid lines if ruled."""
    widths = [LABEL_WIDTH] + [max(YEAR_WIDTH, canvas.stringWidth(text, FONT, 8) + 8)
                              for text in table.header()[1:]]
    xs = [MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [top - ROW_HEIGHT * i for i in range(len(rows) + 1)]
    _decorate(canvas, xs, ys, table.decoration)
    canvas.setFont(FONT, 8)
    for number, cells in enumerate(rows):
        baseline = top - ROW_HEIGHT * number - 11
        canvas.drawString(xs[0] + 3, baseline, cells[0])
        for x, cell in zip(xs[2:], cells[1:], strict=True):
            _draw_number(canvas, x - 4, baseline, cell)
    if table.ruled:
        canvas.grid(xs, ys)


def _decorate(canvas, xs: list[float], ys: list[float], decoration: str) -> None:
    """Shaded bands or booktabs rules under the text of an unruled table."""
    if decoration == "zebra":
        canvas.setFillGray(0.9)
        for upper, lower in list(pairwise(ys))[1::2]:
            canvas.rect(xs[0], lower, xs[-1] - xs[0], upper - lower, stroke=0, fill=1)
        canvas.setFillGray(0)
        canvas.rect(xs[0], ys[-1], xs[-1] - xs[0], ys[0] - ys[-1], stroke=1, fill=0)
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
        entries.append("\n".join([
            "[[document]]", f"file = {json.dumps(file)}", 'publisher = "Test"',
            *([f"doc_id = {json.dumps(edition.doc_id)}"] if edition.doc_id else []),
            f"title = {json.dumps(edition.name)}", f"edition_year = {edition.year}",
            f"specialty = {json.dumps(edition.specialty)}", 'extractors = ["rank_limits"]']))
    (raw / "sources.toml").write_text("\n\n".join(entries) + os.linesep, encoding="utf-8")
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


def query(target: Path, sql: str) -> list[tuple]:
    """Rows of a query on a built warehouse, opened read-only."""
    import duckdb

    with duckdb.connect(str(target), read_only=True) as connection:
        return connection.execute(sql).fetchall()
