"""Geometry on words: grouping into lines and splitting a page into columns."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.model import Line, Word

# Words whose tops differ by less than this fraction of their height share a line.
LINE_TOLERANCE = 0.5


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
