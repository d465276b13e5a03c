"""Two editions in one warehouse: both kept, the newest value wins, disagreements shown.

The 2025 edition is laid out differently on purpose (no ruling lines, rows reversed,
'Paris' for Île-de-France, one more year) and corrects two cells of the 2024 one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import guides, query
from pdfgen import DEFAULT_LABELS, Edition, RankTable, build_editions, draw, rank

OLD = RankTable()
NEW = RankTable(years=(2020, 2021, 2022, 2023, 2024), posts_year=2025, ruled=False,
                order=tuple(reversed(DEFAULT_LABELS)), labels={"ile-de-france": "Paris"},
                overrides={("lyon", 2022): 9999, ("nancy", 2021): None}, missing=("nc",))


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from the 2024 and 2025 editions of the same guide."""
    result, target = build_editions(tmp_path_factory.mktemp("editions"),
                                    Edition("guide-2024", 2024, OLD),
                                    Edition("guide-2025", 2025, NEW))
    assert result.rejects.to_dict("records") == []
    return target


def test_both_editions_are_kept_with_their_year(two_editions):
    assert query(two_editions, "SELECT doc_id, edition_year FROM documents ORDER BY 1") == [
        ("guide-2024", 2024), ("guide-2025", 2025)]
    assert query(two_editions, "SELECT d.edition_year, min(year), max(year), count(*) "
                               "FROM rank_limits JOIN documents d USING (doc_id) "
                               "GROUP BY ALL ORDER BY 1") == [(2024, 2019, 2023, 40),
                                                              (2025, 2020, 2024, 40)]


def test_latest_rank_limits_takes_the_newest_printed_value(two_editions):
    latest = {(s, y): (r, e) for s, y, r, e in query(
        two_editions, "SELECT subdivision_id, year, rank_limit, edition_year "
                      "FROM latest_rank_limits")}
    assert len(latest) == 8 * 6
    assert latest[("lyon", 2019)] == (rank("lyon", 2019), 2024)  # no longer printed in 2025
    assert latest[("lyon", 2022)] == (9999, 2025)  # corrected by 2025
    assert latest[("nancy", 2021)] == (rank("nancy", 2021), 2024)  # 2025 prints 'nc'
    assert latest[("lyon", 2024)] == (rank("lyon", 2024), 2025)


def test_rank_trends_follow_the_same_rule_across_editions(two_editions):
    trends = {y: (r, p, c) for y, r, p, c in query(
        two_editions, "SELECT year, rank_limit, posts, rank_change FROM rank_trends "
                      "WHERE subdivision_id = 'lyon'")}
    assert sorted(trends) == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    assert trends[2022] == (9999, None, 9999 - rank("lyon", 2021))
    assert trends[2024] == (rank("lyon", 2024), 3, rank("lyon", 2024) - rank("lyon", 2023))
    assert trends[2025] == (None, 3, None)
    assert query(two_editions, "SELECT rank_limit FROM rank_trends WHERE subdivision_id = "
                               "'nancy' AND year = 2021") == [(rank("nancy", 2021),)]


def test_edition_conflicts_show_both_values_and_documents(two_editions):
    assert query(two_editions, "SELECT * FROM edition_conflicts ORDER BY subdivision_id") == [
        ("rank_limits", "rank_limit", "rhumatologie", "lyon", 2022,
         2024, rank("lyon", 2022), "guide-2024", 2, "test-rhumatologie",
         2025, 9999, "guide-2025", 2, "test-rhumatologie"),
        ("rank_limits", "rank_limit", "rhumatologie", "nancy", 2021,
         2024, rank("nancy", 2021), "guide-2024", 2, "test-rhumatologie",
         2025, None, "guide-2025", 2, "test-rhumatologie"),
    ]


def test_diff_between_edition_years(two_editions, capsys):
    code, out, _ = guides(capsys, "diff", "--from", "2024", "--to", "2025",
                            "--warehouse", str(two_editions), "--limit", "0")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("Series test-rhumatologie: changes from 2024 (guide-2024) to 2025 "
                        "(guide-2025)")
    assert ("rank_limits: 8 added, 8 removed, 2 changed "
            "(rows by specialty / subdivision_id / year)") in lines
    assert f"  ~ rhumatologie / lyon / 2022: rank_limit {rank('lyon', 2022)} → 9999" in lines
    assert f"  ~ rhumatologie / nancy / 2021: rank_limit {rank('nancy', 2021)} → NULL" in lines
    assert f"  + rhumatologie / lyon / 2024: rank_limit {rank('lyon', 2024)}" in lines
    assert "  - rhumatologie / ocean-indien / 2019: no value" in lines
    assert "posts: 8 added, 8 removed, 0 changed " \
           "(rows by specialty / subdivision_id / year / source)" in lines
    assert "  + rhumatologie / ile-de-france / 2025 / rank_table: posts 2" in lines
    assert sum(line.startswith("  ") for line in lines) == 8 + 8 + 2 + 8 + 8
    assert "city_cards" not in out  # no row on either side


def test_diff_of_an_edition_with_itself_is_no_change(two_editions, capsys):
    code, out, _ = guides(capsys, "diff", "--from", "2025", "--to", "guide-2025",
                            "--warehouse", str(two_editions))
    assert (code, out.splitlines()[2:]) == (0, ["posts: no change (8 rows)",
                                                "rank_limits: no change (40 rows)"])


def test_diff_between_doc_ids_with_a_limit(two_editions, capsys):
    code, out, _ = guides(capsys, "diff", "--from", "guide-2024", "--to", "guide-2025",
                            "--warehouse", str(two_editions), "--limit", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Changes from guide-2024 to guide-2025"
    assert lines.count("    … and 5 more") == 4  # added and removed, ranks and posts


def test_diff_names_what_it_cannot_find(two_editions, capsys):
    code, out, err = guides(capsys, "diff", "--from", "2023", "--to", "2025",
                              "--warehouse", str(two_editions))
    assert (code, out) == (2, "")
    assert "'2023' is neither an edition year nor a doc id" in err
    assert "editions: 2024, 2025" in err


def test_editions_sharing_a_file_name_get_a_doc_id_of_their_own(tmp_path):
    """The doc_id is derived from the series and the edition year, not the file name."""
    from helpers import catalog_entry

    from pipeline import extract
    from pipeline.catalog import load_catalog

    raw = tmp_path / "raw"
    for year in (2024, 2025):
        (raw / str(year)).mkdir(parents=True)
        draw(raw / str(year) / "guide.pdf", OLD, "guide")
    (raw / "sources.toml").write_text("".join(
        catalog_entry(f"{year}/guide.pdf", ["rank_limits"], edition_year=year, doc_id=None,
                      title=f"Guide des rangs limites {year} ({year - 2021}e édition)")
        for year in (2024, 2025)), encoding="utf-8")
    catalog = load_catalog(raw, extract.names())
    assert [(e.doc_id, e.series, e.file) for e in catalog.entries] == [
        ("test-rhumatologie-2024", "test-rhumatologie", "2024/guide.pdf"),
        ("test-rhumatologie-2025", "test-rhumatologie", "2025/guide.pdf")]


def test_two_guides_of_one_series_and_year_are_told_apart_by_series(tmp_path):
    from helpers import catalog_entry

    from pipeline import extract
    from pipeline.catalog import load_catalog
    from pipeline.errors import CatalogError

    raw = tmp_path / "raw"
    (raw / "2024").mkdir(parents=True)
    for name in ("a", "b"):
        draw(raw / "2024" / f"{name}.pdf", OLD, name)
    catalog = raw / "sources.toml"
    catalog.write_text(catalog_entry("2024/a.pdf", doc_id=None)
                       + catalog_entry("2024/b.pdf", doc_id=None), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"doc_id used twice: test-rhumatologie-2024 "
                                           r"\(2024/a.pdf, 2024/b.pdf: two guides of one "
                                           r"series and edition year; give each a series"):
        load_catalog(raw, extract.names())
    catalog.write_text(catalog_entry("2024/a.pdf", doc_id=None)
                       + catalog_entry("2024/b.pdf", doc_id=None, series="test-b"))
    assert [e.doc_id for e in load_catalog(raw, extract.names()).entries] == [
        "test-rhumatologie-2024", "test-b-2024"]


@pytest.fixture(scope="module")
def two_series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two editions of a rheumatology guide and one edition of another guide (series)."""
    _, target = build_editions(tmp_path_factory.mktemp("series"),
                               Edition("guide-2024", 2024, OLD),
                               Edition("guide-2025", 2025, NEW),
                               Edition("other-2024", 2024, OLD, specialty="medecine-generale"))
    return target


def test_diff_without_years_compares_each_series_two_newest_editions(two_series, capsys):
    code, out, _ = guides(capsys, "diff", "--warehouse", str(two_series), "--limit", "0")
    assert code == 0
    sections = out.split("\n\n")
    assert sections[0] == ("Series test-medecine-generale: one edition only (2024), nothing "
                           "to compare")
    lines = sections[1].splitlines()
    assert lines[:2] == ["Series test-rhumatologie: changes from 2024 (guide-2024) to 2025 "
                         "(guide-2025)",
                         "posts: 8 added, 8 removed, 0 changed "
                         "(rows by specialty / subdivision_id / year / source)"]
    assert f"  ~ rhumatologie / lyon / 2022: rank_limit {rank('lyon', 2022)} → 9999" in lines
    assert sum(line.startswith("  ") for line in lines) == 8 + 8 + 2 + 8 + 8
    assert "medecine-generale /" not in out  # the other guide's rows are never listed


def test_diff_between_years_reports_a_series_in_one_year_only(two_series, capsys):
    code, out, _ = guides(capsys, "diff", "--from", "2024", "--to", "2025",
                            "--warehouse", str(two_series))
    assert code == 0
    assert out.split("\n\n")[0] == ("Series test-medecine-generale: only in 2024 (other-2024), "
                                     "nothing to compare")
    assert "rank_limits: 8 added, 8 removed, 2 changed" in out


def test_diff_as_json_names_every_column(two_series, capsys):
    import json

    code, out, _ = guides(capsys, "diff", "--warehouse", str(two_series), "--json")
    assert code == 0
    other, guide = json.loads(out)
    assert other == {"series": "test-medecine-generale", "from": None, "to": None,
                     "note": "one edition only (2024), nothing to compare", "tables": []}
    assert (guide["from"], guide["to"]) == ({"name": "2024", "doc_ids": ["guide-2024"]},
                                            {"name": "2025", "doc_ids": ["guide-2025"]})
    ranks = next(t for t in guide["tables"] if t["table"] == "rank_limits")
    assert {"key": {"specialty": "rhumatologie", "subdivision_id": "lyon", "year": 2022},
            "before": {"rank_limit": rank("lyon", 2022), "note": None},
            "after": {"rank_limit": 9999, "note": None}} in ranks["changed"]
    assert len(ranks["added"]) == len(ranks["removed"]) == 8


def test_diff_wants_both_years_or_neither(two_series, capsys):
    code, out, err = guides(capsys, "diff", "--from", "2024", "--warehouse", str(two_series))
    assert (code, out) == (2, "")
    assert err.startswith("error: give both --from and --to, or neither")
