"""Small PDFs drawn with reportlab, so tests build the bad (or good) input they need.

A ruled table drawn here is found by pdfplumber's default `find_tables` (lines strategy)
exactly as the tables of the real guides are, so these PDFs go through the real pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4

WIDTH, HEIGHT = A4
ROW_HEIGHT = 18.0
COLUMN_WIDTH = 36.0
FIRST_COLUMN_WIDTH = 110.0


def _canvas(path: Path, password: str | None = None):
    """A canvas; `password` encrypts (RC4 128): '' for an owner password and restrictions only."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    encrypt = None if password is None else pdfencrypt.StandardEncryption(
        password, ownerPassword="owner", canPrint=0, canModify=0, canCopy=0, strength=128)
    return canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)


def text_pdf(path: Path, pages: Sequence[Sequence[str]], password: str | None = None) -> Path:
    """A PDF with one list of text lines per page (optionally encrypted, see `_canvas`)."""
    pdf = _canvas(path, password)
    for lines in pages:
        for i, line in enumerate(lines):
            pdf.drawString(72, HEIGHT - 72 - 16 * i, line)
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
    import random

    draw = random.Random(7)
    pdf = _canvas(path)
    pdf.drawString(72, HEIGHT - 72, "Plan du CHU")
    for _ in range(strokes):
        x, y = draw.uniform(20, WIDTH - 220), draw.uniform(20, HEIGHT - 220)
        pdf.line(x, y, x + draw.uniform(5, 200), y)
        pdf.line(x, y, x, y + draw.uniform(5, 200))
    pdf.showPage()
    pdf.save()
    return path


def _grid(pdf, rows: Sequence[Sequence[str]], top: float) -> None:
    """Draw `rows` as a fully ruled table whose top edge is at `top`."""
    widths = [FIRST_COLUMN_WIDTH] + [COLUMN_WIDTH] * (len(rows[0]) - 1)
    xs = [40.0]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [top - ROW_HEIGHT * i for i in range(len(rows) + 1)]
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    pdf.setFont("Helvetica", 8)
    for row, y in zip(rows, ys, strict=False):
        for cell, x in zip(row, xs, strict=False):
            pdf.drawString(x + 3, y - ROW_HEIGHT + 5, cell)


def rank_table_pdf(path: Path, rows: Sequence[Sequence[str]],
                   title: str = "Rangs limites / Nombre de postes en 2024") -> Path:
    """A one-page rank-limit table like the rheumatology guide's: a title, then a ruled grid.

    `rows[0]` is the header ('Ville\\Année', years…); the last column is the number of posts
    when its year is the one the title names.
    """
    pdf = _canvas(path)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(40, HEIGHT - 60, title)
    _grid(pdf, rows, HEIGHT - 90)
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
