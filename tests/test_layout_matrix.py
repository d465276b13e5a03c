"""The layout matrix: the same content in every typesetting gives the same rows.

Each family's known content (the SRP calendar, the SYRC semesters) is drawn in every
typesetting of `layouts.TYPESETTINGS` and all of them go through one real build. The
reference typesetting must give the values the content states; every other typesetting
must give exactly its rows (pages aside, letter case aside for text a typesetting prints
in capitals), with no reject and no failure.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cardgen import Card, Hospital, Note, Pair, Section, expected_fields
from cardgen import draw as draw_cards
from helpers import catalog_entry, query
from layouts import (
    CARD_LOOKS,
    TABLE_LOOKS,
    TYPESETTINGS,
    Heading,
    Items,
    Paragraph,
    TableLook,
    Typesetting,
    flow_pdf,
    rank_table_pdf,
)
from pdfgen import RankTable

SRP_SECTIONS = (
    (Heading("Les événements d’accueil des nouveaux internes"),
     Paragraph("Planning 2024 des événements d'accueil des nouveaux internes")),
    (Heading("Pizza gratuites et questions à volonté le 21 juillet", 2),
     Paragraph("Viens nous poser toutes les questions que te passent par la tête sur "
               "l’internat de Médecine Générale à Paris !"),
     Paragraph("le dimanche 21 juillet 2024")),
    (Heading("La Journée d’accueil des nouveaux internes de MG en IdF", 2),
     Paragraph("Pour aborder sereinement ta rentrée, le SRP-IMG te convie à sa "
               "traditionnelle journée d’accueil de pré-rentrée."),
     Paragraph("le mardi 24 septembre 2024")),
    (Heading("Les dates de la rentrée à ne pas manquer"),
     Paragraph("Planning 2024 de la rentrée universitaire des internes de médecine "
               "générale à Paris"),
     Paragraph("Retiens bien ces dates importantes pour ta rentrée :"),
     Items(("Du 3 aout au 14 août = Des simulations facultatives seront organisées, "
            "permettant de se projeter sur une affectation.",
            "Le 10 septembre “avant 11h” = Résultats définitifs des spécialités et régions.",
            "Du 1 au 4 octobre = Tu recevras ton affectation dans l’une des facs d’IdF.",
            "Jusqu’au ?? octobre , inscription au BDI (Bureau des Internes de l’APHP).",
            "Le 4 novembre = Premier jour du stage et début de ta nouvelle vie !"))),
    (Heading("Les réponses à toutes tes questions"),
     Paragraph("Tu trouveras ici toutes les réponses à tes questions concernant l'internat "
               "de médecine générale en Île-de-France.")),
)

SYRC_SECTIONS = (
    (Heading("Formation pratique"),
     Paragraph("La formation pratique comprend 6 stages dont deux au minimum se feront en "
               "ambulatoire. La maquette de médecine générale est simple mais doit être "
               "respectée sous peine d'allonger la durée de l'internat.")),
    (Heading("1. Le DES de Médecine Générale se compose de six semestres de stage", 2),
     Heading("A) Deux semestres obligatoires dans des services ou départements hospitaliers "
             "agréés pour la médecine générale :", 3),
     Items(("un au titre de la médecine d’adultes : médecine générale, médecine interne, "
            "gériatrie...", "un au titre de la médecine d’urgence.")),
     Heading("B) Deux semestres dans un lieu de stage agréé au titre de la médecine "
             "générale :", 3),
     Items(("un au titre de la pédiatrie et/ou de la gynécologie (3 mois).",
            "un semestre libre")),
     Heading("C) Deux semestres en ambulatoire auprès de praticiens généralistes agréés :", 3),
     Items(("le praticien de niveau réservé aux T1",
            "le SASPAS réservé aux T3 (Stage Autonome en Soins Primaires Ambulatoires)"))),
    (Heading("2. Conditions de validation d’un stage", 2),
     Items(("il faut une présence de quatre mois effectifs minimum sur les six pour la "
            "validation administrative (congés payés inclus).",
            "il faut avoir fait preuve de ses qualités de futur médecin pour la validation "
            "pratique par le chef de service.")),
     Paragraph("Notez cependant qu’un chef de service n’a pas le pouvoir d’invalider un "
               "stage. Il donne juste une appréciation.")),
)

FAMILIES = {"srp": ("medecine-generale", SRP_SECTIONS),
            "syrc": ("medecine-generale", SYRC_SECTIONS)}
REFERENCE = TYPESETTINGS[0]
TABLES = {"srp": ("events", "title, start_date, end_date, organization, date_as_printed"),
          "syrc": ("training_requirements", "requirement, group_letter, setting, semesters, "
                   "placement, reserved_for, min_presence_months, period_months")}


def _doc(family: str, style: Typesetting) -> str:
    return f"{family}-{style.name}"


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of every family in every typesetting; nothing may fail."""
    from pipeline.build import Options, build

    folder = tmp_path_factory.mktemp("matrix")
    (folder / "raw/2024").mkdir(parents=True)
    entries = []
    for family, (specialty, sections) in FAMILIES.items():
        for style in TYPESETTINGS:
            file = f"2024/{_doc(family, style)}.pdf"
            flow_pdf(folder / "raw" / file, style, f"{family} guide", sections)
            entries.append(catalog_entry(file, [family], specialty=specialty,
                                         doc_id=_doc(family, style)))
    (folder / "raw/sources.toml").write_text("".join(entries), encoding="utf-8")
    result = build(folder / "raw", folder / "w.duckdb", Options(progress=False))
    assert [f.describe() for f in result.failures] == []
    return folder / "w.duckdb"


def _rows(target: Path, family: str, style: Typesetting) -> list[tuple]:
    table, columns = TABLES[family]
    rows = query(target, f"SELECT {columns} FROM {table} WHERE doc_id = "
                         f"'{_doc(family, style)}' ORDER BY ALL")
    return sorted((tuple(v.casefold() if isinstance(v, str) else v for v in row)
                   for row in rows), key=repr)


def test_the_reference_typesetting_reads_the_srp_calendar(matrix):
    rows = query(matrix, "SELECT title, start_date, end_date FROM events WHERE doc_id = "
                         f"'{_doc('srp', REFERENCE)}' ORDER BY start_date NULLS LAST, title")
    assert rows == [
        ("Pizza gratuites et questions à volonté le 21 juillet", date(2024, 7, 21), None),
        ("Des simulations facultatives seront organisées, permettant de se projeter sur une "
         "affectation", date(2024, 8, 3), date(2024, 8, 14)),
        ("Résultats définitifs des spécialités et régions", date(2024, 9, 10), None),
        ("La Journée d’accueil des nouveaux internes de MG en IdF", date(2024, 9, 24), None),
        ("Tu recevras ton affectation dans l’une des facs d’IdF", date(2024, 10, 1),
         date(2024, 10, 4)),
        ("Premier jour du stage et début de ta nouvelle vie", date(2024, 11, 4), None),
        ("Jusqu’au ?? octobre , inscription au BDI (Bureau des Internes de l’APHP)", None,
         None),
    ]


def test_the_reference_typesetting_reads_the_syrc_semesters(matrix):
    rows = query(matrix, "SELECT requirement, group_letter, setting, reserved_for, "
                         "min_presence_months, period_months FROM training_requirements "
                         f"WHERE doc_id = '{_doc('syrc', REFERENCE)}' ORDER BY ALL")
    assert rows == [
        ("placement", "A", "hospital", None, None, None),
        ("placement", "A", "hospital", None, None, None),
        ("placement", "B", "approved-site", None, None, None),
        ("placement", "B", "approved-site", None, None, None),
        ("placement", "C", "ambulatory", "T1", None, None),
        ("placement", "C", "ambulatory", "T3", None, None),
        ("validation", None, None, None, 4, 6),
        ("validation", None, None, None, None, None),
    ]


@pytest.mark.parametrize("style", TYPESETTINGS[1:], ids=lambda s: s.name)
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_typesetting_gives_the_reference_rows(matrix, family, style):
    assert _rows(matrix, family, style) == _rows(matrix, family, REFERENCE)
    assert query(matrix, "SELECT count(*) FROM rejects WHERE doc_id = "
                         f"'{_doc(family, style)}'") == [(0,)]


# Tables and cards: the rank table and the city cards (with the hospital cards of
# Ile-de-France) drawn in every look of `layouts.TABLE_LOOKS`, built together once.
RANKS = RankTable()
CARDS = (
    Card("1. Besançon", "BESANÇON (mise à jour 2024)", (
        Pair("Nombre de postes ECN 2024", ("2",)),
        Pair("Coordinateur du DES", ("Pr Claire MARTIN (claire.martin@chu-test.fr)",)),
        Pair("Interne référent", ("Paul DURAND (paul.durand@gmail.com)",)),
        Section("Service de rhumatologie au CHU"),
        Pair("Composition du service", ("• 14 lits d'hospitalisation conventionnelle",
                                        "• HDJ les lundi et jeudi")),
        Pair("Médecins du service", ("Pr MARTIN, Dr LEROY (PH), Dr BLANC (CCA)",)),
        Section("Rhumatologie en périphérie"), Pair("Service", ("CH de Belfort",)),
        Pair("Composition du service", ("12 lits",)), Pair("Nombre d'internes", ("1",)),
        Section("Stage en rhumatologie libérale"),
        Note("Cabinet de ville, trois rhumatologues, accessible en phase 3."))),
    Card("2. Ile-de-France", "ILE DE FRANCE (MISE À JOUR 2024)", (
        Pair("Nombre de postes ECN 2024", ("13",)),
        Pair("Coordinateur du DES", ("Pr Anne MICELI (anne.miceli@aphp.fr)",)),
        Pair("Internes référentes", ("Marion PINCHE (marion.pinche@outlook.fr)",)),
        Section("Organisation des cours théoriques"),
        Note("Séminaires de 16h à 18h une fois par mois dans un CHU différent."),
        Hospital("1. Ambroise Paré", "Ambroise Paré (Boulogne Billancourt 92)"),
        Pair("Chef de service", ("Maxime BREBAN (maxime.breban@aphp.fr)",)),
        Pair("Composition du service", ("Hospitalisation conventionnelle (14 lits)",)),
        Pair("Nombre de postes d'interne", ("3",)),
        Hospital("2. Avicenne", "Avicenne (93)"),
        Pair("Médecins du service", ("Chef de service : Pr Luc BOISSIER",)),
        Pair("Nombre d'interne", ("4",)))),
)
CARD_SUBDIVISIONS = ("besancon", "ile-de-france")


@pytest.fixture(scope="module")
def table_matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the rank table and the city cards in every table look."""
    from pipeline.build import Options, build

    folder = tmp_path_factory.mktemp("table-matrix")
    (folder / "raw/2024").mkdir(parents=True)
    entries = []
    for look in TABLE_LOOKS:
        file = f"2024/ranks-{look.name}.pdf"
        rank_table_pdf(folder / "raw" / file, RANKS, look)
        entries.append(catalog_entry(file, ["rank_limits"], doc_id=f"ranks-{look.name}"))
    for look in CARD_LOOKS:
        file = f"2024/cards-{look.name}.pdf"
        draw_cards(folder / "raw" / file, list(CARDS), look=look)
        entries.append(catalog_entry(file, ["city_cards"], doc_id=f"cards-{look.name}"))
    (folder / "raw/sources.toml").write_text("".join(entries), encoding="utf-8")
    result = build(folder / "raw", folder / "w.duckdb", Options(progress=False))
    assert [f.describe() for f in result.failures] == []
    assert result.rejects.to_dict("records") == []
    return folder / "w.duckdb"


@pytest.mark.parametrize("look", TABLE_LOOKS, ids=lambda look: look.name)
def test_every_look_of_the_rank_table_reads_back_cell_for_cell(table_matrix, look: TableLook):
    where = f"WHERE doc_id = 'ranks-{look.name}'"
    ranks = {(s, y): (r, n) for s, y, r, n in query(
        table_matrix, f"SELECT subdivision_id, year, rank_limit, note FROM rank_limits {where}")}
    assert ranks == RANKS.expected_ranks()
    labels = dict(query(table_matrix, "SELECT DISTINCT subdivision_id, label_as_printed "
                                      f"FROM rank_limits {where}"))
    assert labels == {s: RANKS.label(s) for s in RANKS.order}
    posts = dict(query(table_matrix, f"SELECT subdivision_id, posts FROM posts {where} "
                                     f"AND year = {RANKS.posts_year}"))
    assert posts == RANKS.expected_posts()
    assert ranks[("lyon", 2021)] == (300 + 517 + 97 * 11, None)


@pytest.mark.parametrize("look", CARD_LOOKS, ids=lambda look: look.name)
def test_every_look_of_the_city_cards_reads_back_field_for_field(table_matrix, look: TableLook):
    doc = f"cards-{look.name}"
    for card, subdivision in zip(CARDS, CARD_SUBDIVISIONS, strict=True):
        fields = query(table_matrix, "SELECT section, service, label, value FROM card_fields "
                       f"WHERE doc_id = '{doc}' AND subdivision_id = '{subdivision}' "
                       "ORDER BY ordinal")
        assert fields == expected_fields(card), subdivision
    assert query(table_matrix, "SELECT subdivision_id, posts_year, posts, coordinator "
                 f"FROM city_cards WHERE doc_id = '{doc}' ORDER BY ALL") == [
        ("besancon", 2024, 2, "Pr Claire MARTIN (claire.martin@chu-test.fr)"),
        ("ile-de-france", 2024, 13, "Pr Anne MICELI (anne.miceli@aphp.fr)")]
    assert query(table_matrix, "SELECT kind, hospital_name, beds FROM services "
                 f"WHERE doc_id = '{doc}' AND subdivision_id = 'ile-de-france' "
                 "ORDER BY ordinal") == [
        ("hospital", "Ambroise Paré (Boulogne Billancourt 92)", 14),
        ("hospital", "Avicenne (93)", None)]
    assert query(table_matrix, "SELECT name, email FROM contacts WHERE doc_id = "
                 f"'{doc}' AND organization = 'Ambroise Paré (Boulogne Billancourt 92)'") == [
        ("Maxime BREBAN", "maxime.breban@aphp.fr")]
