"""One extractor that fails does not sink its document: the real SFR guide catalogued with an
extractor whose content it does not hold (the SRP calendar) still loads its rank table, city
cards and bureau whole, the failure line names the document and the extractor, and `guides
extract` exits non-zero. (The SFR guide is served from the session's parse cache.)"""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from helpers import extract_cli as extract
from helpers import failed_lines, query

from pipeline.errors import ContentNotFound, ExtractorFailed

ROOT = Path(__file__).resolve().parents[1]
SFR = ROOT / "raw/2024/sfr-rhumatologie-2024.pdf"
DOC = "sfr-rhumatologie-2024"
# Every table the SFR guide feeds, with its columns but the page (same rows, same values).
TABLES = ("rank_limits", "posts", "city_cards", "card_fields", "contacts", "services")


@pytest.fixture(scope="module")
def isolated(built, parse_cache, tmp_path_factory) -> tuple[int, str, Path]:
    """The SFR guide built with `srp` added to its extractors: exit code, output, warehouse."""
    raw = tmp_path_factory.mktemp("isolation") / "raw"
    (raw / "2024").mkdir(parents=True)
    shutil.copy(SFR, raw / "2024" / SFR.name)
    entry = next(b for b in (ROOT / "raw/sources.toml").read_text(encoding="utf-8")
                 .split("[[document]]") if SFR.name in b)
    extractors = '["rank_limits", "srp", "city_cards", "ref_bureau"]'
    (raw / "sources.toml").write_text("[[document]]" + re.sub(
        r"(?m)^extractors = .*$", f"extractors = {extractors}", entry), encoding="utf-8")
    target = raw.parent / "w.duckdb"
    with redirect_stdout(io.StringIO()) as out:
        code = extract(raw, target, cache=parse_cache)
    return code, out.getvalue(), target


def test_failing_extractor_exits_non_zero_naming_document_and_extractor(isolated):
    code, out, target = isolated
    assert code == 1
    assert failed_lines(out) == [
        f"{target.parent}/raw/2024/{SFR.name}: extractor srp: no calendar "
        "('Planning YYYY de la rentrée …')"]
    assert f"Warehouse written to {target}." in out


def test_other_extractors_of_the_document_keep_their_rows(isolated, built):
    _, _, target = isolated
    assert query(target, "SELECT rank_limit FROM rank_limits WHERE subdivision_id = 'lyon' "
                 "AND year = 2023") == [(4014,)]
    assert query(target, "SELECT coordinator, referents FROM city_cards "
                 "WHERE subdivision_id = 'lyon'") == [
        ("Dr Roland CHAPURLAT — roland.chapurlat@chu-lyon.fr",
         "Pauline SHANG (pauline.shang@chu-lyon.fr)")]
    assert query(target, "SELECT doc_id FROM documents") == [(DOC,)]
    _, session = built
    for table in TABLES:
        columns = [c for c, in query(session, f"SELECT column_name FROM duckdb_columns() "
                                              f"WHERE table_name = '{table}' "
                                              "AND column_name <> 'page'")]
        sql = f"SELECT {', '.join(columns)} FROM {table} WHERE doc_id = '{DOC}' ORDER BY ALL"
        expected = query(session, sql)
        assert query(target, sql) == expected, table
        assert expected, table


def test_without_a_failure_list_the_first_error_is_raised(parsed_document):
    """Callers that want the error (tests of one extractor) still get it, typed."""
    from pipeline.build import run_extractors
    from pipeline.catalog import Entry

    document = parsed_document(DOC)
    entry = Entry(doc_id=DOC, file=f"2024/{SFR.name}", publisher="Test", title="Guide",
                  edition_year=2024, extractors=("srp",), specialty="rhumatologie")
    with pytest.raises(ContentNotFound, match="no calendar"):
        run_extractors(document, entry)
    failures: list = []
    assert run_extractors(document, entry, failures).rows == {}
    (failure,) = failures
    assert isinstance(failure, ExtractorFailed)
    assert failure.describe().endswith(f"{SFR.name}: extractor srp: no calendar "
                                       "('Planning YYYY de la rentrée …')")
