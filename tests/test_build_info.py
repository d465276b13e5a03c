"""build_info: when, from which commit and with what the warehouse was built."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

import duckdb

from pipeline import __version__
from pipeline.load.warehouse import STORAGE_VERSION

ROOT = Path(__file__).resolve().parents[1]


def test_build_info_records_time_commit_versions_and_options(warehouse):
    rows = warehouse.execute("SELECT * FROM build_info").df().to_dict("records")
    assert len(rows) == 1
    info = rows[0]
    assert datetime.now(UTC).replace(tzinfo=None) - info["built_at"] < timedelta(hours=2)
    assert info["pipeline_version"] == __version__ == "0.2.0"
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()
    assert info["git_commit"] == head
    assert info["git_dirty"] in (True, False)
    assert info["duckdb_version"] == duckdb.__version__
    assert info["pdfplumber_version"] == metadata.version("pdfplumber")
    assert info["storage_version"] == STORAGE_VERSION
    assert json.loads(info["options"]) == {"strict": False, "max_pages": 500,
                                           "seconds": 300.0, "jobs": None, "cache": True,
                                           "snapshot": False}


def test_build_info_is_typed_and_documented(warehouse):
    types = dict(warehouse.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'build_info'"
    ).fetchall())
    assert (types["built_at"], types["git_dirty"]) == ("TIMESTAMP", "BOOLEAN")
    (described,) = warehouse.execute(
        "SELECT description FROM columns WHERE table_name = 'build_info' "
        "AND column_name = 'built_at'").fetchone()
    assert described == "When the build wrote the warehouse, UTC."


def test_without_git_commit_and_dirty_are_null(monkeypatch):
    from pipeline.load import build_info

    monkeypatch.setattr(build_info, "CODE", Path("/"))
    assert build_info.git_state() == (None, None)
