"""`guides query` and `guides report` on the session warehouse, and on doctored copies."""

from __future__ import annotations

import csv
import io
import json
import shutil

import duckdb
import pytest
from helpers import guides

BEST_2023 = ("SELECT subdivision_id, rank_limit FROM rank_limits "
             "WHERE year = 2023 ORDER BY rank_limit LIMIT 3")


@pytest.fixture
def path(built):
    return str(built[1])


def test_query_prints_an_aligned_table(capsys, path):
    code, out, _ = guides(capsys, "query", BEST_2023, "--warehouse", path)
    assert code == 0
    assert out.splitlines() == [
        "subdivision_id  rank_limit",
        "--------------  ----------",
        "brest                  537",
        "bordeaux              1888",
        "grenoble              2172",
        "(3 rows)",
    ]


def test_query_shows_null_as_null(capsys, path):
    _, out, _ = guides(capsys, "query", "SELECT year, rank_limit FROM rank_limits WHERE "
                       "subdivision_id = 'ocean-indien' AND year = 2019", "--warehouse", path)
    assert out.splitlines()[2] == "2019        NULL"


def test_query_csv(capsys, path):
    code, out, _ = guides(capsys, "query", BEST_2023, "--csv", "--warehouse", path)
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["subdivision_id", "rank_limit"], ["brest", "537"], ["bordeaux", "1888"],
        ["grenoble", "2172"]]


def test_query_json_keeps_types_and_nulls(capsys, path):
    code, out, _ = guides(capsys, "query", "SELECT subdivision_id, year, rank_limit, posts "
                          "FROM rank_trends WHERE subdivision_id = 'lyon' AND year >= 2023 "
                          "ORDER BY year", "--json", "--warehouse", path)
    assert code == 0
    assert json.loads(out) == [
        {"subdivision_id": "lyon", "year": 2023, "rank_limit": 4014, "posts": None},
        {"subdivision_id": "lyon", "year": 2024, "rank_limit": None, "posts": 2},
    ]


@pytest.mark.parametrize(("sql", "message"), [
    ("SELEC 1", "Parser Error"),
    ("SELECT nope FROM rank_limits", 'column "nope" not found'),
    ("SELECT * FROM no_such_table", "no_such_table"),
    ("DELETE FROM rank_limits", "read-only"),
])
def test_bad_sql_is_one_line_and_exit_1(capsys, path, sql, message):
    code, out, err = guides(capsys, "query", sql, "--warehouse", path)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err and "Traceback" not in err


def test_query_on_a_missing_warehouse_says_so(capsys, tmp_path):
    missing = tmp_path / "none.duckdb"
    code, _, err = guides(capsys, "query", "SELECT 1", "--warehouse", str(missing))
    assert code == 2
    assert err.strip() == f"error: {missing}: no warehouse here; run `make extract` first"
    assert not missing.exists()


def test_report_on_the_real_build(capsys, path):
    code, out, _ = guides(capsys, "report", "--warehouse", path)
    assert code == 0
    lines = out.splitlines()
    document = next(line for line in lines if "sfr-rhumatologie-2024" in line).split()
    assert document[:4] == ["sfr-rhumatologie-2024", "2024", "73", "rhumatologie"]
    assert ["rank_limits", "364"] in [line.split() for line in lines]
    assert ["subdivisions", "28"] in [line.split() for line in lines]
    assert lines[lines.index("Rejected rows (0), by table and reason:") + 1] == "  none"
    # The 2024 guide's cards agree with its rank table wherever both give a number.
    assert lines[-2:] == ["Posts disagreements (posts_check: 0 row(s)):", "  none"]


def test_report_without_posts_check_view_says_so(capsys, built, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(built[1], copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute("DROP VIEW posts_check")
    code, out, _ = guides(capsys, "report", "--warehouse", str(copy))
    assert code == 0
    assert out.splitlines()[-1] == "  not checked: this warehouse has no posts_check view"


@pytest.fixture
def doctored(built, tmp_path):
    """A copy of the session warehouse with two rejects and a posts_check view."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(built[1], copy)
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "INSERT INTO rejects (table_name, doc_id, page, record, reason) VALUES "
            "('posts', 'd', 3, '{}', 'posts: bad count'), "
            "('posts', 'd', 4, '{}', 'posts: bad count'), ('contacts', 'd', 5, '{}', 'no name')")
        connection.execute(
            "CREATE OR REPLACE VIEW posts_check AS SELECT subdivision_id, 3 AS rank_table, "
            "4 AS city_card "
            "FROM subdivisions WHERE subdivision_id = 'brest'")
    return copy


def test_report_groups_rejects_and_shows_posts_disagreements(capsys, doctored):
    code, out, _ = guides(capsys, "report", "--warehouse", str(doctored))
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Rejected rows (3), by table and reason:")
    assert [line.split() for line in lines[start + 3:start + 5]] == [
        ["posts", "posts:", "bad", "count", "2"], ["contacts", "no", "name", "1"]]
    start = lines.index("Posts disagreements (posts_check: 1 row(s)):")
    assert lines[start + 3].split() == ["brest", "3", "4"]
