"""Shared fixtures: the 2024 corpus is parsed and built once per test session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import duckdb
import pytest

from pipeline.build import BuildResult, Options, build
from pipeline.cli import CACHE_DIR_VARIABLE
from pipeline.pdf.cache import ParseCache
from pipeline.pdf.loader import sha256_of
from pipeline.pdf.model import Document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"


@pytest.fixture(scope="session", autouse=True)
def cli_cache_in_tmp(tmp_path_factory: pytest.TempPathFactory):
    """`guides extract` run by a test without --cache-dir caches in tmp, never in .cache/."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_DIR_VARIABLE, str(tmp_path_factory.mktemp("cli-cache")))
        yield


@pytest.fixture(scope="session")
def parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's parsed-document cache: pass it as Options(cache_dir=...) so a build of
    (a copy of) raw/ only parses the PDFs the session has not parsed yet."""
    return tmp_path_factory.mktemp("parse-cache")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory,
          parse_cache: Path) -> tuple[BuildResult, Path]:
    """The real build of raw/ into a temporary warehouse (strict: no reject allowed)."""
    target = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    result = build(RAW, target, Options(strict=False, progress=False, cache_dir=parse_cache))
    return result, target


@pytest.fixture(scope="session")
def parsed_document(built: tuple[BuildResult, Path],
                    parse_cache: Path) -> Callable[[str], Document]:
    """`parsed_document(doc_id)`: the 2024 guide raw/2024/<doc_id>.pdf as its model (what
    extractors see), loaded once from the session's parse cache that `built` filled, so no
    real PDF is parsed twice in a session. The build always parses first, so the cache
    tests still compare a fresh parse with the cached one."""
    entries = ParseCache(parse_cache)

    @cache
    def document(doc_id: str) -> Document:
        path = RAW / "2024" / f"{doc_id}.pdf"
        found = entries.get(sha256_of(path), doc_id, path)
        assert found is not None, f"{path} is not in the session's parse cache: did it fail?"
        return found

    return document


@pytest.fixture(scope="session")
def warehouse(built: tuple[BuildResult, Path]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the session's warehouse."""
    result, target = built
    assert result.written, [f.describe() for f in result.failures]
    connection = duckdb.connect(str(target), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of raw/ for tests that add, break or remove documents."""
    copy = tmp_path / "raw"
    shutil.copytree(RAW, copy)
    return copy
