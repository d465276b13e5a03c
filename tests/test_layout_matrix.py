"""The layout matrix: the same content in every typesetting gives the same rows.

Each family's known content is drawn in each of its typesettings and all of them go
through one real build: the SRP calendar and the SYRC semesters in every typesetting of
`layouts.TYPESETTINGS`, the ISNAR fiches in framed or tinted boxes in `FICHE_STYLES`, the
ARS support tables, staff, referents and office in the slide decks of `SLIDE_STYLES`, the
REF bureau (a grid of photos and name/role/city captions) in `GRID_STYLES`. The
reference typesetting must give the values the content states; every other typesetting
must give exactly its rows in every table (pages aside, letter case aside for text a
typesetting prints in capitals), with no reject and no failure. The bureau's rows are
written from its content (`REF_ROWS`) and every typesetting is compared with them.
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
    SLIDE_4_3,
    TABLE_LOOKS,
    TYPESETTINGS,
    Caption,
    GridStyle,
    Heading,
    Items,
    Lines,
    Paragraph,
    Person,
    Slide,
    SlideStyle,
    Table,
    TableLook,
    Typesetting,
    flow_pdf,
    grid_pdf,
    rank_table_pdf,
    slides_pdf,
)
from pdfgen import RankTable
from reportlab.lib.pagesizes import A4, A5, LETTER, landscape

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

ISNAR_SECTIONS = (
    (Heading("Les syndicats locaux"),
     Paragraph("Chaque subdivision a son syndicat d'internes de médecine générale : sa fiche "
               "donne ses contacts et les villes de ses stages. Une question : "
               "contact@isnar-img.com")),
    (Lines(("MIG-29", "Faculté de Médecine", "22, rue Camille Desmoulins", "29200 Brest",
            "Président : Romain VERDEAU", "migvingtneuf@gmail.com", "CHU : Brest",
            "Périphs :")),
     Items(("Finistère : Morlaix, Quimper, Landerneau, Pont l’Abbé",
            "Côtes d’Armor : Lannion, Guingamp", "Morbihan : Caudan")),
     Caption("Brest")),
    (Lines(("SIMBAN", "Avenue de la Côte de Nacre", "14033 Caen CEDEX 9", "Président :",
            "Adrien BRUNEL", "evaluationssimban@gmail.com", "simban.fr",
            "CHU : Caen / Périphs :")),
     Items(("Calvados : Bayeux, Lisieux", "Manche : Cherbourg, Saint-Lô, Avranches",
            "Orne : Alençon, Flers")),
     Caption("Caen")),
    (Lines(("AIMGN", "28 avenue de Valombrose", "06107 Nice", "Présidente : Claire DUPONT",
            "contact@aimgn.fr", "www.aimgn.fr", "CHU : Nice",
            "Périphs : Antibes, Cannes, Grasse, Menton")),
     Caption("Nice")),
    (Lines(("AIMEG-Reims", "Président·e : Margot Moramarco", "aimegca@gmail.com",
            "CHU : Reims", "Périphs :")),
     Items(("Ardennes : Charleville-Mézières, Rethel, Sedan",
            "Marne : Châlons-en-Champagne, Epernay")),
     Caption("Reims")),
)

# Fiches are boxes: every typesetting frames (square or rounded corners) or tints them.
FICHE_STYLES = (
    Typesetting("fiches-a4-one-column-framed", box="frame"),
    Typesetting("fiches-letter-two-columns-serif-tinted-dash", LETTER, "DejaVuSerif", 9.5, 2,
                "–", "bold", "tint", True),
    Typesetting("fiches-a5-sans-square-framed", A5, "DejaVuSans", 8.5, 1, "▪", "larger",
                "frame", True),
    Typesetting("fiches-a4-landscape-three-columns-arrow-tinted", landscape(A4), "DejaVuSans",
                9, 3, "➤", "caps", "tint"),
    Typesetting("fiches-letter-large-hyphen-framed", LETTER, "Vera", 11, 1, "-", "bold",
                "frame"),
    Typesetting("fiches-a4-two-columns-indent-only-tinted", A4, "DejaVuSerif", 10, 2, "",
                "bold", "tint", True),
    Typesetting("fiches-a5-landscape-two-columns-rounded", landscape(A5), "Vera", 8, 2, "•",
                "caps", "round"),
)

ARS = "ARS Auvergne-Rhône-Alpes"
SUPPORT = (0.16, 0.32, 0.3, 0.22)
SUPPORT_HEADER = ("Niveau\nd'intervention", "Dispositif", "Contact", "Structure / Institution")
SUPPORT_TITLE = "Dispositifs pour la santé des étudiants – {}"
ARS_SLIDES = (
    Slide(SUPPORT_TITLE.format("Grenoble"), (Table((SUPPORT_HEADER, (
        "Grenoble", "SOS internes Grenoble", "sos.intgre@gmail.com", "Syndicats d'internes"), (
        "Grenoble", "Service de médecine du travail CHU", "04 76 76 51 23", "CHU Grenoble"), (
        "Région ARA", "APSYTUDE", "06 27 86 91 83 -\napsytude@gmail.com",
        "Association de\npsychologues")), SUPPORT),)),
    Slide(SUPPORT_TITLE.format("Lyon"), (Table((SUPPORT_HEADER, (
        "Lyon", "Service de santé universitaire", "04 27 46 57 57 /\nssu@univ-lyon1.fr",
        "Université Lyon1"), (
        "Lyon / Saint-\nEtienne", "Nightline Lyon", "04 85 30 00 10", "Association")),
        SUPPORT),)),
    Slide(None, (Table((("Lyon", "Cellule d'écoute (VSS)", "harclement@univ-lyon1.fr",
                         "Université Lyon"),), SUPPORT, header=False),)),
    Slide("Vos interlocuteurs", (
        Items(("Hélène DOUMAYROU : Responsable de l'internat",
               "Dr Sophie GEHIN : Responsable du pôle formation")),
        Table((("Référent", "Subdivision"), ("Marion BUSLOT", "Clermont-Ferrand"),
               ("Sylvette FERRY", "Grenoble Saint-Etienne (MG)")), (0.3, 0.45)))),
    Slide("Une équipe à votre écoute", (
        Lines(("Un numéro :", "04 72 34 74 00", "", "Une adresse mail :",
               "ars-ara-dos-internat@ars.sante.fr")),)),
)

SLIDE_STYLES = (
    SlideStyle("slides-16-9-grid"),
    SlideStyle("slides-4-3-centred-bands-dash", SLIDE_4_3, font="DejaVuSans", title="center",
               bullet="–", rules="bands"),
    SlideStyle("slides-16-9-sans-right-arrow", font="DejaVuSans", title="right",
               bullet="➤"),
    SlideStyle("handout-2-16-9-band-title-square", per_page=2, font="DejaVuSans",
               title="band", bullet="▪"),
    SlideStyle("handout-3-4-3-notes-hyphen-bands", SLIDE_4_3, per_page=3, notes=True,
               bullet="-", rules="bands"),
    SlideStyle("handout-2-4-3-serif-centred-dash", SLIDE_4_3, per_page=2,
               font="DejaVuSerif", title="center", bullet="–"),
    SlideStyle("slides-4-3-serif-band-numbered", SLIDE_4_3, font="DejaVuSerif", title="band",
               bullet="1.", rules="bands"),
    SlideStyle("handout-2-16-9-right-no-mark", per_page=2, title="right", bullet=""),
    SlideStyle("slides-16-9-side-title-bands-square", font="DejaVuSans", title="side",
               bullet="▪", rules="bands"),
    SlideStyle("slides-16-9-horizontal-rules", rules="horizontal"),
    SlideStyle("slides-4-3-serif-centred-zebra-dash", SLIDE_4_3, font="DejaVuSerif",
               title="center", bullet="–", rules="zebra"),
    SlideStyle("handout-2-4-3-horizontal-notes-arrow", SLIDE_4_3, per_page=2, notes=True,
               font="DejaVuSans", bullet="➤", rules="horizontal"),
    SlideStyle("handout-3-16-9-zebra-band-title", per_page=3, title="band", rules="zebra"),
    SlideStyle("handout-3-4-3-serif-zebra-numbered", SLIDE_4_3, per_page=3,
               font="DejaVuSerif", bullet="1.", rules="zebra"),
    SlideStyle("handout-2-16-9-horizontal-right-no-mark", per_page=2, title="right",
               bullet="", rules="horizontal"),
    SlideStyle("slides-16-9-side-title-horizontal-square", font="DejaVuSans", title="side",
               bullet="▪", rules="horizontal"),
    SlideStyle("slides-4-3-grid-over-bleeding-zebra", SLIDE_4_3, font="DejaVuSans",
               rules="grid-zebra"),
    SlideStyle("handout-2-16-9-grid-over-bleeding-zebra-serif", per_page=2,
               font="DejaVuSerif", title="center", bullet="–", rules="grid-zebra"),
)

# The bureau of the rheumatology interns' section (REF): the page that presents the
# section, its address, then under 'Le Bureau :' a grid of photos and captions; the next
# chapter's address is not the section's. Each person with the subdivision its city is.
REF = "Société française de rhumatologie, section REF"
REF_BEFORE = (
    Heading("I. La section REF de la SFR"),
    Paragraph("La Section REF (Rhumatologues en Formation) est membre à part entière de la "
              "Société Française de Rhumatologie."),
    Paragraph("Pour plus d'information, n'hésitez pas à nous contacter : sectionref@gmail.com"))
REF_PEOPLE = (
    (Person("Margaux MORET", "Présidente", "Nancy"), "nancy"),
    (Person("Cécile PHILIPPOTEAUX", "Secrétaire Générale", "Lille"), "lille"),
    (Person("Maëva MASSON", "Communication et syndicats", "Toulouse"), "toulouse"),
    (Person("Théo WIRTH", "Internat et syndicats", "Marseille"), "marseille"),
    (Person("Arthur DOLLINGER", "Trésorier", "Clermont-Ferrand"), "clermont-ferrand"),
    (Person("Charlotte JAUFFRET", "Formation, évènementiel", "Saint-Étienne"), "saint-etienne"),
    (Person("Ekaterina SHULENINA", "Relations internationales", "Paris"), "ile-de-france"),
)
REF_AFTER = (Heading("II. Le DES de rhumatologie"),
             Paragraph("Le DES dure quatre ans. Une question sur la maquette : "
                       "maquette.rhumato@gmail.com"))
REF_CONTENT = (REF_BEFORE, "Le Bureau :", tuple(p for p, _ in REF_PEOPLE), REF_AFTER)
# The rows the content states: one contact a person, and the section's address.
REF_ROWS = sorted([*((p.name.casefold(), p.role.casefold(), REF.casefold(), subdivision, None)
                     for p, subdivision in REF_PEOPLE),
                   (None, None, REF.casefold(), None, "sectionref@gmail.com")], key=repr)

GRID_STYLES = (
    GridStyle("bureau-a4-three-photos"),
    GridStyle("bureau-letter-serif-city-first-four-framed", LETTER, "DejaVuSerif", 8,
              ("city", "name", "role"), 4, wrap=8, card="frame"),
    GridStyle("bureau-a5-sans-role-first-two-tinted-left", A5, "DejaVuSans", 8,
              ("role", "name", "city"), 2, wrap=7, align="left", card="tint", photos=False),
    GridStyle("bureau-a4-landscape-four-bold-names-city-second", landscape(A4), "DejaVuSans",
              10, ("name", "city", "role"), 4, bold_names=True, photo=8),
    GridStyle("bureau-letter-large-left-no-photos-wrapped", LETTER, "Vera", 11,
              ("name", "role", "city"), 3, wrap=9, align="left", photos=False),
    GridStyle("bureau-a5-landscape-serif-tinted-name-last", landscape(A5), "DejaVuSerif", 8,
              ("role", "city", "name"), 3, wrap=8, card="tint", photos=False),
    GridStyle("bureau-a4-three-framed-left-city-first-large-photos", A4, "Vera", 10,
              ("city", "role", "name"), 3, align="left", card="frame", photo=8),
    GridStyle("bureau-a4-two-photos-serif-name-role-city", A4, "DejaVuSerif", 9,
              ("name", "role", "city"), 2),
)

# family -> (specialty, the content, its typesettings, the reference typesetting)
FAMILIES = {"srp": ("medecine-generale", SRP_SECTIONS, TYPESETTINGS),
            "syrc": ("medecine-generale", SYRC_SECTIONS, TYPESETTINGS),
            "isnar": ("medecine-generale", ISNAR_SECTIONS, FICHE_STYLES),
            "ars": (None, ARS_SLIDES, SLIDE_STYLES),
            "ref_bureau": ("rhumatologie", REF_CONTENT, GRID_STYLES)}
REFERENCE = TYPESETTINGS[0]
# family -> the tables it feeds, with the columns compared (all but page and doc_id).
TABLES = {"srp": {"events": "title, start_date, end_date, organization, date_as_printed"},
          "syrc": {"training_requirements": "requirement, group_letter, setting, semesters, "
                   "placement, reserved_for, min_presence_months, period_months"},
          "isnar": {"unions": "subdivision_id, name, address, president, email, website, chu, "
                    "subdivision_as_printed",
                    "hospitals": "subdivision_id, departement, town",
                    "contacts": "name, role, organization, subdivision_id, email, phone, url"},
          "ars": {"support_services": "subdivision_id, level_as_printed, device, contact_raw, "
                  "structure",
                  "contacts": "name, role, organization, subdivision_id, email, phone, url, "
                  "scope"},
          "ref_bureau": {"contacts": "name, role, organization, subdivision_id, email"}}
PUBLISHERS = {"ars": ARS, "ref_bureau": REF}


Style = Typesetting | SlideStyle | GridStyle


def _doc(family: str, style: Style) -> str:
    return f"{family}-{style.name}"


def _draw(path: Path, family: str, style: Style) -> None:
    _, content, _ = FAMILIES[family]
    if isinstance(style, SlideStyle):
        slides_pdf(path, style, ARS, content)
    elif isinstance(style, GridStyle):
        grid_pdf(path, style, *content)
    else:
        flow_pdf(path, style, f"{family} guide", content)


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of every family in every typesetting; nothing may fail."""
    from pipeline.build import Options, build

    folder = tmp_path_factory.mktemp("matrix")
    (folder / "raw/2024").mkdir(parents=True)
    entries = []
    for family, (specialty, _, styles) in FAMILIES.items():
        for style in styles:
            file = f"2024/{_doc(family, style)}.pdf"
            _draw(folder / "raw" / file, family, style)
            entries.append(catalog_entry(file, [family], specialty=specialty,
                                         doc_id=_doc(family, style),
                                         publisher=PUBLISHERS.get(family, "Test")))
    (folder / "raw/sources.toml").write_text("".join(entries), encoding="utf-8")
    result = build(folder / "raw", folder / "w.duckdb", Options(progress=False))
    assert [f.describe() for f in result.failures] == []
    return folder / "w.duckdb"


def _rows(target: Path, family: str, style: Style, table: str,
          ) -> list[tuple]:
    rows = query(target, f"SELECT {TABLES[family][table]} FROM {table} WHERE doc_id = "
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


def test_the_reference_typesetting_reads_the_isnar_fiches(matrix):
    doc = _doc("isnar", FICHE_STYLES[0])
    assert query(matrix, "SELECT subdivision_id, name, address, president, email, website, "
                         f"chu FROM unions WHERE doc_id = '{doc}' ORDER BY 1") == [
        ("brest", "MIG-29", "Faculté de Médecine, 22, rue Camille Desmoulins, 29200 Brest",
         "Romain VERDEAU", "migvingtneuf@gmail.com", None, "Brest"),
        ("caen", "SIMBAN", "Avenue de la Côte de Nacre, 14033 Caen CEDEX 9", "Adrien BRUNEL",
         "evaluationssimban@gmail.com", "simban.fr", "Caen"),
        ("nice", "AIMGN", "28 avenue de Valombrose, 06107 Nice", "Claire DUPONT",
         "contact@aimgn.fr", "www.aimgn.fr", "Nice"),
        ("reims", "AIMEG-Reims", None, "Margot Moramarco", "aimegca@gmail.com", None, "Reims"),
    ]
    towns = query(matrix, "SELECT subdivision_id, departement, town FROM hospitals "
                          f"WHERE doc_id = '{doc}' ORDER BY ALL")
    assert [t for t in towns if t[0] == "brest"] == [
        ("brest", "Côtes d’Armor", "Guingamp"), ("brest", "Côtes d’Armor", "Lannion"),
        ("brest", "Finistère", "Landerneau"), ("brest", "Finistère", "Morlaix"),
        ("brest", "Finistère", "Pont l’Abbé"), ("brest", "Finistère", "Quimper"),
        ("brest", "Morbihan", "Caudan")]
    assert [t for t in towns if t[0] == "nice"] == [
        ("nice", None, "Antibes"), ("nice", None, "Cannes"), ("nice", None, "Grasse"),
        ("nice", None, "Menton")]
    assert len(towns) == 23
    assert query(matrix, "SELECT name, role, organization, subdivision_id, email FROM contacts "
                         f"WHERE doc_id = '{doc}' ORDER BY email") == [
        ("Margot Moramarco", "Président·e", "AIMEG-Reims", "reims", "aimegca@gmail.com"),
        ("Claire DUPONT", "Présidente", "AIMGN", "nice", "contact@aimgn.fr"),
        (None, None, None, None, "contact@isnar-img.com"),
        ("Adrien BRUNEL", "Président", "SIMBAN", "caen", "evaluationssimban@gmail.com"),
        ("Romain VERDEAU", "Président", "MIG-29", "brest", "migvingtneuf@gmail.com"),
    ]


def test_the_reference_typesetting_reads_the_ars_slides(matrix):
    doc = _doc("ars", SLIDE_STYLES[0])
    assert query(matrix, "SELECT page, subdivision_id, level_as_printed, device, structure "
                         f"FROM support_services WHERE doc_id = '{doc}' ORDER BY ALL") == [
        (1, "grenoble", "Grenoble", "SOS internes Grenoble", "Syndicats d'internes"),
        (1, "grenoble", "Grenoble", "Service de médecine du travail CHU", "CHU Grenoble"),
        (1, None, "Région ARA", "APSYTUDE", "Association de psychologues"),
        (2, "lyon", "Lyon", "Service de santé universitaire", "Université Lyon1"),
        (2, "lyon", "Lyon / Saint-Etienne", "Nightline Lyon", "Association"),
        (3, "lyon", "Lyon", "Cellule d'écoute (VSS)", "Université Lyon"),
    ]
    assert query(matrix, "SELECT name, role, subdivision_id, scope, coalesce(email, phone) "
                         f"FROM contacts WHERE doc_id = '{doc}' AND organization = '{ARS}' "
                         "ORDER BY ALL") == [
        ("Dr Sophie GEHIN", "Responsable du pôle formation", None, None, None),
        ("Hélène DOUMAYROU", "Responsable de l'internat", None, None, None),
        ("Marion BUSLOT", "Référent", "clermont-ferrand", None, None),
        ("Sylvette FERRY", "Référent", "grenoble", None, None),
        ("Sylvette FERRY", "Référent", "saint-etienne", "MG", None),
        (None, None, None, None, "+33472347400"),
        (None, None, None, None, "ars-ara-dos-internat@ars.sante.fr"),
    ]
    assert query(matrix, "SELECT name, coalesce(email, phone) FROM contacts WHERE doc_id = "
                         f"'{doc}' AND name = 'APSYTUDE' ORDER BY 2") == [
        ("APSYTUDE", "+33627869183"), ("APSYTUDE", "apsytude@gmail.com")]


def test_every_typesetting_of_the_bureau_gives_the_rows_of_its_content(matrix):
    """Not compared with a reference rendering: each typesetting must give the people the
    content lists, each with the subdivision of their city, and the section's address."""
    for style in GRID_STYLES:
        assert (style.name, _rows(matrix, "ref_bureau", style, "contacts")) == (
            style.name, REF_ROWS)
        assert query(matrix, "SELECT count(*) FROM rejects WHERE doc_id = "
                             f"'{_doc('ref_bureau', style)}'") == [(0,)]


CASES = [(family, style) for family, (_, _, styles) in sorted(FAMILIES.items())
         for style in styles[1:] if family != "ref_bureau"]


@pytest.mark.parametrize(("family", "style"), CASES,
                         ids=[f"{f}-{s.name}" for f, s in CASES])
def test_every_typesetting_gives_the_reference_rows(matrix, family, style):
    reference = FAMILIES[family][2][0]
    for table in TABLES[family]:
        assert _rows(matrix, family, style, table) == _rows(matrix, family, reference,
                                                            table), table
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
