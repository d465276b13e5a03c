"""The document model every extractor reads: pages, words, lines and tables.

Plain frozen dataclasses so a parsed document can be pickled (to a cache or across
processes) and so extractors stay pure functions of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Word:
    """A word with its position in PDF points (origin top-left) and its font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str = ""
    size: float = 0.0

    @property
    def bold(self) -> bool:
        """True for a bold or black face, which titles and labels often use."""
        name = self.fontname.lower()
        return "bold" in name or "black" in name or "heavy" in name


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline, left to right; `text` joins them with spaces."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Table:
    """A table found on a page: rows of cell texts (None for an empty cell).

    `cells[i][j]` is the (x0, top, x1, bottom) box of cell j of row i, None where a
    merged cell spans it; it lets an extractor read a cell's own words (fonts, lines).
    """

    rows: tuple[tuple[str | None, ...], ...]
    bbox: BBox
    strategy: str = "lines"
    cells: tuple[tuple[BBox | None, ...], ...] = ()


@dataclass(frozen=True)
class Page:
    """One page, numbered from 1 as printed by PDF viewers."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    tables: tuple[Table, ...] = ()

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """The page's words grouped into lines, top to bottom (no column split).

        Computed once per page, as several extractors read the same page's lines; kept
        out of pickles (see __getstate__) so cache entries and worker results stay small.
        """
        from pipeline.layout import group_lines

        return group_lines(self.words)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def __getstate__(self) -> dict:
        """The fields only: cached values (lines) are recomputed after unpickling."""
        return {name: value for name, value in self.__dict__.items() if name != "lines"}


@dataclass(frozen=True)
class Document:
    """A parsed PDF: where it came from and its pages."""

    doc_id: str
    path: str
    sha256: str
    pages: tuple[Page, ...] = field(default_factory=tuple)

    @property
    def page_count(self) -> int:
        return len(self.pages)
