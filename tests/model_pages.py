"""Document models built in memory (no PDF needed): printed lines as Words at known
positions, pages, documents and catalog entries, for extractor variants and layout tests."""

from __future__ import annotations

from pipeline.catalog import Entry
from pipeline.pdf.model import Document, Page, Table, Word
from pipeline.structure.outline import Outline, build_outline

# Monospaced type for layout tests that need exact gaps: every character and every word
# space this wide, whatever the size (a 4.5-point space is just under a column gutter).
PITCH = 4.5


def line(text: str, top: float, x0: float = 40.0, size: float = 10.0, bold: bool = False,
         pitch: float | None = None, space: float | None = None) -> list[Word]:
    """The words of one printed line, laid out left to right: a character half the size
    wide and 0.3 of the size between words, or every character `pitch` wide and every word
    space `space` wide (default: `pitch`)."""
    advance = pitch or size * 0.5
    space = space if space is not None else pitch or size * 0.3
    words, x = [], x0
    for token in text.split():
        width = len(token) * advance
        words.append(Word(token, x, x + width, top, top + size,
                          "Arial-Bold" if bold else "Arial", size))
        x += width + space
    return words


def monospaced(text: str, x0: float, top: float, size: float = 9.0) -> list[Word]:
    """`line` in monospaced type (`PITCH`), placed at (x0, top): for exact gaps."""
    return line(text, top, x0, size, pitch=PITCH)


PageSpec = tuple[list[list[Word]], tuple[Table, ...]]


def document(*pages: PageSpec, doc_id: str = "variant") -> Document:
    """A Document whose pages hold the given lines and tables."""
    return Document(doc_id, f"{doc_id}.pdf", "0" * 64, tuple(
        Page(number, 595.0, 842.0, tuple(w for ws in lines for w in ws), tables)
        for number, (lines, tables) in enumerate(pages, start=1)))


def outlined(*pages: PageSpec, doc_id: str = "variant") -> Outline:
    """The outline of `document(*pages)`: what every extractor reads."""
    return build_outline(document(*pages, doc_id=doc_id))


def entry(doc_id: str = "variant", extractor: str = "", publisher: str = "Publisher",
          specialty: str | None = "medecine-generale") -> Entry:
    return Entry(doc_id, f"{doc_id}.pdf", publisher, "Title", 2024, (extractor,), specialty)


def printed(doc: Document, finder) -> set[str]:
    """Every value `finder` (emails, phones) finds on any printed line of the document."""
    return {value for page in doc.pages for ln in page.lines for value in finder(ln.text)}
