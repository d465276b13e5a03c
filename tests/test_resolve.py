"""Name resolution: aliases, spelling variants, and no guess under the threshold."""

from __future__ import annotations

import pytest

from pipeline.parse.resolve import normalise, subdivision_resolver
from pipeline.structure.outline import build_outline


@pytest.mark.parametrize("label, expected", [
    ("Paris IDF", "ile-de-france"), ("Paris", "ile-de-france"),
    ("Aix-Marseille", "marseille"), ("Montpellier-Nîmes", "montpellier"),
    ("Martinique-Guadeloupe", "antilles-guyane"), ("Océan Indien", "ocean-indien"),
    ("OCEAN INDIEN", "ocean-indien"), ("St-Etienne", "saint-etienne"),
    ("ST ÉTIENNE", "saint-etienne"), ("Clermont Ferrand", "clermont-ferrand"),
    ("Besancon", "besancon"), ("Strasbourgh", "strasbourg"), ("Lorraine", "nancy"),
    ("Limousin", "limoges"), ("La Réunion", "ocean-indien"),
])
def test_known_labels_resolve(label, expected):
    assert subdivision_resolver().resolve(label).id == expected


@pytest.mark.parametrize("label", ["Atlantis", "Bretagne", "Pays de la Loire", "", "2024"])
def test_nonsense_or_ambiguous_labels_are_not_guessed(label):
    match = subdivision_resolver().resolve(label)
    assert match.id is None
    assert label in match.reason


def test_unresolved_rank_row_goes_to_rejects_with_its_reason():
    from pipeline.catalog import Entry
    from pipeline.extract import rank_limits
    from pipeline.pdf.model import Document, Page, Table

    rows = (("Ville\\Année", "2022", "2023", "2024"), ("Atlantis", "10", "20", "3"),
            ("Lyon", "4057", "4014", "2"))
    page = Page(1, 600, 800, (), (Table(rows, (0, 0, 600, 800)),))
    entry = Entry("d", "d.pdf", "p", "t", 2024, ("rank_limits",), "rhumatologie")
    result = rank_limits.extract(build_outline(Document("d", "d.pdf", "0" * 64, (page,))), entry)
    assert [r.record["label_as_printed"] for r in result.rejects] == ["Atlantis"]
    assert "Atlantis" in result.rejects[0].reason
    assert [(r["subdivision_id"], r["year"]) for r in result.rows["rank_limits"]] == [
        ("lyon", 2022), ("lyon", 2023), ("lyon", 2024)]


def test_normalise_folds_case_accents_and_abbreviations():
    assert normalise("St-Étienne") == normalise("SAINT ETIENNE") == "saint etienne"
