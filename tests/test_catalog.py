"""The catalog and disk must agree: strays and missing files are reported, never skipped."""

from __future__ import annotations

import shutil

import pytest

from pipeline import extract
from pipeline.catalog import load_catalog
from pipeline.errors import CatalogError


def test_real_catalog_lists_the_five_documents(raw_copy):
    catalog = load_catalog(raw_copy, extract.names())
    assert catalog.problems == []
    assert {e.doc_id for e in catalog.entries} == {
        "sfr-rhumatologie-2024", "ars-ara-accueil-internes", "srp-img-neo-internes-2024",
        "syrc-img-formation-pratique", "isnar-img-guide-mg"}


def test_stray_pdf_and_missing_file_are_reported(raw_copy):
    shutil.copy(raw_copy / "2024/syrc-img-formation-pratique.pdf", raw_copy / "2024/stray.pdf")
    (raw_copy / "2024/srp-img-neo-internes-2024.pdf").unlink()
    catalog = load_catalog(raw_copy, extract.names())
    messages = sorted(p.describe() for p in catalog.problems)
    assert len(messages) == 2
    assert "srp-img-neo-internes-2024.pdf: listed in the catalog but the file is missing" \
        in messages[0]
    assert "stray.pdf: PDF not in the catalog" in messages[1]
    assert "srp-img-neo-internes-2024" not in {e.doc_id for e in catalog.entries}


def test_unknown_extractor_name_leaves_out_that_entry_with_the_catalog_path(raw_copy):
    path = raw_copy / "sources.toml"
    path.write_text(path.read_text().replace('["rank_limits"', '["rank_limitz"', 1))
    catalog = load_catalog(raw_copy, extract.names())
    (problem,) = [p.describe() for p in catalog.problems]
    assert problem.startswith(f"{path}: unknown extractor name(s) rank_limitz for "
                              "2024/sfr-rhumatologie-2024.pdf (known: ")
    assert "rank_limits" in problem
    assert "sfr-rhumatologie-2024" not in {e.doc_id for e in catalog.entries}
    assert len(catalog.entries) == 4


def test_entry_lacking_a_key_or_with_a_wrong_type_is_left_out(raw_copy):
    path = raw_copy / "sources.toml"
    text = path.read_text()
    text = text.replace('publisher = "SYRC-IMG"\n', "", 1)
    text = text.replace("edition_year = 2024", 'edition_year = "2024"', 1)
    path.write_text(text)
    catalog = load_catalog(raw_copy, extract.names())
    assert sorted(p.describe() for p in catalog.problems) == [
        f"{path}: document #1 (2024/sfr-rhumatologie-2024.pdf): extractors must be a list and "
        "edition_year a whole number",
        f"{path}: document #4 lacks publisher"]
    assert len(catalog.entries) == 3


def test_catalog_syntax_error_names_the_file(raw_copy):
    (raw_copy / "sources.toml").write_text("[[document]\nfile = ")
    with pytest.raises(CatalogError, match=r"sources\.toml: syntax error"):
        load_catalog(raw_copy, extract.names())
