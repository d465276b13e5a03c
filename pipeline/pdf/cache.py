"""A cache of parsed documents, so a re-run on unchanged PDFs skips pdfplumber entirely.

An entry is the pickled Document model, keyed by the PDF's sha256 and the pipeline
version, plus a fingerprint of the code that builds the model (our loader and model, and
pdfplumber's version, which pins pdfminer's): editing how pages are read, or upgrading
pdfplumber, invalidates old entries even before anyone bumps the version. Entries are
written to a temporary file and renamed, so a killed run never leaves half an entry. An
entry that cannot be read back as the document it should hold is reported, ignored and
rewritten by the next parse.

The cache lives in a trusted local directory (pickle runs code from what it loads).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path

from pipeline import __version__
from pipeline.pdf.model import Document

log = logging.getLogger(__name__)


@cache
def parser_key() -> str:
    """Pipeline version and a digest of the parsing code: what a cached model depends on."""
    from importlib.util import find_spec

    from pipeline.pdf import loader, model

    pdfplumber = Path(find_spec("pdfplumber").origin).parent  # found, not imported (slow)
    digest = hashlib.sha256()
    for source in (Path(loader.__file__), Path(model.__file__), pdfplumber / "_version.py"):
        digest.update(source.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


class ParseCache:
    """Parsed documents under `root/parsed/<parser key>/<sha256>.pickle`."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "parsed" / parser_key()

    def entry(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.pickle"

    def get(self, sha256: str, doc_id: str, path: Path) -> Document | None:
        """The cached model of the PDF with this sha256 (under its current id and path)."""
        entry = self.entry(sha256)
        document = read_pickle(entry, "parsing again")
        if document is None:
            return None
        if not isinstance(document, Document) or document.sha256 != sha256:
            log.warning("ignoring cache entry %s: it does not hold document %s; parsing again",
                        entry, sha256)
            return None
        return replace(document, doc_id=doc_id, path=str(path))

    def put(self, document: Document) -> None:
        """Store `document` atomically (temporary file, then rename)."""
        write_pickle(self.entry(document.sha256), document)


def read_pickle(path: Path, then: str) -> object | None:
    """What a cache entry holds, or None when it is missing or unreadable (logged, with
    what is done instead: `then`); never an error, as a cache is only a shortcut."""
    try:
        with path.open("rb") as handle, _no_gc():
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # unpickling garbage can raise almost any type
        log.warning("ignoring unreadable cache entry %s (%s: %s); %s",
                    path, type(exc).__name__, exc, then)
        return None


def write_pickle(path: Path, value: object) -> None:
    """Store `value` at `path` atomically (temporary file, then rename), so that a reader
    or an interrupted run never sees half an entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: unpickling ~50,000 words runs twice as fast."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
