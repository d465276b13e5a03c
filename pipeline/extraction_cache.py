"""A cache of each document's extraction, so a build re-extracts only what changed.

Beside the parse cache (`<cache>/parsed/`), `<cache>/extracted/<code key>/` holds, per
document, what its extractors returned (rows, rejects, reports, its `documents` row and
any title-page warning). An entry is keyed by the PDF's sha256 and a digest of its catalog
entry (doc id, series, extractors, layout…), under a folder named by the pipeline version
and a digest of the code and data that extraction depends on (every .py, .csv and .sql of
the pipeline and schemas packages): editing an extractor, a label file or the catalog
entry means extracting again, while adding one edition to an archive of a hundred
re-extracts that one only. Validation and the warehouse write still see every row.
Entries are written atomically (temporary file, then rename); an unreadable one is
ignored and rewritten. A trusted local directory, as for the parse cache (pickle).
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

from pipeline import __version__
from pipeline.catalog import Entry
from pipeline.errors import PipelineError
from pipeline.extract.result import Extraction
from pipeline.pdf.cache import read_pickle, write_pickle


@cache
def code_key() -> str:
    """Pipeline version and a digest of every code and data file extraction reads."""
    from pipeline.load.uptodate import code_files

    digest = hashlib.sha256()
    for path in code_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def entry_key(entry: Entry) -> str:
    """A digest of everything the catalog says of the document."""
    return hashlib.sha256(repr(astuple(entry)).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Extracted:
    """What the build keeps of one document: its extraction and its warning, if any."""

    extraction: Extraction
    warning: PipelineError | None = None


class ExtractionCache:
    """Extractions under `root/extracted/<code key>/<sha256>-<entry digest>.pickle`."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "extracted" / code_key()

    def entry(self, sha256: str, entry: Entry) -> Path:
        return self.folder / f"{sha256}-{entry_key(entry)}.pickle"

    def get(self, sha256: str, entry: Entry) -> Extracted | None:
        found = read_pickle(self.entry(sha256, entry), "extracting again")
        return found if isinstance(found, Extracted) else None

    def put(self, sha256: str, entry: Entry, extracted: Extracted) -> None:
        write_pickle(self.entry(sha256, entry), extracted)
