"""Geometry on words: grouping into lines and splitting a page into columns."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline.model import Line, Word

# Words whose tops differ by less than this fraction of their height share a line.
LINE_TOLERANCE = 0.5
# A vertical strip that no word crosses separates two columns when it is at least this
# wide (points) and at least GUTTER_EM times the type size of the words on either side:
# a word space is about a quarter of the type size (under 4 points in the 9-10 pt body
# of the guides), so a large title is not cut at its spaces.
MIN_GUTTER = 5.0
GUTTER_EM = 0.5
# Any horizontal strip (points) no word crosses separates two bands.
MIN_BAND_GAP = 0.1


def group_lines(words: Iterable[Word]) -> tuple[Line, ...]:
    """Group words into lines by vertical overlap, ordered top to bottom, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines:
            last = lines[-1][0]
            tolerance = max(last.bottom - last.top, 1.0) * LINE_TOLERANCE
            if abs(word.top - last.top) <= tolerance:
                lines[-1].append(word)
                continue
        lines.append([word])
    return tuple(Line(tuple(sorted(ws, key=lambda w: w.x0))) for ws in lines)


def _gaps(spans: Iterable[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
    """The empty stretches at least `minimum` long between the given intervals."""
    ordered = sorted(spans)
    if not ordered:
        return []
    found: list[tuple[float, float]] = []
    end = ordered[0][1]
    for start, stop in ordered[1:]:
        if start - end >= minimum:
            found.append((end, start))
        end = max(end, stop)
    return found


def _split(words: list[Word], gaps: list[tuple[float, float]],
           start: Callable[[Word], float]) -> list[list[Word]]:
    """Words partitioned by the gaps, in order; `start` gives a word's coordinate."""
    parts: list[list[Word]] = [[] for _ in range(len(gaps) + 1)]
    for word in words:
        parts[sum(1 for _, after in gaps if start(word) >= after)].append(word)
    return parts


def _gutters(words: list[Word], min_gutter: float) -> list[tuple[float, float]]:
    """The x ranges no word crosses, wide enough for the type on either side."""
    ordered = sorted(words, key=lambda w: (w.x0, w.x1))
    found: list[tuple[float, float]] = []
    edge = ordered[0]
    for word in ordered[1:]:
        width = word.x0 - edge.x1
        if width >= max(min_gutter, GUTTER_EM * max(edge.size, word.size)):
            found.append((edge.x1, word.x0))
        if word.x1 > edge.x1:
            edge = word
    return found


def column_blocks(words: Iterable[Word], min_gutter: float = MIN_GUTTER) -> list[list[Word]]:
    """Words cut into blocks that never straddle a column gutter, in reading order.

    A recursive XY-cut: a region is first split at its vertical gutters (x ranges no word
    crosses), each part read in turn from left to right. A region without a gutter (a
    full-width title or a page number can hide the gutter of the columns below it) is cut
    in two at its widest horizontal gap (the topmost if several tie), and each half is
    looked at again: cutting at the widest gap first keeps the rows of two columns whose
    baselines line up together, so their gutter is found and they are read column by
    column rather than row by row.
    """
    region = list(words)
    if not region:
        return []
    vertical = _gutters(region, min_gutter)
    if vertical:
        parts = _split(region, vertical, lambda w: w.x0)
    else:
        horizontal = _gaps(((w.top, w.bottom) for w in region), MIN_BAND_GAP)
        if not horizontal:
            return [region]
        widest = max(horizontal, key=lambda gap: gap[1] - gap[0])
        parts = _split(region, [widest], lambda w: w.top)
    return [block for part in parts for block in column_blocks(part, min_gutter)]


def column_lines(words: Iterable[Word], min_gutter: float = MIN_GUTTER) -> tuple[Line, ...]:
    """The page's lines in reading order, column by column: no line mixes two columns."""
    return tuple(line for block in column_blocks(words, min_gutter)
                 for line in group_lines(block))
