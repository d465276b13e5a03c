"""A build that fails half-way leaves the previous warehouse file exactly as it was."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import warehouse


def test_failed_write_leaves_previous_warehouse_intact(tmp_path, monkeypatch):
    target = tmp_path / "warehouse.duckdb"
    warehouse.write(target, {"subdivisions": pd.DataFrame()})
    before = target.read_bytes()

    def explode(connection, frames):
        connection.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("killed half-way")

    monkeypatch.setattr(warehouse, "_fill", explode)
    with pytest.raises(RuntimeError, match="half-way"):
        warehouse.write(target, {})
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]
