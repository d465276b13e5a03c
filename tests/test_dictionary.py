"""The data dictionary: generated from the schemas, complete, committed up to date."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.typing import Series

from pipeline.load import dictionary
from pipeline.load.warehouse import column_order
from schemas import TABLES

COMMITTED = dictionary.DEFAULT_OUTPUT


def test_committed_dictionary_is_up_to_date():
    assert COMMITTED.read_text(encoding="utf-8") == dictionary.markdown(), (
        "docs/data-dictionary.md is stale: run `make docs` and commit it")


def test_every_column_of_every_table_is_described():
    listed = [(e.table_name, e.column_name) for e in dictionary.entries()]
    assert listed == [(name, column) for name, spec in TABLES.items()
                      for column in column_order(spec)]
    assert all(e.description for e in dictionary.entries())


def entry(table: str, column: str) -> dictionary.ColumnEntry:
    return next(e for e in dictionary.entries()
                if (e.table_name, e.column_name) == (table, column))


@pytest.mark.parametrize(("table", "column", "type_", "nullable", "allowed"), [
    ("rank_limits", "rank_limit", "BIGINT", True, "1 to 20000"),
    ("rank_limits", "specialty", "VARCHAR", False, "one of: rhumatologie, medecine-generale"),
    ("rank_limits", "page", "BIGINT", False, "at least 1"),
    ("rank_limits", "note", "VARCHAR", True, None),
    ("documents", "sha256", "VARCHAR", False, "matches ^[0-9a-f]{64}$; unique"),
    ("posts", "source", "VARCHAR", False, "one of: rank_table, city_card"),
    ("extraction_report", "confidence", "DOUBLE", False, "0 to 1"),
    ("events", "start_date", "DATE", True, None),
    ("columns", "nullable", "BOOLEAN", False, None),
])
def test_entries_carry_type_nullability_and_allowed_values(table, column, type_, nullable,
                                                           allowed):
    found = entry(table, column)
    assert (found.type, found.nullable, found.allowed) == (type_, nullable, allowed)
    assert found.source == TABLES[table].source


def test_other_checks_read_plainly():
    class Sample(pa.DataFrameModel):
        code: Series[str] = pa.Field(str_length={"min_value": 2, "max_value": 3},
                                     str_startswith="F")
        score: Series[float] = pa.Field(in_range={"min_value": 0, "max_value": 5}, gt=-1)
        kind: Series[str] = pa.Field(notin=["x", "y"])

    columns = Sample.to_schema().columns
    assert dictionary.allowed(columns["code"]) == "length 2 to 3; starts with F"
    assert dictionary.allowed(columns["score"]) == "above -1; 0 to 5"
    assert dictionary.allowed(columns["kind"]) == "none of: x, y"


def test_markdown_lists_each_table_with_its_source_and_key():
    text = dictionary.markdown()
    section = text[text.index("## `rank_limits`"):text.index("## `rejects`")]
    assert "Source: rank-limit table ('Rangs limites') of specialty guides." in section
    assert "One row per (specialty, subdivision_id, year, doc_id)." in section
    assert ("| `rank_limit` | BIGINT | yes | Rank of the last student who chose this "
            "subdivision; NULL where the guide prints no value ('-'). | `1 to 20000` |") in section


def test_pipes_in_patterns_do_not_break_markdown_tables():
    assert dictionary._code("a|b") == "`a\\|b`"


def test_warehouse_columns_table_is_the_dictionary(warehouse):
    stored = warehouse.execute(
        "SELECT table_name, column_name, type, nullable, description, allowed, source "
        "FROM columns").df()
    expected = dictionary.frame().sort_values("table_name", kind="stable", ignore_index=True)
    pd.testing.assert_frame_equal(stored.fillna("∅"), expected.fillna("∅"), check_dtype=False)


def test_warehouse_column_types_match_the_dictionary(warehouse):
    actual = dict(((t, c), ty) for t, c, ty in warehouse.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE schema_name = 'main'").fetchall())
    assert {(e.table_name, e.column_name): e.type for e in dictionary.entries()}.items() \
        <= actual.items()


def test_views_are_listed_with_their_purpose_and_columns():
    text = dictionary.markdown()
    section = text[text.index("### `rank_trends`"):]
    assert "Rank limits beside the posts of the same year" in section
    assert "| `rank_change` | BIGINT |" in section
    assert dictionary.view_columns()["latest_rank_limits"][-1] == ("series", "VARCHAR")


def test_every_view_is_documented_with_exactly_its_columns():
    from schemas import VIEWS

    described = {name: list(spec.columns) for name, spec in VIEWS.items()}
    assert described == {name: [c for c, _ in columns]
                         for name, columns in dictionary.view_columns().items()}
    assert all(spec.description and all(spec.columns.values()) for spec in VIEWS.values())


def test_views_and_their_columns_carry_comments_in_the_warehouse(warehouse):
    views = dict(warehouse.execute(
        "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    assert set(views) >= {"rank_trends", "latest_rank_limits", "edition_conflicts",
                          "posts_check"}
    assert all(views.values()), views
    uncommented = warehouse.execute(
        "SELECT c.table_name, c.column_name FROM duckdb_columns() c JOIN duckdb_views() v "
        "ON c.table_name = v.view_name WHERE NOT v.internal AND c.comment IS NULL").fetchall()
    assert uncommented == []
    (comment,) = warehouse.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'rank_trends' "
        "AND column_name = 'rank_change'").fetchone()
    assert "Positive: the limit rose" in comment


def test_views_have_rows_in_the_columns_table(warehouse):
    rows = warehouse.execute(
        "SELECT column_name, type, description FROM columns WHERE table_name = 'posts_check' "
        "AND column_name = 'disagrees'").fetchall()
    assert rows == [("disagrees", "BOOLEAN", "True when both figures are numbers and differ, "
                     "false when they agree, NULL when one is missing.")]
