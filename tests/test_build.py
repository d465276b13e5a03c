"""The real build of raw/: nothing fails, nothing is rejected, provenance everywhere."""

from __future__ import annotations

from schemas import TABLES


def test_build_has_no_failure_and_no_reject(built):
    result, _ = built
    assert [f.describe() for f in result.failures] == []
    assert result.rejects.to_dict("records") == []


def test_documents_table_lists_the_five_2024_guides(warehouse):
    rows = warehouse.execute(
        "SELECT doc_id, edition_year, page_count FROM documents ORDER BY doc_id").fetchall()
    assert rows == [
        ("ars-ara-accueil-internes", 2024, 16),
        ("isnar-img-guide-mg", 2024, 24),
        ("sfr-rhumatologie-2024", 2024, 73),
        ("srp-img-neo-internes-2024", 2024, 12),
        ("syrc-img-formation-pratique", 2024, 3),
    ]


def test_every_public_table_exists_with_its_columns(warehouse):
    for name, spec in TABLES.items():
        columns = {r[0] for r in warehouse.execute(f"DESCRIBE {name}").fetchall()}
        assert columns == set(spec.columns), name


def test_fact_rows_carry_document_and_page(warehouse):
    for name, spec in TABLES.items():
        if {"doc_id", "page"} <= set(spec.columns) and name != "rejects":
            missing = warehouse.execute(
                f"SELECT count(*) FROM {name} WHERE doc_id IS NULL OR page IS NULL "
                f"OR doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()[0]
            assert missing == 0, name


def test_subdivisions_are_the_28_reference_ids(warehouse):
    ids = [r[0] for r in warehouse.execute(
        "SELECT subdivision_id FROM subdivisions ORDER BY 1").fetchall()]
    assert len(ids) == 28
    assert ids[:3] == ["amiens", "angers", "antilles-guyane"]
    assert warehouse.execute(
        "SELECT region FROM subdivisions WHERE subdivision_id = 'saint-etienne'"
    ).fetchone() == ("Auvergne-Rhône-Alpes",)


def test_columns_carry_comments_from_the_schemas(warehouse):
    comment = warehouse.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'rank_limits' "
        "AND column_name = 'rank_limit'").fetchone()[0]
    assert comment == TABLES["rank_limits"].schema.columns["rank_limit"].description
