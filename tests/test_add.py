"""`guides add`: a new edition goes into raw/ and the catalog in one command, then builds.

The 2025 edition is generated: last year's guide (a rank table and two city cards) with
two cells changed and a new coordinator in one city. The other guides of raw/ (SRP, SYRC:
parsed once per session) sit beside it, so the diff must show those changes of that
series and nothing of theirs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cardgen import Card, Pair, draw_cards
from helpers import (
    catalog_entry,
    count_extractor_runs,
    extract_cli,
    guides,
    keep_only,
    query,
)
from pdfgen import RankTable, draw, rank

from schemas import TABLES

OTHERS = ("2024/srp-img-neo-internes-2024.pdf", "2024/syrc-img-formation-pratique.pdf")
PUBLISHER = "Société française de rhumatologie, section REF"
CHANGED = {("lyon", 2022): 9999, ("nancy", 2021): 1234}
MARTIN = "Pr Claire MARTIN (claire.martin@chu-test.fr)"
LEROY = "Pr Jean LEROY (jean.leroy@chu-test.fr)"


def cards(lyon_coordinator: str) -> list[Card]:
    """Two city cards; only Lyon's coordinator differs between the editions."""
    def card(heading: str, title: str, coordinator: str, posts: str) -> Card:
        return Card(heading, title, (Pair("Nombre de postes EDN 2024", (posts,)),
                                     Pair("Coordonnateur du DES", (coordinator,))))

    return [card("1. Lyon", "LYON (mise à jour 2024)", lyon_coordinator, "3"),
            card("2. Nancy", "NANCY (mise à jour 2024)", MARTIN, "2")]


def guide(path: Path, table: RankTable, heading: str, coordinator: str) -> Path:
    """A rheumatology guide: cover, rank table, city cards."""
    draw(path, table, heading, then=lambda canvas: draw_cards(canvas, cards(coordinator)))
    return path


@pytest.fixture
def archive(raw_copy: Path) -> Path:
    """raw/ with SRP, SYRC and the 2024 edition of a generated rheumatology guide."""
    raw = keep_only(raw_copy, OTHERS)
    guide(raw / "2024" / "guide-rhumato.pdf", RankTable(),
          "Choisir la rhumatologie après l'EDN, édition 2024", MARTIN)
    with (raw / "sources.toml").open("a", encoding="utf-8") as catalog:
        catalog.write(catalog_entry("2024/guide-rhumato.pdf", ["rank_limits", "city_cards"],
                                    doc_id=None,
                                    publisher=PUBLISHER, title="Choisir la rhumatologie"))
    return raw


def edition_2025(folder: Path, heading: str = "Choisir la rhumatologie après l'EDN, "
                                               "édition 2025") -> Path:
    """The next edition, under the same file name: two cells and a coordinator changed."""
    return guide(folder / "guide-rhumato.pdf", RankTable(overrides=CHANGED), heading, LEROY)


def test_add_like_last_year_then_build_and_diff_that_series_only(archive, tmp_path, capsys,
                                                                 parse_cache):
    catalog = archive / "sources.toml"
    before = catalog.read_text(encoding="utf-8")
    pdf = edition_2025(tmp_path)
    code, out, err = guides(capsys, "add", str(pdf), "--like", "sfr-rhumatologie-2024",
                            "--raw", str(archive), "--cache-dir", str(parse_cache))
    assert (code, err) == (0, "")
    after = catalog.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and entries untouched, the new one appended
    assert after[len(before):] == (
        '[[document]]\nfile = "2025/guide-rhumato.pdf"\nseries = "sfr-rhumatologie"\n'
        f'publisher = "{PUBLISHER}"\n'
        'title = "Choisir la rhumatologie après l\'EDN, édition 2025 : sommaire et mot du '
        'bureau."\nedition_year = 2025\nspecialty = "rhumatologie"\n'
        'extractors = ["rank_limits", "city_cards"]\n')
    assert (archive / "2025" / "guide-rhumato.pdf").read_bytes() == pdf.read_bytes()
    lines = out.splitlines()
    assert lines[0] == (f"Added {archive / '2025' / 'guide-rhumato.pdf'} as "
                        "sfr-rhumatologie-2025 (series sfr-rhumatologie):")
    assert "  edition_year: printed on the title page (2025)" in lines
    assert "  rank_limits: posts 8, rank_limits 40; 0 rejected; confidence 1.00" in lines

    target = tmp_path / "w.duckdb"
    with pytest.MonkeyPatch.context() as patch:  # add left its extraction in the cache
        extracting = count_extractor_runs(patch)
        assert extract_cli(archive, target, cache=parse_cache) == 0
    assert "sfr-rhumatologie-2025" not in extracting
    # ... and it is the one the build would have made itself.
    fresh = tmp_path / "fresh.duckdb"
    assert extract_cli(archive, fresh) == 0
    for table in set(TABLES) - {"build_info"}:  # when and how it was built aside
        every_row = f"SELECT * FROM {table} ORDER BY ALL"
        assert query(target, every_row) == query(fresh, every_row), table
    capsys.readouterr()
    assert query(target, "SELECT doc_id, series, edition_year FROM documents "
                         "WHERE series = 'sfr-rhumatologie' ORDER BY 1") == [
        ("sfr-rhumatologie-2024", "sfr-rhumatologie", 2024),
        ("sfr-rhumatologie-2025", "sfr-rhumatologie", 2025)]
    assert query(target, "SELECT subdivision_id, year, older_value, newer_value "
                         "FROM edition_conflicts ORDER BY 1") == [
        ("lyon", 2022, rank("lyon", 2022), 9999), ("nancy", 2021, rank("nancy", 2021), 1234)]
    assert query(target, "SELECT DISTINCT older_series, newer_series FROM edition_conflicts"
                 ) == [("sfr-rhumatologie", "sfr-rhumatologie")]
    assert query(target, "SELECT rank_limit, doc_id, series FROM latest_rank_limits "
                         "WHERE subdivision_id = 'lyon' AND year = 2022") == [
        (9999, "sfr-rhumatologie-2025", "sfr-rhumatologie")]

    code, out, _ = guides(capsys, "diff", "--warehouse", str(target))
    assert code == 0
    assert out.splitlines() == [
        "Series sfr-rhumatologie: changes from 2024 (sfr-rhumatologie-2024) to 2025 "
        "(sfr-rhumatologie-2025)",
        "card_fields: 0 added, 0 removed, 1 changed (rows by specialty / subdivision_id / "
        "ordinal)",
        f"  ~ rhumatologie / lyon / 2: value {MARTIN} → {LEROY}",
        "city_cards: 0 added, 0 removed, 1 changed (rows by specialty / subdivision_id)",
        f"  ~ rhumatologie / lyon: coordinator {MARTIN} → {LEROY}",
        "contacts: 1 added, 1 removed, 0 changed (whole rows)",
        "  + Pr Jean LEROY / Coordonnateur du DES / NULL / lyon / jean.leroy@chu-test.fr / NULL "
        "/ NULL / NULL",
        "  - Pr Claire MARTIN / Coordonnateur du DES / NULL / lyon / claire.martin@chu-test.fr "
        "/ NULL / NULL / NULL",
        "posts: no change (10 rows)",
        "rank_limits: 0 added, 0 removed, 2 changed (rows by specialty / subdivision_id / year)",
        f"  ~ rhumatologie / lyon / 2022: rank_limit {rank('lyon', 2022)} → 9999",
        f"  ~ rhumatologie / nancy / 2021: rank_limit {rank('nancy', 2021)} → 1234",
        "",
        "Series srp-img-neo-internes: one edition only (2024), nothing to compare",
        "",
        "Series syrc-img-formation-pratique: one edition only (2024), nothing to compare"]


def assert_nothing_written(raw: Path, before: str) -> None:
    assert (raw / "sources.toml").read_text(encoding="utf-8") == before
    assert not (raw / "2025").exists()


def test_add_asks_for_the_specialty_of_a_rank_table(archive, tmp_path, capsys, parse_cache):
    before = (archive / "sources.toml").read_text(encoding="utf-8")
    pdf = edition_2025(tmp_path)
    code, out, err = guides(capsys, "add", str(pdf), "--raw", str(archive),
                            "--publisher", "SFR", "--cache-dir", str(parse_cache))
    assert (code, out) == (2, "")
    assert err == (f"error: {pdf}: city_cards, rank_limits found: give --specialty (the guide's "
                   "specialty, e.g. rhumatologie)\n")
    assert_nothing_written(archive, before)


def test_add_asks_for_the_year_when_the_title_page_prints_none(archive, tmp_path, capsys,
                                                               parse_cache):
    before = (archive / "sources.toml").read_text(encoding="utf-8")
    pdf = edition_2025(tmp_path, heading="Choisir la rhumatologie après l'EDN")
    code, _, err = guides(capsys, "add", str(pdf), "--raw", str(archive),
                          "--specialty", "rhumatologie", "--cache-dir", str(parse_cache))
    assert code == 2
    assert err == (f"error: {pdf}, page 1: no year on the title page or in the metadata: "
                   "give --year\n")
    assert_nothing_written(archive, before)


def test_add_like_an_unknown_doc_id_suggests_the_nearest(archive, tmp_path, capsys):
    pdf = edition_2025(tmp_path)
    code, _, err = guides(capsys, "add", str(pdf), "--raw", str(archive),
                          "--like", "sfr-rhumatologie-2042")
    assert code == 2
    assert err == ("error: --like sfr-rhumatologie-2042: no such doc_id in the catalog — did "
                   "you mean 'sfr-rhumatologie-2024'?\n")
