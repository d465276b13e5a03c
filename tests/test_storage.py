"""The warehouse is written in DuckDB 1.1's storage format, so every DuckDB from 1.1 to 2.x
opens it with the same rows and comments (a 2.x file is unreadable by any 1.x)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import query

from pipeline.load.warehouse import STORAGE_VERSION

# The oldest reader the storage version promises, and the newest 1.x (what R, DBeaver and
# many CLI installs still run).
READERS = ("1.1.3", "1.5.6")

# What a reader reports: rows per table and view, and how many comments it sees.
PROBE = """
import duckdb, json, sys
with duckdb.connect(sys.argv[1], read_only=True) as con:
    names = [n for (n,) in con.execute(
        "SELECT table_name FROM duckdb_tables() UNION ALL "
        "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
    counts = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    comments = con.execute(
        "SELECT count(comment) FROM duckdb_columns() WHERE database_name = current_database()"
    ).fetchone()[0]
    print(json.dumps({"version": duckdb.__version__, "counts": counts, "comments": comments}))
"""


def _probe(python_path: str | None, target: Path) -> dict:
    env = {"PYTHONPATH": python_path} if python_path else None
    done = subprocess.run([sys.executable, "-c", PROBE, str(target)], capture_output=True,
                          text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_warehouse_is_written_in_the_storage_format_of_duckdb_1_1(built):
    (tags,) = query(built[1], "SELECT tags FROM duckdb_databases() "
                              "WHERE database_name = current_database()")[0]
    assert STORAGE_VERSION == "v1.1.0"
    assert tags["storage_version"].startswith("v1."), tags


@pytest.fixture(scope="session", params=READERS)
def old_duckdb(request, tmp_path_factory) -> tuple[str, Path]:
    """A DuckDB 1.x installed apart (pip --target) from the project's; skipped, saying why,
    when the package index cannot serve it."""
    folder = tmp_path_factory.mktemp(f"duckdb-{request.param}")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--disable-pip-version-check", "--target", str(folder),
                           f"duckdb=={request.param}"],
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode:
        pytest.skip(f"duckdb {request.param} could not be installed from the package index: "
                    f"{done.stderr.strip().splitlines()[-1:]}")
    return request.param, folder


def test_duckdb_1x_reads_the_warehouse_with_the_same_rows_and_comments(built, old_duckdb):
    version, folder = old_duckdb
    ours = _probe(None, built[1])
    theirs = _probe(str(folder), built[1])
    assert theirs["version"] == version
    assert theirs["counts"] == ours["counts"]
    assert theirs["counts"]["rank_limits"] == ours["counts"]["rank_limits"] > 0
    assert theirs["comments"] == ours["comments"]
