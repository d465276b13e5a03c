"""The warehouse appears whole or not at all: failed, interrupted, killed or concurrent runs.

The subprocess tests run the real CLI in a real Python process. To kill it at a known
moment (mid-write, the temporary warehouse filled but not yet moved into place) the child
wraps `warehouse._fill` so it says so on stdout and then waits to be killed.
"""

from __future__ import annotations

import fcntl
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import catalog_entry, query
from helpers import extract_cli as extract
from pdfgen import rank_raw

from pipeline.errors import WarehouseBusy
from pipeline.load import warehouse

ROOT = Path(__file__).resolve().parents[1]
LOCK = ".warehouse.duckdb.lock"

# The real CLI, paused after the temporary warehouse is filled, before it replaces the target.
PAUSED_MID_WRITE = """
import sys, time
from pipeline.load import warehouse
from pipeline.cli import main
from pipeline.errors import WarehouseBusy
fill = warehouse._fill
def fill_then_wait(connection, frames):
    fill(connection, frames)
    print("filled", flush=True)
    time.sleep(600)
warehouse._fill = fill_then_wait
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def small_raw(tmp_path: Path) -> Path:
    """A raw/ with one small rank-limit guide (3 subdivisions), quick to build."""
    return rank_raw(tmp_path / "raw")


def contents(target: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, to compare two warehouses; build_info, which records
    the build itself (its time), is left out as in the snapshot."""
    return {name: query(target, f"SELECT * FROM {name} ORDER BY ALL")
            for name in warehouse.snapshot_tables()}


def start_paused(raw: Path, target: Path) -> subprocess.Popen:
    """A real extract subprocess, waiting mid-write once it has printed 'filled'."""
    child = subprocess.Popen(
        [sys.executable, "-c", PAUSED_MID_WRITE, "extract", "--raw", str(raw),
         "--warehouse", str(target), "--quiet", "--no-cache"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "filled", child.stderr.read()
    return child


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
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "warehouse.duckdb"]


def test_ctrl_c_during_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "warehouse.duckdb"

    def interrupted(connection, frames):
        connection.execute("CREATE TABLE half_done (x INTEGER)")
        raise KeyboardInterrupt

    monkeypatch.setattr(warehouse, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        warehouse.write(target, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK]


def test_run_killed_mid_write_keeps_previous_warehouse_and_blocks_no_one(small_raw, tmp_path,
                                                                         capsys):
    """A real extract paused mid-write refuses a second run; SIGKILL-ed, it leaves the
    previous warehouse byte-identical, a hidden temporary file, and no lock."""
    target = tmp_path / "out/warehouse.duckdb"
    assert extract(small_raw, target) == 0
    before = target.read_bytes()
    capsys.readouterr()

    child = start_paused(small_raw, target)
    try:
        temporary = [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        assert len(temporary) == 1 and temporary[0].startswith(".warehouse.duckdb.")
        assert extract(small_raw, target) == 2
        assert capsys.readouterr().err == (
            f"error: {target}: another extract (pid {child.pid}) is building this warehouse; "
            "run again when it has finished\n")
    finally:
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
        child.stdout.close()
        child.stderr.close()

    assert target.read_bytes() == before
    assert (target.parent / temporary[0]).exists()  # left by the killed run, hidden
    assert extract(small_raw, target) == 0  # the lock died with the killed process
    assert sorted(p.name for p in target.parent.iterdir()) == [LOCK, "warehouse.duckdb"]


def test_stale_temporary_files_are_removed_before_writing(tmp_path):
    target = tmp_path / "warehouse.duckdb"
    for name in (".warehouse.duckdb.k1ll3d.tmp", ".warehouse.duckdb.k1ll3d.tmp.wal"):
        (tmp_path / name).write_bytes(b"half a warehouse")
    (tmp_path / "notes.tmp").write_text("not ours")
    warehouse.write(target, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "notes.tmp", "warehouse.duckdb"]


def test_two_runs_on_the_same_raw_give_identical_tables(small_raw, tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert extract(small_raw, first) == 0
    assert extract(small_raw, second) == 0
    tables = contents(first)
    assert tables == contents(second)
    assert tables["rank_limits"][0][:5] == ("rhumatologie", "lyon", 2021, 2599, "Lyon")


def test_lock_held_by_another_open_file_refuses_the_writer(tmp_path):
    target = tmp_path / "warehouse.duckdb"
    with (tmp_path / LOCK).open("w") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        other.write("4242")
        other.flush()
        with pytest.raises(WarehouseBusy, match=r"pid 4242"):
            warehouse.write(target, {})
    assert not target.exists()


def test_two_real_extracts_at_once_leave_one_whole_warehouse(small_raw, tmp_path):
    """Two `python -m pipeline extract` at once, on a raw/ with one empty PDF: each exits 1
    (built, the empty file listed as failed) or 2 (refused: the other holds the lock)."""
    (small_raw / "2024/empty.pdf").write_bytes(b"")
    with (small_raw / "sources.toml").open("a", encoding="utf-8") as catalog:
        catalog.write(catalog_entry("2024/empty.pdf"))
    target = tmp_path / "warehouse.duckdb"
    command = [sys.executable, "-m", "pipeline", "extract", "--raw", str(small_raw),
               "--warehouse", str(target), "--quiet"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outcomes = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert 1 in [code for code, _, _ in outcomes]
    for code, out, err in outcomes:
        if code == 1:
            assert f"  - {small_raw / '2024/empty.pdf'}: empty file (0 bytes)\n" in out
        else:
            assert (code, out) == (2, ""), err
            assert "another extract" in err
    assert len(contents(target)["rank_limits"]) == 9
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".wal"))]
