"""The bureau grid of the publishing section, on small document models built in memory."""

from __future__ import annotations

import pytest
from model_pages import document, entry, line, outlined

from pipeline.errors import ContentNotFound
from pipeline.extract import city_cards, ref_bureau
from pipeline.structure.outline import build_outline


def _grid(*people: tuple[str, str, str], top: float = 120.0) -> list:
    """People side by side, each printed as three centred lines: name, role, city."""
    lines = []
    for i, (name, role, city) in enumerate(people):
        x = 60.0 + 170.0 * i
        lines += [line(name, top, x), line(role, top + 13, x), line(city, top + 26, x)]
    return lines


def test_bureau_members_side_by_side_with_their_subdivision():
    page = ([line("Contact : bureau@example.org", 60), line("Le Bureau :", 90, bold=True),
             *_grid(("Anne UNE", "Présidente", "Brest"), ("Paul DEUX", "Trésorier", "Lyon")),
             *_grid(("Léa TROIS", "Secrétaire", "Atlantide"), top=170.0),
             line("Pour nous suivre :", 230, bold=True)], ())
    result = ref_bureau.extract(outlined(page), entry(extractor="ref_bureau",
                                                      publisher="Section"))
    rows = [(r["name"], r["role"], r["subdivision_id"], r["email"], r["organization"])
            for r in result.rows["contacts"]]
    assert rows == [("Anne UNE", "Présidente", "brest", None, "Section"),
                    ("Paul DEUX", "Trésorier", "lyon", None, "Section"),
                    (None, None, None, "bureau@example.org", "Section")]
    assert [(r.record["name"], r.reason) for r in result.rejects] == [
        ("Léa TROIS", "label 'Atlantide' not resolved with confidence (closest 'antilles', "
                      "score 59 < 86 or ambiguous)")]


def test_a_document_without_bureau_or_cards_says_so():
    empty = document(([line("Rien ici", 60)], ()))
    for extractor in (ref_bureau, city_cards):
        with pytest.raises(ContentNotFound):
            extractor.extract(build_outline(empty),
                              entry(extractor=extractor.NAME, specialty="rhumatologie"))
