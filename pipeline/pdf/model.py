"""The document model every extractor reads: pages, words, lines and tables.

Plain frozen dataclasses so a parsed document can be pickled (to a cache or across
processes) and so extractors stay pure functions of it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter

# Words whose tops differ by less than this fraction of their height share a line.
LINE_TOLERANCE = 0.5


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


class _once:
    """A value computed on first read and kept on the instance (functools.cached_property
    without its lock, which in Python 3.11 costs more than computing a line's extent:
    the structure stage reads the text and extent of some 80,000 lines a build)."""

    def __init__(self, compute: Callable) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True)
class Line:
    """Words sharing a baseline, left to right; `text` joins them with spaces.

    Its text and extent are computed once (cached): the structure stage reads them often.
    """

    words: tuple[Word, ...]

    @_once
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @_once
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @_once
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @_once
    def top(self) -> float:
        return min(w.top for w in self.words)

    @_once
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


BBox = tuple[float, float, float, float]


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding all of `boxes` (at least one)."""
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return min(x0s), min(tops), max(x1s), max(bottoms)


_X0 = attrgetter("x0")


def _reading_key(word: Word) -> tuple[float, float]:
    """Top to bottom (to a tenth of a point), then left to right."""
    return round(word.top, 1), word.x0


def group_lines(words: Iterable[Word]) -> tuple[Line, ...]:
    """Group words into lines by vertical overlap, ordered top to bottom, left to right."""
    lines: list[list[Word]] = []
    top = tolerance = 0.0  # of the line's first word, which every other word is held to
    for word in sorted(words, key=_reading_key):
        if lines and abs(word.top - top) <= tolerance:
            lines[-1].append(word)
            continue
        lines.append([word])
        top, tolerance = word.top, max(word.bottom - word.top, 1.0) * LINE_TOLERANCE
    return tuple(Line(tuple(sorted(ws, key=_X0))) for ws in lines)



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
class Rect:
    """A rectangle drawn on the page: a frame (stroked), a tint (filled) or both.

    Kept so the structure stage can tell boxes (framed or tinted areas read as one unit)
    from shading bands, whatever draws them.
    """

    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool = False
    stroked: bool = False

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Rule:
    """A horizontal rule drawn on the page (a line, or a rectangle too thin to hold text).

    Kept so the structure stage can read a table whose rows are ruled and whose columns
    are not (rules between rows only): pdfplumber's lines strategy needs both.
    """

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class Page:
    """One page, numbered from 1 as printed by PDF viewers."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    tables: tuple[Table, ...] = ()
    rects: tuple[Rect, ...] = ()
    rules: tuple[Rule, ...] = ()
    # Tables the rules alone draw, rectangles' edges left out ('lines-only'), where they
    # differ from `tables`: a candidate reading for the structure stage, not a second table.
    rule_tables: tuple[Table, ...] = ()

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """The page's words grouped into lines, top to bottom (no column split).

        Computed once per page, as several extractors read the same page's lines; kept
        out of pickles (see __getstate__) so cache entries and worker results stay small.
        """
        return group_lines(self.words)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def without(self, furniture: Collection[Word]) -> Page:
        """The page less `furniture`, the words of whole lines of it (running headers and
        footers): its lines are the page's other lines, not grouped again."""
        page = replace(self, words=tuple(w for w in self.words if w not in furniture))
        page.__dict__["lines"] = tuple(ln for ln in self.lines if ln.words[0] not in furniture)
        return page

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
