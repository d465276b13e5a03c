"""The catalog and disk must agree: strays and missing files are reported, never skipped."""

from __future__ import annotations

import shutil

import pytest

from pipeline import extract
from pipeline.catalog import InvalidCatalog, load_catalog
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
    assert problem.endswith("srp, syrc) — did you mean 'rank_limits'?")
    assert "sfr-rhumatologie-2024" not in {e.doc_id for e in catalog.entries}
    assert len(catalog.entries) == 4


def test_entry_lacking_a_key_or_with_a_wrong_type_stops_the_catalog(raw_copy):
    path = raw_copy / "sources.toml"
    text = path.read_text()
    text = text.replace('publisher = "SYRC-IMG"\n', "", 1)
    text = text.replace("edition_year = 2024", 'edition_year = "2024"', 1)
    path.write_text(text)
    with pytest.raises(InvalidCatalog) as raised:
        load_catalog(raw_copy, extract.names())
    assert raised.value.describe().splitlines() == [
        f"{path}: document #1 (2024/sfr-rhumatologie-2024.pdf): edition_year must be a whole "
        "number, not '2024'",
        f"{path}: document #4 (2024/syrc-img-formation-pratique.pdf) lacks publisher "
        "(required: file, publisher, title, edition_year, extractors)"]


def test_unknown_key_names_the_closest_valid_key(raw_copy):
    path = raw_copy / "sources.toml"
    path.write_text(path.read_text().replace('specialty = "rhumatologie"',
                                             'specialy = "rhumatologie"', 1)
                    + '\n[settings]\njobs = 2\n')
    with pytest.raises(InvalidCatalog) as raised:
        load_catalog(raw_copy, extract.names())
    assert raised.value.describe().splitlines() == [
        f"{path}: document #1 (2024/sfr-rhumatologie-2024.pdf): unknown key 'specialy' — "
        "did you mean 'specialty'?",
        f"{path}: unknown top-level key 'settings' (only [[document]] tables are read)"]


def test_catalog_syntax_error_names_the_file(raw_copy):
    (raw_copy / "sources.toml").write_text("[[document]\nfile = ")
    with pytest.raises(CatalogError, match=r"sources\.toml: syntax error"):
        load_catalog(raw_copy, extract.names())
