"""`guides add PDF`: a new edition into raw/ and the catalog, without editing sources.toml.

The PDF is parsed (into the parse cache, so the next build does not parse it again), what
it holds is found by running every extractor on its outline (an extractor that yields
rows is a detector that fired; its confidence is the share of its rows not rejected), and
its edition year, title and publisher are read from the title page and the PDF's metadata.
`--like DOC_ID` starts from last year's entry of the same guide (publisher, specialty,
url, layout and series) and moves its year on. What cannot be told from the document is
asked for as an option, never guessed: nothing is copied or written until every field of
the entry is known. The entry is appended with tomlkit, so the catalog's comments and
layout stay as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import extract
from pipeline.catalog import CATALOG_NAME, Entry, closest, load_catalog
from pipeline.errors import PipelineError
from pipeline.extract.result import Extraction
from pipeline.extraction_cache import ExtractionCache
from pipeline.pdf.cache import ParseCache
from pipeline.pdf.loader import sha256_of
from pipeline.pdf.model import Document
from pipeline.pdf.parallel import Source, parse_documents
from pipeline.series import doc_id_of, series_of
from pipeline.structure.outline import build_outline
from pipeline.structure.settings import DEFAULT
from pipeline.structure.title_page import YEAR, title_of, title_page_years

# Tables that count as what an extractor found (the report and rejects say how well).
NOT_CONTENT = ("extraction_report", "rejects")
# An extractor whose rows are at least this share of all it read (rows + rejects) fired.
DETECTED = 0.5
# What tools write when a PDF has no real title or author (reportlab, word processors).
PLACEHOLDERS = frozenset({"untitled", "anonymous", "unknown", "none", "title", "author"})
# Extractors whose rows carry the specialty of the guide: they need one.
NEED_SPECIALTY = ("rank_limits", "city_cards")


class AddError(PipelineError):
    """What `guides add` cannot decide or do: names the option to give."""


@dataclass(frozen=True)
class Detection:
    """What one extractor found in the document: rows per table, rejects, confidence."""

    extractor: str
    rows: dict[str, int]
    rejects: int
    # What it read, kept for the extraction cache (the build then reads it from there).
    extraction: Extraction | None = field(default=None, compare=False, repr=False)

    @property
    def confidence(self) -> float:
        found = sum(self.rows.values())
        return found / (found + self.rejects) if found else 0.0

    def describe(self) -> str:
        counts = ", ".join(f"{table} {count}" for table, count in sorted(self.rows.items()))
        return (f"{self.extractor}: {counts or 'nothing'}; {self.rejects} rejected; "
                f"confidence {self.confidence:.2f}")


@dataclass
class Added:
    """The entry written, where the PDF went, and how each field was decided."""

    entry: dict
    destination: Path
    detections: list[Detection]
    reasons: dict[str, str] = field(default_factory=dict)
    document: Document | None = field(default=None, repr=False)


def pdf_metadata(path: Path) -> dict[str, str]:
    """The PDF's document information (Title, Author…), empty when it has none."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        found = pdf.metadata or {}
    return {key: value for key, value in found.items()
            if isinstance(value, str) and value.strip().lower() not in PLACEHOLDERS}


def detect(document: Document, entry: Entry) -> list[Detection]:
    """Every extractor run on the document's outline; those that found rows, best first."""
    outline = build_outline(document, DEFAULT.with_overrides(dict(entry.layout)))
    found = []
    for name in sorted(extract.names()):
        try:
            extraction = extract.get(name)(outline, entry)
        except PipelineError:  # ContentNotFound: this detector did not fire
            continue
        frames = extraction.frames()
        rows = {t: len(f) for t, f in frames.items() if t not in NOT_CONTENT and len(f)}
        detection = Detection(name, rows, len(frames.get("rejects", ())), extraction)
        if detection.confidence >= DETECTED:
            found.append(detection)
    return sorted(found, key=lambda d: -d.confidence)


def _parsed(pdf: Path, cache_dir: Path | None) -> Document:
    """The PDF's model, parsed as the build parses (in parallel, by page range) or from the
    parse cache, and kept there for the build that follows."""
    cache = ParseCache(cache_dir) if cache_dir else None
    (document,) = parse_documents([Source(pdf.stem, pdf, sha256_of(pdf))], cache=cache)
    if isinstance(document, PipelineError):
        raise document
    return document


def _like(catalog_entries: list[Entry], doc_id: str | None) -> Entry | None:
    if doc_id is None:
        return None
    ids = {e.doc_id: e for e in catalog_entries}
    if doc_id not in ids:
        raise AddError(f"--like {doc_id}: no such doc_id in the catalog{closest(doc_id, ids)}")
    return ids[doc_id]


def _year(document: Document, metadata: dict[str, str], like: Entry | None,
          given: int | None, reasons: dict[str, str]) -> int:
    """--year, else the one year the title page (or the metadata title) prints, else the
    year after the --like entry's."""
    if given is not None:
        reasons["edition_year"] = "--year"
        return given
    printed, where = title_page_years(document), "printed on the title page"
    if not printed:
        printed = tuple(dict.fromkeys(int(y) for y in YEAR.findall(metadata.get("Title", ""))))
        where = "in the PDF's metadata (Title)"
    after = like.edition_year + 1 if like else None
    if len(printed) == 1 or (after in printed):
        year = printed[0] if len(printed) == 1 else after
        reasons["edition_year"] = f"{where} ({', '.join(map(str, printed))})"
        return year
    if printed:
        raise AddError(f"the title page prints several years ({', '.join(map(str, printed))}):"
                       " give --year", path=document.path, page=1)
    if after is not None:
        reasons["edition_year"] = f"the year after {like.doc_id} (no year on the title page)"
        return after
    raise AddError("no year on the title page or in the metadata: give --year",
                   path=document.path, page=1)


def _pick(choices: list[tuple[str | None, str]], option: str, what: str, path: str,
          reasons: dict[str, str]) -> str:
    """The first value given among (value, where it comes from); AddError naming `option`
    when there is none."""
    for value, source in choices:
        if value and value.strip():
            reasons[what] = source
            return " ".join(value.split())
    raise AddError(f"cannot tell the {what} from the document: give {option}", path=path)


def decide(pdf: Path, raw: Path, *, like_id: str | None = None, year: int | None = None,
           specialty: str | None = None, publisher: str | None = None,
           title: str | None = None, cache_dir: Path | None = None) -> Added:
    """Everything the entry of `pdf` holds, or an AddError naming the option to give."""
    catalog = load_catalog(raw, extract.names())  # a broken catalog stops here
    like = _like(catalog.entries, like_id)
    document = _parsed(pdf, cache_dir)
    metadata = pdf_metadata(pdf)
    reasons: dict[str, str] = {}
    edition = _year(document, metadata, like, year, reasons)
    source = f"from {like.doc_id}" if like else ""
    publisher = _pick([(publisher, "--publisher"), (like and like.publisher, source),
                       (metadata.get("Author"), "the PDF's metadata (Author)")],
                      "--publisher", "publisher", str(pdf), reasons)
    title = _pick([(title, "--title"), (metadata.get("Title"), "the PDF's metadata (Title)"),
                   (title_of(document), "the title page"), (like and like.title, source)],
                  "--title", "title", str(pdf), reasons)
    if specialty or (like and like.specialty):
        reasons["specialty"] = "--specialty" if specialty else source
    specialty = specialty or (like.specialty if like else None)
    series = like.series if like else series_of(publisher, title, specialty)
    file = f"{edition}/{pdf.name}"
    probe = Entry(doc_id_of(series, edition), file, publisher, title, edition, (),
                  specialty, like.url if like else None, series, like.layout if like else ())
    # Read as the build will read it once added: its doc id, its place in raw/.
    document = replace(document, doc_id=probe.doc_id, path=str(raw / file))
    detections = detect(document, probe)
    if not detections:
        raise AddError("no known content found (rank table, city cards, support tables, union "
                       "fiches, calendar, placement rules): not a guide the pipeline reads",
                       path=str(pdf))
    extractors = [d.extractor for d in detections]
    needing = [name for name in extractors if name in NEED_SPECIALTY]
    if needing and not specialty:
        raise AddError(f"{', '.join(needing)} found: give --specialty (the guide's specialty, "
                       "e.g. rhumatologie)", path=str(pdf))
    entry = {"file": file, "series": series, "publisher": publisher,
             "title": title, "edition_year": edition, "specialty": specialty,
             "url": probe.url, "extractors": sorted(extractors, key=_catalog_order(like)),
             "layout": dict(like.layout) if like and like.layout else None}
    entry = {k: v for k, v in entry.items() if v is not None}
    _check_new(catalog.entries, entry, doc_id_of(series, edition), document.sha256, raw)
    return Added(entry, raw / entry["file"], detections, reasons, document)


def _catalog_order(like: Entry | None):
    """Sort key: the --like entry's extractors first, in its order, then by name."""
    order = list(like.extractors) if like else []
    return lambda name: (order.index(name) if name in order else len(order), name)


def _check_new(entries: list[Entry], entry: dict, doc_id: str, digest: str, raw: Path) -> None:
    """The new entry clashes with nothing: no second doc_id, no copy of a listed PDF."""
    for other in entries:
        if other.doc_id == doc_id:
            raise AddError(f"doc_id {doc_id} is already {other.file}'s: give another --year, "
                           "or add it by hand with a series of its own",
                           path=str(raw / CATALOG_NAME))
        if sha256_of(raw / other.file) == digest:
            raise AddError(f"this PDF is already in the catalog as {other.doc_id} "
                           f"({other.file})", path=str(raw / CATALOG_NAME))
        if other.file == entry["file"]:
            raise AddError(f"{entry['file']} is already listed (another PDF of that name)",
                           path=str(raw / CATALOG_NAME))


def write(added: Added, pdf: Path, raw: Path) -> None:
    """Copy the PDF into raw/<year>/ and append its entry to the catalog (comments kept)."""
    import tomlkit

    catalog = raw / CATALOG_NAME
    text = catalog.read_text(encoding="utf-8")
    document = tomlkit.parse(text)
    table = tomlkit.table()
    for key, value in added.entry.items():
        table[key] = value
    entries = document.setdefault("document", tomlkit.aot())
    if len(entries) and not text.endswith("\n\n"):
        entries[-1].add(tomlkit.nl())  # a blank line between entries, as written by hand
    entries.append(table)
    added.destination.parent.mkdir(parents=True, exist_ok=True)
    if pdf.resolve() != added.destination.resolve():
        if added.destination.exists():
            raise AddError("a different file of that name is already there",
                           path=str(added.destination))
        shutil.copy2(pdf, added.destination)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=raw)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(tomlkit.dumps(document))
    os.replace(temporary, catalog)


def report(added: Added) -> str:
    """What `guides add` prints: the entry written, how its fields were decided, what was
    detected."""
    import tomlkit

    doc_id = doc_id_of(added.entry["series"], added.entry["edition_year"])
    table = tomlkit.document()
    table.append("document", tomlkit.aot())
    item = tomlkit.table()
    for key, value in added.entry.items():
        item[key] = value
    table["document"].append(item)
    lines = [f"Added {added.destination} as {doc_id} (series {added.entry['series']}):", "",
             tomlkit.dumps(table).rstrip(), "", "Decided from:"]
    lines += [f"  {key}: {why}" for key, why in added.reasons.items()]
    lines += ["", "Detected:"] + [f"  {d.describe()}" for d in added.detections]
    lines += ["", "Run `make extract` to build."]
    return "\n".join(lines)


def add(pdf: Path, raw: Path, **options) -> Added:
    """Decide the entry, then copy and write; nothing is written when anything is missing."""
    if not pdf.is_file():
        raise AddError("no such file", path=str(pdf))
    added = decide(pdf, raw, **options)
    write(added, pdf, raw)
    if options.get("cache_dir"):
        keep_extraction(added, raw, options["cache_dir"])
    return added


def keep_extraction(added: Added, raw: Path, cache_dir: Path) -> None:
    """Put what the detectors read into the extraction cache, under the entry as the
    catalog now reads it: the build that follows neither parses nor extracts the edition
    again (an extractor's rows are the same whoever runs it on the same outline)."""
    from pipeline.build import assembled

    catalog = load_catalog(raw, extract.names())
    entry = next(e for e in catalog.entries if e.file == added.entry["file"])
    found = {d.extractor: d.extraction for d in added.detections}
    merged = Extraction()
    for name in entry.extractors:
        merged.merge(found[name])
    document = replace(added.document, path=str(catalog.path_of(entry)))
    ExtractionCache(cache_dir).put(document.sha256, entry, assembled(entry, document, merged))
