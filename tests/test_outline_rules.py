"""One test per rule of the outline, each on a small page built in memory (no PDF):
headings by size alone, every bullet and numbering style, two and three text columns,
framed and tinted boxes, caption grids in any order, 'Label : value' lines, running
headers and footers."""

from __future__ import annotations

import pytest
from model_pages import line, outlined

from pipeline.pdf.model import Document, Page, Rect, Rule, Word
from pipeline.structure.outline import Outline, build_outline

# Prose of one column, cut into lines of equal length (each line filled to the edge).
PROSE = ("Les internes choisissent leur poste selon leur rang de classement et les "
         "capacités de formation ouvertes dans chaque subdivision de France chaque année")


def _page(words: list[list[Word]], rects: tuple[Rect, ...] = (), number: int = 1) -> Page:
    return Page(number, 595.0, 842.0, tuple(w for ws in words for w in ws), (), rects)


def _outline(*pages: Page) -> Outline:
    return build_outline(Document("rules", "rules.pdf", "0" * 64, pages))


def _column(label: str, x0: float, top: float, width: int) -> list[list[Word]]:
    """A paragraph of one column: '<label>' then the prose, wrapped at `width` characters."""
    text, lines = f"{label} {PROSE}", []
    while text:
        cut = text.rfind(" ", 0, width + 1) if len(text) > width else len(text)
        lines.append(text[:cut])
        text = text[cut:].strip()
    return [line(t, top + 12 * i, x0) for i, t in enumerate(lines)]


def _kinds(outline: Outline) -> list[tuple[str, str]]:
    return [(n.kind, n.text) for n in outline.nodes]


def test_a_line_set_larger_but_not_bold_is_a_heading():
    outline = outlined(([line("Le choix du poste", 40, size=14),
                         *_column("Texte", 40, 70, 60)], ()))
    heading, body = outline.nodes
    assert (heading.kind, heading.text, heading.level, heading.style.bold) == (
        "heading", "Le choix du poste", 1, False)
    assert body.kind == "paragraph" and body.text.startswith("Texte Les internes")


@pytest.mark.parametrize("marks", [("–", "–"), ("-", "-"), ("▪", "▪"), ("➤", "➤"),
                                   ("1.", "2."), ("a)", "b)"), ("1.", "2.", "glued")])
def test_list_items_whatever_their_mark(marks):
    """'glued': in small type the text extractor reads the number and the first word as
    one word ('1.Choix')."""
    space = "" if "glued" in marks else " "
    outline = outlined(([line("Retiens bien ces dates", 40),
                         line(f"{marks[0]}{space}Choix des postes en septembre", 60, 50),
                         line(f"{marks[1]}{space}Prise de fonctions le 2 novembre", 74, 50)],
                        ()))
    assert [(n.kind, n.marker, n.text) for n in outline.nodes] == [
        ("paragraph", "", "Retiens bien ces dates"),
        ("list_item", marks[0], "Choix des postes en septembre"),
        ("list_item", marks[1], "Prise de fonctions le 2 novembre")]
    assert [n.text for n in outline.list_after(0)] == [
        "Choix des postes en septembre", "Prise de fonctions le 2 novembre"]


@pytest.mark.parametrize("columns", [2, 3])
def test_text_columns_are_read_one_after_the_other(columns):
    width, pitch = (48, 270.0) if columns == 2 else (30, 180.0)
    words = [w for c in range(columns) for w in _column(f"Colonne{c + 1}", 40 + pitch * c, 60,
                                                        width)]
    outline = outlined((words, ()))
    assert [n.kind for n in outline.nodes] == ["paragraph"] * columns
    assert [n.text.split()[0] for n in outline.nodes] == [
        f"Colonne{c + 1}" for c in range(columns)]
    assert all(n.text.endswith("chaque année") for n in outline.nodes)


@pytest.mark.parametrize("rect", [Rect(30, 95, 300, 140, stroked=True),
                                  Rect(30, 95, 300, 140, filled=True)],
                         ids=["framed", "tinted"])
def test_a_framed_or_tinted_box_is_read_as_one_unit(rect):
    # The box stands beside a column of text: read whole, before the text beside it.
    words = [line("A savoir", 100, 40, bold=True),
             line("Le stage dure six mois et se valide", 114, 40),
             line("en fin de semestre", 126, 40),
             *_column("Ailleurs", 330, 100, 40)]
    outline = _outline(_page(words, (rect,)))
    assert [(n.kind, n.text, n.box) for n in outline.nodes] == [
        ("heading", "A savoir", 0),
        ("paragraph", "Le stage dure six mois et se valide en fin de semestre", 0),
        ("paragraph", outline.nodes[2].text, None)]
    assert outline.nodes[2].text.startswith("Ailleurs")
    assert [(b.page, b.bbox) for b in outline.boxes] == [(1, rect.bbox)]


def test_a_tint_and_its_frame_drawn_apart_by_less_than_a_point_are_one_box():
    """A box drawn twice (a fill, then a stroke half a point inside it): one box, the
    larger, not two boxes each inside the other (then neither was the outermost)."""
    fill, frame = Rect(30, 95, 300, 140, filled=True), Rect(30.5, 95.5, 299.5, 139.5,
                                                            stroked=True)
    words = [line("A savoir", 100, 40, bold=True),
             line("Le stage dure six mois et se valide", 114, 40),
             line("en fin de semestre", 126, 40),
             *_column("Ailleurs", 330, 100, 40)]
    for rects in ((fill, frame), (frame, fill)):
        outline = _outline(_page(words, rects))
        assert [(n.kind, n.box) for n in outline.nodes] == [
            ("heading", 0), ("paragraph", 0), ("paragraph", None)]
        assert [b.bbox for b in outline.boxes] == [fill.bbox]


def _grid(people: list[tuple[str, ...]], top: float = 120.0, per_row: int = 3) -> list:
    """People side by side, each a stack of centred lines, `per_row` people a row."""
    lines = []
    for index, stack in enumerate(people):
        row, column = divmod(index, per_row)
        centre, y = 120.0 + 170.0 * column, top + 60.0 * row
        lines += [line(text, y + 13 * i, centre - len(text) * 2.5) for i, text in
                  enumerate(stack)]
    return lines


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1)], ids=["name-role-city",
                                                                "city-name-role"])
def test_a_grid_of_captions_gives_one_caption_per_person(order):
    people = [("Anne UNE", "Présidente", "Brest"), ("Paul DEUX", "Trésorier", "Lyon"),
              ("Léa TROIS", "Secrétaire générale", "Nancy"), ("Marc QUATRE", "Internat", "Lille")]
    printed = [tuple(p[i] for i in order) for p in people]
    outline = outlined(([line("Le Bureau :", 90, bold=True), *_grid(printed),
                         line("Pour nous suivre", 260, bold=True)], ()))
    captions = [n for n in outline.nodes if n.kind == "caption"]
    # The last person, alone on the second row under the first column, is one of them.
    assert [n.lines for n in captions] == printed
    assert [n.kind for n in outline.nodes] == ["heading", *["caption"] * 4, "heading"]
    assert captions[3].bbox[1] > captions[0].bbox[3]


def test_a_bold_label_beside_its_value_is_no_caption_grid():
    outline = outlined(([line("Activité hors salle de", 100, 40, bold=True),
                         line("l'interne", 112, 40, bold=True),
                         line("Consultations avec les chefs", 100, 250),
                         line("Gestes écho-guidés", 112, 250)], ()))
    assert "caption" not in [n.kind for n in outline.nodes]


def test_a_label_colon_value_line_is_a_pair():
    outline = outlined(([line("Coordonnateur du DES : Pr Jean MARTIN", 40),
                         line("Adresse : 12 rue de la Paix, 75002 Paris", 54)], ()))
    assert [(n.kind, n.key, n.value) for n in outline.nodes] == [
        ("key_value", "Coordonnateur du DES", "Pr Jean MARTIN"),
        ("key_value", "Adresse", "12 rue de la Paix, 75002 Paris")]


def test_running_header_footer_and_page_numbers_are_left_out():
    pages = [_page([line("Guide de l'internat 2024 – édition de printemps", 20, size=8),
                    line(f"Chapitre {n} : le choix", 100, size=14),
                    *_column("Texte", 40, 130, 60),
                    line(f"Page {n} sur 4", 815, 270, size=8)], number=n) for n in range(1, 5)]
    outline = _outline(*pages)
    texts = [n.text for n in outline.nodes]
    assert not any("Guide de l'internat" in t or t.startswith("Page") for t in texts)
    assert [n.text for n in outline.nodes if n.is_heading] == [
        f"Chapitre {n} : le choix" for n in range(1, 5)]
    assert "Guide de l'internat 2024 – édition de printemps" in outline.furniture
    assert "Page 3 sur 4" in outline.furniture


def test_the_even_wide_spaces_of_a_justified_line_are_no_gutters():
    # The first line is justified: its spaces (7 points) are wider than a narrow gutter.
    words = [line("La section REF est membre à part entière de la Société", 60, space=7.0),
             line("Française de Rhumatologie depuis le printemps 2013. Elle", 73),
             line("regroupe les internes de toute la France.", 86)]
    outline = outlined((words, ()))
    assert _kinds(outline) == [("paragraph", "La section REF est membre à part entière de la "
                                "Société Française de Rhumatologie depuis le printemps 2013. "
                                "Elle regroupe les internes de toute la France.")]


@pytest.mark.parametrize("frame", [{"stroked": True}, {"filled": True}],
                         ids=["framed", "tinted"])
def test_captions_framed_one_by_one_are_still_a_grid(frame):
    people = [("Anne UNE", "Présidente", "Brest"), ("Paul DEUX", "Trésorier", "Lyon"),
              ("Léa TROIS", "Secrétaire générale", "Nancy")]
    cards = tuple(Rect(50.0 + 170.0 * i, 110, 190.0 + 170.0 * i, 162, **frame)
                  for i in range(3))
    outline = _outline(_page([line("Le Bureau :", 90, bold=True), *_grid(people),
                              line("Pour nous suivre", 260, bold=True)], cards))
    assert [(n.kind, n.lines if n.kind == "caption" else n.text) for n in outline.nodes] == [
        ("heading", "Le Bureau :"), *[("caption", p) for p in people],
        ("heading", "Pour nous suivre")]
    assert outline.boxes == ()


# A table whose rows only are drawn: four columns of cells, set 120 points apart.
CELLS = (("Niveau", "Dispositif", "Contact", "Structure"),
         ("Grenoble", "SOS internes", "sos@example.org", "Syndicat"),
         ("Lyon", "Nightline", "04 85 30 00 10", "Association"))


def _drawn_rows(top: float = 100.0, step: float = 20.0) -> list[list[Word]]:
    return [line(cell, top + 5 + step * r, 50 + 120 * c)
            for r, row in enumerate(CELLS) for c, cell in enumerate(row)]


def _table_rows(outline: Outline) -> list:
    return [(n.kind, n.rows) for n in outline.nodes if n.kind == "table"]


def test_a_table_ruled_between_rows_only_is_read_cell_by_cell():
    rules = tuple(Rule(45.0, 530.0, 100.0 + 20 * i) for i in range(4))
    page = Page(1, 595.0, 842.0, tuple(w for ws in _drawn_rows() for w in ws), (), (), rules)
    assert _table_rows(_outline(page)) == [("table", CELLS)]


def test_a_table_tinted_every_other_row_across_its_width_is_read_cell_by_cell():
    """One band across the table behind the header and behind the last row; the plain
    row between them has no drawing of its own (a fill is not a rule)."""
    bands = (Rect(45.0, 100.0, 530.0, 120.0, filled=True),
             Rect(45.0, 140.0, 530.0, 160.0, filled=True))
    page = Page(1, 595.0, 842.0, tuple(w for ws in _drawn_rows() for w in ws), (), bands)
    assert _table_rows(_outline(page)) == [("table", CELLS)]


def test_a_paragraph_between_two_rules_is_no_table():
    words = _column("Texte", 50, 105, 60)
    page = Page(1, 595.0, 842.0, tuple(w for ws in words for w in ws), (), (),
                (Rule(45.0, 530.0, 100.0), Rule(45.0, 530.0, 105.0 + 12 * len(words))))
    assert [n.kind for n in _outline(page).nodes] == ["paragraph"]


def test_the_rows_are_read_from_the_tables_the_outline_chose_on_first_use():
    """`Outline.rows` reads the pages as the outline read them: a table whose rows only
    are drawn (pdfplumber finds none) gives label/value rows, not lines of text. The
    rows are read when first asked for, and kept: building an outline does not pay."""
    rules = tuple(Rule(45.0, 530.0, 100.0 + 20 * i) for i in range(4))
    page = Page(1, 595.0, 842.0, tuple(w for ws in _drawn_rows() for w in ws), (), (), rules)
    outline = _outline(page)
    assert "rows" not in vars(outline)
    assert [(n.kind, n.key, n.value.split("\n"), n.in_table) for n in outline.rows] == [
        ("key_value", label, list(rest), True) for label, *rest in CELLS]
    assert outline.rows is outline.rows
