"""Parsing in parallel (by document and by page range) gives exactly what a serial run does."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import pandas as pd
import pytest
from helpers import extract_cli, keep_only
from hypothesis import given
from hypothesis import strategies as st
from pdfgen import text_pdf

from pipeline.build import Options, build
from pipeline.cli import parser
from pipeline.errors import PdfError
from pipeline.load import warehouse
from pipeline.pdf import parallel
from pipeline.pdf.cache import ParseCache
from pipeline.pdf.loader import PARSE_GC_THRESHOLDS, parse_pages, sha256_of
from pipeline.pdf.model import Document
from pipeline.pdf.parallel import Source, parse_documents, split

# The shortest 2024 guide (3 pages) keeps the builds quick.
GUIDE = "2024/syrc-img-formation-pratique.pdf"


def source(path: Path) -> Source:
    return Source(path.stem, path, sha256_of(path))


@given(count=st.integers(1, 400), size=st.integers(1, 50))
def test_split_covers_every_page_once_in_even_ranges(count, size):
    ranges = split(count, size)
    assert [n for r in ranges for n in r] == list(range(1, count + 1))
    lengths = [len(r) for r in ranges]
    assert max(lengths) <= size and max(lengths) - min(lengths) <= 1


def test_split_of_the_73_page_guide_into_16_page_ranges():
    assert split(73, 16) == [range(1, 15), range(15, 30), range(30, 44), range(44, 59),
                             range(59, 74)]


def test_parallel_build_equals_serial_build_table_for_table(raw_copy, tmp_path, monkeypatch):
    raw = keep_only(raw_copy, (GUIDE,))
    monkeypatch.setattr(parallel, "CHUNK_PAGES", 1)  # one range per page, spread over 2 workers
    runs = {jobs: build(raw, tmp_path / f"{jobs}.duckdb",
                        Options(progress=False, jobs=jobs, cache_dir=tmp_path / f"cache{jobs}"))
            for jobs in (1, 2)}
    serial, pooled = runs[1], runs[2]
    assert serial.failures == pooled.failures == []
    assert serial.tables.keys() == pooled.tables.keys()
    for name in warehouse.snapshot_tables():  # build_info records the run: time, jobs
        pd.testing.assert_frame_equal(serial.tables[name], pooled.tables[name], obj=name)
    assert serial.tables["documents"]["page_count"].tolist() == [3]
    # The cached models are the parses themselves: every word and table of every page.
    digest = sha256_of(raw / GUIDE)
    models = [ParseCache(tmp_path / f"cache{jobs}").get(digest, "syrc", raw / GUIDE)
              for jobs in (1, 2)]
    assert models[0] == models[1]
    assert [p.number for p in models[0].pages] == [1, 2, 3]
    assert "FORMATION PRATIQUE\n1. Le DES de Médecine Générale" in models[0].pages[0].text


def test_documents_come_back_in_order_with_failures_in_place(tmp_path):
    good = text_pdf(tmp_path / "good.pdf", [["Page un"], ["Page deux"], ["Page trois"]])
    blank = text_pdf(tmp_path / "blank.pdf", [[], []])
    other = text_pdf(tmp_path / "other.pdf", [["Autre document"]])
    results = list(parse_documents([source(good), source(blank), source(other)], jobs=2,
                                   chunk_pages=1))
    assert [type(r) for r in results] == [Document, PdfError, Document]
    assert [p.text for p in results[0].pages] == ["Page un", "Page deux", "Page trois"]
    assert results[1].path == str(blank) and "no text layer" in results[1].message
    assert results[2].doc_id == "other"


def test_errors_keep_file_page_and_text_across_processes():
    error = pickle.loads(pickle.dumps(PdfError("page cannot be parsed", path="guide.pdf",
                                               page=7, text="Tableau")))
    assert (type(error), error.path, error.page, error.text) == (PdfError, "guide.pdf", 7,
                                                                 "Tableau")
    assert error.describe() == "guide.pdf, page 7: page cannot be parsed: 'Tableau'"


def test_cli_takes_jobs_and_cache_dir(tmp_path, monkeypatch):
    args = parser().parse_args(["extract", "--jobs", "3", "--cache-dir", str(tmp_path)])
    assert (args.jobs, args.cache_dir, args.no_cache) == (3, tmp_path, False)
    assert parser().parse_args(["extract"]).cache_dir != Path(".cache")  # tests: in tmp
    monkeypatch.delenv("GUIDES_CACHE_DIR")
    assert parser().parse_args(["extract"]).cache_dir == Path(".cache")
    assert parser().parse_args(["extract", "--no-cache"]).no_cache
    with pytest.raises(SystemExit):
        parser().parse_args(["extract", "--jobs", "0"])


def test_cli_extract_keeps_its_cache_where_told(raw_copy, tmp_path):
    raw = keep_only(raw_copy, (GUIDE,))
    cache = tmp_path / "cache"
    assert extract_cli(raw, tmp_path / "w.duckdb", "--jobs", "2", cache=cache) == 0
    digest = sha256_of(raw / GUIDE)
    assert [p.name for p in cache.glob("parsed/*/*.pickle")] == [f"{digest}.pickle"]
    (extracted,) = cache.glob("extracted/*/*.pickle")  # its extraction, beside the parse
    assert extracted.name.startswith(f"{digest}-")


def test_the_cycle_collector_runs_rarely_while_parsing_and_as_before_after(tmp_path):
    pdf = text_pdf(tmp_path / "two.pdf", [["Page un"], ["Page deux"]])
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []
    parse_pages(pdf, range(1, 3), progress=lambda _: during.append(gc.get_threshold()))
    assert during == [PARSE_GC_THRESHOLDS] * 2
    assert gc.get_threshold() == before != PARSE_GC_THRESHOLDS
    with pytest.raises(PdfError):
        parse_pages(pdf, range(1, 4))  # no page 3: the thresholds come back all the same
    assert gc.get_threshold() == before
