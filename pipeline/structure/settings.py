"""Every threshold of the structure stage in one documented object (like pdfplumber's
`TableSettings`).

Thresholds are relative to the type wherever they can be (a share of the font size or
of a line's height), so that one value holds on A5 and A3 pages, in 8- and 12-point
type. A catalog entry may override any field for one document without a code change:

    [[document]]
    file = "2025/guide.pdf"
    ...
    [document.layout]
    heading_size_ratio = 1.2
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class LayoutSettings:
    """How the outline reads a page. Every field is documented where it is declared."""

    # Lines: words whose tops differ by less than this share of their height share a line.
    line_tolerance: float = 0.5
    # Columns: a vertical strip no word crosses separates two columns when it is at least
    # `min_gutter` points wide and `gutter_em` times the type size on either side (a word
    # space is about a quarter of the size, so a large title is not cut at its spaces).
    min_gutter: float = 5.0
    gutter_em: float = 0.5
    # ... and a region of a single line of several words only where the gap is this many
    # times the line's median word space: a justified line's even spaces are no gutters.
    line_gutter_ratio: float = 1.5
    # Paragraphs: a gap under a line larger than this many line heights starts a new one.
    paragraph_gap: float = 0.9
    # ... and read as rows (structure.rows), a line set this share further below the line
    # above than the document's leading (line pitch over line height inside paragraphs)
    # opens a new paragraph (the space between paragraphs).
    paragraph_spacing: float = 0.15
    # Wrapping: a line is the wrapped rest of the one before when the first word would not
    # have fitted in the room left before the right edge (plus this slack, in points).
    wrap_slack: float = 4.0
    # Headings: a line set at least this much larger than the body text is a heading
    # (read as rows, structure.rows: a heading of the document's own, level 1)...
    heading_size_ratio: float = 1.12
    # ... as is a line wholly bold or in capitals when the body is not, if it has at most
    # this many words (a bold sentence in a paragraph is emphasis, not a heading).
    heading_max_words: int = 18
    # Font sizes within this share of each other are one size (docling's 5 % clusters).
    size_tolerance: float = 0.05
    # Running headers and footers: a line in the top or bottom `furniture_margin` share of
    # the page that repeats (digits aside) on at least `furniture_share` of the pages, and
    # on at least `furniture_min_pages` pages, or that is only a page number.
    furniture_margin: float = 0.09
    furniture_share: float = 0.4
    furniture_min_pages: int = 3
    # Boxes: a framed or tinted rectangle holding at least this many lines of text is
    # read as one unit (a band behind a single table row is not a box).
    box_min_lines: int = 2
    # ... and covering at most this share of the page (a page background is not a box).
    box_max_page_share: float = 0.92
    # Lists printed without any mark: at least two paragraphs in a row indented by this
    # many type sizes past the column's left edge, all at one indent, are list items.
    list_indent: float = 1.2
    # Key/value: a 'Label : value' line whose label has at most this many words.
    key_max_words: int = 6
    # ... and a label alone on its line ('Un numéro :'), its value on the next line, at
    # most this many words ('Cette année, la journée a lieu :' introduces, it is no label).
    label_alone_max_words: int = 3
    # Hyphens at line ends: the typesetting cuts words in two ('Mu-' 'ret') when at least
    # this many of its line-end hyphens are words it prints whole elsewhere, and more of
    # them than are compounds it prints whole (see structure.hyphens).
    hyphenation_evidence: int = 3
    # Banded tables (rows shaded in turn, no ruling lines): filled rectangles at least
    # `band_min_height` points high set edge to edge (edges within `band_edge_tolerance`
    # points) are a shaded row; two shaded rows with the same edges belong to one table
    # when the plain row between them is at most `band_max_gap` times their height.
    band_min_height: float = 3.0
    band_edge_tolerance: float = 1.5
    band_max_gap: float = 4.0
    # Tables whose rows only are drawn (rules between rows, or one band across every
    # other row; see structure.drawn_rows): the text between two rules is a row when it starts
    # and ends within `drawn_row_padding` line heights of them, without a paragraph gap.
    drawn_row_padding: float = 1.5
    # Caption grids (names under photos; see structure.captions): a line is cut into
    # pieces where words are at least `caption_gap` type sizes apart; pieces whose centres
    # (or left edges) are within `caption_align` type sizes stack up; a stack holds 2 to
    # `caption_max_lines` lines of at most `caption_max_words` words; two rows of a grid
    # are at most `caption_row_gap` times the height of the upper row apart (the room
    # between them may hold the lower row's photos, portraits taller than the captions).
    caption_gap: float = 1.5
    caption_align: float = 0.8
    caption_max_lines: int = 5
    caption_max_words: int = 6
    caption_row_gap: float = 4.0

    # Tables read from the words alone ('text' strategy, label/value rows without rules):
    # two words of a line are in different cells when the gap between them is wider than
    # `cell_gap` type sizes (a word space is about 0.3; columns are set further apart)...
    cell_gap: float = 0.8
    # ... lines further apart than `row_gap` line heights are not in the same table...
    row_gap: float = 2.5
    # ... a table has at least `table_min_rows` rows and `table_min_columns` columns, and
    # a lone line (the last row of a table continued on the next page) is one only with at
    # least `lone_row_min_cells` cells, which prose or a running header seldom has...
    table_min_rows: int = 2
    table_min_columns: int = 2
    lone_row_min_cells: int = 4
    # ... and in label/value rows without rules, a line goes on with the row above when
    # the gap between them is at most `row_leading` line heights (rows are set apart).
    row_leading: float = 0.5
    # ... while a line of the value column set apart by less than this share of the gap
    # between the page's rows is a new paragraph of the same value (paragraph spacing).
    value_paragraph_share: float = 0.75

    def with_overrides(self, overrides: dict[str, Any] | None) -> LayoutSettings:
        """These settings with some fields replaced (a catalog entry's `[document.layout]`).

        Unknown names raise ValueError naming the valid ones, so a typo is not ignored.
        """
        if not overrides:
            return self
        known = {f.name: f.type for f in fields(self)}
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise ValueError(f"unknown layout setting(s) {', '.join(unknown)}; "
                             f"valid: {', '.join(sorted(known))}")
        return replace(self, **overrides)


DEFAULT = LayoutSettings()


def override_from_text(text: str) -> tuple[str, Any]:
    """'name=value' as a setting and its value, typed as the default is: how a setting
    is tried from the command line (`guides outline --layout`) before it goes into the
    catalog. ValueError names the valid settings or the expected type."""
    name, equals, value = (part.strip() for part in text.partition("="))
    if not equals or not hasattr(DEFAULT, name):
        raise ValueError(f"{text!r}: expected NAME=VALUE with NAME one of "
                         f"{', '.join(f.name for f in fields(DEFAULT))}")
    kind = type(getattr(DEFAULT, name))
    if kind is bool:
        if value.lower() not in ("true", "false"):
            raise ValueError(f"{name}: expected true or false, not {value!r}")
        return name, value.lower() == "true"
    try:
        return name, kind(value)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name}: expected {what}, not {value!r}") from None
