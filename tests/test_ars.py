"""The ARS Auvergne-Rhône-Alpes slides: student-health services, staff, referents, office."""

from __future__ import annotations

import re

import pytest
from model_pages import entry, line, outlined, printed

from pipeline.extract import ars
from pipeline.parse.contact_info import phones
from pipeline.pdf.model import Table
from pipeline.structure.tables import clean_cell

DOC = "ars-ara-accueil-internes"
ARS = "ARS Auvergne-Rhône-Alpes"


@pytest.fixture(scope="module")
def ars_document(parsed_document):
    return parsed_document(DOC)


def contacts(warehouse, where: str = "TRUE", params: tuple = ()) -> list[tuple]:
    return warehouse.execute(
        f"SELECT name, role, organization, subdivision_id, email, phone, scope, page "
        f"FROM contacts WHERE doc_id = ? AND {where} ORDER BY ALL", [DOC, *params]).fetchall()


def test_one_support_row_per_table_row_on_each_city_page(warehouse):
    assert warehouse.execute(
        "SELECT page, count(*), count(subdivision_id) FROM support_services WHERE doc_id = ? "
        "GROUP BY page ORDER BY page", [DOC]).fetchall() == [
        (12, 8, 6), (13, 8, 6), (14, 11, 9), (15, 6, 6)]


def test_support_rows_keep_the_printed_cells(warehouse):
    rows = warehouse.execute(
        "SELECT subdivision_id, level_as_printed, contact_raw, structure FROM support_services "
        "WHERE doc_id = ? AND device = ? ORDER BY page",
        [DOC, "Cellule d'aide aux étudiants en difficulté"]).fetchall()
    assert rows == [("clermont-ferrand", "Clermont-Ferrand",
                     "04 73 17 81 12 ou 04 73 75 04 43 / caed.medecine@uca.fr",
                     "UFR médecine et des professions paramédicales")]
    assert warehouse.execute(
        "SELECT subdivision_id, contact_raw FROM support_services WHERE doc_id = ? "
        "AND device = 'Service de médecine du travail CHU' ORDER BY page", [DOC]).fetchall() == [
        ("clermont-ferrand", "04 73 75 48 60"), ("grenoble", "04 76 76 51 23"),
        ("lyon", "04 78 86 12 05"),
        ("saint-etienne", "04 77 82 83 25 santetravail.secretariat01@chu-st-etienne.fr")]


def test_region_rows_have_no_subdivision_and_keep_their_level(warehouse):
    assert warehouse.execute(
        "SELECT DISTINCT level_as_printed, subdivision_id, device FROM support_services "
        "WHERE doc_id = ? AND subdivision_id IS NULL ORDER BY device", [DOC]).fetchall() == [
        ("Région ARA", None, "APSYTUDE"),
        ("Région ARA", None, "ASRA (Aide aux soignants d'Auvergne-Rhône-Alpes)")]


def test_a_two_city_level_belongs_to_the_city_of_its_table(warehouse):
    assert warehouse.execute(
        "SELECT page, subdivision_id, level_as_printed FROM support_services WHERE doc_id = ? "
        "AND device LIKE 'Nightline Lyon%' ORDER BY page", [DOC]).fetchall() == [
        (14, "lyon", "Lyon / Saint-Etienne"), (15, "saint-etienne", "Lyon / Saint-Etienne")]


def test_each_phone_and_address_of_a_cell_is_a_contact_row(warehouse):
    got = contacts(warehouse, "name = ?", ("Cellule d'aide aux étudiants en difficulté",))
    assert [(r[3], r[4], r[5]) for r in got] == [
        ("clermont-ferrand", "caed.medecine@uca.fr", None),
        ("clermont-ferrand", None, "+33473178112"),
        ("clermont-ferrand", None, "+33473750443")]
    assert {r[2] for r in got} == {"UFR médecine et des professions paramédicales"}
    apsytude = contacts(warehouse, "name = 'APSYTUDE'")
    assert {(r[3], r[4], r[5], r[7]) for r in apsytude} == {
        (None, "apsytude@gmail.com", None, page) for page in (12, 13, 14)} | {
        (None, None, "+33627869183", page) for page in (12, 13, 14)}


def test_addresses_broken_over_two_lines_are_rejoined(warehouse):
    got = {r[4] for r in contacts(warehouse, "email IS NOT NULL")}
    assert {"abaillet@chu-grenoble.fr", "mtleccia@chu-grenoble.fr",
            "cellule-harcelementsexuel@uca.fr",
            "alerte-violences-sexuelles-sexistes@univ-grenoble-alpes.fr",
            "egalite-femmes-hommes@univ-st-etienne.fr"} <= got


def test_the_internship_office_phone_and_address(warehouse):
    assert contacts(warehouse, "name IS NULL") == [
        (None, None, ARS, None, "ars-ara-dos-internat@ars.sante.fr", None, None, 15),
        (None, None, ARS, None, None, "+33472347400", None, 15)]


def test_staff_with_their_roles(warehouse):
    assert contacts(warehouse, "role <> 'Référent' AND organization = ?", (ARS,)) == [
        ("Aurore LEVE", "Chargée de mission – référente Démographie", ARS, None, None, None,
         None, 15),
        ("Célia PACULL", "Chargée de mission – référente Docteurs Juniors", ARS, None, None,
         None, None, 15),
        ("Dr Sophie GEHIN", "Responsable du pôle formation", ARS, None, None, None, None, 15),
        ("Hélène DOUMAYROU", "Responsable de l'internat", ARS, None, None, None, None, 15)]


def test_referents_one_row_per_person_and_subdivision(warehouse):
    got = [(r[0], r[3], r[6]) for r in contacts(warehouse, "role = 'Référent'")]
    assert got == [
        ("Cindy ROBERT", "lyon", "spécialités autres que MG"),
        ("Cindy ROBERT", "saint-etienne", "spécialités autres que MG"),
        ("Claudine JOUZEAU", "lyon", "MG Pharmacie-Biologie Odontologie"),
        ("Hugo TALLET", "lyon", "spécialités autres que MG"),
        ("Hugo TALLET", "saint-etienne", "spécialités autres que MG"),
        ("Marion BUSLOT", "clermont-ferrand", None),
        ("Sylvette FERRY", "grenoble", None),
        ("Sylvette FERRY", "saint-etienne", "MG")]


def test_every_address_and_number_printed_is_a_contact(warehouse, ars_document):
    got = contacts(warehouse)
    addresses = {r[4] for r in got if r[4]}
    # A word holding '@' is a whole address or the part of one left on its line.
    pieces = {w.text for page in ars_document.pages for w in page.words if "@" in w.text}
    assert len(pieces) == len(addresses) == 28
    for piece in pieces:
        assert len([a for a in addresses if piece.lower() in a]) == 1, piece
    assert printed(ars_document, phones) == {r[5] for r in got if r[5]}
    assert len({r[5] for r in got if r[5]}) == 14


def test_people_and_covered_subdivisions_split_a_cell():
    assert ars.names_in_cell("Cindy ROBERT Hugo TALLET") == ["Cindy ROBERT", "Hugo TALLET"]
    assert ars.names_in_cell("Dr Sophie GEHIN") == ["Dr Sophie GEHIN"]
    assert [(c.subdivision_id, c.scope) for c in ars.covered_subdivisions(
        "Grenoble Saint-Etienne (MG)")] == [("grenoble", None), ("saint-etienne", "MG")]
    assert ars.covered_subdivisions("Pharmacie Odontologie") == []


def _support_page(*rows: tuple[str, str, str, str]):
    header = ("Niveau\nd'intervention", "Dispositif", "Contact", "Structure / Institution")
    lines = [line("Dispositifs pour la santé des étudiants – Grenoble", 30, bold=True, size=20)]
    return lines, (Table((header, *rows), (40.0, 80.0, 900.0, 300.0)),)


def test_unresolved_or_ambiguous_levels_go_to_rejects():
    result = ars.extract(outlined(_support_page(
        ("Grenoble", "SOS", "sos@x.fr", "Union"),
        ("Gotham", "Batline", "01 23 45 67 89", "Wayne"),
        ("Lyon / Saint-Etienne", "Nightline", "04 85 30 00 10", "Asso"),
        ("Région ARA", "ASRA", "0805 620 133", "CROM"))), entry(extractor="ars", publisher=ARS))
    assert [(r["device"], r["subdivision_id"]) for r in result.rows["support_services"]] == [
        ("SOS", "grenoble"), ("ASRA", None)]
    reasons = {r.record["device"]: r.reason for r in result.rejects}
    assert re.search(r"'Gotham' (matches no|not resolved)", reasons["Batline"])
    assert "none is the table's city 'Grenoble'" in reasons["Nightline"]
    assert [r.page for r in result.rejects] == [1, 1]
    assert result.reports[0].confidence == 0.5
    assert {r.get("phone") or r.get("email") for r in result.rows["contacts"]} == {
        "sos@x.fr", "+33805620133"}


def test_cells_rejoin_words_broken_after_a_hyphen():
    assert clean_cell("mtleccia@chu-grenoble.fr / abaillet@chu-\ngrenoble.fr") == (
        "mtleccia@chu-grenoble.fr / abaillet@chu-grenoble.fr")
    assert clean_cell("Lyon / Saint-\nEtienne") == "Lyon / Saint-Etienne"
    assert clean_cell("06 27 86 91 83 -\napsytude@gmail.com") == (
        "06 27 86 91 83 - apsytude@gmail.com")
