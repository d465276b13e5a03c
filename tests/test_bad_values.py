"""Bad values inside a good document go to `rejects` with a reason and the printed text;
nothing is dropped in silence or coerced into something else.

Rank cells go through the real pipeline (a ruled table drawn with reportlab, parsed by
pdfplumber, extracted, validated, written); e-mails through the shared contact-row helper
and validation; dates through validation (the SRP extractor's own test covers '31 juin').
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pdfgen import rank_raw

from pipeline.build import Options, build, validated
from pipeline.parse.contact_rows import contact_rows


def build_table(tmp_path: Path, rows: list[tuple[str, ...]]) -> duckdb.DuckDBPyConnection:
    """Draw `rows` as the rank table of a one-page guide and build the warehouse from it."""
    raw = rank_raw(tmp_path / "raw", rows)
    target = tmp_path / "w.duckdb"
    result = build(raw, target, Options(progress=False))
    assert result.failures == []
    return duckdb.connect(str(target), read_only=True)


def rejects(connection: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(table, page, label, year, printed text, reason) of every reject."""
    found = []
    for table, page, record, reason in connection.execute(
            "SELECT table_name, page, record, reason FROM rejects").fetchall():
        row = json.loads(record)
        found.append((table, page, row["label_as_printed"], row["year"], row["printed"], reason))
    return sorted(found, key=lambda r: (r[2], r[3]))


def test_bad_rank_cells_are_rejected_with_reason_and_printed_text(tmp_path):
    with build_table(tmp_path, [
        ("Ville\\Année", "2022", "2023", "2024"),
        ("Lyon", "12O4", "0", "2"),
        ("Nantes", "25000", "1980", "2"),
        ("Tours", "4463", "4298", "5"),
    ]) as connection:
        assert rejects(connection) == [
            ("rank_limits", 1, "Lyon", 2022, "12O4", "not a whole number"),
            ("rank_limits", 1, "Lyon", 2023, "0",
             "rank_limit: greater_than_or_equal_to(1) (value 0)"),
            ("rank_limits", 1, "Nantes", 2022, "25000",
             "rank_limit: less_than_or_equal_to(20000) (value 25000)"),
        ]
        assert connection.execute(
            "SELECT subdivision_id, year, rank_limit FROM rank_limits ORDER BY 1, 2").fetchall() \
            == [("nantes", 2023, 1980), ("tours", 2022, 4463), ("tours", 2023, 4298)]
        assert connection.execute(
            "SELECT subdivision_id, posts FROM posts ORDER BY 1").fetchall() == [
            ("lyon", 2), ("nantes", 2), ("tours", 5)]


def test_years_outside_the_possible_range_are_rejected(tmp_path):
    with build_table(tmp_path, [
        ("Ville\\Année", "1989", "1990", "2031"),
        ("Lyon", "1285", "2227", "1392"),
    ]) as connection:
        assert rejects(connection) == [
            ("rank_limits", 1, "Lyon", 1989, "1285",
             "year: greater_than_or_equal_to(1990) (value 1989)"),
            ("rank_limits", 1, "Lyon", 2031, "1392", "year 2031 is after the edition year 2024"),
        ]
        assert connection.execute("SELECT year, rank_limit FROM rank_limits").fetchall() == [
            (1990, 2227)]


def test_email_without_domain_is_rejected_and_the_good_one_kept():
    printed = "Accueil : accueil.internes@ ou drh@chu-lyon.fr, tél. 04 72 11 22 33"
    rows = contact_rows(printed, {"doc_id": "ars", "page": 3, "name": "Accueil"})
    tables = validated({"contacts": pd.DataFrame(rows)})
    assert tables["contacts"][["email", "phone"]].fillna("").values.tolist() == [
        ["drh@chu-lyon.fr", ""], ["", "+33472112233"]]
    (reject,) = tables["rejects"].to_dict("records")
    assert (reject["table_name"], reject["doc_id"], reject["page"]) == ("contacts", "ars", 3)
    assert json.loads(reject["record"])["email"] == "accueil.internes@"
    assert reject["reason"].startswith("email: str_matches(")
    assert reject["reason"].endswith("(value 'accueil.internes@')")


@pytest.mark.filterwarnings("ignore:Could not infer format")  # pandas on the bad date
def test_date_that_does_not_exist_costs_its_row_only():
    events = pd.DataFrame([
        {"doc_id": "ars", "page": 5, "title": "Choix de stage", "start_date": "2024-02-30"},
        {"doc_id": "ars", "page": 5, "title": "Journée d'accueil", "start_date": "2024-11-04"},
    ])
    tables = validated({"events": events})
    assert tables["events"][["title", "start_date"]].astype(str).values.tolist() == [
        ["Journée d'accueil", "2024-11-04"]]
    (reject,) = tables["rejects"].to_dict("records")
    assert json.loads(reject["record"])["start_date"] == "2024-02-30"
    assert reject["reason"] == "start_date: coerce_dtype('date') (value '2024-02-30')"
