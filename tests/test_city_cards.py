"""City cards of the 2024 rheumatology guide, checked against what the guide prints."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

import pytest

from pipeline.parse.contact_info import emails
from pipeline.parse.people import Person, named_after, named_before, people
from pipeline.pdf.model import Word
from pipeline.structure.layout import close_slashes, is_bullet, reflow
from pipeline.structure.tables import clean_cell

DOC = "sfr-rhumatologie-2024"


@pytest.fixture(scope="module")
def sfr(parsed_document):
    """The guide's document model (the words every card must account for)."""
    return parsed_document(DOC)


@pytest.mark.parametrize(
        ("subdivision", "title", "updated", "posts_year", "posts", "coordinator"), [
    ("besancon", "BESANÇON (mise à jour 2024)", 2024, 2024, 2, "Pr PRATI (cprati@chu-besancon.fr)"),
    ("dijon", "Dijon (mise à jour 2024)", 2024, 2023, 3, "Pr Ornetti (CHU Dijon)"),
    ("nancy", "Nancy (mise à jour 2024)", 2024, 2023, 3, "Pr Isabelle CHARY-VALCKENAERE"),
    ("strasbourg", "STRASBOURG (mise à jour 2024)", 2024, 2023, 3, "Pr Jean Sibia"),
    ("ile-de-france", "ILE DE FRANCE (MISE À JOUR 2024)", 2024, 2023, 13,
     "Pr Miceli (corinne.miceli@aphp.fr)"),
    ("lille", "Lille (mise à jour 2024)", 2024, 2022, 5, "Pr FLIPO"),
    ("caen", "CAEN (mise à jour 2022)", 2022, 2022, 3, "Pr Marcelli – Pr Rat Anne Christine"),
    ("poitiers", "POITIERS (mis à jour 2024)", 2024, 2023, 3,
     "Professeur GERVAIS Elisabeth — elisabeth.gervais@chu-poitiers.fr"),
    ("clermont-ferrand", "Clermont-Ferrand (mise à jour 2024)", 2024, 2021, None,
     "Pr Rolland CHAPURLAT (CHU de Lyon)"),
    ("grenoble", "GRENOBLE (mise à jour 2021)", 2021, 2022, 2, "Pr GAUDIN Philippe"),
    ("saint-etienne", "SAINT ETIENNE (mise à jour 2024)", 2024, 2024, 2,
     "Pr THOMAS Thierry(thierry.thomas@chu-st-etienne.fr)"),
    ("antilles-guyane", "ANTILLES-GUYANE (mise à jour 2018)", 2018, 2022, 2, "Pr Michel DE BANDT"),
    ("ocean-indien", "Océan Indien (mise à jour 2024)", 2024, 2022, 1, "Dr Xavier GUILLOT"),
])
def test_city_card_headline_facts(warehouse, subdivision, title, updated, posts_year, posts,
                                  coordinator):
    row = warehouse.execute(
        "SELECT title_as_printed, updated_year, posts_year, posts, coordinator FROM city_cards "
        "WHERE doc_id = ? AND subdivision_id = ?", [DOC, subdivision]).fetchall()
    assert row == [(title, updated, posts_year, posts, coordinator)]


def test_every_subdivision_has_one_card(warehouse):
    assert warehouse.execute(
        "SELECT count(DISTINCT subdivision_id), count(*) FROM city_cards WHERE doc_id = ?",
        [DOC]).fetchall() == [(28, 28)]


def test_every_card_is_reported_with_its_headline_rows(warehouse):
    assert warehouse.execute(
        "SELECT count(*), min(confidence), sum(rows) FROM extraction_report "
        "WHERE table_name = 'city_cards'").fetchall() == [(28, 1.0, 816)]


def test_referents_as_printed(warehouse):
    assert warehouse.execute(
        "SELECT referents FROM city_cards WHERE subdivision_id = 'lille'").fetchall() == [
        ("Victoria Houel : victoria_h@outlook.fr ; Enguérand Duponchelle : "
         "enguerand.duponchelle@gmail.com",)]


def test_a_sentence_gives_null_posts_and_keeps_the_text(warehouse):
    rows = warehouse.execute(
        "SELECT year, posts, raw_text FROM posts WHERE source = 'city_card' "
        "AND subdivision_id = 'clermont-ferrand'").fetchall()
    assert rows == [(2021, None, "2/an habituellement 3 en 2023 ; à voir en 2024 avec la "
                                 "réduction du nb de postes envisagée")]


def test_city_card_posts_rows(warehouse):
    rows = dict(warehouse.execute(
        "SELECT subdivision_id, (year, posts, raw_text) FROM posts "
        "WHERE source = 'city_card'").fetchall())
    assert len(rows) == 28
    assert rows["ile-de-france"] == (2023, 13, "13")
    assert rows["tours"] == (2023, 5, "5")


STRASBOURG_LABELS = [
    "Nombre de postes ECN 2023", "Coordinateur du DES", "Internes référents",
    "Composition du service", "Médecins du service", "Nombre d'interne",
    "Activité hors salle de l'interne", "Organisation du service", "Logement au CHU",
    "Gardes et astreintes",
    "Service", "Composition du service", "Médecins du service", "Nombre d'internes",
    "Activité hors salle de l'interne", "Organisation du service", "Logement",
    "Gardes et astreintes",
    "Service", "Composition du service", "Médecins du service", "Nombre d’internes",
    "Activité hors salle de l’interne", "Organisation du service", "Logement",
    "Gardes et astreintes",
    "Stage en rhumatologie libérale", "Organisation de la maquette dans la ville",
    "Cours théoriques organisation", "Possibilité de recherche (M2, thèse de science)",
    "« Spécificités locales » à signaler",
]


def test_long_card_holds_every_label_in_order(warehouse):
    rows = warehouse.execute(
        "SELECT ordinal, section, service, label, page FROM card_fields "
        "WHERE subdivision_id = 'strasbourg' ORDER BY ordinal").fetchall()
    assert [r[3] for r in rows] == STRASBOURG_LABELS
    assert [r[0] for r in rows] == list(range(1, len(STRASBOURG_LABELS) + 1))
    assert {r[4] for r in rows} == {20, 21, 22, 23}  # the card runs over four pages
    services = {r[2] for r in rows if r[1] == "Rhumatologie en périphérie"}
    assert services == {"CH Colmar", "CH Mulhouse"}
    assert rows[3][1] == "Service de rhumatologie au CHU"


def test_a_cell_broken_by_a_page_end_is_one_value_with_list_items(warehouse):
    value = warehouse.execute(
        "SELECT value FROM card_fields WHERE subdivision_id = 'besancon' "
        "AND label = 'Organisation du service' AND section LIKE 'Service de rhumato%'"
    ).fetchall()[0][0]
    items = value.split("\n")
    assert items[0] == "2 visites professorales par semaine (mardi, vendredi)"
    assert items[-1] == '1 staff bimensuel "biothérapie"'
    assert len(items) == 6 and not any(i.startswith(("-", "•", "<")) for i in items)


@pytest.mark.parametrize(("subdivision", "heading", "value"), [
    ("saint-etienne", "Stage en rhumatologie libérale", "Non"),
    ("lyon", "« Spécificités locales » à signaler", "Centre de référence nationale des "
     "pathologies osseuses (dysplasie fibreuse, ostéogénèse imparfaite) et tumeurs osseuses"),
    ("nancy", "Organisation de la maquette dans la ville", "Selon nouvelle réforme :"),
])
def test_a_heading_at_the_foot_of_a_page_takes_the_text_of_the_next_page(
        warehouse, subdivision, heading, value):
    """Regression: a section heading printed last on its page was left empty and the text
    the next page opens with went to the section before it."""
    rows = warehouse.execute(
        "SELECT value FROM card_fields WHERE subdivision_id = ? AND label = ?",
        [subdivision, heading]).fetchall()
    assert [r[0].split("\n")[0] for r in rows] == [value]


def test_values_carry_no_list_marks_markup_or_broken_words(warehouse):
    values = [v for (v,) in warehouse.execute(
        "SELECT value FROM card_fields WHERE doc_id = ? AND value IS NOT NULL", [DOC]
    ).fetchall()]
    items = [item for value in values for item in value.split("\n")]
    assert len(items) == 1394
    assert [i for i in items if is_bullet(i.split(" ", 1)[0]) or i[:1] in "•●○■▪☐➤*"] == []
    assert [i for i in items if re.search(r"<[a-z/]|\*\*|[^\W\d]- [^\W\d]|\xad", i)] == []
    assert [i for i in items if i != " ".join(i.split())] == []
    # A list printed in a cell keeps one item per line (Reims' CHU composition, '☐' marks).
    reims = warehouse.execute(
        "SELECT value FROM card_fields WHERE subdivision_id = 'reims' AND doc_id = ? "
        "AND label = 'Composition du service' ORDER BY ordinal LIMIT 1", [DOC]).fetchall()[0][0]
    assert reims.split("\n")[:2] == [
        "Un secteur d'hospitalisation conventionnelle (HC) : 21 lits répartis entre 3 à 4 "
        "internes.",
        "Un secteur d'hospitalisation de jour (HDJ) , entre 10-14 patients par jour : 1 à 2 "
        "internes."]


IDF_HEADS = [
    ("Ambroise Paré (Boulogne Billancourt 92)", "Maxime Breban", "maxime.breban@aphp.fr"),
    ("Avicenne (93)", "Pr Marie-Christophe Boissier", None),
    ("Bicêtre (94)", "Pr Mariette", "xavier.mariette@aphp.fr"),
    ("BICHAT", "Pr Philippe Dieudé", "philippe.dieude@aphp.fr"),
    ("LARIBOISIÈRE", "Pr Pascal Richette", "pascal.richette@aphp.fr"),
    ("Mondor (94)", "Pr Pascal Claudepierre", "pascal.claudepierre@aphp.fr"),
    ("Pitié Salpêtrière (75)", "Pr Bruno Fautrel", "bruno.fautrel@aphp.fr"),
    ("COCHIN", "Pr Allanore", "yannick.allanore@aphp.fr"),
    ("Saint Antoine (75)", "Pr Francis Berenbaum", "francis.berenbaum@aphp.fr"),
    ("Centre Hospitalier Sud-Francilien (91)", "Dr Pascal Hilliquin", "pascal.hilliquin@chsf.fr"),
    ("Pontoise (95)", "Dr CERF-PAYRASTRE ISABELLE", "isabelle.cerf-paysatre@ght-novo.fr"),
    ("Saint Joseph (75)", "Dr Gilles Hayem", "ghayem@hpsj.fr"),
    ("Croix St Simon [75]", "Dr CHAZERAIN", "pchazerain@hopital-dcss.org"),
    ("BEGIN (94)", "Dr BIALE", None),
]


def test_idf_hospital_cards_and_their_heads(warehouse):
    services = warehouse.execute(
        "SELECT hospital_name FROM services WHERE subdivision_id = 'ile-de-france' "
        "AND kind = 'hospital' ORDER BY ordinal").fetchall()
    assert [s[0] for s in services] == [h[0] for h in IDF_HEADS]
    heads = warehouse.execute(
        "SELECT organization, name, email FROM contacts WHERE subdivision_id = 'ile-de-france' "
        "AND lower(role) = 'chef de service' AND doc_id = ?", [DOC]).fetchall()
    assert sorted(heads) == sorted(IDF_HEADS)
    fields = warehouse.execute(
        "SELECT count(*), count(DISTINCT service) FROM card_fields "
        "WHERE subdivision_id = 'ile-de-france' AND service IS NOT NULL").fetchall()
    assert fields == [(109, 14)]


def test_heads_named_before_their_role(warehouse):
    heads = warehouse.execute(
        "SELECT subdivision_id, name, role, organization FROM contacts WHERE doc_id = ? "
        "AND subdivision_id <> 'ile-de-france' AND lower(role) LIKE 'chef%de service' "
        "ORDER BY page, name", [DOC]).fetchall()
    assert ("besancon", "Pr PRATI", "chef de service", "Service de rhumatologie au CHU") in heads
    assert ("lille", "Dr TAISNE", "chef de service", "Valenciennes") in heads
    assert ("bordeaux", "Dr Hourdillé", "Cheffe de service", "Bayonne") in heads
    assert ("tours", "Dr Isabelle Griffoul", "Cheffe de service",
            "Service de rhumatologie au CHU") in heads
    assert len(heads) == 15


def test_services_numbers_only_when_stated_plainly(warehouse):
    rows = {r[0]: r[1:] for r in warehouse.execute(
        "SELECT hospital_name, kind, beds, resident_posts_min, resident_posts_max FROM services "
        "WHERE subdivision_id IN ('dijon', 'besancon')").fetchall()}
    assert rows["CH Chalon"] == ("peripheral", 8, 1, 2)
    assert rows["CH Mâcon"] == ("peripheral", None, 2, 2)  # 18 + 3 beds: not one number
    assert rows["Stage en rhumatologie libérale"] == ("private_practice", None, None, None)
    # Besançon's CHU: '5 à 6 internes par semestre dont …' is not a plain number.
    besancon = warehouse.execute(
        "SELECT kind, beds, resident_posts_min FROM services WHERE subdivision_id = 'besancon' "
        "AND ordinal = 1").fetchall()
    assert besancon == [("chu", 14, None)]


def test_every_card_but_idf_describes_its_chu_departments(warehouse):
    kinds = dict(warehouse.execute(
        "SELECT kind, count(*) FROM services WHERE doc_id = ? GROUP BY kind", [DOC]).fetchall())
    assert kinds == {"chu": 31, "hospital": 14, "peripheral": 59, "private_practice": 18}
    without_chu = warehouse.execute(
        "SELECT subdivision_id FROM city_cards EXCEPT "
        "SELECT subdivision_id FROM services WHERE kind = 'chu'").fetchall()
    assert without_chu == [("ile-de-france",)]
    lyon = warehouse.execute(
        "SELECT hospital_name, beds, resident_posts_min FROM services "
        "WHERE subdivision_id = 'lyon' AND kind = 'chu' ORDER BY ordinal").fetchall()
    assert lyon == [("EDOUARD HERRIOT", 19, None), ("LYON SUD", 22, 4)]


ADDRESSES = {
    None: ["sectionref@gmail.com"],
    "besancon": ["cprati@chu-besancon.fr", "achille70.bo@gmail.com"],
    "dijon": ["heitz.julia@gmail.com"],
    "nancy": ["referents.rhumatologie.nancy@gmail.com"],
    "reims": ["bruno-werts@chu-reims.fr"],
    "strasbourg": ["rhumato.strasbourg@gmail.com"],
    "ile-de-france": [
        "corinne.miceli@aphp.fr", "marion.pinchemel@outlook.fr", "kimdolium@outlook.com",
        "maxime.breban@aphp.fr", "johanna.sigaux@aphp.fr", "sophie.derolez@aphp.fr",
        "xavier.mariette@aphp.fr", "philippe.dieude@aphp.fr", "pascal.richette@aphp.fr",
        "pascal.claudepierre@aphp.fr", "bruno.fautrel@aphp.fr", "yannick.allanore@aphp.fr",
        "francis.berenbaum@aphp.fr", "pascal.hilliquin@chsf.fr",
        "isabelle.cerf-paysatre@ght-novo.fr", "ghayem@hpsj.fr", "pchazerain@hopital-dcss.org"],
    "amiens": ["vincent.goeb@chu-amiens.fr", "laurine.macaire@chu-amiens.fr"],
    "lille": ["victoria_h@outlook.fr", "enguerand.duponchelle@gmail.com"],
    "caen": ["quentinjansseune@gmail.com"],
    "rouen": ["felicie.verdier@gmail.com"],
    "angers": ["e.monnier1006@gmail.com"],
    "nantes": ["benoit.legoff@chu-nantes.fr", "referent.rhumato@gmail.com"],
    "brest": ["alain.saroux@chu-brest.fr", "valerie.devauchelle-pensec@chu-brest.fr",
              "baptchevet@gmail.com", "raphael.auffret3@gmail.com"],
    "rennes": ["pascal.guggenbuhl@chu-rennes.fr", "rhumato.referent.rennes@gmail.com"],
    "tours": ["claire.dechristen@gmail.com"],
    "bordeaux": ["marie-elise.truchetet@chu-bordeaux.fr", "referent.rhumato.bordeaux@gmail.com"],
    "limoges": ["pascale.vergne-salle@chu-limoges.fr", "tloupret@gmail.com"],
    "poitiers": ["elisabeth.gervais@chu-poitiers.fr", "vboimare@gmail.com"],
    "clermont-ferrand": ["fbadaire@chu-clermontferrand.fr"],
    "grenoble": ["jeaboubert@free.fr", "selina.hanna@hotmail.fr"],
    "lyon": ["roland.chapurlat@chu-lyon.fr", "pauline.shang@chu-lyon.fr"],
    "saint-etienne": ["thierry.thomas@chu-st-etienne.fr", "melanie.delphine.tran@gmail.com",
                      "morgane.jerum@gmail.com"],
    "marseille": ["juliette.marin@ap-hm.fr", "elisa.daniel@ap-hm.fr"],
    "nice": ["joanag06@aol.com"],
    "toulouse": ["constantin.a@chu-toulouse.fr", "josephineraguenez@gmail.com"],
    "montpellier": ["j-morel@chu-montpellier.fr", "rhumatologie@silr.fr"],
    "antilles-guyane": ["illitch.cocoviloin@gmail.com"],
    "ocean-indien": ["mariealicebeillard@gmail.com"],
}


def test_every_address_of_the_guide_is_a_contact_of_its_subdivision(warehouse, sfr):
    # An address broken after a hyphen at the end of a line ('…@ght-' / 'novo.fr)') is
    # read with its lines glued, as a reader does.
    printed = {e for page in sfr.pages
               for e in emails(re.sub(r"-\n", "-", page.text).replace("\n", " "))}
    expected = {e: sub for sub, addresses in ADDRESSES.items() for e in addresses}
    assert printed == set(expected)
    contacts = warehouse.execute(
        "SELECT email, subdivision_id FROM contacts WHERE doc_id = ? AND email IS NOT NULL",
        [DOC]).fetchall()
    assert {e: s for e, s in contacts} == expected


def test_two_people_two_addresses_give_two_rows(warehouse):
    rows = warehouse.execute(
        "SELECT name, role, email FROM contacts WHERE subdivision_id = 'brest' AND doc_id = ? "
        "ORDER BY email", [DOC]).fetchall()
    assert rows == [
        ("Pr Alain Saraux", "Coordinateur du DES", "alain.saroux@chu-brest.fr"),
        ("Baptiste Chevet", "Interne référent", "baptchevet@gmail.com"),
        ("Raphaël Auffret", "Interne référent", "raphael.auffret3@gmail.com"),
        ("Pr Valérie Devauchelle-Pensec", "Coordinateur du DES",
         "valerie.devauchelle-pensec@chu-brest.fr"),
    ]
    shared = warehouse.execute(
        "SELECT name FROM contacts WHERE email = 'referents.rhumatologie.nancy@gmail.com' "
        "AND doc_id = ? ORDER BY name", [DOC]).fetchall()
    assert shared == [("FAVRE-FELIX Inès",), ("GENOT Julie",)]


def test_ref_bureau(warehouse):
    rows = warehouse.execute(
        "SELECT name, role, subdivision_id FROM contacts WHERE doc_id = ? AND page = 5 "
        "AND name IS NOT NULL ORDER BY name", [DOC]).fetchall()
    assert rows == [
        ("Arthur DOLLINGER", "Communication et internat", "besancon"),
        ("Charlotte JAUFFRET", "Formation, évènementiel", "lille"),
        ("Cécile PHILIPPOTEAUX", "Secrétaire Générale", "lille"),
        ("Ekaterina SHULENINA", "Formation, évènementiel", "ile-de-france"),
        ("Margaux MORET", "Présidente", "nancy"),
        ("Maëva MASSON", "Communication et syndicats", "toulouse"),
        ("Théo WIRTH", "Internat et syndicats", "marseille"),
    ]


def test_posts_check_puts_rank_table_beside_card(warehouse):
    rows = warehouse.execute(
        "SELECT subdivision_id, rank_table_posts, city_card_posts, disagrees, status "
        "FROM posts_check WHERE status IN ('agree', 'disagree') ORDER BY 1").fetchall()
    assert rows == [("besancon", 2, 2, False, "agree"), ("saint-etienne", 2, 2, False, "agree")]
    clermont = warehouse.execute(
        "SELECT year, city_card_posts, disagrees, status FROM posts_check "
        "WHERE subdivision_id = 'clermont-ferrand' ORDER BY year").fetchall()
    assert clermont == [(2021, None, None, "card not a number"),
                        (2024, None, None, "rank table only")]
    counts = dict(warehouse.execute(
        "SELECT status, count(*) FROM posts_check GROUP BY status").fetchall())
    assert counts == {"agree": 2, "card not a number": 1, "city card only": 25,
                      "rank table only": 26}


def _tokens(text: str | None) -> list[str]:
    return re.findall(r"\w+", text or "")


def _card_words(sfr, starts: list[tuple[int, float]]) -> list[Counter]:
    """Tokens printed from each card's title to the next one, without page numbers and the
    guide's own numbered headings (set larger than any card text)."""
    sizes = Counter(round(w.size, 1) for p in sfr.pages for w in p.words)
    body = sizes.most_common(1)[0][0]
    bounds = [*starts, (len(sfr.pages) + 1, 0.0)]
    counters = []
    for (page, top), end in pairwise(bounds):
        words: list[Word] = [
            w for p in sfr.pages[page - 1:end[0]] for line in p.lines
            if not (line.text.isdigit() and line.top > p.height * 0.9)
            for w in line.words
            if (p.number, w.top) >= (page, top - 1) and (p.number, w.top) < (end[0], end[1] - 1)
            and w.size < body * 1.2 and not is_bullet(w.text)]
        counters.append(Counter(t for w in words for t in _tokens(w.text)))
    return counters


def test_nothing_printed_in_a_card_is_missing(warehouse, sfr):
    cards = warehouse.execute(
        "SELECT subdivision_id, page, title_as_printed FROM city_cards WHERE doc_id = ? "
        "ORDER BY page", [DOC]).fetchall()
    starts = []
    for _, page, title in cards:
        line = next(li for li in sfr.pages[page - 1].lines if li.text == title)
        starts.append((page, line.top))
    printed = _card_words(sfr, starts)
    for (subdivision, _, title), expected in zip(cards, printed, strict=True):
        rows = warehouse.execute(
            "SELECT section, label, value FROM card_fields WHERE doc_id = ? AND "
            "subdivision_id = ? ORDER BY ordinal", [DOC, subdivision]).fetchall()
        got = Counter(_tokens(title))
        previous = object()
        for section, label, value in rows:
            if section != previous or (label == section and value is None):
                got.update(_tokens(section))  # a new section, or its row printed again
                previous = section
            if label != section:
                got.update(_tokens(label))
            got.update(_tokens(value))
        assert got == expected, (subdivision, expected - got, got - expected)


def _w(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, x0 + 6 * len(text), top, top + 10)


def test_reflow_joins_wrapped_lines_and_keeps_list_items():
    words = [_w("•", 10, 0), _w("première", 20, 0), _w("ligne", 80, 0), _w("longue", 120, 0),
             _w("suite", 20, 12), _w("•", 10, 24), _w("second", 20, 24),
             _w("De", 10, 36), _w("la", 30, 36), _w("rhumato-", 100, 36), _w("pédiatrie", 10, 48)]
    assert reflow(words, right=160) == ["première ligne longue suite", "second",
                                        "De la rhumato-pédiatrie"]


def test_items_are_told_apart_by_meaning_and_spacing_not_by_line_breaks():
    """A line in lower case goes on with the item above even after a short line; a line
    set a paragraph's space below a full one opens an item (leading 1.2: lines 12 points
    apart at a 10-point height); a bullet inside a line opens one too."""
    words = [_w("Un", 10, 0), _w("interne", 30, 0),                      # ends short
             _w("volant", 10, 12), _w(":", 60, 12), _w("remplacement", 70, 12),  # full
             _w("Possibilité", 10, 28), _w("de", 90, 28), _w("M2", 110, 28),  # 16 below
             _w("Cours", 10, 40), _w("●", 50, 40), _w("Staff", 62, 40)]
    assert reflow(words, right=160, leading=1.2, spacing=0.15) == [
        "Un interne volant : remplacement", "Possibilité de M2", "Cours", "Staff"]


def test_people_pairs_names_with_their_addresses():
    assert people("A Un : a@x.fr ; B Deux : b@y.fr") == [Person("A Un", "a@x.fr"),
                                                         Person("B Deux", "b@y.fr")]
    assert people("A Un et B Deux (ab@x.fr)") == [Person("A Un", "ab@x.fr"),
                                                   Person("B Deux", "ab@x.fr")]
    assert people("Pr Ornetti (CHU Dijon)") == [Person("Pr Ornetti", None)]
    title = r"(?:Pr|Dr)\.?"
    assert named_before("Dr A B, Pr FLIPO, PUPH, chef de service, Dr C (PH)",
                        "chef de service", title) == [
        ("chef de service", Person("Pr FLIPO", None))]
    assert named_before("Dr Germain PH de rhumato, chef de service", "chef de service",
                        title) == []
    head = re.compile(r"(?i)chef de service\s*:")
    assert named_after("Chef de service : Pr X (x@a.fr) 3 PU-PH", head) == [
        ("Chef de service", Person("Pr X", "x@a.fr"))]


def test_a_dash_after_a_sentence_opens_an_item_and_a_cut_run_of_marks_is_whole():
    """'… libéral. – Stage hors Rhumato' runs two dashed items on in one line (a dash
    inside a sentence stays prose: 'GRC – Épi'); '+' / '++' at a line end is '+++'."""
    words = [_w("libéral.", 10, 0), _w("–", 62, 0), _w("Stage", 72, 0),
             _w("GRC", 10, 12), _w("–", 34, 12), _w("Épi", 46, 12), _w("+", 100, 12),
             _w("++", 10, 24), _w(",", 28, 24)]
    assert reflow(words, right=110) == ["libéral.", "Stage GRC – Épi +++ ,"]


def test_a_slash_reads_the_same_whether_a_line_breaks_after_it_or_not():
    """Regression (2024-b): '2 fois/' at a line end and '2 fois/ mois' in a line are one
    text; a slash with a space before it and the slashes of an address stay as printed."""
    broken = [_w("RCP", 10, 0), _w("2", 40, 0), _w("fois/", 50, 0), _w("mois", 10, 12)]
    inline = [_w("RCP", 10, 0), _w("2", 40, 0), _w("fois/", 50, 0), _w("mois", 84, 0)]
    assert reflow(broken, right=90) == reflow(inline, right=200) == ["RCP 2 fois/mois"]
    assert close_slashes("staff 1 fois / mois, HC/ 3-4 lits") == "staff 1 fois / mois, HC/3-4 lits"
    assert close_slashes("1/ Dossier 48h/ semaine, 1/ 2 journée") == \
        "1/ Dossier 48h/semaine, 1/ 2 journée"
    assert close_slashes("voir www.chu.fr/rhumatologie/ L'hôpital") == \
        "voir www.chu.fr/rhumatologie/ L'hôpital"
    assert clean_cell("2 fois/\nmois") == "2 fois/mois"

