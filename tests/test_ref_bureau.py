"""The bureau grid of the publishing section: small document models built in memory, and
the 2024-b rendering of the rheumatology guide."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from model_pages import document, entry, line, outlined

from pipeline.errors import ContentNotFound
from pipeline.extract import city_cards, ref_bureau
from pipeline.pdf.loader import parse_pages
from pipeline.pdf.model import Document
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


def _centred(*people: tuple[str, ...], top: float = 120.0) -> list:
    """People side by side, each a stack of lines centred on one axis."""
    return [line(text, top + 13 * i, 120.0 + 170.0 * column - len(text) * 2.5)
            for column, stack in enumerate(people) for i, text in enumerate(stack)]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2)])
def test_bureau_fields_read_in_any_order_with_a_wrapped_role(order):
    people = [("Anne UNE", ("Communication et", "syndicats"), "Brest"),
              ("Paul DEUX", ("Trésorier",), "Lyon"), ("Léa TROIS", ("Secrétaire",), "Nancy")]
    stacks = []
    for name, role, city in people:
        fields = ((name,), role, (city,))
        stacks.append(tuple(text for i in order for text in fields[i]))
    page = ([line("Le Bureau :", 90, bold=True), *_centred(*stacks),
             line("Pour nous suivre :", 230, bold=True)], ())
    result = ref_bureau.extract(outlined(page), entry(extractor="ref_bureau"))
    assert [(r["name"], r["role"], r["subdivision_id"]) for r in result.rows["contacts"]] == [
        ("Anne UNE", "Communication et syndicats", "brest"), ("Paul DEUX", "Trésorier", "lyon"),
        ("Léa TROIS", "Secrétaire", "nancy")]


def test_the_bureau_of_the_2024_b_rendering_gives_the_canonical_contacts():
    """Another typesetting: a role wrapped over two lines, the last person alone on the
    last row, the section's address printed on the page before the bureau."""
    root = Path(__file__).resolve().parents[1]
    pdf = root / "tests" / "data" / "2024-b" / "sfr-rhumatologie-2024.pdf"
    pages = tuple(parse_pages(pdf, range(1, 8)))
    doc = Document("sfr-rhumatologie-2024", str(pdf), "0" * 64, pages)
    sfr = entry("sfr-rhumatologie-2024", "ref_bureau",
                "Société française de rhumatologie, section REF", "rhumatologie")
    found = ref_bureau.extract(build_outline(doc), sfr)
    columns = ["name", "role", "organization", "subdivision_id", "email"]
    got = sorted(tuple("" if r[c] is None else r[c] for c in columns)
                 for r in found.rows["contacts"])
    snapshot = pd.read_csv(root / "extracted" / "tables" / "contacts.csv", dtype=str,
                           keep_default_na=False)
    canonical = snapshot[(snapshot["doc_id"] == "sfr-rhumatologie-2024")
                         & (snapshot["organization"] == sfr.publisher)]
    assert got == sorted(map(tuple, canonical[columns].to_numpy().tolist()))
    assert ("Maëva MASSON", "Communication et syndicats", sfr.publisher, "toulouse", "") in got


def test_the_last_person_alone_below_a_row_of_photos_is_in_the_grid():
    """Photos are images, not text: between two rows of captions lies the room of the next
    row's portraits, taller than a caption. The person alone on the last row stays one."""
    first = _centred(("Anne UNE", "Présidente", "Brest"), ("Paul DEUX", "Trésorier", "Lyon"))
    last = _centred(("Léa TROIS", "Secrétaire", "Nancy"), top=120.0 + 26 + 10 + 90)
    page = ([line("Le Bureau :", 20, bold=True), *first, *last], ())
    result = ref_bureau.extract(outlined(page), entry(extractor="ref_bureau"))
    assert [(r["name"], r["subdivision_id"]) for r in result.rows["contacts"]] == [
        ("Anne UNE", "brest"), ("Paul DEUX", "lyon"), ("Léa TROIS", "nancy")]
