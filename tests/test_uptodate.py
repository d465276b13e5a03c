"""`guides extract` on unchanged inputs reprints the last summary and builds nothing."""

from __future__ import annotations

import pytest
from helpers import extract_cli, keep_only

from pipeline import build as build_module
from pipeline.load.uptodate import inputs_digest

GUIDE = "2024/syrc-img-formation-pratique.pdf"
UP_TO_DATE = "is up to date."


@pytest.fixture
def raw(raw_copy):
    return keep_only(raw_copy, (GUIDE,))


@pytest.fixture
def builds(monkeypatch) -> list[object]:
    """Records every real build the CLI starts."""
    calls: list[object] = []
    real = build_module.build

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "build", counting)
    return calls


def extract(raw, tmp_path, *extra: str) -> int:
    """`guides extract` into tmp_path, with a cache (and so build stamps) of its own."""
    return extract_cli(raw, tmp_path / "warehouse.duckdb", *extra, cache=tmp_path / "cache")


def test_second_run_builds_nothing_and_reprints_the_summary(raw, tmp_path, builds, capsys):
    assert extract(raw, tmp_path) == 0
    first = capsys.readouterr().out
    assert extract(raw, tmp_path) == 0
    second = capsys.readouterr().out
    assert len(builds) == 1
    assert second.startswith(first.rstrip("\n")) and second.rstrip().endswith(UP_TO_DATE)
    assert ["documents", "1"] in [line.split() for line in second.splitlines()]


def test_changed_catalog_options_or_warehouse_mean_a_new_build(raw, tmp_path, builds, capsys):
    assert extract(raw, tmp_path) == 0
    catalog = raw / "sources.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'title = "Formation pratique"', 'title = "Formation pratique (2e)"'), encoding="utf-8")
    assert extract(raw, tmp_path) == 0  # catalog changed
    assert extract(raw, tmp_path, "--strict") == 0  # an option that changes the output
    (tmp_path / "warehouse.duckdb").unlink()
    assert extract(raw, tmp_path, "--strict") == 0  # warehouse gone
    assert extract(raw, tmp_path, "--strict", "--no-cache") == 0  # asked for a full build
    assert len(builds) == 5
    assert UP_TO_DATE not in capsys.readouterr().out


def test_a_failed_build_is_not_stamped(raw, tmp_path, builds):
    (raw / "2024" / "stray.pdf").write_bytes(b"%PDF-1.4 not listed in the catalog")
    assert extract(raw, tmp_path) == 1
    assert extract(raw, tmp_path) == 1
    assert len(builds) == 2


def test_digest_follows_pdf_content_and_settings(raw):
    before = inputs_digest(raw, {"strict": False})
    assert inputs_digest(raw, {"strict": False}) == before
    assert inputs_digest(raw, {"strict": True}) != before
    pdf = raw / GUIDE
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    assert inputs_digest(raw, {"strict": False}) != before
