"""Tables whatever draws them, each on the smallest PDF that shows it: what the parse
keeps (horizontal rules, the tables the rules alone draw) and the reading the outline
keeps among the strategies' candidates."""

from __future__ import annotations

from pathlib import Path

from pipeline.pdf.loader import parse_pages
from pipeline.pdf.model import Document
from pipeline.structure.outline import build_outline

ROWS = (("Niveau", "Dispositif", "Contact"), ("Grenoble", "SOS internes", "sos@example.org"),
        ("Lyon", "Nightline", "04 85 30 00 10"), ("Région", "APSYTUDE", "apsytude@example.org"))
XS = (60.0, 160.0, 300.0, 460.0)


def _pdf(path: Path, draw) -> Path:
    """ROWS at 20 points a row from the top of an A4 page, over whatever `draw` draws
    (given the canvas and the rows' y edges, PDF coordinates)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(595, 842), invariant=1)
    ys = [760.0 - 20 * i for i in range(len(ROWS) + 1)]
    draw(canvas, ys)
    canvas.setFillGray(0)
    canvas.setFont("Helvetica", 9)
    for y, row in zip(ys, ROWS, strict=False):
        for x, cell in zip(XS, row, strict=False):
            canvas.drawString(x + 4, y - 14, cell)
    canvas.showPage()
    canvas.save()
    return path


def _tables(pdf: Path) -> list[tuple]:
    """The rows of every table node of the PDF's outline."""
    document = Document("t", str(pdf), "0" * 64, tuple(parse_pages(pdf, range(1, 2))))
    return [n.rows for n in build_outline(document).nodes if n.kind == "table"]


def test_rules_between_rows_only_are_kept_and_read_as_a_table(tmp_path):
    def rules(canvas, ys):
        for y in ys:
            canvas.line(XS[0], y, XS[-1], y)

    pdf = _pdf(tmp_path / "rules.pdf", rules)
    page = parse_pages(pdf, range(1, 2))[0]
    assert (page.tables, len(page.rules)) == ((), len(ROWS) + 1)
    assert _tables(pdf) == [ROWS]


def test_a_grid_over_tints_that_bleed_past_it_is_read_from_its_rules_alone(tmp_path):
    """pdfplumber's lines strategy takes the tints' sides for rules: an empty column at
    either side of the table. The reading of the rules alone ('lines-only') fills every
    cell and is kept."""
    def grid_over_bands(canvas, ys):
        canvas.setFillGray(0.85)
        for top, bottom in ((ys[0], ys[1]), (ys[2], ys[3])):
            canvas.rect(XS[0] - 12, bottom, XS[-1] - XS[0] + 24, top - bottom, stroke=0, fill=1)
        canvas.grid(list(XS), ys)

    pdf = _pdf(tmp_path / "bleed.pdf", grid_over_bands)
    page = parse_pages(pdf, range(1, 2))[0]
    assert {len(row) for t in page.tables for row in t.rows} == {5}
    assert [(t.strategy, t.rows) for t in page.rule_tables] == [("lines-only", ROWS)]
    assert _tables(pdf) == [ROWS]
