"""Shared fixtures: the 2024 corpus is parsed and built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.build import BuildResult, Options, build
from pipeline.cli import CACHE_DIR_VARIABLE

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
