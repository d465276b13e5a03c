"""What a document's title page says of itself: its title and the year(s) it prints there.

The title block is the top of page 1 down to where body prose starts: lines set larger
than the document's body text (its most common word size). A running header (a print
date, a URL) is set smaller and a date in prose ('internes en novembre 2024') is body text,
so neither counts; years printed later in the document ('the decree of 2004') are never
read. Used to check a catalog entry's edition_year and by `guides add` to fill one in.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.pdf.model import Document, Line

YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d{2}(?![\d/])")
# Lines at most this much larger than the body size are body text.
BODY_MARGIN = 1.05
# A body-size line with at least this many words is prose: the title block has ended.
PROSE_WORDS = 5


def body_size(document: Document) -> float:
    """The most common word size of the document: its body text."""
    sizes = Counter(round(word.size, 1) for page in document.pages for word in page.words)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _size(line: Line) -> float:
    return max(word.size for word in line.words)


def title_block(document: Document) -> list[Line]:
    """The lines of page 1 set larger than body text, above the first line of prose."""
    if not document.pages:
        return []
    body = body_size(document) * BODY_MARGIN
    block: list[Line] = []
    for line in document.pages[0].lines:
        if _size(line) > body:
            block.append(line)
        elif len(line.words) >= PROSE_WORDS and block:
            break
    return block


def title_page_years(document: Document) -> tuple[int, ...]:
    """The distinct years the title block prints, in order of appearance."""
    found = [int(match) for line in title_block(document) for match in YEAR.findall(line.text)]
    return tuple(dict.fromkeys(found))


def title_of(document: Document) -> str:
    """The first run of the largest lines of page 1, joined: the title as printed."""
    block = title_block(document)
    largest = max((_size(line) for line in block), default=0.0)
    title: list[str] = []
    for line in block:
        if _size(line) >= largest * 0.9:
            title.append(line.text)
        elif title:
            break
    return " ".join(title)
