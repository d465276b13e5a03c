"""Each document's extraction is cached beside its parse: a build re-extracts only the
documents whose PDF, catalog entry or pipeline code changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import catalog_entry, count_extractor_runs
from pdfgen import RankTable, draw

from pipeline.build import Options, build

CHANGED = RankTable(overrides={("lyon", 2020): 9999})


def archive(raw: Path, years: range) -> Path:
    """One edition of a generated guide per year, each a different PDF."""
    entries = []
    for year in years:
        (raw / str(year)).mkdir(parents=True, exist_ok=True)
        draw(raw / str(year) / "guide.pdf", RankTable(overrides={("lyon", 2022): year}),
             f"Guide {year}")
        entries.append(catalog_entry(f"{year}/guide.pdf", ["rank_limits"], edition_year=year,
                                     doc_id=None))
    (raw / "sources.toml").write_text("".join(entries), encoding="utf-8")
    return raw


@pytest.fixture
def extracting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The doc ids the build runs the extractors on, in order."""
    return count_extractor_runs(monkeypatch)


def ranks(target: Path) -> list[tuple]:
    from helpers import query

    return query(target, "SELECT doc_id, subdivision_id, year, rank_limit FROM rank_limits "
                         "ORDER BY ALL")


def test_adding_an_edition_extracts_that_edition_only(tmp_path, extracting):
    raw = archive(tmp_path / "raw", range(2020, 2023))
    options = Options(progress=False, cache_dir=tmp_path / "cache", jobs=1)
    first = build(raw, tmp_path / "a.duckdb", options)
    assert extracting == ["test-rhumatologie-2020", "test-rhumatologie-2021",
                          "test-rhumatologie-2022"]
    extracting.clear()
    again = build(raw, tmp_path / "b.duckdb", options)
    assert extracting == []
    assert ranks(tmp_path / "a.duckdb") == ranks(tmp_path / "b.duckdb")
    assert list(first.tables) == list(again.tables)
    archive(raw, range(2020, 2024))  # 2023 added (the older PDFs drawn again, same bytes)
    build(raw, tmp_path / "c.duckdb", options)
    assert extracting == ["test-rhumatologie-2023"]
    assert ("test-rhumatologie-2023", "lyon", 2022, 2023) in ranks(tmp_path / "c.duckdb")


def test_a_changed_catalog_entry_or_pdf_is_extracted_again(tmp_path, extracting):
    raw = archive(tmp_path / "raw", range(2020, 2022))
    options = Options(progress=False, cache_dir=tmp_path / "cache", jobs=1)
    build(raw, tmp_path / "a.duckdb", options)
    extracting.clear()
    catalog = raw / "sources.toml"
    catalog.write_text(catalog.read_text().replace('title = "Guide"', 'title = "Le guide"', 1))
    draw(raw / "2021" / "guide.pdf", CHANGED, "Guide 2021 (corrigé)")
    build(raw, tmp_path / "b.duckdb", options)
    assert extracting == ["test-rhumatologie-2020", "test-rhumatologie-2021"]
    assert ("test-rhumatologie-2021", "lyon", 2020, 9999) in ranks(tmp_path / "b.duckdb")


def test_a_title_page_warning_is_kept_with_the_cached_extraction(tmp_path, extracting):
    raw = archive(tmp_path / "raw", range(2020, 2021))
    draw(raw / "2020" / "guide.pdf", RankTable(), "Guide 2019")
    options = Options(progress=False, cache_dir=tmp_path / "cache", jobs=1)
    warned = [w.describe() for w in build(raw, tmp_path / "a.duckdb", options).warnings]
    assert [w.describe() for w in build(raw, tmp_path / "b.duckdb", options).warnings] \
        == warned == [f"{raw / '2020' / 'guide.pdf'}, page 1: the catalog says edition_year "
                      "= 2020 but the title page prints 2019"]
    assert extracting == ["test-rhumatologie-2020"]
