"""The same 2024 guides typeset otherwise give the same rows (tests/data/2024-b).

tests/data/2024-b holds the content of the 2024 guides printed in another layout: the ARS
slides as an A4 handout (several slides a page, tables shaded a row in two without ruling
lines and cut by page ends), the ISNAR guide in one column on A5, SRP and SYRC on US
Letter. Built once per session, every table must hold exactly the rows of the committed
canonical snapshot (extracted/tables/*.csv) for these guides; only the pages differ.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import keep_only

from pipeline import cli
from pipeline.build import BuildResult, Options, build
from pipeline.load import warehouse
from schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
OTHER = ROOT / "tests" / "data" / "2024-b"
SNAPSHOT = ROOT / cli.DEFAULT_SNAPSHOT
DOCS = ("ars-ara-accueil-internes", "isnar-img-guide-mg", "srp-img-neo-internes-2024",
        "syrc-img-formation-pratique")
# What a typesetting changes by nature: where a row is printed, the file itself, and how
# the extraction report splits its counts (a table cut by a page end is two tables).
LAYOUT_COLUMNS = {"page", "sha256", "page_count"}
# Columns of the documents table that describe the content, the same in any rendering.
CATALOG_COLUMNS = ["doc_id", "path", "publisher", "title", "edition_year", "specialty", "url"]


@pytest.fixture(scope="session")
def other_rendering(tmp_path_factory: pytest.TempPathFactory,
                    parse_cache: Path) -> BuildResult:
    """The four guides of tests/data/2024-b built like raw/ (same catalog entries)."""
    raw = tmp_path_factory.mktemp("raw-2024-b")
    shutil.copy(ROOT / "raw" / "sources.toml", raw / "sources.toml")
    (raw / "2024").mkdir()
    for doc_id in DOCS:
        shutil.copy(OTHER / f"{doc_id}.pdf", raw / "2024" / f"{doc_id}.pdf")
    keep_only(raw, tuple(f"2024/{doc_id}.pdf" for doc_id in DOCS))
    target = tmp_path_factory.mktemp("warehouse-2024-b") / "warehouse.duckdb"
    return build(raw, target, Options(progress=False, cache_dir=parse_cache))


def rows(csv_text: str, columns: list[str] | None = None) -> list[tuple[str, ...]]:
    """The rows of the guides of DOCS in a snapshot CSV, layout columns left out, sorted."""
    frame = pd.read_csv(io.StringIO(csv_text), dtype=str, keep_default_na=False)
    if "doc_id" in frame.columns:
        frame = frame[frame["doc_id"].isin(DOCS)]
    kept = columns or [c for c in frame.columns if c not in LAYOUT_COLUMNS]
    return sorted(map(tuple, frame[kept].to_numpy().tolist()))


def fresh_csv(result: BuildResult, name: str) -> str:
    return warehouse.snapshot_csv(TABLES[name], warehouse.with_generated(result.tables).get(
        name, pd.DataFrame()))


def test_the_other_rendering_builds_without_failure_or_reject(other_rendering):
    assert [f.describe() for f in other_rendering.failures] == []
    assert other_rendering.rejects.to_dict("records") == []


@pytest.mark.parametrize("name", sorted(set(warehouse.snapshot_tables())
                                         - {"documents", "extraction_report"}))
def test_every_table_holds_the_canonical_rows(other_rendering, name):
    committed = (SNAPSHOT / f"{name}.csv").read_text(encoding="utf-8")
    assert rows(fresh_csv(other_rendering, name)) == rows(committed)


def test_documents_are_the_same_guides(other_rendering):
    committed = (SNAPSHOT / "documents.csv").read_text(encoding="utf-8")
    assert rows(fresh_csv(other_rendering, "documents"), CATALOG_COLUMNS) == rows(
        committed, CATALOG_COLUMNS)


def test_the_report_counts_the_same_rows_per_guide_and_table(other_rendering):
    def loaded(csv_text: str) -> dict[tuple[str, str], int]:
        frame = pd.read_csv(io.StringIO(csv_text))
        frame = frame[frame["doc_id"].isin(DOCS)]
        return frame.groupby(["doc_id", "table_name"])["rows"].sum().to_dict()

    committed = (SNAPSHOT / "extraction_report.csv").read_text(encoding="utf-8")
    assert loaded(fresh_csv(other_rendering, "extraction_report")) == loaded(committed)
    assert loaded(committed)[("ars-ara-accueil-internes", "support_services")] == 33
