"""A new edition is never laid out like the last one: every variant must read back cell by cell.

Each test prints the same known values (tests/pdfgen.py) in one new way, runs the real
build on a tiny raw/ folder and compares every rank, footnote mark and posts number.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfgen import DEFAULT_LABELS, Edition, RankTable, build_editions, query, rank

from pipeline.build import BuildResult
from pipeline.resolve import subdivision_resolver
from pipeline.values import BadValue, Count, parse_count, split_footnote


def read_back(tmp_path: Path, *tables: RankTable) -> tuple[BuildResult, Path]:
    """Build one document per table (guide-0, guide-1, …) and check every cell of each.

    Several variants share one build, which keeps the suite quick; no reject is allowed.
    """
    editions = [Edition(f"guide-{i}", 2024, table) for i, table in enumerate(tables)]
    result, target = build_editions(tmp_path, *editions)
    assert result.rejects.to_dict("records") == []
    for edition in editions:
        check_cells(target, edition.name, edition.table)
    return result, target


def check_cells(target: Path, doc_id: str, table: RankTable) -> None:
    """Every rank, footnote mark, printed label and posts number of one document."""
    where = f"WHERE doc_id = '{doc_id}'"
    ranks = {(s, y): (r, n) for s, y, r, n in query(
        target, f"SELECT subdivision_id, year, rank_limit, note FROM rank_limits {where}")}
    assert ranks == table.expected_ranks(), doc_id
    labels = dict(query(target, "SELECT DISTINCT subdivision_id, label_as_printed "
                                f"FROM rank_limits {where}"))
    assert labels == {s: table.label(s) for s in table.order}, doc_id
    posts = dict(query(target, f"SELECT subdivision_id, posts FROM posts {where} "
                               f"AND source = 'rank_table' AND year = {table.posts_year or 0}"))
    assert posts == table.expected_posts(), doc_id


def strategy_and_pages(target: Path, doc_id: str = "guide-0") -> list[tuple]:
    where = f"WHERE doc_id = '{doc_id}'"
    return query(target, f"SELECT strategy, rows FROM extraction_report {where}") + query(
        target, f"SELECT DISTINCT page FROM rank_limits {where} ORDER BY page")


def test_default_layout_reads_back(tmp_path):
    _, target = read_back(tmp_path, RankTable())
    assert strategy_and_pages(target) == [("lines", 8), (2,)]


def test_other_first_and_last_year_posts_year_from_title(tmp_path):
    table = RankTable(years=tuple(range(2012, 2025)), posts_year=2025)
    _, target = read_back(tmp_path, table)
    assert query(target, "SELECT min(year), max(year) FROM rank_limits") == [(2012, 2024)]
    assert query(target, "SELECT DISTINCT year FROM posts") == [(2025,)]


def test_last_year_is_a_rank_when_the_title_names_no_posts_year(tmp_path):
    table = RankTable(years=(2020, 2021, 2022, 2023, 2024), posts_year=None,
                      title="Rangs limites des dernières années")
    _, target = read_back(tmp_path, table)
    assert query(target, "SELECT count(*) FROM posts") == [(0,)]
    assert query(target, "SELECT rank_limit FROM rank_limits WHERE subdivision_id = 'lyon' "
                         "AND year = 2024") == [(rank("lyon", 2024),)]


def test_years_newest_first(tmp_path):
    tables = [RankTable(newest_first=True, ruled=ruled) for ruled in (True, False)]
    tables.append(RankTable(newest_first=True, posts_header="Postes {posts_year}",
                            title="Rangs limites"))
    assert tables[0].header()[:3] == ["Ville\\Année", "2024", "2023"]
    read_back(tmp_path, *tables)


def test_rows_in_any_order(tmp_path):
    read_back(tmp_path, RankTable(order=tuple(sorted(DEFAULT_LABELS, reverse=True))))


def test_subdivisions_under_other_names(tmp_path):
    labels = {"ile-de-france": "Paris", "saint-etienne": "St Étienne",
              "clermont-ferrand": "Clermont Fd", "marseille": "Aix Marseille",
              "nancy": "Lorraine", "ocean-indien": "La Reunion", "besancon": "BESANCON",
              "lyon": "Lyon"}
    read_back(tmp_path, RankTable(labels=labels))


@pytest.mark.parametrize("label, expected", [
    ("Nîmes-Montpellier", "montpellier"), ("Guadeloupe-Martinique", "antilles-guyane"),
    ("Île-de-France (Paris)", "ile-de-france"), ("Pointe-à-Pitre/Fort-de-France",
                                                  "antilles-guyane"),
    ("Lyon (1)", "lyon"), ("Midi Pyrenees", "toulouse"), ("Franche-Comte", "besancon"),
])
def test_aliases_added_as_data_resolve(label, expected):
    assert subdivision_resolver().resolve(split_footnote(label)[0]).id == expected


@pytest.mark.parametrize("label", ["Normandie", "Rhône-Alpes", "Angers-Nantes", "Bretagne"])
def test_regions_of_several_subdivisions_are_not_guessed(label):
    assert subdivision_resolver().resolve(label).id is None


SEPARATORS = (" ", "\u00a0", ".", ",", "’", "'", "\u202f")


@pytest.mark.parametrize("separator", SEPARATORS)
def test_parse_count_reads_any_thousands_separator_and_footnote(separator):
    assert parse_count(f"12{separator}345") == Count(12345)
    assert parse_count(f"2{separator}345 *") == Count(2345, "*")
    assert parse_count("n.c.¹") == Count(None, "¹")
    with pytest.raises(BadValue, match="not a whole number"):
        parse_count(f"12{separator}34")


def test_numbers_with_any_thousands_separator(tmp_path):
    printable = SEPARATORS[:-1]  # reportlab's Vera font has no narrow no-break space
    tables = [RankTable(number=lambda n, sep=sep: f"{n:,}".replace(",", sep)) for sep in printable]
    assert [t.body()[0][1] for t in tables] == [f"1{sep}173" for sep in printable]
    read_back(tmp_path, *tables)


def test_footnote_marks_are_kept_in_note(tmp_path):
    notes = {("lyon", 2021): "*", ("nancy", 2019): "¹", ("besancon", 2023): " (1)",
             ("ocean-indien", 2019): "†"}
    _, target = read_back(tmp_path, RankTable(notes=notes))
    assert query(target, "SELECT rank_limit, note FROM rank_limits WHERE note = '(1)'") == [
        (rank("besancon", 2023), "(1)")]


def test_raised_footnote_digits_are_notes_not_part_of_the_number(tmp_path):
    notes = {("lyon", 2021): "1", ("nancy", 2019): "12", ("besancon", 2023): "*",
             ("ile-de-france", 2020): "2"}
    tables = [RankTable(notes=notes, raised_notes=True, ruled=ruled) for ruled in (True, False)]
    assert tables[0].body()[1][3] == (str(rank("lyon", 2021)), "1")
    assert tables[0].expected_ranks()[("nancy", 2019)] == (rank("nancy", 2019), "¹²")
    read_back(tmp_path, *tables)


MISSING_MARKS = ("-", "–", "—", "−", "nc", "n.c.", "N.C.", "")


def test_any_missing_mark_ruled_or_not(tmp_path):
    tables = [RankTable(years=tuple(range(2012, 2020)), missing=MISSING_MARKS, ruled=ruled)
              for ruled in (True, False)]
    assert tables[0].body()[tables[0].order.index("ocean-indien")][1:-1] == list(MISSING_MARKS)
    _, target = read_back(tmp_path, *tables)
    assert query(target, "SELECT doc_id, count(*) FROM rank_limits WHERE rank_limit IS NULL "
                         "GROUP BY doc_id ORDER BY doc_id") == [("guide-0", 8), ("guide-1", 8)]


def test_table_without_ruling_lines(tmp_path):
    _, target = read_back(tmp_path, RankTable(ruled=False))
    assert strategy_and_pages(target) == [("text", 8), (2,)]


def test_unruled_table_on_shaded_bands_or_between_rules(tmp_path):
    """A frame or shaded bands make pdfplumber see a one-column 'table': not a table."""
    tables = [RankTable(ruled=False, decoration=d) for d in ("zebra", "rules")]
    _, target = read_back(tmp_path, *tables)
    assert strategy_and_pages(target, "guide-0") == [("text", 8), (2,)]
    assert strategy_and_pages(target, "guide-1") == [("text", 8), (2,)]


def test_text_strategy_rebuilds_the_real_ruled_table_from_words_alone():
    """Page 10 of the 2024 rheumatology guide, its ruled table set aside: same grid."""
    from dataclasses import replace

    from pipeline.loader import parse_pages
    from pipeline.tables import clean_cell, text_tables

    path = Path(__file__).resolve().parents[1] / "raw/2024/sfr-rhumatologie-2024.pdf"
    page = parse_pages(path, range(10, 11))[0]
    ruled = tuple(tuple(clean_cell(c) for c in row) for row in page.tables[0].rows)
    assert text_tables(replace(page, tables=())) == [(ruled, "text")]
    assert ruled[1][:3] == ("Paris IDF", "1413", "1381") and len(ruled) == 29


def test_table_split_over_two_pages_ruled_or_not_header_repeated_or_not(tmp_path):
    variants = [(ruled, repeat) for ruled in (True, False) for repeat in (True, False)]
    tables = [RankTable(ruled=ruled, split_after=3, repeat_header=repeat)
              for ruled, repeat in variants]
    _, target = read_back(tmp_path, *tables)
    for number, (ruled, _) in enumerate(variants):
        doc_id = f"guide-{number}"
        assert strategy_and_pages(target, doc_id) == [("lines" if ruled else "text", 8),
                                                      (2,), (3,)]
        assert query(target, f"SELECT DISTINCT page FROM rank_limits WHERE doc_id = '{doc_id}' "
                             f"AND subdivision_id = '{tables[0].order[3]}'") == [(3,)]


def test_split_leaving_a_single_row_on_the_next_page(tmp_path):
    tables = [RankTable(ruled=ruled, split_after=7, repeat_header=False)
              for ruled in (True, False)]
    _, target = read_back(tmp_path, *tables)
    assert query(target, "SELECT doc_id, page, count(*) FROM rank_limits GROUP BY ALL "
                         "ORDER BY ALL") == [("guide-0", 2, 35), ("guide-0", 3, 5),
                                             ("guide-1", 2, 35), ("guide-1", 3, 5)]


def test_continuation_that_cannot_be_stitched_goes_to_rejects(tmp_path):
    """Unruled, the last row alone on the next page with two empty cells: its columns
    cannot be matched to the table's, so the row is rejected, not lost in silence."""
    order = (*(s for s in DEFAULT_LABELS if s != "ocean-indien"), "ocean-indien")
    table = RankTable(ruled=False, split_after=7, repeat_header=False, order=order,
                      missing=("",), years=(2018, 2019, 2020, 2021, 2022))
    result, target = build_editions(tmp_path, Edition("guide", 2024, table))
    assert [(r["page"], r["reason"]) for r in result.rejects.to_dict("records")] == [
        (3, "seems to continue the rank table of page 2 but has 5 columns, not 7: not read")]
    assert query(target, "SELECT count(DISTINCT subdivision_id) FROM rank_limits") == [(7,)]


TITLES = ("Rang limite et nombre de postes ouverts en {posts_year}",
          "RANGS LIMITES (EDN) – postes en {posts_year}",
          "Rangs limites / Nombre de postes pour {posts_year}")


def test_title_wording(tmp_path):
    read_back(tmp_path, *[RankTable(title=title, years=(2020, 2021, 2022), posts_year=2023)
                          for title in TITLES])


def test_caption_row_printed_inside_the_table(tmp_path):
    caption = ("Source : CNG", "juin")
    read_back(tmp_path, *[RankTable(caption=caption, ruled=ruled) for ruled in (True, False)])


def test_posts_column_named_by_its_header(tmp_path):
    """No year in the title: the posts column says what it is ('Postes 2025')."""
    tables = [RankTable(title="Rangs limites", posts_header=header, ruled=ruled,
                        years=(2020, 2021, 2022, 2023, 2024), posts_year=2025)
              for header, ruled in (("Postes {posts_year}", True),
                                    ("Nombre de postes {posts_year}", False))]
    read_back(tmp_path, *tables)


def test_header_corner_wording_or_empty(tmp_path):
    read_back(tmp_path, RankTable(corner="Subdivision / Année"), RankTable(corner="Villes"),
              *[RankTable(corner="", ruled=ruled) for ruled in (True, False)])


def test_labels_with_footnote_marks(tmp_path):
    labels = {"lyon": "Lyon*", "nancy": "Nancy (1)", "besancon": "Besançon¹"}
    read_back(tmp_path, RankTable(labels=labels), RankTable(labels=labels, ruled=False))


def test_unresolved_label_goes_to_rejects_with_reason(tmp_path):
    table = RankTable(labels={"nancy": "Grand Est", "lyon": "Rhône-Alpes"}, ruled=False)
    result, target = build_editions(tmp_path, Edition("guide", 2024, table))
    rejects = result.rejects.to_dict("records")
    assert sorted(r["reason"].split(" not resolved")[0].split(" matches")[0]
                  for r in rejects) == ["label 'Grand Est'", "label 'Rhône-Alpes'"]
    assert all(r["table_name"] == "rank_limits" and r["page"] == 2 for r in rejects)
    assert query(target, "SELECT DISTINCT subdivision_id FROM rank_limits "
                         "WHERE subdivision_id IN ('nancy', 'lyon')") == []
    assert query(target, "SELECT count(DISTINCT subdivision_id) FROM rank_limits") == [(6,)]
