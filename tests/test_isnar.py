"""ISNAR-IMG guide: subdivision fiches (boxes of the outline) -> unions, hospitals, contacts."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from model_pages import document, entry, monospaced

from pipeline.extract import isnar
from pipeline.pdf.model import Document, Rect
from pipeline.structure.outline import build_outline

DOC = "isnar-img-guide-mg"
# The page's two columns: the left one ends before x=300, the right one starts at x=308.
GUTTER = (300.0, 305.0)


@pytest.fixture(scope="module")
def guide(parsed_document) -> Document:
    """The guide's model, as extractors see it."""
    return parsed_document(DOC)


# (subdivision, acronym, president, e-mail, CHU as printed), copied from the fiches.
UNIONS = [
    ("amiens", "SAPIR-IMG", "Lucile MOGLIA", "president.sapirimg@gmail.com", "AMIENS"),
    ("angers", "IMGA", "Kévin HAMELIN", "faq.imga@gmail.com", "Angers"),
    ("besancon", "SYRC-IMG", "Ilias Oubenaissa", "presidentsyrc@gmail.com", "Besançon"),
    ("bordeaux", "SIMGA", "Roxane BAILLEUL", "33simga@gmail.com", "Bordeaux"),
    ("brest", "MIG-29", "Romain VERDEAU", "migvingtneuf@gmail.com", "Brest"),
    ("caen", "SIMBAN", "Adrien BRUNEL", "evaluationssimban@gmail.com", "Caen"),
    ("dijon", "AJMGB", "Sylvain VERE YCKEN", "ajmgbdijon@gmail.com", "Dijon"),
    ("ile-de-france", "SRP-IMG", "Leila BOUZLAFA", "secretairer@srp-img.com", None),
    ("lille", "AIMGL", "Amaury PRUNAUX-CAZER", "equipe.aimgl@gmail.com", "Lille"),
    ("limoges", "AIMGL", "Romain CAMION", "aimglimoges@gmail.com", "Limoges"),
    ("montpellier", "SILR", "William HAYNES", "contact@silr.fr", "Montpellier et Nîmes"),
    ("ocean-indien", "SIOI-SMG", "Ines LAYATI", "sioi.smg.president@gmail.com",
     "Saint-Denis et Saint-Pierre"),
    ("reims", "AIMEG-Reims", "Margot Moramarco", "aimegca@gmail.com", "Reims"),
    ("rouen", "SIREHN-IMG", "Séverine BRENNAN", "sirehn.img@gmail.com",
     "Rouen, Bois-Guillaume Petit-Quevilly"),
    ("strasbourg", "SAIA", "Hubert WERTH", "contact@saia.alsace", "Strasbourg"),
    ("toulouse", "AIMG-MP", "Elodie ATLAN", "contact@aimg-mp.com", "Toulouse"),
]


def test_every_subdivision_has_its_fiche(warehouse):
    ids = [r[0] for r in warehouse.execute(
        "SELECT DISTINCT subdivision_id FROM unions WHERE doc_id = ? ORDER BY 1",
        [DOC]).fetchall()]
    assert len(ids) == 28


@pytest.mark.parametrize(("subdivision", "acronym", "president", "email", "chu"), UNIONS)
def test_union_fiche(warehouse, subdivision, acronym, president, email, chu):
    rows = warehouse.execute(
        "SELECT name, president, email, chu FROM unions WHERE doc_id = ? "
        "AND subdivision_id = ?", [DOC, subdivision]).fetchall()
    assert rows == [(acronym, president, email, chu)]


def test_union_addresses_and_web_sites(warehouse):
    rows = dict((r[0], r[1:]) for r in warehouse.execute(
        "SELECT subdivision_id, address, website, page FROM unions WHERE doc_id = ?",
        [DOC]).fetchall())
    assert rows["brest"] == ("Faculté de Médecine 22, rue, Camille Desmoulins, 29200 Brest",
                             None, 11)
    assert rows["caen"] == ("Avenue de la Côte de Nacre, 14033 Caen CEDEX 9", "simban.fr", 12)
    assert rows["dijon"][1] == "ajmgb.fr"  # printed "http://ajmgb.fr": scheme dropped
    assert rows["ile-de-france"][:2] == ("96, rue Didot, 75014 Paris", "www.srp-img.com")


def test_antilles_guyane_lists_four_associations_without_president(warehouse):
    rows = warehouse.execute(
        "SELECT name, email, president, address, chu, subdivision_as_printed FROM unions "
        "WHERE subdivision_id = 'antilles-guyane' ORDER BY name").fetchall()
    assert rows == [
        ("AIME", "association.aime972@gmail.com", None, None, None, "Antilles Guyane"),
        ("BIC", "internescaraibes@gmail.com", None, None, None, "Antilles Guyane"),
        ("BIG", "biguyane973@gmail.com", None, None, None, "Antilles Guyane"),
        ("BIG-UP", "asso.bigup@gmail.com", None, None, None, "Antilles Guyane"),
    ]


def hospitals(warehouse, subdivision: str) -> list[tuple[str | None, str]]:
    return warehouse.execute(
        "SELECT departement, town FROM hospitals WHERE doc_id = ? AND subdivision_id = ? "
        "ORDER BY departement, town", [DOC, subdivision]).fetchall()


def test_hospitals_of_brest(warehouse):
    assert hospitals(warehouse, "brest") == [
        ("Côtes d’Armor", "Guingamp"), ("Côtes d’Armor", "Lannion"),
        ("Côtes d’Armor", "Paimpol"), ("Côtes d’Armor", "Tréguier"),
        ("Finistère", "Carhaix"), ("Finistère", "Douarnenez"), ("Finistère", "Landerneau"),
        ("Finistère", "Morlaix"), ("Finistère", "Pont l’Abbé"), ("Finistère", "Quimper"),
        ("Finistère", "Quimperlé"), ("Morbihan", "Caudan"),
    ]


def test_hospitals_of_besancon(warehouse):
    assert hospitals(warehouse, "besancon") == [
        ("Doubs", "Pontarlier"), ("Haute-Saône", "Gray"), ("Haute-Saône", "Vesoul"),
        ("Jura", "Dole"), ("Jura", "Lons-le-Saunier"), ("Territoire de Belfort", "Trévenans"),
    ]


def test_hospitals_of_reims_mend_a_word_broken_at_the_line_end(warehouse):
    assert hospitals(warehouse, "reims") == [
        ("Ardennes", "Charleville-Mézières"), ("Ardennes", "Rethel"), ("Ardennes", "Sedan"),
        ("Aube", "Brienne-le-Château"), ("Aube", "Romilly-sur-Seine"), ("Aube", "Troyes"),
        ("Haute-Marne", "Chaumont"), ("Haute-Marne", "Saint-Dizier"),
        ("Marne", "Châlons-en-Champagne"), ("Marne", "Epernay"), ("Marne", "Reims"),
        ("Marne", "Vitry-le-François"),
    ]


def test_hospitals_of_nice_have_no_departement(warehouse):
    assert hospitals(warehouse, "nice") == [
        (None, "Antibes"), (None, "Bastia"), (None, "Cannes"), (None, "Fréjus"),
        (None, "Grasse"), (None, "Menton"),
    ]


def test_hyphens_at_line_ends_keep_compound_names(warehouse):
    towns = {r[0] for r in warehouse.execute(
        "SELECT town FROM hospitals WHERE subdivision_id IN ('bordeaux', 'toulouse', 'nancy')"
    ).fetchall()}
    assert {"Villeneuve-sur-Lot", "Muret", "Bagnères-de-Bigorre",
            "Freyming-Merlebach"} <= towns
    assert not any(t.endswith("-") or "- " in t for t in towns)


def test_fiche_contacts_carry_president_role_and_association(warehouse):
    rows = warehouse.execute(
        "SELECT name, role, organization, subdivision_id, email, phone, url, page "
        "FROM contacts WHERE doc_id = ? AND email IN (?, ?, ?) ORDER BY email",
        [DOC, "asso.bigup@gmail.com", "crpimg@gmail.com", "sioi.smg.president@gmail.com"]
    ).fetchall()
    assert rows == [
        (None, None, "BIG-UP", "antilles-guyane", "asso.bigup@gmail.com", None, None, 9),
        ("Arthur SOARES", "Président", "CRP-IMG", "poitiers", "crpimg@gmail.com", None,
         "www.crp-img.fr", 20),
        ("Ines LAYATI", "Présidente MG", "SIOI-SMG", "ocean-indien",
         "sioi.smg.president@gmail.com", None, "www.sioi.fr", 19),
    ]


def printed_contacts(document: Document) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(page, e-mail) and (page, phone) as the document's words print them.

    Independent of the extractor: a word 'name@domain.tld' is an e-mail (a social handle
    like '@gpm_fr' is not); five groups of two digits starting with 0 ('01 40 54 54 54')
    are a French phone number.
    """
    mails, tels = set(), set()
    for page in document.pages:
        for word in page.words:
            if re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", word.text.strip(".,;:()")):
                mails.add((page.number, word.text.strip(".,;:()").lower()))
        text = " ".join(w.text for w in page.words)
        for found in re.finditer(r"\b0[1-9](?: \d\d){4}\b", text):
            tels.add((page.number, "+33" + found.group(0).replace(" ", "")[1:]))
    return mails, tels


def test_every_printed_email_and_phone_is_a_contact(guide, warehouse):
    mails, tels = printed_contacts(guide)
    assert len(mails) == 31
    assert tels == {(7, "+33140545454"), (11, "+33140545454")}
    rows = warehouse.execute(
        "SELECT page, email, phone FROM contacts WHERE doc_id = ?", [DOC]).fetchall()
    assert len(rows) == 33  # once each
    assert {(p, e) for p, e, _ in rows if e} == mails
    assert {(p, t) for p, _, t in rows if t} == tels


@pytest.fixture(scope="module")
def outline(guide):
    return build_outline(guide)


def test_no_outline_node_mixes_the_two_columns(guide, outline):
    """Pages 2-24 are set in two columns: no line of any node runs across the gutter, as
    the page's naive lines do (a sentence the column break cuts is joined whole)."""
    body = [n for n in outline.nodes if n.page > 1]
    assert len(body) > 1000
    mixed = [line for page in guide.pages[1:] for line in page.lines
             if len({w.x0 >= GUTTER[1] for w in line.words}) > 1]
    assert len(mixed) > 500  # what the naive lines do, and what the outline avoids
    naive = {line.text for line in mixed}
    assert [text for n in body for text in n.lines if text in naive] == []


def test_the_fiche_of_page_11_is_read_apart_from_the_next_column(guide, outline):
    naive = [line.text for line in guide.pages[10].lines]
    assert "• Côtes d’Armor : Lannion, Guingamp, Atlantique !" in naive
    (fiche,) = [f for f in isnar.fiches(outline) if f.page == 11]
    assert fiche.lines[:4] == ["MIG-29", "Faculté de Médecine 22, rue", "Camille Desmoulins",
                               "29200 Brest"]
    assert [n.text for n in fiche.nodes if n.kind == "list_item"] == [
        "Finistère : Morlaix, Landerneau, Douarnenez, Pont l’Abbé, Quimper, Quimperlé, Carhaix",
        "Côtes d’Armor : Lannion, Guingamp, Paimpol, Tréguier", "Morbihan : Caudan"]
    assert fiche.title == "Brest"


def synthetic_fiche(title: str, chu: str = "Atlantis") -> Document:
    """A one-page guide with one framed fiche (9 pt) and `title` printed under it (9.6 pt)."""
    lines = ["SXYZ-IMG", "1 rue de la Paix", "Présidente :", "bureau@sxyz.fr",
             f"CHU : {chu} / Périphs :", "• Océan : Port-Nord, Port-Sud"]
    printed = [monospaced(text, 44, 50 + row * 11) for row, text in enumerate(lines)]
    page = document(([*printed, monospaced(title, 37, 150, 9.6)], ()), doc_id="fake").pages[0]
    frame = Rect(38.0, 44.0, 300.0, 120.0, stroked=True)
    return Document("fake", "fake.pdf", "0" * 64, (replace(page, rects=(frame,)),))


ENTRY = entry(DOC, "isnar", publisher="ISNAR-IMG", specialty=None)


def test_blank_president_is_null_and_title_resolves():
    result = isnar.extract(build_outline(synthetic_fiche("Bretagne Occidentale")), ENTRY)
    assert result.rejects == []
    assert result.rows["unions"] == [{
        "doc_id": "fake", "page": 1, "name": "SXYZ-IMG", "address": "1 rue de la Paix",
        "president": None, "email": "bureau@sxyz.fr", "website": None, "chu": "Atlantis",
        "subdivision_as_printed": "Bretagne Occidentale", "subdivision_id": "brest"}]
    assert [(r["departement"], r["town"]) for r in result.rows["hospitals"]] == [
        ("Océan", "Port-Nord"), ("Océan", "Port-Sud")]


def test_the_chu_names_the_subdivision_when_the_title_does_not():
    fiche = synthetic_fiche("Pourquoi venir ici ?", chu="Brest")
    result = isnar.extract(build_outline(fiche), ENTRY)
    assert result.rejects == []
    assert [(r["subdivision_id"], r["subdivision_as_printed"])
            for r in result.rows["unions"]] == [("brest", "Brest")]


def test_unknown_subdivision_goes_to_rejects_with_the_reason():
    result = isnar.extract(build_outline(synthetic_fiche("Atlantide")), ENTRY)
    assert "unions" not in result.rows and "hospitals" not in result.rows
    assert {r.table_name for r in result.rejects} == {"unions", "hospitals"}
    assert all("'Atlantide'" in r.reason for r in result.rejects)
    # the e-mail is still a contact, just not tied to a subdivision
    assert [(c["email"], c["organization"], c["subdivision_id"])
            for c in result.rows["contacts"]] == [("bureau@sxyz.fr", "SXYZ-IMG", None)]


def test_a_guide_without_fiche_is_content_not_found():
    from pipeline.errors import ContentNotFound

    empty = document(([monospaced("Éditorial", 37, 50)], ()), doc_id="fake")
    with pytest.raises(ContentNotFound, match="no subdivision fiche"):
        isnar.extract(build_outline(empty), ENTRY)
