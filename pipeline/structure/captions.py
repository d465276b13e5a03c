"""Caption grids: short stacks of lines set side by side, like the names under photos.

A bureau, a team or a list of speakers is often printed as a grid: each person a stack of
two to five short lines (name, role, city, in whatever order the edition chose), several
stacks side by side, several rows of them. Read by columns, such a grid is a run of
unrelated short paragraphs; read by lines, it mixes people. It is recognised here once,
from geometry alone, and the outline gives each stack as one `caption` node with its
lines in printed order; what each line means is for the extractor to say.

A row of the grid is a band of lines (no paragraph gap inside it) cut into pieces at wide
gaps; the pieces align (on a common centre, or a common left edge) into stacks that start
at the same height, do not overlap, and hold only short lines that open no list item. A
row of one stack belongs to the grid when it aligns with a stack of the row next to it
(the last person alone on the last row). Anything else is not a grid and is read as text.
A grid of cards, each caption framed or tinted on its own, is found by the outline among
the words of those small boxes (`outline._framed_grids`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from pipeline.pdf.model import BBox, Line, Word, group_lines
from pipeline.structure.layout import is_mark
from pipeline.structure.settings import LayoutSettings

Piece = tuple[Word, ...]


@dataclass(frozen=True)
class Caption:
    """One stack of a grid: its lines' texts top to bottom, and where it is printed."""

    lines: tuple[str, ...]
    bbox: BBox


@dataclass(frozen=True)
class Grid:
    """A caption grid: its stacks row by row, left to right, and the area they cover."""

    captions: tuple[Caption, ...]
    bbox: BBox


def _bbox(words: list[Word]) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words),
            max(w.x1 for w in words), max(w.bottom for w in words))


def _size(words: Piece | list[Word]) -> float:
    return max(max(w.size for w in words), 1.0)


def _height(line: Line) -> float:
    return max(line.bottom - line.top, 1.0)


def _bands(lines: tuple[Line, ...], settings: LayoutSettings) -> list[list[Line]]:
    """Lines grouped where no paragraph gap separates them."""
    found: list[list[Line]] = []
    for line in lines:
        last = found[-1][-1] if found else None
        if last and line.top - last.bottom <= settings.paragraph_gap * _height(last):
            found[-1].append(line)
        else:
            found.append([line])
    return found


def _pieces(line: Line, settings: LayoutSettings) -> list[Piece]:
    """A line cut where two words are further apart than `caption_gap` type sizes."""
    pieces: list[list[Word]] = [[line.words[0]]]
    for previous, word in pairwise(line.words):
        if word.x0 - previous.x1 >= settings.caption_gap * _size((previous, word)):
            pieces.append([])
        pieces[-1].append(word)
    return [tuple(p) for p in pieces]


def _centre(piece: Piece) -> float:
    return (piece[0].x0 + piece[-1].x1) / 2


def _left(piece: Piece) -> float:
    return piece[0].x0


_AXES: tuple[Callable[[Piece], float], ...] = (_centre, _left)


def _stacks(band: list[Line], axis: Callable[[Piece], float],
            settings: LayoutSettings) -> list[list[Piece]] | None:
    """The band's pieces gathered into stacks aligned on `axis`, or None when they do not
    form stacks (a piece that is not short, a line giving two pieces to one stack, stacks
    that overlap or do not start at the same height)."""
    stacks: list[list[Piece]] = []
    for line in band:
        for piece in _pieces(line, settings):
            if len(piece) > settings.caption_max_words or is_mark(piece[0].text) \
                    or piece[-1].text.endswith(":"):
                return None
            tolerance = settings.caption_align * _size(piece)
            home = next((s for s in stacks if abs(axis(s[-1]) - axis(piece)) <= tolerance), None)
            if home is None:
                stacks.append([piece])
            elif home[-1][0].top == piece[0].top:
                return None
            else:
                home.append(piece)
    stacks.sort(key=lambda s: min(w.x0 for p in s for w in p))
    extents = [_bbox([w for p in s for w in p]) for s in stacks]
    if any(a[2] >= b[0] for a, b in pairwise(extents)):
        return None
    tops = [e[1] for e in extents]
    if max(tops) - min(tops) > 0.5 * _height(band[0]):
        return None
    if any(not 2 <= len(s) <= settings.caption_max_lines for s in stacks):
        return None
    if not _alike([s[0] for s in stacks], settings):
        return None  # a bold label beside its value is a pair, not two captions
    return stacks


def _alike(pieces: list[Piece], settings: LayoutSettings) -> bool:
    """The pieces are set alike: one size (to the tolerance) and one weight."""
    sizes = [_size(p) for p in pieces]
    bold = {all(w.bold for w in p) for p in pieces}
    return len(bold) == 1 and max(sizes) - min(sizes) <= settings.size_tolerance * max(sizes)


def _row(band: list[Line], settings: LayoutSettings) -> tuple[list[list[Piece]], int] | None:
    """The stacks of a band and the index of the axis they align on, if they do."""
    for index, axis in enumerate(_AXES):
        stacks = _stacks(band, axis, settings)
        if stacks:
            return stacks, index
    return None


def _aligned(lone: list[Piece], row: list[list[Piece]], axis: Callable[[Piece], float],
             settings: LayoutSettings) -> bool:
    """A single stack sits under (or over) one of the stacks of a neighbouring row."""
    tolerance = settings.caption_align * _size(lone[0])
    return any(abs(axis(lone[0]) - axis(stack[0])) <= tolerance for stack in row)


def _caption(stack: list[Piece]) -> Caption:
    return Caption(tuple(" ".join(w.text for w in piece) for piece in stack),
                   _bbox([w for piece in stack for w in piece]))


def _joins(group: list[tuple[int, list[list[Piece]], int]], index: int,
           row: tuple[list[list[Piece]], int], bands: list[list[Line]],
           settings: LayoutSettings) -> bool:
    """Row `index` goes on the grid `group` ends with: it is the next band, close below
    (the room between two rows of captions holds the next row's photos, which are no text:
    it is measured against the height of the row above, not of a line), and has several
    stacks or one aligned with a stack of the row above it."""
    last, above, _ = group[-1]
    gap = bands[index][0].top - bands[last][-1].bottom
    row_height = bands[last][-1].bottom - bands[last][0].top
    if last != index - 1 or gap > settings.caption_row_gap * row_height:
        return False
    stacks, axis = row
    if len(stacks) == 1:
        return _aligned(stacks[0], above, _AXES[axis], settings)
    return len(above) > 1 or any(_aligned(above[0], [s], _AXES[axis], settings)
                                 for s in stacks)


def caption_grids(words: list[Word], settings: LayoutSettings) -> list[Grid]:
    """The caption grids among a region's words (words inside tables and boxes left out).

    A grid needs one row of several stacks at least: a stack alone is a short paragraph.
    """
    bands = _bands(group_lines(words), settings)
    groups: list[list[tuple[int, list[list[Piece]], int]]] = []
    for index, band in enumerate(bands):
        row = _row(band, settings)
        if row is None:
            continue
        if groups and _joins(groups[-1], index, row, bands, settings):
            groups[-1].append((index, *row))
        else:
            groups.append([(index, *row)])
    return [Grid(tuple(_caption(s) for _, stacks, _ in group for s in stacks),
                 _bbox([w for _, stacks, _ in group for s in stacks for p in s for w in p]))
            for group in groups if any(len(stacks) > 1 for _, stacks, _ in group)]
