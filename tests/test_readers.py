"""An analyst's notebook holds a read-only connection while `make extract` rebuilds the
warehouse: the reader keeps answering from the file it opened, the build lands (the new
file is renamed over the old one; the reader's open file is untouched), and a connection
opened afterwards sees the new data. Two real processes: a reader and `guides extract`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import query
from pdfgen import GOOD_RANKS, rank_raw

ROOT = Path(__file__).resolve().parents[1]
LYON_2021 = "SELECT rank_limit FROM rank_limits WHERE subdivision_id = 'lyon' AND year = 2021"

# A reader process: opens the warehouse read-only once, then answers LYON_2021 each time
# it reads a line on stdin, on that same connection.
READER = f"""
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
for _ in sys.stdin:
    print(connection.execute({LYON_2021!r}).fetchone()[0], flush=True)
"""


def ask(reader: subprocess.Popen) -> str:
    reader.stdin.write("?\n")
    reader.stdin.flush()
    return reader.stdout.readline().strip()


def extract(raw: Path, target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--warehouse",
         str(target), "--quiet", "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_reader_keeps_the_old_file_while_a_build_replaces_it(tmp_path):
    raw = rank_raw(tmp_path / "raw")
    target = tmp_path / "warehouse.duckdb"
    first = extract(raw, target)
    assert first.returncode == 0, first.stderr
    # The next edition of the table: Lyon's 2021 rank reads 2600 instead of 2599.
    rows = [list(row) for row in GOOD_RANKS]
    rows[1][1] = "2600"
    shutil.rmtree(raw)
    rank_raw(raw, rows)

    reader = subprocess.Popen([sys.executable, "-c", READER, str(target)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert ask(reader) == "2599"
        rebuild = extract(raw, target)
        assert rebuild.returncode == 0, rebuild.stderr
        assert f"Warehouse written to {target}." in rebuild.stdout
        assert ask(reader) == "2599"  # still the file it opened
        assert query(target, LYON_2021) == [(2600,)]  # a new connection: the new build
        assert ask(reader) == "2599"
    finally:
        reader.stdin.close()
        assert reader.wait(timeout=60) == 0, reader.stderr.read()
        reader.stdout.close()
        reader.stderr.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".tmp", ".wal")) == []
