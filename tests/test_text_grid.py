"""The 'text' grid strategy and the count parser, on generated input (hypothesis).

No PDF here: pages are built from words placed the way a typesetter places them (labels
left-aligned, numbers right-aligned in columns), so many layouts are tried in little time.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from model_pages import line

from pipeline.parse.values import Count, parse_count
from pipeline.pdf.model import Page, Word
from pipeline.structure.tables import text_tables

SIZE = 8.0
CHAR = 4.5  # width of a digit at 8 pt

labels = st.sampled_from(["Lyon", "Paris IDF", "Clermont-Ferrand", "Océan Indien", "Nice",
                          "Martinique-Guadeloupe", "Saint-Etienne"])
cells = st.one_of(st.integers(1, 9999).map(str), st.sampled_from(["-", "nc", "1 413"]))
# An empty cell is printed as nothing at all.
cells_or_empty = st.one_of(cells, st.just(""))


def _cell(text: str, left: float, top: float) -> list[Word]:
    """The words of a cell starting at `left`, a 2.2-point space between words."""
    return line(text, top, left, SIZE, pitch=CHAR, space=2.2)


def _right_aligned(text: str, right: float, top: float) -> list[Word]:
    width = CHAR * len(text.replace(" ", "")) + 2.2 * text.count(" ")
    return _cell(text, right - width, top)


@settings(max_examples=60, deadline=None)
@given(full=st.tuples(labels, st.lists(cells, min_size=4, max_size=4)),
       rows=st.lists(st.tuples(labels, st.lists(cells_or_empty, min_size=4, max_size=4)
                               .filter(any)), min_size=1, max_size=12),
       column=st.floats(32, 60), pitch=st.floats(11, 16))
def test_text_grid_rebuilds_any_aligned_table(full, rows, column, pitch):
    """Any row may have empty cells, as long as one row has them all. (A row with only
    its label is kept between two rows, not as the last row: a one-cell line below a
    table reads as a note.)"""
    rows = [full, *rows]
    words = []
    for number, (label, values) in enumerate(rows):
        top = 100 + pitch * number
        words += _cell(label, 50, top)
        for index, value in enumerate(values):
            words += _right_aligned(value, 190 + column * (index + 1), top)
    found = text_tables(Page(1, 595, 842, tuple(words)))
    expected = tuple((label, *(v or None for v in values)) for label, values in rows)
    assert [(t.rows, t.strategy) for t in found] == [(expected, "text")]


@given(value=st.integers(1000, 20000),
       separator=st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", ".", ",", "'", "’"]),
       note=st.sampled_from(["", "*", "¹", " (2)", "[a]", "†"]))
def test_parse_count_reads_every_printed_form(value, separator, note):
    printed = f"{value:,}".replace(",", separator) + note
    assert parse_count(printed) == Count(value, note.strip() or None)
