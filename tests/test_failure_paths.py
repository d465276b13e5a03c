"""Every bad input ends in one line, never a traceback, as a new user meets it: a real
`python -m pipeline extract` process, on a fresh clone (empty parse cache) and again on a
warm one, with one worker and with two.

The shared-cache tests of test_bad_input.py never start a worker pool for the bad files;
here each run starts cold, which is where the pool used to be shut down by the garbage
collector at interpreter exit ('Exception ignored in: <generator object _pooled>' …
'OSError: [Errno 9] Bad file descriptor').
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import failed_lines
from pdfgen import tangled_pdf, text_pdf
from rawpdf import one_page, tiny_rects
from test_bad_input import CASES, SFR, add, assert_good_documents_loaded, good_raw

from pipeline.errors import PdfError
from pipeline.pdf import parallel
from pipeline.pdf.loader import Limits, parse_pages, sha256_of

ROOT = Path(__file__).resolve().parents[1]


def first_bytes(path: Path) -> None:
    """A download cut short: the first 20,000 bytes of another guide."""
    path.write_bytes(SFR.read_bytes()[:20_000])


CUT_SHORT = ("cut-short", first_bytes, (), ": truncated or corrupt PDF (PSEOF: Unexpected EOF)")


def run_extract(raw: Path, target: Path, cache: Path, jobs: int) -> subprocess.CompletedProcess:
    """`guides extract` in a process of its own, as `make extract` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--warehouse",
         str(target), "--cache-dir", str(cache), "--jobs", str(jobs)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)


def assert_clean_failure(run: subprocess.CompletedProcess, expected: list[str]) -> None:
    """Exit 1, the failures listed one line each, nothing else on stderr."""
    assert "Traceback" not in run.stderr, run.stderr
    assert "Exception ignored" not in run.stderr, run.stderr
    assert run.returncode == 1, run.stderr
    assert failed_lines(run.stdout) == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_bad_input_cold_then_warm_prints_no_traceback(tmp_path, jobs):
    """A raw/ with the two good documents and every bad one: first with an empty cache
    (everything parsed, by a pool of workers when jobs=2), then with the cache it left."""
    raw = good_raw(tmp_path)
    cases = [CUT_SHORT, *CASES]
    for name, make, extractors, _ in cases:
        make(add(raw, f"{name}.pdf", extractors))
    expected = [f"{raw}/2024/{name}.pdf{message}" for name, _, _, message in cases]
    target, cache = tmp_path / "w.duckdb", tmp_path / "cache"
    for state in ("cold", "warm"):
        run = run_extract(raw, target, cache, jobs)
        assert_clean_failure(run, expected)
        assert f"Warehouse written to {target}." in run.stdout, state
        assert_good_documents_loaded(target)
    assert list((cache / "parsed").glob("*/*.pickle"))  # the warm run did read a cache


def test_cut_short_guide_alone_with_two_workers_and_no_cache(tmp_path):
    """The run of the report: one guide replaced by the first 20,000 bytes of another."""
    raw = good_raw(tmp_path)
    first_bytes(add(raw, "cut-short.pdf"))
    target = tmp_path / "w.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--warehouse",
         str(target), "--no-cache", "--jobs", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert_clean_failure(run, [f"{raw}/2024/cut-short.pdf: truncated or corrupt PDF "
                               "(PSEOF: Unexpected EOF)"])
    assert_good_documents_loaded(target)
    assert [line for line in run.stderr.splitlines() if line.strip()] == []


def test_page_of_countless_tiny_objects_is_refused_by_the_memory_budget(tmp_path):
    """200,000 one-point squares on one page, parsed by a worker with a 48 MB budget: that
    document is refused in one line naming its page, the others load, nothing on stderr."""
    raw = good_raw(tmp_path)
    crowded = add(raw, "crowded.pdf")
    crowded.write_bytes(one_page(tiny_rects(200_000)))
    target = tmp_path / "w.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--warehouse",
         str(target), "--no-cache", "--jobs", "2", "--max-memory", "48"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert_clean_failure(run, [
        f"{crowded}, page 1: memory budget of 48 MB per document exceeded (too many objects "
        "on a page, or a stream that inflates without end)"])
    assert_good_documents_loaded(target)


def die_on_poison(path: Path, pages: range, limits: Limits, progress=None):
    """parse_range, except that the worker parsing 'poison.pdf' dies as if killed by the
    kernel's out-of-memory killer."""
    if path.name == "poison.pdf":
        os.kill(os.getpid(), signal.SIGKILL)
    return parse_pages(path, pages, limits, progress)


def test_a_worker_that_dies_fails_its_own_document_only(tmp_path, monkeypatch):
    """SIGKILL breaks the whole pool: the ranges it took down are parsed again one by one,
    so the other documents are still parsed and only the killer is reported."""
    monkeypatch.setattr(parallel, "parse_range", die_on_poison)
    paths = [text_pdf(tmp_path / name, pages) for name, pages in (
        ("first.pdf", [["Bienvenue"], ["Contact"]]), ("poison.pdf", [["Rangs"]]),
        ("last.pdf", [["Calendrier"], ["Dates"], ["Fin"]]))]
    parsed = list(parallel.parse_documents(
        [parallel.Source(p.stem, p, sha256_of(p)) for p in paths], jobs=2, chunk_pages=1))
    assert [d.page_count for d in (parsed[0], parsed[2])] == [2, 3]
    assert [w.text for w in parsed[2].pages[0].words] == ["Calendrier"]
    assert isinstance(parsed[1], PdfError)
    assert parsed[1].describe() == (
        f"{paths[1]}, page 1: the parser's worker process died on pages 1-1 (killed, out of "
        "memory or crashed)")


def test_time_budget_holds_in_a_worker(tmp_path):
    """A page too slow to parse, in a worker (two workers, two documents): the worker's own
    alarm stops it in the middle of the page; the other document loads."""
    raw = good_raw(tmp_path)
    tangled = tangled_pdf(add(raw, "tangled.pdf"), strokes=30_000)
    target = tmp_path / "w.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--warehouse",
         str(target), "--no-cache", "--jobs", "2", "--seconds", "5"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert_clean_failure(run, [f"{tangled}, page 1: time budget of 5s per document exceeded"])
    assert_good_documents_loaded(target)
