"""Document series: one name for a guide across its editions, derived unless given."""

from __future__ import annotations

import pytest

from pipeline.series import doc_id_of, series_of


@pytest.mark.parametrize("publisher, title, specialty, series", [
    ("Société française de rhumatologie, section REF",
     "Choisir la rhumatologie après l'EDN (3e édition)", "rhumatologie", "sfr-rhumatologie"),
    ("ARS Auvergne-Rhône-Alpes", "Bienvenue aux nouveaux internes", None,
     "ars-ara-bienvenue-nouveaux-internes"),
    ("SRP-IMG", "Néo-internes : l’internat de médecine générale – 2024", None,
     "srp-img-neo-internes-internat-medecine"),
    ("Collège national des enseignants de rhumatologie", "Guide 2025 (4e édition)", None,
     "cner-guide"),
    ("Test", "Guide", "rhumatologie", "test-rhumatologie"),
])
def test_series_is_derived_from_publisher_and_specialty_or_title(publisher, title, specialty,
                                                                 series):
    assert series_of(publisher, title, specialty) == series


def test_the_edition_number_and_year_of_a_title_do_not_change_the_series():
    assert series_of("ISNAR-IMG", "Guide de l'internat 2024 (3e édition, mise à jour)", None) \
        == series_of("ISNAR-IMG", "Guide de l'internat – 2025 – 4e édition", None) \
        == "isnar-img-guide-internat"
    assert doc_id_of("isnar-img-guide-internat", 2025) == "isnar-img-guide-internat-2025"


def test_the_warehouse_records_each_documents_series(warehouse):
    assert warehouse.execute("SELECT doc_id, series FROM documents ORDER BY 1").fetchall() == [
        ("ars-ara-accueil-internes", "ars-ara-accueil-internes"),
        ("isnar-img-guide-mg", "isnar-img-guide-mg"),
        ("sfr-rhumatologie-2024", "sfr-rhumatologie"),
        ("srp-img-neo-internes-2024", "srp-img-neo-internes"),
        ("syrc-img-formation-pratique", "syrc-img-formation-pratique")]
