"""extracted/tables/*.csv, committed, is exactly what `make extract` makes of raw/ today.

A failure here means the extraction changed: run `make extract` and review the CSV diff
in git before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.load import warehouse
from schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / cli.DEFAULT_SNAPSHOT


def test_committed_snapshot_matches_a_fresh_extraction_of_raw(built):
    result, _ = built
    assert sorted(p.stem for p in SNAPSHOT.glob("*.csv")) == sorted(warehouse.snapshot_tables()), \
        "tables and snapshot files differ: run `make extract`"
    tables = warehouse.with_generated(result.tables)
    for name in warehouse.snapshot_tables():
        fresh = warehouse.snapshot_csv(TABLES[name], tables.get(name, pd.DataFrame()))
        committed = (SNAPSHOT / f"{name}.csv").read_text(encoding="utf-8")
        assert committed == fresh, f"{name}.csv is stale: run `make extract` and review it"


def test_snapshot_holds_real_values(built):
    rows = (SNAPSHOT / "rank_limits.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "specialty,subdivision_id,year,rank_limit,label_as_printed,note,doc_id,page"
    assert "rhumatologie,lyon,2023,4014,Lyon,,sfr-rhumatologie-2024,10" in rows
    assert "rhumatologie,ocean-indien,2019,,Océan Indien,,sfr-rhumatologie-2024,10" in rows


def test_snapshot_is_written_only_when_asked(tmp_path):
    frames = {"documents": pd.DataFrame(), "subdivisions": pd.DataFrame(
        [{"subdivision_id": "lyon", "name": "Lyon", "region": "ARA", "aliases": None}])}
    warehouse.write(tmp_path / "plain.duckdb", frames)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".plain.duckdb.lock", "plain.duckdb"]
    stale = tmp_path / "tables" / "dropped_table.csv"
    stale.parent.mkdir()
    stale.write_text("x\n")
    warehouse.write(tmp_path / "default.duckdb", frames, snapshot=tmp_path / "tables")
    assert sorted(p.stem for p in (tmp_path / "tables").iterdir()) == \
        sorted(warehouse.snapshot_tables())
    assert "build_info" not in warehouse.snapshot_tables()
    assert (tmp_path / "tables/subdivisions.csv").read_text() == \
        "subdivision_id,name,region,aliases\nlyon,Lyon,ARA,\n"


class Stop(Exception):
    """Raised by the fake build so the CLI goes no further."""


def test_cli_snapshots_only_the_default_warehouse(monkeypatch, tmp_path):
    seen = []

    def fake_build(raw, target, options):
        seen.append(options.snapshot)
        raise Stop

    monkeypatch.setattr("pipeline.build.build", fake_build)
    for argv in (["extract"], ["extract", "--warehouse", str(tmp_path / "w.duckdb")]):
        with pytest.raises(Stop):
            cli.main(argv)
    assert seen == [cli.DEFAULT_SNAPSHOT, None]
