"""The parsed-document cache: unchanged PDFs are not parsed again; bad entries are rewritten."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pandas as pd
import pytest
from pdfgen import text_pdf

from pipeline.build import Options, build
from pipeline.errors import ResourceLimitExceeded
from pipeline.load import warehouse
from pipeline.pdf import cache as cache_module
from pipeline.pdf import parallel
from pipeline.pdf.cache import ParseCache, parser_key
from pipeline.pdf.loader import Limits, sha256_of
from pipeline.pdf.parallel import Source, parse_documents

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return text_pdf(tmp_path / "guide.pdf", [["Rangs limites"], ["Nombre de postes en 2024"]])


def parse(pdf: Path, cache: ParseCache):
    """The one document of `pdf`, through the cache."""
    (document,) = parse_documents([Source(pdf.stem, pdf, sha256_of(pdf))], jobs=1, cache=cache)
    return document


@pytest.fixture
def no_parsing(monkeypatch):
    """Any attempt to parse a page fails the test: every page must come from the cache."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"parsed although cached: {args[:2]}")

    monkeypatch.setattr(parallel, "parse_range", refuse)


def test_rebuild_of_unchanged_raw_parses_nothing_and_builds_the_same(built, parse_cache,
                                                                      tmp_path, no_parsing):
    session, _ = built
    again = build(ROOT / "raw", tmp_path / "again.duckdb",
                  Options(progress=False, cache_dir=parse_cache))
    assert again.failures == [] and again.written
    for name in warehouse.snapshot_tables():  # build_info records the run's time
        pd.testing.assert_frame_equal(session.tables[name], again.tables[name], obj=name)
    assert again.tables["rank_limits"].query(
        "subdivision_id == 'lyon' and year == 2023")["rank_limit"].tolist() == [4014]


def test_a_renamed_copy_is_served_from_the_cache_under_its_new_name(pdf, tmp_path, no_parsing,
                                                                    monkeypatch):
    cache = ParseCache(tmp_path / "cache")
    monkeypatch.undo()  # the first parse is allowed
    original = parse(pdf, cache)
    renamed = pdf.rename(tmp_path / "renamed.pdf")
    monkeypatch.setattr(parallel, "parse_range", lambda *a: pytest.fail("parsed again"))
    copy = parse(renamed, cache)
    assert (copy.doc_id, copy.path) == ("renamed", str(renamed))
    assert copy.pages == original.pages
    assert [p.text for p in copy.pages] == ["Rangs limites", "Nombre de postes en 2024"]


@pytest.mark.parametrize("damage", [
    pytest.param(lambda entry: b"not a pickle at all", id="garbage"),
    pytest.param(lambda entry: entry[: len(entry) // 2], id="truncated"),
    pytest.param(lambda entry: b"", id="empty"),
    pytest.param(lambda entry: pickle.dumps({"pages": []}), id="not-a-document"),
])
def test_a_corrupt_entry_is_ignored_and_rewritten(pdf, tmp_path, caplog, damage):
    cache = ParseCache(tmp_path / "cache")
    original = parse(pdf, cache)
    entry = cache.entry(original.sha256)
    entry.write_bytes(damage(entry.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="pipeline.pdf.cache"):
        again = parse(pdf, cache)
    assert again == original
    assert f"cache entry {entry}" in caplog.text and "parsing again" in caplog.text
    assert cache.get(original.sha256, original.doc_id, pdf) == original  # rewritten, readable
    assert [p.name for p in cache.folder.iterdir()] == [entry.name]  # no temporary left over


def test_an_entry_of_another_document_is_not_served(pdf, tmp_path, caplog):
    cache = ParseCache(tmp_path / "cache")
    original = parse(pdf, cache)
    other = text_pdf(tmp_path / "other.pdf", [["Autre"]])
    cache.entry(sha256_of(other)).write_bytes(cache.entry(original.sha256).read_bytes())
    with caplog.at_level(logging.WARNING, logger="pipeline.pdf.cache"):
        assert [p.text for p in parse(other, cache).pages] == ["Autre"]
    assert "does not hold document" in caplog.text


def test_entries_are_keyed_by_pipeline_version(pdf, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    document = parse(pdf, ParseCache(cache_dir))
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    parser_key.cache_clear()
    try:
        assert parser_key().startswith("99.0.0-")
        assert ParseCache(cache_dir).get(document.sha256, "guide", pdf) is None
    finally:
        monkeypatch.undo()
        parser_key.cache_clear()
    assert ParseCache(cache_dir).get(document.sha256, "guide", pdf) == document


def test_entries_hold_page_fields_not_cached_lines(pdf, tmp_path):
    cache = ParseCache(tmp_path / "cache")
    document = parse(pdf, cache)
    assert document.pages[0].lines[0].text == "Rangs limites"  # computed, cached on the page
    cache.put(document)
    stored = pickle.loads(cache.entry(document.sha256).read_bytes())
    assert "lines" not in vars(stored.pages[0])
    assert stored.pages[0].lines == document.pages[0].lines


def test_limits_refuse_a_cached_document_as_they_would_an_uncached_one(pdf, tmp_path):
    cache = ParseCache(tmp_path / "cache")
    assert parse(pdf, cache).page_count == 2
    (refused,) = parse_documents([Source(pdf.stem, pdf, sha256_of(pdf))], jobs=1, cache=cache,
                                 limits=Limits(max_pages=1))
    assert isinstance(refused, ResourceLimitExceeded)
    assert refused.message == "2 pages, more than the limit of 1"
