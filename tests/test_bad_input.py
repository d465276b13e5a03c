"""Bad input never corrupts the warehouse: each bad document gets a one-line error naming
its file, every other document still loads, and `guides extract` exits non-zero.

Each test builds its raw/ in a temporary folder: a small ruled rank table (3 subdivisions)
and a 2-page text guide, both drawn with reportlab, are the good documents; the real
73-page SFR guide is used once, beside every bad input at once. (The exit status of a real
`python -m pipeline extract` subprocess is checked in test_atomic.py.)
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from helpers import catalog_entry, failed_lines, query
from helpers import extract_cli as extract
from pdfgen import image_only_pdf, rank_raw, text_pdf

from pipeline.errors import PdfError
from pipeline.pdf.loader import load_document

ROOT = Path(__file__).resolve().parents[1]
SFR = ROOT / "raw/2024/sfr-rhumatologie-2024.pdf"


def add(raw: Path, name: str, extractors: Sequence[str] = ()) -> Path:
    """Catalog a new document `2024/<name>` and return its path, for the test to fill."""
    with (raw / "sources.toml").open("a", encoding="utf-8") as catalog:
        catalog.write(catalog_entry(f"2024/{name}", extractors))
    return raw / "2024" / name


def good_raw(root: Path) -> Path:
    """raw/ with the two good documents and their catalog entries."""
    raw = rank_raw(root / "raw")
    text_pdf(add(raw, "welcome.pdf"), [["Bienvenue aux nouveaux internes"],
                                       ["Contact : accueil@chu-lyon.fr"]])
    return raw


def truncated(path: Path) -> None:
    data = SFR.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def not_a_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)


def encrypted(path: Path) -> None:
    text_pdf(path, [["Rangs limites"]], password="secret")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def scanned(path: Path) -> None:
    image_only_pdf(path, pages=2)


def no_rank_table(path: Path) -> None:
    text_pdf(path, [["Rangs limites et nombre de postes en 2024", "(tableau en annexe)"]])


def html_page(path: Path) -> None:
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")


def lfs_pointer(path: Path) -> None:
    path.write_text(f"version https://git-lfs.github.com/spec/v1\noid sha256:{'0' * 64}\n"
                    "size 294709\n", encoding="ascii")


def duplicate(path: Path) -> None:
    shutil.copy(path.parent / "ranks.pdf", path)


# (what is wrong, how to make it, extractors in its entry, the one-line error after its path)
CASES: list[tuple[str, Callable[[Path], None], tuple[str, ...], str]] = [
    ("truncated", truncated, (), ": truncated or corrupt PDF (PSEOF: Unexpected EOF)"),
    ("corrupt", not_a_pdf, (), ": truncated or corrupt PDF (PDFSyntaxError: No /Root object! "
     "- Is this really a PDF?)"),
    ("html", html_page, (), ": not a PDF (no %PDF- header; starts with "
     "b'<!DOCTYPE html><html><bo')"),
    ("lfs", lfs_pointer, (), ": Git LFS pointer, not the PDF itself: run `git lfs pull`"),
    ("encrypted", encrypted, (), ": password-protected PDF"),
    ("empty", empty, (), ": empty file (0 bytes)"),
    ("scanned", scanned, (), ": no text layer on any of its 2 page(s) (image-only or scanned "
     "PDF): it needs OCR first"),
    ("no-table", no_rank_table, ("rank_limits",),
     ": extractor rank_limits: no rank-limit table (header 'Ville\\Année' and a run of years)"),
    ("duplicate", duplicate, ("rank_limits",), ": duplicate of 2024/ranks.pdf (same sha256), "
     "left out"),
]


def assert_good_documents_loaded(target: Path) -> None:
    assert query(target, "SELECT doc_id, page_count FROM documents ORDER BY 1") == [
        ("ranks", 1), ("welcome", 2)]
    assert query(target, "SELECT subdivision_id, year, rank_limit FROM rank_limits "
                 "ORDER BY 1, 2") == [
        ("lyon", 2021, 2599), ("lyon", 2022, 4057), ("lyon", 2023, 4014),
        ("nantes", 2021, 255), ("nantes", 2022, 1980), ("nantes", 2023, 2174),
        ("ocean-indien", 2021, 4463), ("ocean-indien", 2022, 4738), ("ocean-indien", 2023, 3353)]
    assert query(target, "SELECT subdivision_id, posts FROM posts WHERE year = 2024 "
                 "ORDER BY 1") == [("lyon", 2), ("nantes", 2), ("ocean-indien", 1)]
    assert query(target, "SELECT count(*) FROM rejects") == [(0,)]


def test_good_raw_builds_cleanly(tmp_path, capsys):
    raw = good_raw(tmp_path)
    assert extract(raw, tmp_path / "w.duckdb") == 0
    assert "Failed" not in capsys.readouterr().out
    assert_good_documents_loaded(tmp_path / "w.duckdb")


@pytest.mark.parametrize("name, make, extractors, message", CASES, ids=[c[0] for c in CASES])
def test_bad_document_is_reported_and_the_others_load(tmp_path, capsys, name, make, extractors,
                                                      message):
    raw = good_raw(tmp_path)
    path = add(raw, f"{name}.pdf", extractors)
    make(path)
    target = tmp_path / "w.duckdb"
    assert extract(raw, target) == 1
    out = capsys.readouterr().out
    assert failed_lines(out) == [f"{path}{message}"]
    assert f"Warehouse written to {target}." in out
    assert_good_documents_loaded(target)


def test_unknown_extractor_leaves_out_that_entry_only(tmp_path, capsys):
    raw = good_raw(tmp_path)
    text_pdf(add(raw, "typo.pdf", ["rank_limitz"]), [["Rangs limites"]])
    target = tmp_path / "w.duckdb"
    assert extract(raw, target) == 1
    (failure,) = failed_lines(capsys.readouterr().out)
    assert failure.startswith(f"{raw / 'sources.toml'}: unknown extractor name(s) rank_limitz "
                              "for 2024/typo.pdf (known: ")
    assert_good_documents_loaded(target)


def test_catalog_syntax_error_stops_with_one_line_and_keeps_the_warehouse(tmp_path, capsys):
    raw = good_raw(tmp_path)
    target = tmp_path / "w.duckdb"
    assert extract(raw, target) == 0
    before = target.read_bytes()
    catalog = raw / "sources.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "[[document]\nfile = \n",
                       encoding="utf-8")
    capsys.readouterr()
    assert extract(raw, target) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: {catalog}: syntax error: ")
    assert "(at line 19, column 11)" in captured.err
    assert captured.err.count("\n") == 1
    assert target.read_bytes() == before


def test_every_bad_input_at_once_beside_the_sfr_guide(built, parse_cache, tmp_path, capsys):
    """Exit status 1, each failure listed once, and all 364 + 28 rows of the SFR guide
    (served from the session's parse cache: the bad inputs are parsed, the guide is not
    parsed a second time)."""
    raw = tmp_path / "raw"
    (raw / "2024").mkdir(parents=True)
    shutil.copy(SFR, raw / "2024/ranks.pdf")  # the good document, and the duplicate's source
    (raw / "sources.toml").write_text(catalog_entry("2024/ranks.pdf", ["rank_limits"]),
                                      encoding="utf-8")
    for name, make, extractors, _ in CASES:
        make(add(raw, f"{name}.pdf", extractors))
    target = tmp_path / "w.duckdb"
    assert extract(raw, target, cache=parse_cache) == 1
    assert failed_lines(capsys.readouterr().out) == [f"{raw}/2024/{name}.pdf{message}"
                                                 for name, _, _, message in CASES]
    assert query(target, "SELECT count(*), count(DISTINCT subdivision_id) FROM rank_limits") \
        == [(364, 28)]
    assert query(target, "SELECT count(*), sum(posts) FROM posts") == [(28, 92)]
    assert query(target, "SELECT doc_id FROM documents") == [("ranks",)]


def test_nothing_loadable_keeps_the_previous_warehouse(tmp_path, capsys):
    raw = good_raw(tmp_path)
    target = tmp_path / "w.duckdb"
    assert extract(raw, target) == 0
    before = target.read_bytes()
    for name in ("ranks.pdf", "welcome.pdf"):
        lfs_pointer(raw / "2024" / name)
    capsys.readouterr()
    assert extract(raw, target) == 1
    out = capsys.readouterr().out
    assert failed_lines(out)[-1] == f"{target}: no document could be loaded; warehouse not replaced"
    assert f"Warehouse NOT written; {target} left as it was." in out
    assert target.read_bytes() == before


def test_error_is_one_line_whatever_the_library_said():
    error = PdfError("page cannot be parsed (PSSyntaxError:\n  bad token)", path="raw/a.pdf",
                     page=4, text="12\nO4")
    assert error.describe() == (
        "raw/a.pdf, page 4: page cannot be parsed (PSSyntaxError: bad token): '12\\nO4'")


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    """Restrictions (no copy, no print) without a password to open are not 'protected'."""
    path = text_pdf(tmp_path / "restricted.pdf", [["Rangs limites en 2024"]], password="")
    document = load_document(path, "restricted")
    assert [w.text for w in document.pages[0].words] == ["Rangs", "limites", "en", "2024"]
