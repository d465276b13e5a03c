"""Label wording by category: one normalisation rule (`labels.key`, driven by wording.csv)
folds every spelling of a category onto one form, so the labels CSVs hold one pattern per
wording. Each category is checked on the key, then on a real concept it must match."""

from __future__ import annotations

import pytest

from pipeline.parse.labels import key, match


@pytest.mark.parametrize(("printed", "folded"), [
    ("Interne(s) référent(s)", "interne referent"),
    ("Référent(e)", "referent"),
    ("Référent(e)(s)", "referent"),
    ("Référent(e)s internes", "referent internes"),
    ("Coordinateur(rice) du DES", "coordinateur du des"),
    ("Président·e·s", "president"),
    ("Président·es", "president"),
    ("Interne·s", "interne"),
    ("Coordinateur·rice·s du DES", "coordinateur du des"),
    ("Référent.e.s", "referent"),
    ("référent.e", "referent"),
    ("Référent-e-s", "referent"),
])
def test_inclusive_writing_folds_onto_the_word_it_marks(printed, folded):
    assert key(printed) == folded


@pytest.mark.parametrize(("printed", "folded"), [
    ("BESANÇON (mise à jour 2024)", "besancon mise a jour 2024"),
    ("BESANCON (MISE A JOUR 2024)", "besancon mise a jour 2024"),
    ("Besançon – mise-à-jour : 2024", "besancon mise a jour 2024"),
    ("Besançon (mis à jour 2024)", "besancon mise a jour 2024"),
    ("BESANÇON (MAJ 2024)", "besancon mise a jour 2024"),
    ("Besançon (M.A.J. 2024)", "besancon m a j 2024"),  # not a known spelling: left as is
    ("Besançon (actualisé en 2024)", "besancon mise a jour en 2024"),
    ("Besançon (actualisée le 2024)", "besancon mise a jour le 2024"),
])
def test_update_wording_accents_case_and_hyphens(printed, folded):
    assert key(printed) == folded


@pytest.mark.parametrize(("printed", "folded"), [
    ("Nombre de postes EDN 2025", "nombre de postes ecn 2025"),
    ("Nombre de postes ECNi 2019", "nombre de postes ecn 2019"),
    ("Postes ECN 2024", "postes ecn 2024"),
    ("Tél. :", "telephone"),
    ("Email", "e mail"),
    ("E-mail", "e mail"),
])
def test_exams_abbreviations_and_joined_compounds(printed, folded):
    assert key(printed) == folded


@pytest.mark.parametrize("printed", [
    "Saint-Étienne", "CLERMONT-FERRAND", "Paris", "Nîmes", "n.c.", "Dr. Martin",
    "paul.durand@gmail.com", "Tours (2024)"])
def test_names_and_values_are_only_case_and_accent_folded(printed):
    from pipeline.parse.resolve import normalise

    assert key(printed) == normalise(printed)


@pytest.mark.parametrize(("extractor", "concept", "printed"), [
    ("city_cards", "referent", "Interne référent"),
    ("city_cards", "referent", "Internes référents"),
    ("city_cards", "referent", "Interne référente"),
    ("city_cards", "referent", "Référente interne"),
    ("city_cards", "referent", "Interne(s) référent(s)"),
    ("city_cards", "referent", "Interne·s référent·e·s"),
    ("city_cards", "referent", "Référent.e.s interne.s"),
    ("city_cards", "referent", "INTERNES REFERENTS"),
    ("city_cards", "coordinator", "Coordinatrice du DES"),
    ("city_cards", "coordinator", "Coordinateur·rice du DES"),
    ("city_cards", "coordinator", "Coordonnateur(rice)s locaux du DES"),
    ("city_cards", "head", "Cheffe de service"),
    ("city_cards", "head", "Chef·fe·s de service"),
    ("city_cards", "posts", "Nombre de postes EDN 2025"),
    ("city_cards", "posts", "Postes à l'ECNi 2019"),
    ("isnar", "president", "Président·e"),
    ("isnar", "president", "Présidentes"),
    ("ars", "referent", "Référent(e)s"),
    ("ars", "office_phone", "Tél."),
    ("ars", "office_email", "Email"),
])
def test_each_category_matches_the_concept_it_spells(extractor, concept, printed):
    assert match(extractor, concept, printed), (printed, key(printed))


@pytest.mark.parametrize(("printed", "name", "year"), [
    ("BESANÇON (MAJ 2024)", "besancon", "2024"),
    ("Dijon (mis à jour 2023)", "dijon", "2023"),
    ("Amiens (actualisée en 2024)", "amiens", "2024"),
    ("Saint-Étienne – mise-à-jour : 2022", "saint etienne", "2022"),
])
def test_card_titles_keep_the_city_and_the_year(printed, name, year):
    found = match("city_cards", "title", printed)
    assert (found.group("name"), found.group("year")) == (name, year)


def test_a_label_of_another_concept_does_not_match():
    assert match("city_cards", "referent", "Coordinateur(rice) du DES") is None
    assert match("city_cards", "posts", "Nombre de lits 2025") is None
