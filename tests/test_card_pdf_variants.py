"""A new edition's city cards never look like the last one's: every variant must read back.

Each variant is a tiny guide drawn from known values (tests/cardgen.py) that changes one
thing: title wording, label wording, the name the city is printed under, a card broken
over two pages (a cell continued), a posts value that is a sentence, a city no
subdivision matches, a title no pattern reads, two cards in one table. All are built
together once by the real pipeline; each test compares every headline value, every card
field, the posts row and the e-mails of its documents, and the rejects. Some documents
are also drawn without ruling lines (`unruled`): the build must read them row for row as
it reads the ruled ones.
"""

from __future__ import annotations

import json
import re

import duckdb
import pytest
from cardgen import Break, Card, Note, Pair, Section, expected_fields, write_raw

from pipeline.build import BuildResult, Options, build

COORDINATOR = "Pr Claire MARTIN (claire.martin@chu-test.fr)"
REFERENT = "Paul DURAND (paul.durand@gmail.com)"
SECRETARIAT = "secretariat.rhumato@chu-test.fr"
CHU, PERIPHERY = "Service de rhumatologie au CHU", "Rhumatologie en périphérie"


def card(title: str, heading: str = "1. Besançon", posts: tuple[str, str] = (
        "Nombre de postes ECN 2024", "2"), coordinator: str = "Coordinateur du DES",
         referent: str = "Interne référent", chu: tuple = (),
         referents: tuple[str, ...] = (REFERENT,), run_on: bool = False,
         plain_sections: bool = False) -> Card:
    """A card like the guide's: headline rows, a CHU department (with `chu` rows added),
    a peripheral hospital, a liberal practice note and a last section left empty."""
    return Card(heading, title, (
        Pair(posts[0], (posts[1],)), Pair(coordinator, (COORDINATOR,)),
        Pair(referent, referents),
        Section(CHU),
        Pair("Composition du service", ("• 14 lits d'hospitalisation conventionnelle",
                                        "• HDJ les lundi et jeudi", "• 4 salles de consultation")),
        Pair("Médecins du service", ("Pr MARTIN, Dr LEROY (PH), Dr BLANC (CCA)",)),
        Pair("Secrétariat", (SECRETARIAT,)),
        *chu,
        Section(PERIPHERY), Pair("Service", ("CH de Belfort",)),
        Pair("Composition du service", ("12 lits",)), Pair("Nombre d'internes", ("1",)),
        Section("Stage en rhumatologie libérale"),
        Note("Cabinet de ville, trois rhumatologues, accessible en phase 3."),
        Section("Remarques libres")), run_on, plain_sections)


# doc id -> its cards; every test registers the documents it reads.
DOCUMENTS: dict[str, list[Card]] = {}


# ids of the documents drawn without ruling lines.
UNRULED: set[str] = set()


def document(doc_id: str, *cards: Card) -> str:
    assert doc_id not in DOCUMENTS, doc_id
    DOCUMENTS[doc_id] = list(cards)
    return doc_id


def unruled(doc_id: str) -> str:
    """The cards of a registered document, also drawn without rules: '<doc_id>-unruled'."""
    UNRULED.add(document(f"{doc_id}-unruled", *DOCUMENTS[doc_id]))
    return f"{doc_id}-unruled"


@pytest.fixture(scope="module")
def built_cards(tmp_path_factory: pytest.TempPathFactory):
    """Every registered document drawn and built in one go; a read-only connection."""
    folder = tmp_path_factory.mktemp("cards")
    raw = write_raw(folder / "raw", DOCUMENTS, frozenset(UNRULED))
    target = folder / "warehouse.duckdb"
    result = build(raw, target, Options(progress=False))
    assert not result.failures and result.written, [f.describe() for f in result.failures]
    connection = duckdb.connect(str(target), read_only=True)
    yield result, connection
    connection.close()


def rows(connection: duckdb.DuckDBPyConnection, sql: str, doc_id: str) -> list[tuple]:
    return connection.execute(sql, [doc_id]).fetchall()


def read_back(built: tuple[BuildResult, duckdb.DuckDBPyConnection], doc_id: str,
              subdivisions: list[str | None], posts: list[int | None] | None = None) -> None:
    """Check each card of the document field by field: `subdivisions` holds the id each
    card must resolve to, in card order (None for a card that must be rejected)."""
    result, connection = built
    cards = DOCUMENTS[doc_id]
    posts = posts if posts is not None else [int(c.rows[0].items[0]) for c in cards]
    kept = [(s, c, p) for s, c, p in zip(subdivisions, cards, posts, strict=True) if s]
    if len(kept) == len(cards):
        assert rejects(result, doc_id) == []
    headline = rows(connection, "SELECT subdivision_id, title_as_printed, updated_year, "
                    "posts_year, posts, coordinator, referents FROM city_cards "
                    "WHERE doc_id = ?", doc_id)
    assert sorted(headline) == sorted(
        (s, c.title, _year(c.title), int(c.rows[0].label[-4:]), p, COORDINATOR,
         "\n".join(c.rows[2].items)) for s, c, p in kept)
    for subdivision, printed, number in kept:
        fields = connection.execute(
            "SELECT section, service, label, value FROM card_fields WHERE doc_id = ? "
            "AND subdivision_id = ? ORDER BY ordinal", [doc_id, subdivision]).fetchall()
        assert fields == expected_fields(printed), subdivision
        posts_row = connection.execute(
            "SELECT year, posts, source, raw_text FROM posts WHERE doc_id = ? "
            "AND subdivision_id = ?", [doc_id, subdivision]).fetchall()
        assert posts_row == [(int(printed.rows[0].label[-4:]), number, "city_card",
                              printed.rows[0].items[0])]
        referents = {(*re.fullmatch(r"(.+) \((.+)\)", item).groups(), printed.rows[2].label)
                     for item in printed.rows[2].items}
        assert contacts(connection, doc_id, subdivision) == {
            ("Pr Claire MARTIN", printed.rows[1].label, "claire.martin@chu-test.fr", None),
            *((name, role, email, None) for name, email, role in referents),
            (None, None, SECRETARIAT, CHU)}


def rejects(result: BuildResult, doc_id: str) -> list[tuple]:
    """(table, title or label, value, reason) of each reject of the document."""
    found = []
    for reject in result.rejects.to_dict("records"):
        if reject["doc_id"] == doc_id:
            record = json.loads(reject["record"])
            found.append((reject["table_name"], record.get("title_as_printed", record.get(
                "label")), record.get("value"), reject["reason"]))
    return found


def rejected_card(printed: Card, reason: str) -> list[tuple]:
    """The rejects of a card no subdivision matches: its title row, then every field."""
    return [("city_cards", printed.title, None, reason)] + [
        ("card_fields", label, value, reason) for _, _, label, value in expected_fields(printed)]


def _year(title: str) -> int | None:
    digits = title.rstrip(")")[-4:]
    return int(digits) if digits.isdigit() else None


def contacts(connection: duckdb.DuckDBPyConnection, doc_id: str, subdivision: str) -> set:
    return set(connection.execute(
        "SELECT name, role, email, organization FROM contacts WHERE doc_id = ? "
        "AND subdivision_id = ?", [doc_id, subdivision]).fetchall())


DEFAULT = document("default", card("BESANÇON (mise à jour 2024)"))


def test_the_guide_layout_reads_back(built_cards):
    read_back(built_cards, DEFAULT, ["besancon"])


TITLES = document(
    "titles", card("BESANÇON (mis à jour 2024)"),
    card("dijon (MISE A JOUR 2023)", "2. Dijon"),
    card("Nancy (mise a jour 2022)", "3. Nancy"),
    card("STRASBOURG", "4. Strasbourg"), card("RENNES (mise à jour)", "5. Rennes"),
    card("Tours (mise à jour en 2025)", "6. Tours"), card("CAEN (MAJ 2024)", "7. Caen"),
    card("Amiens (actualisée en 2024)", "8. Amiens"),
    card("Brest – mise à jour : 2024", "9. Brest"))


def test_title_wording_case_accents_and_no_update_year(built_cards):
    read_back(built_cards, TITLES, ["besancon", "dijon", "nancy", "strasbourg", "rennes",
                                    "tours", "caen", "amiens", "brest"])


LABELS = document(
    "labels", card("BESANÇON (mise à jour 2025)", posts=("Nombre de postes EDN 2025", "3"),
                   coordinator="Coordonnateur du DES", referent="Internes référents"),
    card("DIJON (mise à jour 2025)", "2. Dijon", posts=("Nombre de postes à l'EDN 2025", "4"),
         coordinator="Coordinatrice du DES", referent="Référente interne"),
    card("NANCY (mise à jour 2025)", "3. Nancy", posts=("Postes EDN 2025", "5"),
         coordinator="Coordinateur local du DES", referent="Référents internes"),
    card("REIMS (mise à jour 2025)", "4. Reims",
         posts=("Nombre de postes ouverts à l'EDN 2025", "6"),
         coordinator="Coordonnatrice du DES de rhumatologie", referent="Interne référente"))


def test_edn_and_singular_or_plural_labels(built_cards):
    read_back(built_cards, LABELS, ["besancon", "dijon", "nancy", "reims"])


# Inclusive writing in every form ('(s)', '(e)', '·e·s', '.e.s'), one card each: the
# referents keep their names and e-mails under the label as printed.
INCLUSIVE = document(
    "inclusive", card("BESANÇON (MAJ 2025)", posts=("Nombre de postes EDN 2025", "3"),
                      referent="Interne(s) référent(s)"),
    card("DIJON (mis à jour 2025)", "2. Dijon", coordinator="Coordinateur·rice du DES",
         referent="Interne·s référent·e·s", referents=(
             REFERENT, "Léa PETIT (lea.petit@chu-dijon.fr)")),
    card("NANCY (actualisée en 2025)", "3. Nancy", referent="Référent.e.s interne.s"),
    card("REIMS (mise-à-jour 2025)", "4. Reims", coordinator="Coordinateur(rice) du DES",
         referent="Interne référent(e)"))


def test_inclusive_plurals_keep_referents_and_their_contacts(built_cards):
    read_back(built_cards, INCLUSIVE, ["besancon", "dijon", "nancy", "reims"],
              posts=[3, 2, 2, 2])
    _, connection = built_cards
    assert rows(connection, "SELECT subdivision_id, referents FROM city_cards WHERE doc_id = ? "
                "ORDER BY 1", INCLUSIVE) == [
        ("besancon", REFERENT), ("dijon", f"{REFERENT}\nLéa PETIT (lea.petit@chu-dijon.fr)"),
        ("nancy", REFERENT), ("reims", REFERENT)]


NAMES = document(
    "names", card("ST-ETIENNE (mise à jour 2024)", "1. Saint-Étienne"),
    card("PARIS (mise à jour 2024)", "2. Paris"),
    card("Aix-Marseille (mise à jour 2024)", "3. Aix-Marseille"))
REGION = document("region", card("Île-de-France (mise à jour 2024)", "1. Île-de-France"))


def test_city_printed_under_another_name(built_cards):
    read_back(built_cards, NAMES, ["saint-etienne", "ile-de-france", "marseille"])
    read_back(built_cards, REGION, ["ile-de-france"])


# A wrapped list item cut by the page end: its second line opens the next page, in a row
# whose label cell is empty; the rows after it follow a second break between rows.
LONG_ITEM = ("• HDJ les lundi, mercredi et vendredi matin le plus souvent, et le jeudi "
             "après-midi pour la filière fracture gérée par un praticien du service")
BROKEN = document("broken", card("BESANÇON (mise à jour 2024)", chu=(
    Pair("Organisation du service", ("• 2 visites professorales par semaine", LONG_ITEM,
                                     "• 1 staff mensuel de radiologie"), split=2),
    Pair("Logement au CHU", ("Internat à côté du CHU",)), Break())))


def test_a_card_broken_over_two_pages_with_a_cell_continued(built_cards):
    read_back(built_cards, BROKEN, ["besancon"])
    _, connection = built_cards
    pages = rows(connection, "SELECT label, page FROM card_fields WHERE doc_id = ? "
                 "AND label IN ('Organisation du service', 'Logement au CHU', 'Service')",
                 BROKEN)
    assert pages == [("Organisation du service", 1), ("Logement au CHU", 2), ("Service", 3)]


# The same, cut before a word in capitals ('Dr'): the line the page cut was wrapped (it
# ends where the next word would not fit), so the paragraph goes on.
CAPITAL = document("broken-before-capitals", card("BESANÇON (mise à jour 2024)", chu=(
    Pair("Organisation du service", ("Visites avec le Pr MARTIN et le Dr LEROY, le mardi, et "
                                     "avec aussi le Dr Anne BLANC, le Dr Luc NOIR et le Dr "
                                     "Marc VERT en consultation",
                                     "• Staff le jeudi"), split=1),)))


def test_a_cell_continued_with_a_capital_letter_is_one_paragraph(built_cards):
    read_back(built_cards, CAPITAL, ["besancon"])


SENTENCE = document("sentence", card(
    "BESANÇON (mise à jour 2024)",
    posts=("Nombre de postes ECN 2024", "Deux, et un troisième si la maquette le permet")))


def test_a_posts_value_that_is_a_sentence_is_null_with_its_text(built_cards):
    read_back(built_cards, SENTENCE, ["besancon"], posts=[None])


UNKNOWN = document("unknown", card("SAINT-MALO (mise à jour 2024)", "1. Saint-Malo"),
                   card("NANTES (mise à jour 2024)", "2. Nantes"))


def test_an_unresolvable_city_goes_to_rejects_never_guessed(built_cards):
    result, _ = built_cards
    reason = ("label 'saint malo' not resolved with confidence (closest 'aix marseille', "
              "score 52 < 86 or ambiguous)")
    assert rejects(result, UNKNOWN) == rejected_card(DOCUMENTS[UNKNOWN][0], reason)
    read_back(built_cards, UNKNOWN, [None, "nantes"])


# A title no pattern reads, under its city's numbered heading: a card of its own, rejected
# with the reason, never run on into the card before it.
UNWORDED = document("unworded", card("NANTES (mise à jour 2024)", "1. Nantes"),
                    card("LIMOGES - 2024", "2. Limoges"), card("RENNES (mise à jour 2024)",
                                                               "3. Rennes"))


def test_an_unread_title_is_rejected_not_merged_into_the_card_before(built_cards):
    result, _ = built_cards
    reason = ("label 'LIMOGES - 2024' not resolved with confidence (closest 'limoges', "
              "score 74 < 86 or ambiguous)")
    assert rejects(result, UNWORDED) == rejected_card(DOCUMENTS[UNWORDED][1], reason)
    read_back(built_cards, UNWORDED, ["nantes", None, "rennes"])


# Two referents on lines of their own; the next card follows in the same table, its title
# row right under the last row of the card before, with no heading above it.
SAME_TABLE = document(
    "same-table",
    card("ANGERS (mise à jour 2024)", "1. Angers", referent="Internes référents", referents=(
        "Paul DURAND (paul.durand@gmail.com)", "Léa PETIT (lea.petit@chu-angers.fr)")),
    card("NANTES (mise à jour 2024)", run_on=True))


def test_two_referents_and_a_card_following_in_the_same_table(built_cards):
    read_back(built_cards, SAME_TABLE, ["angers", "nantes"])


# Section rows set in the body font, not bold: known by their wording alone.
PLAIN = document("plain-sections", card("BESANÇON (mise à jour 2024)", plain_sections=True))


def test_section_rows_not_set_in_bold(built_cards):
    read_back(built_cards, PLAIN, ["besancon"])


# The same cards printed without ruling lines: bold labels in a left column, values in a
# right one, at the very places the ruled cards print them. A plain card (headline rows
# and a short section row, all in the label column, right under a pair), the guide's card
# (sections, a 'Service' hospital, a note, an empty section), a card broken over pages
# inside a value cell, and labels wrapped over two lines.
PLAIN_CARD = document("plain-card", Card("1. Besançon", "BESANÇON (mise à jour 2024)", (
    Pair("Nombre de postes ECN 2024", ("2",)), Pair("Coordinateur du DES", (COORDINATOR,)),
    Pair("Interne référent", (REFERENT,)), Section("Gardes"),
    Pair("Rythme", ("Une garde par mois",)))))
UNRULED_PAIRS = [(PLAIN_CARD, unruled(PLAIN_CARD)), (DEFAULT, unruled(DEFAULT)),
                 (BROKEN, unruled(BROKEN)), (LABELS, unruled(LABELS))]
COMPARED = ("city_cards", "card_fields", "posts", "contacts")


def same_rows(connection: duckdb.DuckDBPyConnection, table: str, doc_id: str) -> list[tuple]:
    return rows(connection, f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? "
                "ORDER BY ALL", doc_id)


@pytest.mark.parametrize(("ruled", "text"), UNRULED_PAIRS)
def test_cards_printed_without_ruling_lines_read_as_the_ruled_ones(built_cards, ruled, text):
    result, connection = built_cards
    assert rejects(result, text) == []
    assert len(same_rows(connection, "card_fields", text)) == sum(
        len(expected_fields(c)) for c in DOCUMENTS[text])
    for table in COMPARED:
        assert same_rows(connection, table, text) == same_rows(connection, table, ruled), table


def test_unruled_cards_read_back_field_by_field(built_cards):
    _, connection = built_cards
    assert rows(connection, "SELECT section, service, label, value FROM card_fields "
                "WHERE doc_id = ? ORDER BY ordinal", unruled_id(PLAIN_CARD)) == [
        (None, None, "Nombre de postes ECN 2024", "2"),
        (None, None, "Coordinateur du DES", COORDINATOR),
        (None, None, "Interne référent", REFERENT),
        ("Gardes", None, "Rythme", "Une garde par mois")]
    read_back(built_cards, unruled_id(DEFAULT), ["besancon"])
    read_back(built_cards, unruled_id(BROKEN), ["besancon"])
    read_back(built_cards, unruled_id(LABELS), ["besancon", "dijon", "nancy", "reims"])
    pages = rows(connection, "SELECT label, page FROM card_fields WHERE doc_id = ? "
                 "AND label IN ('Organisation du service', 'Logement au CHU', 'Service')",
                 unruled_id(BROKEN))
    assert pages == [("Organisation du service", 1), ("Logement au CHU", 2), ("Service", 3)]


def unruled_id(doc_id: str) -> str:
    return f"{doc_id}-unruled"
