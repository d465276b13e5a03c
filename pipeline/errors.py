"""Typed errors for bad input.

Every error raised for bad input names the file and, where it applies, the page and
the offending text, so the user can open the PDF at the right place. Bugs are not
wrapped: they keep their traceback.
"""

from __future__ import annotations

from functools import partial


class PipelineError(Exception):
    """Bad input: says which file, which page and what text is wrong."""

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None,
                 text: str | None = None) -> None:
        self.message = message
        self.path = path
        self.page = page
        self.text = text
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: `file, page N: message: 'text'` (a library's multi-line message folded)."""
        where = ", ".join(p for p in (self.path, f"page {self.page}" if self.page else None) if p)
        message = " ".join(self.message.split())
        what = f"{message}: {self.text!r}" if self.text else message
        return f"{where}: {what}" if where else what

    def __reduce__(self):
        """Pickle with path, page and text, so an error raised in a worker process keeps them."""
        return partial(type(self), path=self.path, page=self.page, text=self.text), (self.message,)


class CatalogError(PipelineError):
    """The catalog file is unreadable or names something that does not exist."""


class OptionError(PipelineError):
    """A command-line option whose value cannot be used (a layout setting misspelt)."""


class PdfError(PipelineError):
    """The PDF cannot be read: corrupt, truncated, encrypted, empty or without text."""


class ContentNotFound(PipelineError):
    """The document does not hold what its catalog entry says (no table, no card)."""


class ExtractorFailed(PipelineError):
    """One extractor of a document failed; the document's other extractors still load.

    Its line names the document (path, page), the extractor and the reason it gave."""

    @classmethod
    def of(cls, extractor: str, error: PipelineError, path: str) -> ExtractorFailed:
        """The failure of `extractor` on the document at `path`, from the error it raised
        (its page and text kept)."""
        return cls(f"extractor {extractor}: {error.message}", path=error.path or path,
                   page=error.page, text=error.text)


class ResourceLimitExceeded(PipelineError):
    """The document is larger or slower than the configured limits allow."""


class WarehouseBusy(PipelineError):
    """Another run is building the same warehouse; two writers at once would clash."""


class WarehouseCheckFailed(PipelineError):
    """The warehouse contradicts itself (a row pointing at no document, a page past the
    end, a duplicate key, rows lost): the file is not moved into place."""
