"""Column-safe reading: words cut at vertical gutters, lines grouped within each column."""

from __future__ import annotations

from model_pages import monospaced

from pipeline.pdf.model import Word, group_lines
from pipeline.structure.layout import column_blocks, column_lines

LEFT = ["Président : Romain VERDEAU", "migvingtneuf@gmail.com", "CHU : Brest / Périphs :",
        "• Côtes d’Armor : Lannion,"]
RIGHT = ["de sports nautiques ou", "nous vous invitons sur", "notre belle côte",
         "Atlantique !"]


def two_columns(title: str | None = None) -> list[Word]:
    """Two columns whose baselines line up (the hard case), a title, a page number."""
    page: list[Word] = []
    if title:
        page += monospaced(title, 40, 20, 12)
    for row, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        page += monospaced(left, 40, 60 + row * 12) + monospaced(right, 200, 60 + row * 12)
    page += monospaced("11", 170, 120)  # the page number sits in the gutter
    return page


def test_naive_lines_mix_the_two_columns():
    texts = [line.text for line in group_lines(two_columns())]
    assert "Président : Romain VERDEAU de sports nautiques ou" in texts


def test_column_lines_read_each_column_top_to_bottom():
    texts = [line.text for line in column_lines(two_columns())]
    assert texts == [*LEFT, "11", *RIGHT]


def test_a_full_width_title_does_not_hide_the_gutter_below_it():
    texts = [line.text for line in column_lines(two_columns("Pourquoi venir à Brest ?"))]
    assert texts == ["Pourquoi venir à Brest ?", *LEFT, "11", *RIGHT]


def test_word_spaces_are_not_gutters():
    words = monospaced("Saint-Jean-de-Luz, Oloron-Sainte-Marie", 40, 60)
    assert [b for b in column_blocks(words)] == [words]


def test_the_wide_spaces_of_a_large_title_are_not_gutters():
    title = [Word(text, x, x + 60, 20, 44, "Bold", 24.0)
             for text, x in (("Pourquoi", 40), ("venir", 107), ("à", 174), ("Brest", 241))]
    assert [line.text for line in column_lines(title)] == ["Pourquoi venir à Brest"]
    assert len(column_blocks(title, min_gutter=5.0)) == 1


def test_no_words_no_lines():
    assert column_lines([]) == ()
