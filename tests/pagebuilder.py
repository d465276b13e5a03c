"""Synthetic words for layout tests: a printed line becomes Words at known positions."""

from __future__ import annotations

from pipeline.model import Word

CHAR = 4.5  # width of one character at 9 pt in these synthetic pages


def words_of(text: str, x: float, top: float, size: float = 9.0) -> list[Word]:
    """The words of one printed line starting at `x`, one space (a character) apart."""
    found = []
    for token in text.split():
        width = len(token) * CHAR
        found.append(Word(token, x, x + width, top, top + size, "Carlito", size))
        x += width + CHAR
    return found
