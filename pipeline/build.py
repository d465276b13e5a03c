"""One build: catalog -> parse each document once -> extractors -> validation -> warehouse.

A document that fails (bad PDF, content not where the catalog says) is reported and left
out; every other document still loads. The warehouse is only replaced when the build got
that far, and the caller exits non-zero when anything failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import __version__, extract
from pipeline.catalog import Catalog, Entry, load_catalog
from pipeline.errors import ExtractorFailed, PipelineError, WarehouseCheckFailed
from pipeline.extract.result import Extraction, Reject
from pipeline.extraction_cache import Extracted, ExtractionCache
from pipeline.load import build_info, dictionary, warehouse
from pipeline.load.validate import validate
from pipeline.parse import reference
from pipeline.pdf.cache import ParseCache
from pipeline.pdf.loader import Limits, sha256_of
from pipeline.pdf.model import Document
from pipeline.pdf.parallel import Source, parse_documents
from pipeline.structure.outline import build_outline
from pipeline.structure.settings import DEFAULT
from pipeline.structure.title_page import title_page_years
from schemas import TABLES


@dataclass
class BuildResult:
    """What a build produced: validated tables, and what failed."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    failures: list[PipelineError] = field(default_factory=list)
    warnings: list[PipelineError] = field(default_factory=list)  # reported, nothing left out
    written: bool = False

    @property
    def rejects(self) -> pd.DataFrame:
        return self.tables.get("rejects", pd.DataFrame())


@dataclass(frozen=True)
class Options:
    """How to build: limits per document, strictness, progress, parallelism, cache, and
    where to write the CSV snapshot of the tables (None: nowhere, as for any warehouse but
    the default)."""

    limits: Limits = field(default_factory=Limits)
    strict: bool = False
    progress: bool = True
    snapshot: Path | None = None
    jobs: int | None = None  # worker processes; None: one per core
    cache_dir: Path | None = None  # parsed-document cache; None: always parse

    def recorded(self) -> dict:
        """What build_info keeps of the options (paths left out: they say nothing of the
        output)."""
        return {"strict": self.strict, "max_pages": self.limits.max_pages,
                "seconds": self.limits.seconds, "jobs": self.jobs,
                "cache": self.cache_dir is not None, "snapshot": self.snapshot is not None}


def document_row(entry: Entry, document: Document) -> dict:
    """The `documents` row of a parsed document."""
    return {"doc_id": entry.doc_id, "series": entry.series, "path": entry.file,
            "sha256": document.sha256,
            "publisher": entry.publisher, "title": entry.title,
            "edition_year": entry.edition_year, "specialty": entry.specialty, "url": entry.url,
            "page_count": document.page_count, "pipeline_version": __version__}


def run_extractors(document: Document, entry: Entry,
                   failures: list[PipelineError] | None = None) -> Extraction:
    """Every extractor the catalog names for the document, merged; all read one outline.

    With `failures`, an extractor that fails is recorded there (ExtractorFailed: document,
    extractor, reason) and the others still give their rows, so a card the edition no longer
    prints does not take the rank table with it; without it, the first failure is raised."""
    outline = build_outline(document, DEFAULT.with_overrides(dict(entry.layout)))
    result = Extraction()
    for name in entry.extractors:
        try:
            result.merge(extract.get(name)(outline, entry))
        except PipelineError as error:
            if failures is None:
                raise
            failures.append(ExtractorFailed.of(name, error, document.path))
    return result


def edition_warning(entry: Entry, document: Document) -> PipelineError | None:
    """A warning when the title page prints year(s) and none is the catalog's edition_year
    (a new edition dropped in with last year's entry, or a typo in the catalog)."""
    years = title_page_years(document)
    if not years or entry.edition_year in years:
        return None
    printed = " and ".join(map(str, years))
    return PipelineError(f"the catalog says edition_year = {entry.edition_year} but the title "
                         f"page prints {printed}", path=document.path, page=1)


def sources(catalog: Catalog) -> list[tuple[Entry, Source | PipelineError]]:
    """What to parse for each entry, or why not (a second copy of an already listed PDF)."""
    found: list[tuple[Entry, Source | PipelineError]] = []
    seen: dict[str, str] = {}
    for entry in catalog.entries:
        path = catalog.path_of(entry)
        digest = sha256_of(path)
        if digest in seen:
            found.append((entry, PipelineError(
                f"duplicate of {seen[digest]} (same sha256), left out", path=str(path))))
            continue
        seen[digest] = entry.file
        found.append((entry, Source(entry.doc_id, path, digest)))
    return found


def parsed_documents(planned: list[tuple[Entry, Source | PipelineError]], options: Options,
                     ) -> Iterator[tuple[Entry, Document | PipelineError]]:
    """Every entry with its parsed document (in parallel, from the cache when unchanged)."""
    wanted = [source for _, source in planned if isinstance(source, Source)]
    cache = ParseCache(options.cache_dir) if options.cache_dir else None
    # Closed on the way out, even when the caller stops early: the worker pool shuts down
    # then, not whenever the garbage collector gets to it.
    with closing(parse_documents(wanted, jobs=options.jobs, limits=options.limits,
                                 cache=cache, progress=options.progress)) as documents:
        for entry, source in planned:
            yield entry, next(documents) if isinstance(source, Source) else source


def extracted(entry: Entry, document: Document, failed: list[PipelineError]) -> Extracted:
    """What the extractors read from one parsed document, its `documents` row included; a
    failing extractor is recorded in `failed` (see run_extractors)."""
    return assembled(entry, document, run_extractors(document, entry, failed))


def assembled(entry: Entry, document: Document, extraction: Extraction) -> Extracted:
    """The extractors' rows of one document with its `documents` row and its warning: what
    the extraction cache keeps (also written by `guides add`, which ran the extractors)."""
    extraction.add("documents", document_row(entry, document))
    return Extracted(extraction, edition_warning(entry, document))


def extract_documents(catalog: Catalog, options: Options, failures: list[PipelineError],
                      warnings: list[PipelineError]) -> Extraction:
    """Extract every catalog entry, merged in catalog order; a document that cannot be
    read, or of which every extractor failed, is recorded and skipped; a failing extractor
    alone is recorded and the document keeps the rows of its other extractors. A document
    whose PDF and entry are unchanged since it was last extracted without failure comes
    from the extraction cache, neither parsed nor extracted again."""
    cache = ExtractionCache(options.cache_dir) if options.cache_dir else None
    results: dict[str, Extracted] = {}
    fresh: list[tuple[Entry, Source | PipelineError]] = []
    for entry, source in sources(catalog):
        found = cache.get(source.sha256, entry) if cache and isinstance(source, Source) else None
        if found is not None:
            results[entry.doc_id] = found
        else:
            fresh.append((entry, source))
    for entry, document in parsed_documents(fresh, options):
        if isinstance(document, PipelineError):
            failures.append(document)
            continue
        failed: list[PipelineError] = []
        try:
            result = extracted(entry, document, failed)
        except PipelineError as error:  # its outline could not be read
            failures.append(error)
            continue
        failures.extend(failed)
        if failed and len(failed) == len(entry.extractors):  # nothing of it was read
            continue
        results[entry.doc_id] = result
        if cache and not failed:  # a failure is reported again by the next build
            cache.put(document.sha256, entry, result)
    merged = Extraction()
    for entry in catalog.entries:
        if entry.doc_id in results:
            merged.merge(results[entry.doc_id].extraction)
            warnings += [results[entry.doc_id].warning] if results[entry.doc_id].warning else []
    return merged


def validated(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every table checked against its schema; failing rows join the rejects."""
    tables: dict[str, pd.DataFrame] = {}
    rejects: list[Reject] = []
    for name, spec in TABLES.items():
        if name == "rejects":
            continue
        tables[name], failed = validate(spec, frames.get(name, pd.DataFrame()))
        rejects += failed
    extracted = frames.get("rejects", pd.DataFrame())
    all_rejects = pd.concat([extracted, pd.DataFrame([r.as_row() for r in rejects])],
                            ignore_index=True)
    tables["rejects"], _ = validate(TABLES["rejects"], all_rejects)
    return tables


def build(raw: Path, target: Path, options: Options = Options()) -> BuildResult:
    """Build the warehouse at `target` from the catalog in `raw`."""
    result = BuildResult()
    catalog = load_catalog(raw, extract.names())
    result.failures.extend(catalog.problems)
    frames = extract_documents(catalog, options, result.failures, result.warnings).frames()
    frames["subdivisions"] = reference.subdivisions_frame()
    frames["columns"] = dictionary.frame()  # validated and counted here; the writer rewrites it
    frames["build_info"] = build_info.frame(options.recorded(), warehouse.STORAGE_VERSION)
    result.tables = validated(frames)
    if options.strict and len(result.rejects):
        result.failures.append(PipelineError(
            f"{len(result.rejects)} rejected row(s) and --strict is set; warehouse not replaced",
            path=str(target)))
        return result
    if catalog.entries and not len(result.tables["documents"]):  # e.g. raw/ holds LFS pointers
        result.failures.append(PipelineError(
            "no document could be loaded; warehouse not replaced", path=str(target)))
        return result
    try:
        warehouse.write(target, result.tables, options.snapshot)
    except WarehouseCheckFailed as error:  # the file was not moved into place
        result.failures.append(error)
        return result
    result.written = True
    return result
