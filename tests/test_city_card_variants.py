"""Layout and wording variants of city cards, on small document models built in memory."""

from __future__ import annotations

from model_pages import entry, line, outlined

from pipeline.extract import city_cards
from pipeline.pdf.model import Table, Word

LEFT, SPLIT, RIGHT = 60.0, 200.0, 540.0


def _page(rows: list[tuple[str, ...]]) -> tuple[list[list[Word]], tuple[Table, ...]]:
    """A page with one table: ('Title',) rows span it (bold), ('label', 'value') rows don't;
    a value's lines are separated by '\\n'."""
    lines: list[list[Word]] = []
    boxes = []
    top = 60.0
    for row in rows:
        values = row[-1].split("\n")
        bottom = top + 12 * len(values) + 4
        lines.append(line(row[0], top + 2, LEFT + 2, size=9.5, bold=True))
        if len(row) == 1:
            boxes.append(((LEFT, top, RIGHT, bottom), None))
        else:
            lines += [line(v, top + 2 + 12 * i, SPLIT + 2, size=9.5)
                      for i, v in enumerate(values)]
            boxes.append(((LEFT, top, SPLIT, bottom), (SPLIT, top, RIGHT, bottom)))
        top = bottom
    texts = tuple(tuple(None for _ in r) for r in rows)
    return lines, (Table(texts, (LEFT, 60.0, RIGHT, top), cells=tuple(boxes)),)


def _extract(*pages: list[tuple[str, ...]]):
    return city_cards.extract(outlined(*(_page(rows) for rows in pages)),
                              entry(extractor="city_cards", specialty="rhumatologie"))


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


def test_a_card_with_no_label_value_row_is_rejected_not_dropped():
    result = _extract([("LYON (mise à jour 2024)",)], [("NANTES (mise à jour 2024)",),
                                                       ("Coordinateur du DES", "Pr Y")])
    assert [c["subdivision_id"] for c in result.rows["city_cards"]] == ["nantes"]
    assert [(r.table_name, r.record["title_as_printed"], r.reason) for r in result.rejects] == [
        ("city_cards", "LYON (mise à jour 2024)", city_cards.EMPTY_CARD)]


def _wrapped(text: str, top: float, bold: bool, leading: float = 11.5) -> list[list[Word]]:
    """`text` set as a paragraph from LEFT to RIGHT, each line filled before it wraps."""
    lines: list[list[Word]] = []
    words: list[str] = []
    for word in text.split():
        if line(" ".join([*words, word]), 0, LEFT, size=9.5)[-1].x1 > RIGHT and words:
            lines.append(line(" ".join(words), top + leading * len(lines), LEFT, 9.5, bold))
            words = []
        words.append(word)
    return [*lines, line(" ".join(words), top + leading * len(lines), LEFT, 9.5, bold)]


def test_a_paragraph_set_in_bold_is_a_value_not_headings_line_by_line():
    """A bold paragraph under a bold heading, outside the card's table: its lines wrap
    into each other, so it is the heading's text, not one heading a line."""
    rows, tables = _page([("STRASBOURG (mise à jour 2024)",), ("Coordinateur du DES", "Pr X")])
    paragraph = ("Stage en rhumatologie libérale depuis 2024 (pour le moment pour la phase de "
                 "consolidation) : 3 mois de consultation au CHU et 3 mois de consultation en "
                 "libéral (actuellement 1 MSU à Mulhouse). Possibilité de 6 mois en libéral à "
                 "discuter en fonction des effectifs.")
    free = [line("Stage en rhumatologie libérale", 120, LEFT, 9.5, bold=True),
            *_wrapped(paragraph, 136, bold=True),
            line("Remarques libres", 190, LEFT, 9.5, bold=True),
            line("Bonne ambiance.", 206, LEFT, 9.5)]
    assert len(free) == 6  # the paragraph takes three lines
    result = city_cards.extract(outlined((rows + free, tables)),
                                entry(extractor="city_cards", specialty="rhumatologie"))
    assert [(f["section"], f["label"], f["value"]) for f in result.rows["card_fields"]] == [
        (None, "Coordinateur du DES", "Pr X"),
        ("Stage en rhumatologie libérale", "Stage en rhumatologie libérale", paragraph),
        ("Remarques libres", "Remarques libres", "Bonne ambiance.")]
    assert [(s["kind"], s["hospital_name"]) for s in result.rows["services"]] == [
        ("private_practice", "Stage en rhumatologie libérale")]


def test_a_web_address_printed_with_or_without_its_scheme_is_one_address():
    """One edition prints 'http://', another leaves it to the browser: one normal form."""
    result = _extract([("BORDEAUX (mise à jour 2024)",), ("Coordinateur du DES", "Pr X"),
                       ("Site du service", "http://www.CH-Dax.fr/Rhumatologie"),
                       ("Logement", "Voir www.ch-dax.fr/Rhumatologie et https://sihp.fr")])
    assert [c["url"] for c in result.rows["contacts"] if c["url"]] == [
        "www.ch-dax.fr/Rhumatologie", "sihp.fr"]


def test_text_in_lower_case_under_a_table_finishes_its_last_cell():
    """The last cell's sentence runs out of the table ('… : formation' / 'continue, …'),
    and an address broken after 'http://' is one address again."""
    rows, tables = _page([("REIMS (mise à jour 2024)",), ("Coordinateur du DES", "Pr X"),
                          ("Site", "Informations sur http://\nwww.aihb.org/rhumatologie"),
                          ("Cours théoriques", "Soirées ARCA avec hospitaliers et libéraux : "
                                               "formation")])
    below = line("continue, actualité des congrès.", tables[0].bbox[3] + 20, LEFT, 9.5)
    result = city_cards.extract(outlined(([*rows, below], tables)),
                                entry(extractor="city_cards", specialty="rhumatologie"))
    assert [(f["label"], f["value"]) for f in result.rows["card_fields"]][1:] == [
        ("Site", "Informations sur http://www.aihb.org/rhumatologie"),
        ("Cours théoriques", "Soirées ARCA avec hospitaliers et libéraux : formation "
                             "continue, actualité des congrès.")]
    assert [c["url"] for c in result.rows["contacts"] if c["url"]] == [
        "www.aihb.org/rhumatologie"]


def test_a_hospital_under_a_blank_label_after_a_full_line_is_a_new_hospital():
    """Lille's 'Polyclinique Hénin-Beaumont' in the value column under a blank label: the
    value above it ends on a full line, yet a new row is a new row (only a page break
    cuts a paragraph), and the second 'Composition du service' makes it a hospital."""
    full = ("Hospitalisation conventionnelle et hôpital de jour avec consultations "
            "avancées")
    assert line(full, 0, SPLIT + 2, size=9.5)[-1].x1 > RIGHT - 12  # the line is full
    result = _extract([("LILLE (mise à jour 2024)",), ("Coordinateur du DES", "Pr X"),
                       ("Rhumatologie en périphérie",), ("Service", "Douai"),
                       ("Composition du service", full), ("", "Polyclinique Hénin-Beaumont"),
                       ("Composition du service", "8 lits")])
    assert [(s["kind"], s["hospital_name"], s["beds"]) for s in result.rows["services"]] == [
        ("peripheral", "Douai", None), ("peripheral", "Polyclinique Hénin-Beaumont", 8)]


def test_a_running_header_is_no_part_of_a_card():
    """The cards are read from the pages as the outline reads them (`Outline.rows`): a
    running header printed above the card on every page is furniture, not the rest of
    the value the page before ended with."""
    header = line("Choisir la rhumatologie – Guide des villes", 24, LEFT, size=8)
    pages = [_page(rows) for rows in (
        [("NANTES (mise à jour 2024)",), ("Coordinateur du DES", "Pr X")],
        [("Composition du service", "12 lits")], [("Logement", "Internat")])]
    result = city_cards.extract(outlined(*(([header, *rows], tables) for rows, tables in pages)),
                                entry(extractor="city_cards", specialty="rhumatologie"))
    assert [(f["page"], f["label"], f["value"]) for f in result.rows["card_fields"]] == [
        (1, "Coordinateur du DES", "Pr X"), (2, "Composition du service", "12 lits"),
        (3, "Logement", "Internat")]
