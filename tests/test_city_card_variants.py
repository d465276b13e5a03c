"""Layout and wording variants of city cards, on small document models built in memory."""

from __future__ import annotations

from pipeline.catalog import Entry
from pipeline.extractors import city_cards
from pipeline.model import Document, Page, Table, Word

BOLD, PLAIN = "Serif-Bold", "Serif"
LEFT, SPLIT, RIGHT = 60.0, 200.0, 540.0


def _words(text: str, x0: float, top: float, font: str) -> list[Word]:
    words, x = [], x0 + 2
    for token in text.split():
        words.append(Word(token, x, x + 5 * len(token), top, top + 9, font, 9.5))
        x += 5 * len(token) + 3
    return words


def _page(number: int, rows: list[tuple[str, ...]]) -> Page:
    """A page with one table: ('Title',) rows span it (bold), ('label', 'value') rows don't;
    a value's lines are separated by '\\n'."""
    words: list[Word] = []
    boxes = []
    top = 60.0
    for row in rows:
        lines = row[-1].split("\n")
        bottom = top + 12 * len(lines) + 4
        if len(row) == 1:
            words += _words(row[0], LEFT, top + 2, BOLD)
            boxes.append(((LEFT, top, RIGHT, bottom), None))
        else:
            words += _words(row[0], LEFT, top + 2, BOLD)
            for i, line in enumerate(lines):
                words += _words(line, SPLIT, top + 2 + 12 * i, PLAIN)
            boxes.append(((LEFT, top, SPLIT, bottom), (SPLIT, top, RIGHT, bottom)))
        top = bottom
    texts = tuple(tuple(None for _ in r) for r in rows)
    table = Table(texts, (LEFT, 60.0, RIGHT, top), cells=tuple(boxes))
    return Page(number, 595.0, 842.0, tuple(words), (table,))


def _extract(*pages: list[tuple[str, ...]]):
    document = Document("variant", "variant.pdf", "0" * 64,
                        tuple(_page(n, rows) for n, rows in enumerate(pages, start=1)))
    entry = Entry(doc_id="variant", file="variant.pdf", publisher="p", title="t",
                  edition_year=2026, extractors=("city_cards",), specialty="rhumatologie")
    return city_cards.extract(document, entry)


def test_edn_wording_plural_referents_and_a_card_broken_over_two_pages():
    result = _extract(
        [("NANTES (mis à jour 2026)",), ("Nombre de postes EDN 2025", "4"),
         ("Coordinatrice du DES", "Pr Une PERSONNE (une.personne@chu-nantes.fr)"),
         ("Internes référentes", "A Un et B Deux : ref@x.fr"),
         ("Service de rhumatologie au CHU",), ("Composition du service", "12 lits"),
         ("Organisation du service", "• première visite\n• seconde")],
        [("", "• troisième"), ("Rhumatologie en périphérie",), ("Service", "CH Ailleurs"),
         ("Nombre d'internes", "1 à 2")])
    card = result.rows["city_cards"][0]
    assert (card["subdivision_id"], card["updated_year"], card["posts_year"], card["posts"]) \
        == ("nantes", 2026, 2025, 4)
    assert card["coordinator"] == "Pr Une PERSONNE (une.personne@chu-nantes.fr)"
    fields = result.rows["card_fields"]
    organisation = next(f for f in fields if f["label"] == "Organisation du service")
    assert organisation["value"] == "première visite\nseconde\ntroisième"
    assert [f["service"] for f in fields][-2:] == ["CH Ailleurs", "CH Ailleurs"]
    people = {(c["name"], c["role"], c["email"]) for c in result.rows["contacts"]}
    assert people == {("Pr Une PERSONNE", "Coordinatrice du DES", "une.personne@chu-nantes.fr"),
                      ("A Un", "Internes référentes", "ref@x.fr"),
                      ("B Deux", "Internes référentes", "ref@x.fr")}
    services = [(s["kind"], s["hospital_name"], s["beds"], s["resident_posts_min"],
                 s["resident_posts_max"]) for s in result.rows["services"]]
    assert services == [("chu", "Service de rhumatologie au CHU", 12, None, None),
                        ("peripheral", "CH Ailleurs", None, 1, 2)]


def test_a_title_without_update_year_and_an_unknown_city():
    result = _extract([("RENNES",), ("Nombre de postes ECN 2024", "trois ou quatre"),
                       ("ATLANTIS (mise à jour 2024)",), ("Coordinateur du DES", "Pr X")])
    card = result.rows["city_cards"][0]
    assert (card["subdivision_id"], card["updated_year"], card["posts"]) == ("rennes", None, None)
    assert result.rows["posts"][0]["raw_text"] == "trois ou quatre"
    # Only the posts row of the three headline rows is printed: a third of them.
    assert [round(r.confidence, 2) for r in result.reports] == [0.33]
    assert [(r.table_name, r.record.get("title_as_printed"), r.record.get("value"))
            for r in result.rejects] == [("city_cards", "ATLANTIS (mise à jour 2024)", None),
                                         ("card_fields", None, "Pr X")]
    assert result.rejects[0].reason.startswith("label 'atlantis' not resolved")
