"""Tiny city-card guides drawn with reportlab, from known values, for the real pipeline.

Cards are drawn as the SFR guide prints them (as pdfplumber reads it): a ruled table
whose bold title row spans both columns ('BESANÇON (mise à jour 2024)'), bold label
cells on the left and plain value cells on the right, bold section rows spanning the
table with no value, 'Service' rows that open a hospital, and multi-line values (one
paragraph or list item per line, long paragraphs wrapped to the cell). A large bold
structural heading ('1. Besançon') is printed above each card, outside the table. A
card may go on over the next page, between rows (`Break`) or inside a value cell
(`Pair.split`: the rest of the cell is drawn on the next page in a row whose label cell
is empty), and a card may follow the one before in the same table, with no heading
(`Card.run_on`). `expected_fields` says what card_fields must hold for a card.

With `ruled=False` the same cards are drawn without any line or frame, every word at the
same place: an edition whose cards are text aligned in a label and a value column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers import catalog_entry
from pdfgen import BOLD, FONT, _canvas  # Bitstream Vera: accents, list marks, a bold face

SIZE, TITLE_SIZE, HEADING_SIZE = 9.5, 11.0, 12.0
LEFT, SPLIT, RIGHT = 62.0, 205.0, 538.0
TOP, LEADING, PAD = 70.0, 11.5, 5.0


@dataclass(frozen=True)
class Pair:
    """A label/value row; each item is a paragraph or list item ('• …') on lines of its own.
    `split`: the value's first `split` drawn lines end the page, the rest open the next."""

    label: str
    items: tuple[str, ...]
    split: int | None = None


@dataclass(frozen=True)
class Section:
    """A bold row spanning the table, with no value ('Rhumatologie en périphérie')."""

    text: str


@dataclass(frozen=True)
class Note:
    """A plain row spanning the table: the text of the section above it."""

    text: str


@dataclass(frozen=True)
class Break:
    """The card goes on at the top of the next page."""


@dataclass(frozen=True)
class Hospital:
    """A hospital card inside a city's card (Ile-de-France): a numbered heading set large
    outside the table ('1. Ambroise Paré'), then the hospital's name as a bold row."""

    heading: str
    name: str


Row = Pair | Section | Note | Break | Hospital


@dataclass(frozen=True)
class Card:
    """One city card: the structural heading above it, its title row and its rows."""

    heading: str
    title: str
    rows: tuple[Row, ...]
    run_on: bool = False  # drawn right under the card before, in the same table
    plain_sections: bool = False  # section rows in the body font, not bold


def expected_fields(card: Card) -> list[tuple[str | None, str | None, str, str | None]]:
    """(section, service, label, value) of each card_fields row, in printed order.

    Every pair is a field under the latest section (and hospital, opened by a 'Service'
    pair); a note is a field labelled by its section; a section nothing is printed under
    is a field of its own without value. Items are read back one per line, list marks
    dropped.
    """
    fields: list[tuple[str | None, str | None, str, str | None]] = []
    section = service = None
    rows = [r for r in card.rows if not isinstance(r, Break)]
    for row, after in zip(rows, [*rows[1:], None], strict=True):
        if isinstance(row, Hospital):
            section = service = row.name
        elif isinstance(row, Section):
            section, service = row.text, None
            if after is None or isinstance(after, Section):
                fields.append((section, None, section, None))
        elif isinstance(row, Note):
            fields.append((section, service, section or card.title, row.text))
        else:
            if row.label == "Service":
                service = " ".join(row.items)
            fields.append((section, service, row.label, "\n".join(map(_unmarked, row.items))))
    return fields


def _unmarked(item: str) -> str:
    return item.removeprefix("• ")


def draw(path: Path, cards: list[Card], ruled: bool = True, look=None) -> None:
    """Write the cards, each from the top of a new page; `ruled=False`: no rules drawn.

    `look` (a layouts.TableLook) sets the page size, fonts, type size and rules instead:
    'grid', 'horizontal' (rules between rows only), 'frame' (a box around each card
    row, no line between label and value), 'bands' (label cells and spanning rows shaded
    cell by cell, no line) or 'none'. Rows that would run off the page go to the next.
    """
    if look is None:
        canvas, pager = _canvas(path), _Pager(_canvas_height(), ruled)
    else:
        from layouts import _fonts
        from reportlab.pdfgen.canvas import Canvas

        _fonts()
        canvas = Canvas(str(path), pagesize=look.page, invariant=1)
        pager = _Pager(look.page[1], look.rules != "none", look)
    draw_cards(canvas, cards, pager=pager)
    canvas.save()


def draw_cards(canvas, cards: list[Card], ruled: bool = True, pager=None) -> None:
    """The cards on `canvas` (an A4 page unless `pager` says otherwise), from the top of
    its current page, each on a new page."""
    pager = pager or _Pager(_canvas_height(), ruled)
    pager.canvas = canvas
    for number, card in enumerate(cards):
        if number and not card.run_on:
            pager.turn()
        pager.card(card)
    canvas.showPage()


def _canvas_height() -> float:
    from reportlab.lib.pagesizes import A4

    return A4[1]


class _Pager:
    """Draws one card down the page, turning pages where the card says so (or, with a
    look, where the next row would not fit)."""

    def __init__(self, height: float, ruled: bool = True, look=None) -> None:
        self.canvas, self.height, self.top, self.ruled = None, height, TOP, ruled
        self.rules = look.rules if look else ("grid" if ruled else "none")
        self.font, self.bold = (look.font, look.bold_font) if look else (FONT, BOLD)
        self.size = look.size if look else SIZE
        self.right = look.page[0] - 57.0 if look else RIGHT
        self.fit = look is not None
        self.large_names = look is not None and look.large_names

    def card(self, card: Card) -> None:
        if not card.run_on:
            self.canvas.setFont(self.bold, HEADING_SIZE)
            self.canvas.drawString(LEFT, self._y(TOP - 30), card.heading)
        self._span([card.title], self.bold, TITLE_SIZE)
        rows = card.rows
        for row, after in zip(rows, [*rows[1:], None], strict=True):
            if self.fit and self._room(row, after):
                self.turn()
            if isinstance(row, Break):
                self.turn()
            elif isinstance(row, Hospital):
                self.top += 10
                self.canvas.setFont(self.bold, HEADING_SIZE)
                self.canvas.drawString(LEFT, self._y(self.top + HEADING_SIZE), row.heading)
                self.top += HEADING_SIZE + 12
                self._span([row.name], self.bold, HEADING_SIZE if self.large_names else self.size)
            elif isinstance(row, Section):
                self._span([row.text], self.font if card.plain_sections else self.bold,
                           self.size)
            elif isinstance(row, Note):
                self._span(self._wrap(row.text, self.right - LEFT), self.font, self.size)
            else:
                self._pair(row)

    def _room(self, row: Row, after: Row | None) -> bool:
        """The row (with the one after a section or hospital, kept with it) would not fit."""
        rows = [row, after] if isinstance(row, Section | Hospital) and after else [row]
        needed = sum(self._height(r) for r in rows)
        return self.top + needed > self.height - TOP

    def _height(self, row: Row) -> float:
        if isinstance(row, Pair):
            lines = [line for item in row.items for line in self._wrap(item, self.right - SPLIT)]
            lines = max(len(lines), len(self._wrap(row.label, SPLIT - LEFT, self.bold)))
        elif isinstance(row, Note):
            lines = len(self._wrap(row.text, self.right - LEFT))
        else:
            lines = 1
        extra = HEADING_SIZE + 22 if isinstance(row, Hospital) else 0
        return 2 * PAD + self.size + LEADING * (lines - 1) + extra

    def _y(self, top: float) -> float:
        return self.height - top

    def turn(self) -> None:
        self.canvas.showPage()
        self.top = TOP

    def _span(self, lines: list[str], font: str, size: float) -> None:
        bottom = self._text(lines, LEFT, font, size)
        self._box(bottom, split=False)

    def _pair(self, row: Pair) -> None:
        lines = [line for item in row.items for line in self._wrap(item, self.right - SPLIT)]
        cut = row.split or len(lines)
        self._cells(row.label, lines[:cut])
        if cut < len(lines):
            self.turn()
            self._cells("", lines[cut:])

    def _cells(self, label: str, lines: list[str]) -> None:
        bottom = max(self._text(self._wrap(label, SPLIT - LEFT, self.bold), LEFT, self.bold,
                                self.size),
                     self._text(lines, SPLIT, self.font, self.size))
        self._box(bottom, split=True)

    def _text(self, lines: list[str], x: float, font: str, size: float) -> float:
        """Draw lines from the current row top; the bottom of the row they need."""
        self.canvas.setFont(font, size)
        for i, line in enumerate(lines):
            self.canvas.drawString(x + 4, self._y(self.top + PAD + size + LEADING * i), line)
        return self.top + 2 * PAD + size + LEADING * (max(len(lines), 1) - 1)

    def _box(self, bottom: float, split: bool) -> None:
        """Rule the row: frame, and the line between the cells of a pair (unless unruled)."""
        canvas, top = self.canvas, self.top
        assert bottom < self.height - TOP, "the card runs off the page: add a Break"
        self.top = bottom
        right = self.right
        if self.rules == "bands":
            canvas.setFillGray(0.9)
            canvas.rect(LEFT, self._y(bottom), (SPLIT if split else right) - LEFT,
                        bottom - top, stroke=0, fill=1)
            canvas.setFillGray(0)
            return
        if not self.ruled:
            return
        canvas.setLineWidth(0.6)
        for y in (top, bottom):
            canvas.line(LEFT, self._y(y), right, self._y(y))
        if self.rules == "horizontal":
            return
        inner = (SPLIT,) if split and self.rules == "grid" else ()
        for x in (LEFT, right, *inner):
            canvas.line(x, self._y(top), x, self._y(bottom))

    def _wrap(self, text: str, width: float, font: str = FONT) -> list[str]:
        """The text broken into lines that fit the cell (a list mark stays on the first)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines: list[str] = []
        font = self.font if font == FONT else font
        for word in text.split():
            if lines and stringWidth(f"{lines[-1]} {word}", font, self.size) <= width - 8:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines


def write_raw(raw: Path, documents: dict[str, list[Card]], unruled: frozenset[str] = frozenset(),
              ) -> Path:
    """Draw each document (doc id -> cards) under raw/2025/ and write the catalog; the
    documents named in `unruled` are drawn without rules."""
    entries = []
    (raw / "2025").mkdir(parents=True, exist_ok=True)
    for doc_id, cards in documents.items():
        file = f"2025/{doc_id}.pdf"
        draw(raw / file, cards, ruled=doc_id not in unruled)
        entries.append(catalog_entry(file, ["city_cards"], title=doc_id, edition_year=2025))
    (raw / "sources.toml").write_text("".join(entries), encoding="utf-8")
    return raw
