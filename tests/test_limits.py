"""Resource limits per document (loader.Limits, `--max-pages`, `--seconds`): a huge or slow
PDF is refused with a clear message and the other documents still load."""

from __future__ import annotations

import itertools
import signal
from pathlib import Path

import pytest
from helpers import catalog_entry, failed_lines, query
from helpers import extract_cli as extract
from pdfgen import GOOD_RANKS, rank_table_pdf, tangled_pdf, text_pdf

from pipeline.errors import ResourceLimitExceeded
from pipeline.pdf import loader

CATALOG = catalog_entry("ranks.pdf", ["rank_limits"]) + catalog_entry("long.pdf")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A 1-page rank table and a 4-page text guide."""
    folder = tmp_path / "raw"
    folder.mkdir()
    rank_table_pdf(folder / "ranks.pdf", GOOD_RANKS)
    text_pdf(folder / "long.pdf", [[f"Chapitre {n}"] for n in range(1, 5)])
    (folder / "sources.toml").write_text(CATALOG, encoding="utf-8")
    return folder


def test_pdf_over_the_page_limit_is_refused_and_the_others_load(raw, tmp_path, capsys):
    target = tmp_path / "w.duckdb"
    assert extract(raw, target, "--max-pages", "3") == 1
    assert failed_lines(capsys.readouterr().out) == [
        f"{raw / 'long.pdf'}: 4 pages, more than the limit of 3"]
    assert query(target, "SELECT doc_id FROM documents") == [("ranks",)]
    assert query(target, "SELECT count(*) FROM rank_limits") == [(9,)]


def test_page_limit_is_inclusive(raw, tmp_path, capsys):
    assert extract(raw, tmp_path / "w.duckdb", "--max-pages", "4") == 0
    assert failed_lines(capsys.readouterr().out) == []


def test_time_budget_stops_every_document_when_spent(raw, tmp_path, capsys):
    target = tmp_path / "w.duckdb"
    assert extract(raw, target, "--seconds", "0") == 1
    assert failed_lines(capsys.readouterr().out) == [
        f"{raw / 'ranks.pdf'}, page 1: time budget of 0s per document exceeded",
        f"{raw / 'long.pdf'}, page 1: time budget of 0s per document exceeded",
        f"{target}: no document could be loaded; warehouse not replaced"]
    assert not target.exists()


class SlowClock:
    """Stands in for the `time` module: every reading is 100 s after the last."""

    def __init__(self) -> None:
        self._ticks = itertools.count(step=100)

    def monotonic(self) -> float:
        return float(next(self._ticks))


def test_time_budget_stops_a_slow_document_part_way(raw, monkeypatch):
    monkeypatch.setattr(loader, "time", SlowClock())
    parsed: list[int] = []
    with pytest.raises(ResourceLimitExceeded) as caught:
        loader.load_document(raw / "long.pdf", "long", loader.Limits(seconds=250),
                             progress=parsed.append)
    assert caught.value.describe() == (
        f"{raw / 'long.pdf'}, page 3: time budget of 250s per document exceeded")
    assert parsed == [1, 1]  # pages 1 and 2 were parsed, page 3 never started


def test_time_budget_interrupts_a_page_that_is_slow_by_itself(tmp_path):
    """One page that takes seconds: only the alarm, not the check between pages, stops it."""
    path = tangled_pdf(tmp_path / "tangled.pdf")
    with pytest.raises(ResourceLimitExceeded) as caught:
        loader.load_document(path, "tangled", loader.Limits(seconds=0.3))
    assert caught.value.describe() == (
        f"{path}, page 1: time budget of 0.3s per document exceeded")
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
