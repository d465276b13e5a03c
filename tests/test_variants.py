"""A new edition is never laid out like the last one: every variant must read back cell by cell.

Each variant prints the same known values (tests/pdfgen.py) in one new way, as its own
tiny document; all are built together once, by the real pipeline, into one warehouse
(one build keeps the suite quick). Each test then compares every rank, footnote mark,
printed label and posts number of its documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import query
from pdfgen import DEFAULT_LABELS, Edition, RankTable, build_editions, rank

from pipeline.build import BuildResult
from pipeline.parse.resolve import subdivision_resolver
from pipeline.parse.values import BadValue, Count, parse_count, split_footnote

# doc id -> how that document prints the table; every test adds its variants here.
VARIANTS: dict[str, RankTable] = {}


def variant(name: str, table: RankTable) -> str:
    """Register a variant document and return its doc id."""
    assert name not in VARIANTS, name
    VARIANTS[name] = table
    return name


@pytest.fixture(scope="module")
def built_variants(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """Every registered variant, drawn and built in one go."""
    return build_editions(tmp_path_factory.mktemp("variants"),
                          *[Edition(name, table.newest_year, table)
                            for name, table in VARIANTS.items()])


def rejects_of(result: BuildResult, doc_id: str) -> list[dict]:
    return [r for r in result.rejects.to_dict("records") if r["doc_id"] == doc_id]


def read_back(built: tuple[BuildResult, Path], *doc_ids: str) -> Path:
    """Check every cell of the documents (none may have a reject); the warehouse path."""
    result, target = built
    for doc_id in doc_ids:
        assert rejects_of(result, doc_id) == []
        check_cells(target, doc_id, VARIANTS[doc_id])
    return target


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


def strategy_and_pages(target: Path, doc_id: str) -> list[tuple]:
    where = f"WHERE doc_id = '{doc_id}'"
    return query(target, f"SELECT strategy, rows FROM extraction_report {where}") + query(
        target, f"SELECT DISTINCT page FROM rank_limits {where} ORDER BY page")


DEFAULT = variant("default", RankTable())


def test_default_layout_reads_back(built_variants):
    target = read_back(built_variants, DEFAULT)
    assert strategy_and_pages(target, DEFAULT) == [("lines", 8), (2,)]


LONGER = variant("years-2012-2024", RankTable(years=tuple(range(2012, 2025)), posts_year=2025))


def test_other_first_and_last_year_posts_year_from_title(built_variants):
    target = read_back(built_variants, LONGER)
    assert query(target, "SELECT min(year), max(year) FROM rank_limits "
                         f"WHERE doc_id = '{LONGER}'") == [(2012, 2024)]
    assert query(target, f"SELECT DISTINCT year FROM posts WHERE doc_id = '{LONGER}'") == [
        (2025,)]


NO_POSTS = variant("no-posts", RankTable(years=(2020, 2021, 2022, 2023, 2024), posts_year=None,
                                         title="Rangs limites des dernières années"))


def test_last_year_is_a_rank_when_the_title_names_no_posts_year(built_variants):
    target = read_back(built_variants, NO_POSTS)
    where = f"WHERE doc_id = '{NO_POSTS}'"
    assert query(target, f"SELECT count(*) FROM posts {where}") == [(0,)]
    assert query(target, f"SELECT rank_limit FROM rank_limits {where} AND "
                         "subdivision_id = 'lyon' AND year = 2024") == [(rank("lyon", 2024),)]


NEWEST_FIRST = [
    variant("newest-first-ruled", RankTable(newest_first=True)),
    variant("newest-first-text", RankTable(newest_first=True, ruled=False)),
    variant("newest-first-posts-header", RankTable(
        newest_first=True, posts_header="Postes {posts_year}", title="Rangs limites")),
]


def test_years_newest_first(built_variants):
    assert VARIANTS[NEWEST_FIRST[0]].header()[:3] == ["Ville\\Année", "2024", "2023"]
    read_back(built_variants, *NEWEST_FIRST)


REVERSED = variant("rows-reversed", RankTable(order=tuple(sorted(DEFAULT_LABELS, reverse=True))))


def test_rows_in_any_order(built_variants):
    read_back(built_variants, REVERSED)


OTHER_NAMES = variant("other-names", RankTable(labels={
    "ile-de-france": "Paris", "saint-etienne": "St Étienne", "clermont-ferrand": "Clermont Fd",
    "marseille": "Aix Marseille", "nancy": "Lorraine", "ocean-indien": "La Reunion",
    "besancon": "BESANCON", "lyon": "Lyon"}))


def test_subdivisions_under_other_names(built_variants):
    read_back(built_variants, OTHER_NAMES)


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


PRINTABLE = SEPARATORS[:-1]  # reportlab's Vera font has no narrow no-break space
SEPARATED = [variant(f"separator-{i}", RankTable(
    number=lambda n, sep=sep: f"{n:,}".replace(",", sep))) for i, sep in enumerate(PRINTABLE)]


def test_numbers_with_any_thousands_separator(built_variants):
    assert [VARIANTS[d].body()[0][1] for d in SEPARATED] == [f"1{s}173" for s in PRINTABLE]
    read_back(built_variants, *SEPARATED)


NOTES = variant("footnotes", RankTable(notes={
    ("lyon", 2021): "*", ("nancy", 2019): "¹", ("besancon", 2023): " (1)",
    ("ocean-indien", 2019): "†"}))


def test_footnote_marks_are_kept_in_note(built_variants):
    target = read_back(built_variants, NOTES)
    assert query(target, "SELECT rank_limit, note FROM rank_limits WHERE note = '(1)' "
                         f"AND doc_id = '{NOTES}'") == [(rank("besancon", 2023), "(1)")]


RAISED = [variant(f"raised-notes-{'ruled' if ruled else 'text'}", RankTable(
    notes={("lyon", 2021): "1", ("nancy", 2019): "12", ("besancon", 2023): "*",
           ("ile-de-france", 2020): "2"}, raised_notes=True, ruled=ruled))
          for ruled in (True, False)]


def test_raised_footnote_digits_are_notes_not_part_of_the_number(built_variants):
    table = VARIANTS[RAISED[0]]
    assert table.body()[1][3] == (str(rank("lyon", 2021)), "1")
    assert table.expected_ranks()[("nancy", 2019)] == (rank("nancy", 2019), "¹²")
    read_back(built_variants, *RAISED)


MISSING_MARKS = ("-", "–", "—", "−", "nc", "n.c.", "N.C.", "")
MISSING = [variant(f"missing-{'ruled' if ruled else 'text'}", RankTable(
    years=tuple(range(2012, 2020)), missing=MISSING_MARKS, ruled=ruled))
           for ruled in (True, False)]


def test_any_missing_mark_ruled_or_not(built_variants):
    table = VARIANTS[MISSING[0]]
    assert table.body()[table.order.index("ocean-indien")][1:-1] == list(MISSING_MARKS)
    target = read_back(built_variants, *MISSING)
    assert query(target, "SELECT doc_id, count(*) FROM rank_limits WHERE rank_limit IS NULL "
                         "AND doc_id LIKE 'missing-%' GROUP BY doc_id ORDER BY doc_id") == [
        ("missing-ruled", 8), ("missing-text", 8)]


UNRULED = variant("unruled", RankTable(ruled=False))


def test_table_without_ruling_lines(built_variants):
    target = read_back(built_variants, UNRULED)
    assert strategy_and_pages(target, UNRULED) == [("text", 8), (2,)]


DECORATED = [variant(f"unruled-{d}", RankTable(ruled=False, decoration=d))
             for d in ("zebra", "rules")]
CELL_ZEBRA = variant("unruled-cell-zebra", RankTable(ruled=False, decoration="cell-zebra"))


def test_unruled_table_on_shaded_bands_or_between_rules(built_variants):
    """A frame or shaded bands make pdfplumber see a one-column 'table': not a table."""
    target = read_back(built_variants, *DECORATED)
    for doc_id in DECORATED:
        assert strategy_and_pages(target, doc_id) == [("text", 8), (2,)]


def test_rows_shaded_cell_by_cell_are_not_the_table(built_variants):
    """Regression (2024-b rheumatology guide): every other row shaded cell by cell is, to
    pdfplumber, a ruled table of one row per band. Those candidates lose to the readings
    that hold every row, and the report says which strategies competed."""
    target = read_back(built_variants, CELL_ZEBRA)
    assert strategy_and_pages(target, CELL_ZEBRA) == [("text", 8), (2,)]
    where = f"WHERE doc_id = '{CELL_ZEBRA}'"
    rivals = query(target, f"SELECT rivals FROM extraction_report {where}")[0][0]
    assert "lines" in rivals


def test_text_strategy_rebuilds_the_real_ruled_table_from_words_alone():
    """Page 10 of the 2024 rheumatology guide, its ruled table set aside: same grid."""
    from dataclasses import replace

    from pipeline.pdf.loader import parse_pages
    from pipeline.structure.tables import clean_cell, text_tables

    path = Path(__file__).resolve().parents[1] / "raw/2024/sfr-rhumatologie-2024.pdf"
    page = parse_pages(path, range(10, 11))[0]
    ruled = tuple(tuple(clean_cell(c) for c in row) for row in page.tables[0].rows)
    [table] = text_tables(replace(page, tables=()))
    assert (tuple(tuple(clean_cell(c) for c in row) for row in table.rows), table.strategy) == (
        ruled, "text")
    assert ruled[1][:3] == ("Paris IDF", "1413", "1381") and len(ruled) == 29


SPLIT = {variant(f"split-{'ruled' if ruled else 'text'}-{'header' if repeat else 'bare'}",
                 RankTable(ruled=ruled, split_after=3, repeat_header=repeat)): ruled
         for ruled in (True, False) for repeat in (True, False)}


def test_table_split_over_two_pages_ruled_or_not_header_repeated_or_not(built_variants):
    target = read_back(built_variants, *SPLIT)
    for doc_id, ruled in SPLIT.items():
        assert strategy_and_pages(target, doc_id) == [("lines" if ruled else "text", 8),
                                                      (2,), (3,)]
        fourth = VARIANTS[doc_id].order[3]
        assert query(target, f"SELECT DISTINCT page FROM rank_limits WHERE doc_id = '{doc_id}' "
                             f"AND subdivision_id = '{fourth}'") == [(3,)]


LAST_ROW_ALONE = [variant(f"split-last-row-{'ruled' if ruled else 'text'}", RankTable(
    ruled=ruled, split_after=7, repeat_header=False)) for ruled in (True, False)]


def test_split_leaving_a_single_row_on_the_next_page(built_variants):
    target = read_back(built_variants, *LAST_ROW_ALONE)
    assert query(target, "SELECT doc_id, page, count(*) FROM rank_limits "
                         "WHERE doc_id LIKE 'split-last-row-%' GROUP BY ALL ORDER BY ALL") == [
        ("split-last-row-ruled", 2, 35), ("split-last-row-ruled", 3, 5),
        ("split-last-row-text", 2, 35), ("split-last-row-text", 3, 5)]


ORPHAN = variant("orphan-row", RankTable(
    ruled=False, split_after=7, repeat_header=False, missing=("",),
    order=(*(s for s in DEFAULT_LABELS if s != "ocean-indien"), "ocean-indien"),
    years=(2018, 2019, 2020, 2021, 2022)))


def test_continuation_that_cannot_be_stitched_goes_to_rejects(built_variants):
    """Unruled, the last row alone on the next page with two empty cells: its columns
    cannot be matched to the table's, so the row is rejected, not lost in silence."""
    result, target = built_variants
    assert [(r["page"], r["reason"]) for r in rejects_of(result, ORPHAN)] == [
        (3, "seems to continue the rank table of page 2 but has 5 columns, not 7: not read")]
    assert query(target, "SELECT count(DISTINCT subdivision_id) FROM rank_limits "
                         f"WHERE doc_id = '{ORPHAN}'") == [(7,)]


TITLES = [variant(f"title-{i}", RankTable(title=title, years=(2020, 2021, 2022),
                                          posts_year=2023))
          for i, title in enumerate(("Rang limite et nombre de postes ouverts en {posts_year}",
                                     "RANGS LIMITES (EDN) – postes en {posts_year}",
                                     "Rangs limites / Nombre de postes pour {posts_year}"))]


def test_title_wording(built_variants):
    read_back(built_variants, *TITLES)


CAPTIONED = [variant(f"caption-{'ruled' if ruled else 'text'}", RankTable(
    caption=("Source : CNG", "juin"), ruled=ruled)) for ruled in (True, False)]


def test_caption_row_printed_inside_the_table(built_variants):
    read_back(built_variants, *CAPTIONED)


POSTS_HEADER = [variant(f"posts-header-{i}", RankTable(
    title="Rangs limites", posts_header=header, ruled=ruled,
    years=(2020, 2021, 2022, 2023, 2024), posts_year=2025))
                for i, (header, ruled) in enumerate((("Postes {posts_year}", True),
                                                     ("Nombre de postes {posts_year}", False)))]


def test_posts_column_named_by_its_header(built_variants):
    """No year in the title: the posts column says what it is ('Postes 2025')."""
    read_back(built_variants, *POSTS_HEADER)


CORNERS = [variant("corner-subdivision", RankTable(corner="Subdivision / Année")),
           variant("corner-villes", RankTable(corner="Villes")),
           *[variant(f"corner-empty-{'ruled' if ruled else 'text'}",
                     RankTable(corner="", ruled=ruled)) for ruled in (True, False)]]


def test_header_corner_wording_or_empty(built_variants):
    read_back(built_variants, *CORNERS)


MARKED_LABELS = [variant(f"marked-labels-{'ruled' if ruled else 'text'}", RankTable(
    labels={"lyon": "Lyon*", "nancy": "Nancy (1)", "besancon": "Besançon¹"}, ruled=ruled))
                 for ruled in (True, False)]


def test_labels_with_footnote_marks(built_variants):
    read_back(built_variants, *MARKED_LABELS)


UNRESOLVED = variant("unresolved", RankTable(
    labels={"nancy": "Grand Est", "lyon": "Rhône-Alpes"}, ruled=False))


def test_unresolved_label_goes_to_rejects_with_reason(built_variants):
    result, target = built_variants
    rejects = rejects_of(result, UNRESOLVED)
    assert sorted(r["reason"].split(" not resolved")[0].split(" matches")[0]
                  for r in rejects) == ["label 'Grand Est'", "label 'Rhône-Alpes'"]
    assert all(r["table_name"] == "rank_limits" and r["page"] == 2 for r in rejects)
    where = f"WHERE doc_id = '{UNRESOLVED}'"
    assert query(target, f"SELECT DISTINCT subdivision_id FROM rank_limits {where} "
                         "AND subdivision_id IN ('nancy', 'lyon')") == []
    assert query(target, f"SELECT count(DISTINCT subdivision_id) FROM rank_limits {where}") == [
        (6,)]


def test_only_the_documents_meant_to_have_rejects_have_them(built_variants):
    result, _ = built_variants
    assert sorted(set(result.rejects["doc_id"])) == sorted([ORPHAN, UNRESOLVED])
