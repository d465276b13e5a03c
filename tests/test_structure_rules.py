"""Outline rules the ARS and ISNAR extractors rely on, each on a page built in memory:
banded tables, labels alone on their line, bullets run on inside an item, items wrapped
over a line that reads like a pair or ends with a cut word, hyphens at line ends."""

from __future__ import annotations

from itertools import pairwise

from model_pages import line, monospaced, outlined

from pipeline.pdf.model import Document, Page, Rect, Table, Word
from pipeline.structure.bands import banded_tables, bands, with_banded_tables
from pipeline.structure.hyphens import hyphenation
from pipeline.structure.layout import join_wrapped, mend_broken_words
from pipeline.structure.outline import build_outline
from pipeline.structure.settings import DEFAULT

# A three-column grid: x edges of its cells.
EDGES = (40.0, 140.0, 300.0, 420.0)


def band(top: float, bottom: float, edges: tuple[float, ...] = EDGES) -> list[Rect]:
    """A shaded row: one filled rectangle per cell, side by side."""
    return [Rect(x0, top, x1, bottom, filled=True) for x0, x1 in pairwise(edges)]


def cells(top: float, *texts: str, edges: tuple[float, ...] = EDGES) -> list[Word]:
    """One line of a table row: each text at the left of its column."""
    return [w for x, text in zip(edges, texts, strict=False) if text
            for w in monospaced(text, x + 4, top)]


def page_of(words: list[Word], rects: list[Rect], tables: tuple[Table, ...] = ()) -> Page:
    return Page(1, 595.0, 842.0, tuple(words), tables, tuple(rects))


def zebra() -> Page:
    """Header band, a plain row wrapped on two lines, a band, a plain row after the last
    band, then a paragraph across the columns."""
    words = (cells(103, "Niveau", "Dispositif", "Contact") + cells(123, "Lyon", "SSU", "04")
             + cells(134, "", "(santé)", "") + cells(153, "Lyon", "CEPIM", "cepim@x.fr")
             + cells(173, "Région", "APSYTUDE", "06")
             + monospaced("Vos interlocuteurs et leurs fonctions", 40, 200))
    return page_of(words, band(100, 115) + band(150, 165))


def test_a_band_is_a_row_of_filled_cells_side_by_side():
    rects = [*band(100, 115), Rect(40, 300, 420, 315, filled=True)]
    assert [(b.top, b.edges) for b in bands(tuple(rects), DEFAULT)] == [(100, EDGES)]


def test_plain_rows_between_and_after_bands_are_rows_of_the_table():
    (table,) = banded_tables(zebra(), DEFAULT)
    assert table.strategy == "bands"
    assert table.rows == (("Niveau", "Dispositif", "Contact"), ("Lyon", "SSU\n(santé)", "04"),
                          ("Lyon", "CEPIM", "cepim@x.fr"), ("Région", "APSYTUDE", "06"))


def test_text_across_the_columns_between_two_bands_splits_the_table():
    words = (cells(103, "Niveau", "Dispositif", "Contact") + cells(123, "Lyon", "SSU", "04")
             + monospaced("Un paragraphe qui traverse les colonnes", 40, 140)
             + cells(163, "Référent", "Subdivision", "Rôle") + cells(183, "Ana", "Lyon", "MG"))
    found = banded_tables(page_of(words, band(100, 115) + band(160, 175)), DEFAULT)
    assert [t.rows for t in found] == [
        (("Niveau", "Dispositif", "Contact"), ("Lyon", "SSU", "04")),
        (("Référent", "Subdivision", "Rôle"), ("Ana", "Lyon", "MG"))]


def test_a_lone_band_is_a_banner_not_a_table():
    assert banded_tables(page_of(cells(103, "Titre", "du", "slide"), band(100, 115)),
                         DEFAULT) == []


def test_banded_table_replaces_the_partial_table_read_over_it():
    merged = Table((("Niveau", "Dispositif", "Contact"), ("Lyon SSU 04", None, None)),
                   (40, 100, 420, 190), cells=(((40, 100, 140, 115), (140, 100, 300, 115),
                                                (300, 100, 420, 115)),
                                               ((40, 115, 420, 150), None, None)))
    page = with_banded_tables(page_of(list(zebra().words), list(zebra().rects), (merged,)),
                              DEFAULT)
    assert [t.strategy for t in page.tables] == ["bands"]
    assert page.tables[0].rows[1] == ("Lyon", "SSU\n(santé)", "04")


def test_a_ruled_table_read_whole_is_kept_as_read():
    boxes = tuple(tuple((x0, top, x1, top + 25) for x0, x1 in pairwise(EDGES))
                  for top in (100, 125, 150, 175))
    ruled = Table((("Niveau", "Dispositif", "Contact"), ("Lyon", "SSU (santé)", "04"),
                   ("Lyon", "CEPIM", "cepim@x.fr"), ("Région", "APSYTUDE", "06")),
                  (40, 100, 420, 200), cells=boxes)
    page = page_of(list(zebra().words), list(zebra().rects), (ruled,))
    assert with_banded_tables(page, DEFAULT) is page


def test_the_outline_reads_a_banded_table_as_a_table_node():
    outline = build_outline(Document("zebra", "zebra.pdf", "0" * 64, (zebra(),)))
    assert [(n.kind, n.text) for n in outline.nodes][-1] == (
        "paragraph", "Vos interlocuteurs et leurs fonctions")
    assert outline.nodes[0].rows[1] == ("Lyon", "SSU (santé)", "04")


def test_a_label_alone_takes_the_line_under_it_as_its_value():
    outline = outlined(([line("Une équipe à votre écoute", 40), line("Un numéro :", 60),
                         line("04 72 34 74 00", 72)], ()))
    assert [(n.kind, n.key, n.value) for n in outline.nodes] == [
        ("paragraph", "", ""), ("key_value", "Un numéro", "04 72 34 74 00")]
    assert outline.nodes[1].lines == ("Un numéro :", "04 72 34 74 00")


def test_a_label_at_the_foot_of_a_page_takes_its_value_on_the_next():
    outline = outlined(([line("Texte de la page.", 40), line("Une adresse mail :", 780)], ()),
                       ([line("office@ars.fr", 60)], ()))
    (pair,) = [n for n in outline.nodes if n.kind == "key_value"]
    assert (pair.key, pair.value, pair.page) == ("Une adresse mail", "office@ars.fr", 1)


def test_a_sentence_ending_with_a_colon_is_no_label():
    outline = outlined(([line("Cette année, la journée a lieu :", 40),
                         line("le mardi 24 septembre", 52)], ()))
    assert [n.kind for n in outline.nodes] == ["paragraph"]


def test_bullets_run_on_inside_an_item_are_items_of_their_own():
    outline = outlined(([line("• Ariège : Foix, Saint-Girons • Aude : Carcassonne", 40)], ()))
    assert [(n.kind, n.marker, n.key, n.value) for n in outline.nodes] == [
        ("list_item", "•", "Ariège", "Foix, Saint-Girons"),
        ("list_item", "•", "Aude", "Carcassonne")]


def test_an_item_wraps_over_a_line_that_reads_like_a_pair_or_ends_with_a_cut_word():
    lines = ["• Aveyron : Rodez Ville-Franche-de-Rouergue,",
             "Decazeville • Gers : Auch • Haute-Garonne : Mu-", "ret, Toulouse"]
    outline = outlined(([monospaced(text, 40, 50 + 11 * row) for row, text in enumerate(lines)],
                        ()))
    assert [n.text for n in outline.nodes] == [
        "Aveyron : Rodez Ville-Franche-de-Rouergue, Decazeville", "Gers : Auch",
        "Haute-Garonne : Mu-ret, Toulouse"]


def test_an_item_reading_name_and_role_is_a_pair():
    (item,) = outlined(([line("- Hélène DOUMAYROU : Responsable de l'internat", 40)], ())).nodes
    assert (item.kind, item.marker, item.key, item.value) == (
        "list_item", "-", "Hélène DOUMAYROU", "Responsable de l'internat")


def test_a_bulleted_line_set_large_is_an_item_not_a_heading():
    body = [line(f"Texte courant de la page numéro {n}.", 40 + 12 * n, size=8) for n in range(6)]
    outline = outlined(([*body, line("• Hélène DOUMAYROU : Responsable", 140, size=12)], ()))
    assert outline.nodes[-1].kind == "list_item"


def test_hyphens_read_as_the_document_prints_its_words():
    words = ["hors-subdivision", "tranquillement", "professionnels", "sereinement"]
    cut_words = hyphenation(words, [("consulter tranquil-", "lement."), ("profes-", "sionnels"),
                                    ("sereine-", "ment"), ("Mu-", "ret,")], 3)
    assert cut_words.cuts_words
    assert join_wrapped("Haute-Garonne : Mu-", "ret, Toulouse", cut_words) == \
        "Haute-Garonne : Muret, Toulouse"
    assert join_wrapped("stages hors-", "subdivision", cut_words) == "stages hors-subdivision"
    assert join_wrapped("à Saint-", "Etienne", cut_words) == "à Saint-Etienne"
    assert join_wrapped("abaillet@chu-", "grenoble.fr", cut_words) == "abaillet@chu-grenoble.fr"
    compounds = hyphenation(["ostéo-articulaire", "après-midi"],
                            [("infections ostéo-", "articulaires"), ("après-", "midi")], 3)
    assert not compounds.cuts_words
    assert join_wrapped("infections ostéo-", "articulaires", compounds) == \
        "infections ostéo-articulaires"
    assert join_wrapped("auto-", "inflammatoire", compounds) == "auto-inflammatoire"


def test_a_hyphen_and_space_inside_a_line_is_mended():
    cut_words = hyphenation(["muret"], [], 3)
    assert mend_broken_words("Lourdes, Bagnères- de-Bigorre, Mu- ret", cut_words) == \
        "Lourdes, Bagnères-de-Bigorre, Muret"
    assert mend_broken_words("A- L'accord signé, 51 rue Cognacq -Jay") == \
        "A- L'accord signé, 51 rue Cognacq -Jay"


def test_the_outline_mends_words_cut_in_a_document_that_hyphenates():
    prose = ["Vous pourrez consulter tranquil-", "lement les fiches et les profes-",
             "sionnels vous aideront sereine-", "ment dans vos choix tranquillement",
             "avec des professionnels sereinement"]
    outline = outlined(([monospaced(text, 40, 50 + 11 * row) for row, text in enumerate(prose)],
                        ()))
    assert outline.nodes[0].text.startswith(
        "Vous pourrez consulter tranquillement les fiches et les professionnels vous "
        "aideront sereinement")


def test_nodes_keep_their_printed_lines():
    outline = outlined(([monospaced(text, 40, 50 + 11 * row) for row, text in enumerate(
        ["MIG-29", "Faculté de Médecine 22, rue", "Camille Desmoulins"])], ()))
    assert [line for node in outline.nodes for line in node.lines] == [
        "MIG-29", "Faculté de Médecine 22, rue", "Camille Desmoulins"]



def _outline(words: list[Word], rects: list[Rect], tables: tuple[Table, ...] = ()):
    return build_outline(Document("boxes", "boxes.pdf", "0" * 64,
                                  (page_of(words, rects, tables),)))


def test_frames_one_under_the_other_are_boxes_each():
    """pdfplumber joins two frames 2 points apart into a one-column 'table': each frame
    is still a box of its own (an introduction above an ISNAR fiche)."""
    words = (line("Les syndicats locaux", 50, 48) + line("Chaque fiche donne ses contacts", 64, 48)
             + line("MIG-29", 124, 48) + line("Président : Romain VERDEAU", 138, 48))
    frames = [Rect(42, 44, 553, 113, stroked=True), Rect(42, 115, 553, 272, stroked=True)]
    joined = Table((("Les syndicats locaux …",), ("MIG-29 …",)), (42, 44, 553, 272))
    outline = _outline(words, frames, (joined,))
    assert [b.bbox for b in outline.boxes] == [(42, 44, 553, 113), (42, 115, 553, 272)]
    assert [(n.box, n.text) for n in outline.nodes] == [
        (0, "Les syndicats locaux"), (0, "Chaque fiche donne ses contacts"),
        (1, "MIG-29"), (1, "Président : Romain VERDEAU")]


def test_a_table_inside_a_box_is_read_once_with_the_box():
    """A slide framed on a handout page: its table is a node of the slide's box, once."""
    words = (line("Vos interlocuteurs", 60, 48, size=14) + cells(103, "Référent", "Subdivision")
             + cells(123, "Marion BUSLOT", "Clermont-Ferrand")
             + line("Contactez-les pour toute question sur votre internat", 180, 48))
    table = Table((("Référent", "Subdivision"), ("Marion BUSLOT", "Clermont-Ferrand")),
                  (40, 100, 300, 135))
    outline = _outline(words, [Rect(30, 40, 560, 200, stroked=True)], (table,))
    assert [(n.kind, n.box) for n in outline.nodes] == [
        ("heading", 0), ("table", 0), ("paragraph", 0)]


def test_indented_label_value_lines_without_marks_are_list_items():
    """'Périphs :' then one 'Département : towns' line per item, indented, no mark."""
    words = (line("CHU : Brest", 100) + line("Périphs :", 114)
             + line("Finistère : Morlaix, Quimper", 128, x0=60)
             + line("Morbihan : Caudan", 142, x0=60))
    outline = _outline(words, [])
    assert [(n.kind, n.key) for n in outline.nodes] == [
        ("key_value", "CHU"), ("key_value", "Périphs"), ("list_item", "Finistère"),
        ("list_item", "Morbihan")]


def test_the_body_type_is_that_of_the_running_text_not_of_the_tables():
    """A slide whose table, in smaller type, holds most of the words: its 11-point lines
    are paragraphs, not headings; its 20-point title is the heading."""
    rows = [("Grenoble", "SOS internes Grenoble", "sos.intgre@gmail.com"),
            ("Lyon", "Service de santé universitaire", "ssu@univ-lyon1.fr"),
            ("Région ARA", "APSYTUDE association de psychologues", "apsytude@gmail.com")]
    words = [w for i, row in enumerate(rows) for w in cells(103 + 20 * i, *row)]
    table = Table(tuple(rows), (40, 100, 420, 160))
    words += (line("Dispositifs de santé", 40, 40, size=20)
              + line("Un numéro : 04 72 34 74 00", 200, 40, size=11)
              + line("Écrivez-nous quand vous voulez", 236, 40, size=11))
    outline = _outline(words, [], (table,))
    assert [n.kind for n in outline.nodes] == ["heading", "table", "key_value", "paragraph"]


def test_a_box_with_rounded_corners_is_a_box(tmp_path):
    """pdfplumber reports a rounded frame as a closed curve, not a rect: still a box."""
    from reportlab.pdfgen.canvas import Canvas

    from pipeline.pdf.loader import load_document

    path = tmp_path / "rounded.pdf"
    canvas = Canvas(str(path), pagesize=(400, 300), invariant=1)
    canvas.roundRect(40, 150, 300, 100, 10, stroke=1, fill=0)
    canvas.drawString(50, 225, "MIG-29")
    canvas.drawString(50, 210, "Président : Romain VERDEAU")
    canvas.drawString(50, 120, "Brest")
    canvas.line(40, 100, 340, 80)  # an open path is no box
    canvas.save()
    document = load_document(path, "rounded")
    assert [(r.x0, r.top, r.x1, r.bottom) for r in document.pages[0].rects] == [
        (40, 50, 340, 150)]
    assert [(n.box, n.text) for n in build_outline(document).nodes] == [
        (0, "MIG-29"), (0, "Président : Romain VERDEAU"), (None, "Brest")]
