"""The ARS slides in a typesetting neither 2024 rendering uses, drawn with reportlab.

4:3 slides (720 x 540 points), the title on its own line above a fully ruled table
with a tinted header, a table continued on the next slide with neither title nor
header, the staff listed with '-' marks, the office's values printed under their
labels. The extractor must read the same rows as from the real slides.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from model_pages import entry
from pdfgen import BOLD, FONT, _fonts

from pipeline.build import run_extractors
from pipeline.extract.result import Extraction
from pipeline.pdf.loader import load_document

WIDTH, HEIGHT = 720.0, 540.0
LEFT, LEADING, PAD = 36.0, 11.0, 4.0
SUPPORT = (110.0, 220.0, 190.0, 128.0)
HEADER = ("Niveau\nd'intervention", "Dispositif", "Contact", "Structure / Institution")
ARS = "ARS Auvergne-Rhône-Alpes"
TITLE = "Dispositifs pour la santé des étudiants – {}"

Row = tuple[str, ...]


def _table(canvas, top: float, widths: tuple[float, ...], rows: list[Row],
           header: bool = True) -> float:
    """A ruled grid of `rows` from `top` down (cells may hold several lines), the first
    row tinted when it is a header; returns the y of its bottom edge."""
    heights = [PAD * 2 + LEADING * max(c.count("\n") + 1 for c in row) for row in rows]
    xs = [LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [top - sum(heights[:i]) for i in range(len(rows) + 1)]
    if header:
        canvas.setFillGray(0.85)
        canvas.rect(xs[0], ys[1], xs[-1] - xs[0], ys[0] - ys[1], stroke=0, fill=1)
        canvas.setFillGray(0)
    for number, row in enumerate(rows):
        canvas.setFont(BOLD if header and number == 0 else FONT, 8)
        for x, cell in zip(xs, row, strict=False):
            for index, text in enumerate(cell.split("\n")):
                canvas.drawString(x + PAD, ys[number] - PAD - 8 - LEADING * index, text)
    canvas.grid(xs, ys)
    return ys[-1]


def _title(canvas, text: str) -> float:
    canvas.setFont(BOLD, 20)
    canvas.drawString(LEFT, HEIGHT - 50, text)
    return HEIGHT - 70


def _lines(canvas, top: float, lines: list[str], size: float = 12) -> None:
    canvas.setFont(FONT, size)
    for index, text in enumerate(lines):
        canvas.drawString(LEFT, top - 18 * index, text)


def _slide_end(canvas, number: int) -> None:
    canvas.setFont(FONT, 8)
    canvas.drawString(LEFT, 20, ARS)
    canvas.drawRightString(WIDTH - LEFT, 20, str(number))
    canvas.showPage()


def draw_slides(path: Path) -> Path:
    """Five slides: Grenoble's table, Lyon's over two slides, the staff and referents,
    then the office."""
    from reportlab.pdfgen.canvas import Canvas

    _fonts()
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT), invariant=1)
    _table(canvas, _title(canvas, TITLE.format("Grenoble")), SUPPORT, [HEADER, (
        "Grenoble", "SOS internes Grenoble", "sos.intgre@gmail.com", "Syndicats d'internes"), (
        "Grenoble", "Service de médecine du travail CHU", "04 76 76 51 23", "CHU Grenoble"), (
        "Région ARA", "APSYTUDE", "06 27 86 91 83 -\napsytude@gmail.com",
        "Association de\npsychologues")])
    _slide_end(canvas, 1)
    _table(canvas, _title(canvas, TITLE.format("Lyon")), SUPPORT, [HEADER, (
        "Lyon", "Service de santé universitaire", "04 27 46 57 57 /\nssu@univ-lyon1.fr",
        "Université Lyon1"), (
        "Lyon / Saint-\nEtienne", "Nightline Lyon", "04 85 30 00 10", "Association")])
    _slide_end(canvas, 2)
    _table(canvas, HEIGHT - 50, SUPPORT, [(
        "Lyon", "Cellule d'écoute (VSS)", "harclement@univ-lyon1.fr", "Université Lyon")],
        header=False)
    _slide_end(canvas, 3)
    _lines(canvas, _title(canvas, "Vos interlocuteurs") - 10, [
        "- Hélène DOUMAYROU : Responsable de l'internat",
        "- Dr Sophie GEHIN : Responsable du pôle formation"])
    _table(canvas, HEIGHT - 170, (200.0, 300.0), [("Référent", "Subdivision"), (
        "Marion BUSLOT", "Clermont-Ferrand"), ("Sylvette FERRY", "Grenoble Saint-Etienne (MG)")])
    _slide_end(canvas, 4)
    _lines(canvas, _title(canvas, "Une équipe à votre écoute") - 10, [
        "Un numéro :", "04 72 34 74 00", "", "Une adresse mail :",
        "ars-ara-dos-internat@ars.sante.fr"])
    _slide_end(canvas, 5)
    canvas.save()
    return path


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = draw_slides(tmp_path_factory.mktemp("ars-4-3") / "slides.pdf")
    return run_extractors(load_document(path, "slides"),
                          entry("slides", "ars", publisher=ARS, specialty=None))


def test_support_rows_of_a_ruled_table_and_its_continuation(extracted):
    assert [(r["page"], r["subdivision_id"], r["level_as_printed"], r["device"])
            for r in extracted.rows["support_services"]] == [
        (1, "grenoble", "Grenoble", "SOS internes Grenoble"),
        (1, "grenoble", "Grenoble", "Service de médecine du travail CHU"),
        (1, None, "Région ARA", "APSYTUDE"),
        (2, "lyon", "Lyon", "Service de santé universitaire"),
        (2, "lyon", "Lyon / Saint-Etienne", "Nightline Lyon"),
        (3, "lyon", "Lyon", "Cellule d'écoute (VSS)")]
    assert extracted.rejects == []


def test_cell_contacts_staff_referents_and_office(extracted):
    contacts = [(r["page"], r.get("name"), r.get("role"), r.get("subdivision_id"),
                 r.get("email") or r.get("phone")) for r in extracted.rows["contacts"]]
    assert contacts == [
        (1, "SOS internes Grenoble", None, "grenoble", "sos.intgre@gmail.com"),
        (1, "Service de médecine du travail CHU", None, "grenoble", "+33476765123"),
        (1, "APSYTUDE", None, None, "apsytude@gmail.com"),
        (1, "APSYTUDE", None, None, "+33627869183"),
        (2, "Service de santé universitaire", None, "lyon", "ssu@univ-lyon1.fr"),
        (2, "Service de santé universitaire", None, "lyon", "+33427465757"),
        (2, "Nightline Lyon", None, "lyon", "+33485300010"),
        (3, "Cellule d'écoute (VSS)", None, "lyon", "harclement@univ-lyon1.fr"),
        (4, "Marion BUSLOT", "Référent", "clermont-ferrand", None),
        (4, "Sylvette FERRY", "Référent", "grenoble", None),
        (4, "Sylvette FERRY", "Référent", "saint-etienne", None),
        (4, "Hélène DOUMAYROU", "Responsable de l'internat", None, None),
        (4, "Dr Sophie GEHIN", "Responsable du pôle formation", None, None),
        (5, None, None, None, "+33472347400"),
        (5, None, None, None, "ars-ara-dos-internat@ars.sante.fr")]
