"""The catalog as a user meets it on the command line: a misspelt or missing key stops
`guides extract` (exit 2) before anything is written, `guides extractors` lists what an
entry may name, and an edition_year the title page contradicts is a warning."""

from __future__ import annotations

from pathlib import Path

from helpers import catalog_entry, extract_cli, guides

from pipeline import extract


def test_misspelt_key_stops_the_build_before_anything_is_written(tmp_path, capsys):
    raw = tmp_path / "raw"
    (raw / "2024").mkdir(parents=True)
    (raw / "sources.toml").write_text(
        catalog_entry("2024/guide.pdf", ["rank_limits"]).replace("specialty", "specialy"),
        encoding="utf-8")
    target = tmp_path / "w.duckdb"
    assert extract_cli(raw, target) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"error: {raw / 'sources.toml'}: document #1 (2024/guide.pdf): unknown key 'specialy' "
        "— did you mean 'specialty'?"]
    assert captured.out == ""
    assert not target.exists()


def test_every_missing_key_is_listed_with_exit_status_2(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "sources.toml").write_text(
        '[[document]]\nfile = "2024/a.pdf"\ntitle = "A"\n\n'
        '[[document]]\nfile = "2024/b.pdf"\npublisher = "B"\ntitle = "B"\n'
        'edition_year = 2025\nextractors = "rank_limits"\n', encoding="utf-8")
    assert extract_cli(raw, tmp_path / "w.duckdb") == 2
    catalog = raw / "sources.toml"
    assert capsys.readouterr().err.splitlines() == [
        f"error: {catalog}: document #1 (2024/a.pdf) lacks publisher, edition_year, extractors "
        "(required: file, publisher, title, edition_year, extractors)",
        f"error: {catalog}: document #2 (2024/b.pdf): extractors must be a list of names, "
        "not 'rank_limits'"]


def test_extractors_lists_every_extractor_on_one_line(capsys):
    code, out, err = guides(capsys, "extractors")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(extract.names())
    assert any(line.startswith("rank_limits") and "Rank-limit table" in line for line in lines)


def test_the_catalog_comment_names_a_command_that_exists():
    comment = (Path(__file__).resolve().parents[1] / "raw" / "sources.toml").read_text()
    assert "`guides extractors` lists them" in comment


def title_page_pdf(path: Path, title: str, body: list[str]) -> Path:
    """A one-page guide: a 24 pt title, then body lines at 10 pt."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(72, 760, title)
    pdf.setFont("Helvetica", 10)
    for i, line in enumerate(body):
        pdf.drawString(72, 720 - 14 * i, line)
    pdf.showPage()
    pdf.save()
    return path


BODY = ["Ce guide présente l'internat aux externes qui deviendront internes en novembre 2024,",
        "avec les dates du calendrier et les contacts utiles de chaque subdivision en 2023."]


def test_an_edition_year_the_title_page_contradicts_is_a_warning_naming_both(tmp_path, capsys):
    raw = tmp_path / "raw"
    pdf = title_page_pdf(raw / "2024" / "guide.pdf", "Guide de l'internat 2025", BODY)
    (raw / "sources.toml").write_text(catalog_entry("2024/guide.pdf"), encoding="utf-8")
    assert extract_cli(raw, tmp_path / "w.duckdb") == 0
    out = capsys.readouterr().out
    assert f"  ! {pdf}, page 1: the catalog says edition_year = 2024 but the title page " \
           "prints 2025" in out.splitlines()


def test_years_in_body_text_raise_no_warning(tmp_path, capsys):
    raw = tmp_path / "raw"
    title_page_pdf(raw / "2024" / "guide.pdf", "Guide de l'internat 2024", BODY)
    (raw / "sources.toml").write_text(catalog_entry("2024/guide.pdf"), encoding="utf-8")
    assert extract_cli(raw, tmp_path / "w.duckdb") == 0
    assert "Warnings" not in capsys.readouterr().out
