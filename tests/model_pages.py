"""Small hand-built document models for extractor variants (no PDF needed)."""

from __future__ import annotations

from pipeline.catalog import Entry
from pipeline.model import Document, Page, Table, Word


def line(text: str, top: float, x0: float = 40.0, size: float = 10.0,
         bold: bool = False) -> list[Word]:
    """The words of one printed line, laid out left to right."""
    words, x = [], x0
    for token in text.split():
        width = len(token) * size * 0.5
        words.append(Word(token, x, x + width, top, top + size,
                          "Arial-Bold" if bold else "Arial", size))
        x += width + size * 0.3
    return words


PageSpec = tuple[list[list[Word]], tuple[Table, ...]]


def document(*pages: PageSpec, doc_id: str = "variant") -> Document:
    """A Document whose pages hold the given lines and tables."""
    return Document(doc_id, f"{doc_id}.pdf", "0" * 64, tuple(
        Page(number, 595.0, 842.0, tuple(w for ws in lines for w in ws), tables)
        for number, (lines, tables) in enumerate(pages, start=1)))


def entry(doc_id: str = "variant", extractor: str = "", publisher: str = "Publisher",
          specialty: str | None = "medecine-generale") -> Entry:
    return Entry(doc_id, f"{doc_id}.pdf", publisher, "Title", 2024, (extractor,), specialty)


def parsed(doc_id: str) -> Document:
    """The real 2024 PDF `doc_id` of raw/ parsed into the model (to test against its words)."""
    from pathlib import Path

    from pipeline.loader import load_document

    raw = Path(__file__).resolve().parents[1] / "raw" / "2024"
    return load_document(raw / f"{doc_id}.pdf", doc_id)


def printed(doc: Document, finder) -> set[str]:
    """Every value `finder` (emails, phones) finds on any printed line of the document."""
    return {value for page in doc.pages for ln in page.lines for value in finder(ln.text)}
