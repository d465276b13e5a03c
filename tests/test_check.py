"""The warehouse checks itself (`guides check`, and every build before the file is moved
into place): references, pages, keys and row counts; keys declared in the DDL."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from helpers import extract_cli, failed_lines, guides, query
from pdfgen import rank_raw

from pipeline import build as build_module


@pytest.fixture
def copy(built, tmp_path) -> Path:
    """A writable copy of the session's warehouse, to damage."""
    _, target = built
    return Path(shutil.copy(target, tmp_path / "copy.duckdb"))


def unconstrained(connection, table: str) -> None:
    """Rebuild `table` without its keys, as an older pipeline (or a hand edit) left it, so
    that a test can write what the declared keys would refuse."""
    connection.execute(f"CREATE TABLE loose AS SELECT * FROM {table}")
    connection.execute(f"DROP TABLE {table}")
    connection.execute(f"ALTER TABLE loose RENAME TO {table}")


def damage(target: Path, *statements: str, loosen: str | None = None) -> None:
    with duckdb.connect(str(target)) as connection:
        if loosen:
            unconstrained(connection, loosen)
        for statement in statements:
            connection.execute(statement)


def test_the_built_warehouse_is_sound(built, capsys):
    _, target = built
    assert guides(capsys, "check", str(target)) == (
        0, f"{target}: sound (references, pages, keys and row counts agree)\n", "")


def test_keys_are_declared_in_the_ddl(warehouse):
    constraints = warehouse.execute(
        "SELECT table_name, constraint_type, constraint_column_names, referenced_table, "
        "referenced_column_names FROM duckdb_constraints() WHERE table_name = 'rank_limits' "
        "AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') ORDER BY ALL").fetchall()
    assert constraints == [
        ("rank_limits", "FOREIGN KEY", ["doc_id"], "documents", ["doc_id"]),
        ("rank_limits", "FOREIGN KEY", ["subdivision_id"], "subdivisions", ["subdivision_id"]),
        ("rank_limits", "PRIMARY KEY", ["specialty", "subdivision_id", "year", "doc_id"], None,
         []),
    ]


def test_a_row_pointing_at_no_document_fails_the_check(copy, capsys):
    damage(copy, "UPDATE rank_limits SET doc_id = 'sfr-rhumatologie-2023' "
                 "WHERE subdivision_id = 'lyon' AND year = 2021", loosen="rank_limits")
    code, out, err = guides(capsys, "check", str(copy))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{copy}: rank_limits.doc_id = 'sfr-rhumatologie-2023': not in documents.doc_id "
        "(1 row(s))",
        f"{copy}: 1 problem(s)"]


def test_an_unknown_subdivision_a_page_past_the_end_and_a_duplicate_key(copy, capsys):
    damage(copy,
           "UPDATE city_cards SET subdivision_id = 'atlantide' WHERE subdivision_id = 'brest'",
           "UPDATE contacts SET page = 74 WHERE email = 'alain.saroux@chu-brest.fr'",
           "INSERT INTO city_cards SELECT * FROM city_cards WHERE subdivision_id = 'nantes'",
           loosen="city_cards")
    code, out, _ = guides(capsys, "check", str(copy))
    assert code == 1
    assert out.splitlines() == [
        f"{copy}: city_cards.subdivision_id = 'atlantide': not in subdivisions.subdivision_id "
        "(1 row(s))",
        f"{copy}: city_cards.specialty, subdivision_id, doc_id = ('rhumatologie', 'nantes', "
        "'sfr-rhumatologie-2024'): duplicate key (2 row(s))",
        f"{copy}: contacts.page = 74: outside document 'sfr-rhumatologie-2024' (pages 1-73) "
        "(1 row(s))",
        f"{copy}: 3 problem(s)"]


def test_rows_the_extraction_report_announced_but_lost_fail_the_check(copy, capsys):
    damage(copy, "DELETE FROM unions")
    code, out, _ = guides(capsys, "check", str(copy))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{copy}: unions.doc_id = 'isnar-img-guide-mg': extraction_report announced 31 "
        "row(s), none loaded and none rejected (0 row(s))")


def test_check_of_a_missing_or_foreign_file_is_one_line(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert guides(capsys, "check", str(missing)) == (
        2, "", f"error: {missing}: no warehouse here; run `make extract` first\n")
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database")
    code, out, err = guides(capsys, "check", str(text))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {text}: ") and err.count("\n") == 1


def test_a_build_that_fails_its_check_keeps_the_previous_warehouse(tmp_path, capsys,
                                                                   monkeypatch):
    """Facts pointing at a document row that is not there: the insert is refused by the
    declared foreign key, the build fails in one line and the old file stays."""
    raw = rank_raw(tmp_path / "raw")
    target = tmp_path / "w.duckdb"
    assert extract_cli(raw, target) == 0
    before = target.read_bytes()
    row = build_module.document_row
    monkeypatch.setattr(build_module, "document_row",
                        lambda entry, document: {**row(entry, document), "doc_id": "renamed"})
    capsys.readouterr()
    assert extract_cli(raw, target) == 1
    out = capsys.readouterr().out
    (failure,) = failed_lines(out)
    assert failure.startswith(f"{target}: warehouse check failed: table ")
    assert "foreign key" in failure.lower()
    assert f"Warehouse NOT written; {target} left as it was." in out
    assert target.read_bytes() == before
    assert query(target, "SELECT count(*) FROM rank_limits") == [(9,)]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
