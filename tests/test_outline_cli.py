"""`guides outline`: the outline of a real 2024 guide as text and as PNG pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from pipeline import cli
from pipeline.output.outline_view import COLOURS

SFR = Path(__file__).resolve().parents[1] / "raw" / "2024" / "sfr-rhumatologie-2024.pdf"


def _colours(png: Path) -> dict[tuple[int, int, int], int]:
    """How many pixels of the image are of each colour."""
    with Image.open(png) as image:
        return {colour: count for count, colour in
                image.convert("RGB").getcolors(maxcolors=1 << 20)}


def test_outline_of_a_page_shows_headings_items_and_captions(capsys, tmp_path):
    assert cli.main(["outline", str(SFR), "--page", "5", "--png", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "— page 5 —" in out
    assert "H4        I. La section REF de la SFR" in out
    assert "H8        Le Bureau :" in out
    assert "item •    Abonnement annuel Elsevier" in out
    assert "caption   Maëva MASSON / Communication et syndicats / Toulouse" in out
    # The justified first line of the section is one paragraph, not a node a word.
    assert any(line.startswith("para      La Section REF (Rhumatologues en Formation) est")
               for line in out)
    assert out[-2:] == ["4 heading, 4 paragraph, 13 list_item, 7 caption, 0 box",
                        "1 page image(s) written to " + str(tmp_path)]
    (png,) = tmp_path.iterdir()
    assert png.name == "sfr-rhumatologie-2024-p005.png"
    with Image.open(png) as image:
        width, _ = image.size
    # Page 5 at 130 dpi, captions outlined in orange and headings in red.
    assert width == round(595.28 * 130 / 72)
    colours = _colours(png)
    assert colours[COLOURS["caption"]] > 500 and colours[COLOURS["heading"]] > 500


def test_outline_rows_show_how_the_city_cards_were_read(capsys, tmp_path):
    """`--rows`: the document read as label/value rows (`Outline.rows`), what the city
    cards are selected from: a pair a table row, headings, and the running text after a
    table whose first paragraph finishes the table's last cell (Reims, page 19)."""
    assert cli.main(["outline", str(SFR), "--rows", "--page", "19", "--png", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{SFR}: 73 pages read as label/value rows"
    assert out[2:5] == ["— page 19 —", "row       Service = CH de Troyes",
                        "row       Composition du service = 15 lits d'hospitalisation complète,"
                        " 4 lits d'hospitalisation de jour, possibilité de…"]
    assert "row       Médecins du service = 4 chefs" in out
    assert "H2        Cours théoriques organisation" in out
    assert any(line.startswith("para      … continue, actualité des congrès, focus sur")
               for line in out)
    assert out[-2:] == ["7 item, 5 row, 4 H2, 4 para, 3 cell",
                        "1 page image(s) written to " + str(tmp_path)]
    (png,) = tmp_path.iterdir()
    colours = _colours(png)
    assert colours[COLOURS["key_value"]] > 500 and colours[COLOURS["list_item"]] > 500


def test_outline_of_a_missing_file_or_page_is_one_line_error(capsys, tmp_path):
    assert cli.main(["outline", str(tmp_path / "absent.pdf")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'absent.pdf'}: no such file\n"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    assert cli.main(["outline", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}") and "corrupt" in err and "Traceback" not in err


def test_outline_of_a_page_the_document_does_not_have(capsys):
    assert cli.main(["outline", str(SFR), "--page", "99"]) == 2
    assert capsys.readouterr().err == f"error: {SFR}: no page 99 (it has 73)\n"


def test_outline_of_the_whole_document_lists_what_was_left_out(capsys):
    assert cli.main(["outline", str(SFR)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{SFR}: 73 pages"
    assert "— page 73 —" in out
    left_out = out[out.index("Left out as running headers, footers and page numbers:") + 1:]
    assert any(line.startswith("  ") and "page numbers" in line for line in left_out)
    assert ", 7 caption," in out[-1]


SYRC = SFR.with_name("syrc-img-formation-pratique.pdf")


def test_outline_reads_a_listed_pdf_with_its_catalog_layout(capsys, tmp_path):
    """A PDF listed in the catalog is read as the build reads it: with its entry's
    [document.layout] settings, which the first line names; --layout tries more."""
    (tmp_path / "2024").mkdir()
    pdf = tmp_path / "2024" / SYRC.name
    pdf.write_bytes(SYRC.read_bytes())
    (tmp_path / "sources.toml").write_text(
        '[[document]]\nfile = "2024/syrc-img-formation-pratique.pdf"\npublisher = "SYRC-IMG"\n'
        'title = "Formation pratique"\nedition_year = 2024\nextractors = ["syrc"]\n'
        "[document.layout]\nheading_max_words = 3\n", encoding="utf-8")
    args = ["outline", str(pdf), "--raw", str(tmp_path), "--no-cache"]
    assert cli.main([*args, "--layout", "min_gutter=30"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "layout settings: heading_max_words=3, min_gutter=30.0 (from syrc-img-formation-"
        f"pratique-2024's [document.layout] in {tmp_path / 'sources.toml'} and --layout)")
    assert cli.main([*args, "--layout", "heading_max_words=many"]) == 2
    assert capsys.readouterr().err == (f"error: {pdf}: --layout heading_max_words: expected "
                                       "a whole number, not 'many'\n")


def test_outline_into_a_pipe_closed_early_ends_quietly(tmp_path):
    """`guides outline F.pdf | head`: the reader goes away; no traceback, exit 0."""
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "outline", str(SYRC),
                              "--cache-dir", str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # before the child writes a line
    assert child.wait(timeout=120) == 0
    assert child.stderr.read() == b""
