"""The elements of an outline: nodes, the styles they are set in, the boxes they sit in.

Their own module so that the readers that make nodes (`outline`, and `rows` for the
label/value rows the outline carries) share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.pdf.model import BBox

Kind = Literal["heading", "paragraph", "list_item", "key_value", "table", "caption"]
Cells = tuple[str | None, ...]


@dataclass(frozen=True)
class Style:
    """How a line is set: its type size (the most common of its words), bold, capitals."""

    size: float
    bold: bool
    caps: bool


@dataclass(frozen=True)
class Box:
    """A framed or tinted area of a page, read as one unit; `parent` is the box around it."""

    page: int
    bbox: BBox
    parent: int | None = None


@dataclass(frozen=True)
class Node:
    """One element of the outline.

    `level` is a heading's rank (1 the most prominent); `marker` the list mark as printed
    ('•', '1.', 'a)'); `key`/`value` the two sides of a key/value pair (also of a list
    item that reads 'name : role'); `rows` the cells of a table (cleaned text, None for
    empty); `box` the index of the box it sits in; `lines` the text as printed, line by
    line (the lines of an address block are its fields, a caption's lines its name, role
    and city in the order printed).
    """

    kind: Kind
    text: str
    page: int
    bbox: BBox
    style: Style | None = None
    level: int = 0
    marker: str = ""
    key: str = ""
    value: str = ""
    rows: tuple[Cells, ...] = ()
    box: int | None = None
    lines: tuple[str, ...] = ()
    # Of the rows reading (`Outline.rows`): a row of a table rather than running text, and
    # a node that finishes the paragraph a page break or a table's end cut.
    in_table: bool = False
    continues: bool = False

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"
