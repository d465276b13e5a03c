"""The catalog of documents in raw/ (`raw/sources.toml`) and its reconciliation with disk."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.errors import CatalogError
from pipeline.series import doc_id_of, series_of
from pipeline.structure.settings import DEFAULT

CATALOG_NAME = "sources.toml"
REQUIRED = ("file", "publisher", "title", "edition_year", "extractors")
# Every key a [[document]] may hold, with the type its value must have.
KEYS: dict[str, type] = {"file": str, "publisher": str, "title": str, "edition_year": int,
                         "extractors": list, "specialty": str, "url": str, "doc_id": str,
                         "series": str, "layout": dict}


@dataclass(frozen=True)
class Entry:
    """One document of the catalog; `series` names the guide across its editions."""

    doc_id: str
    file: str
    publisher: str
    title: str
    edition_year: int
    extractors: tuple[str, ...]
    specialty: str | None = None
    url: str | None = None
    series: str = ""
    # `[document.layout]`: LayoutSettings fields overridden for this document only.
    layout: tuple[tuple[str, Any], ...] = ()


@dataclass
class Catalog:
    """The entries whose files exist, and what does not line up between catalog and disk."""

    root: Path
    entries: list[Entry]
    problems: list[CatalogError] = field(default_factory=list)

    def path_of(self, entry: Entry) -> Path:
        return self.root / entry.file


class InvalidCatalog(CatalogError):
    """Entries that break the catalog's rules (unknown or missing keys, wrong types): the
    build stops before anything is written, listing every one, one line each."""

    def __init__(self, errors: list[CatalogError], *, path: str | None = None) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} error(s) in the catalog", path=path)

    def describe(self) -> str:
        return "\n".join(error.describe() for error in self.errors)

    def __reduce__(self):
        return partial(type(self), path=self.path), (self.errors,)


def closest(word: str, choices: set[str] | dict) -> str:
    """' — did you mean 'x'?' for the choice nearest `word`, or '' when none is near."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" — did you mean {found[0]!r}?" if found else ""


def entry_errors(raw: dict, index: int) -> list[str]:
    """What breaks the rules in one [[document]] table: unknown keys (with the nearest valid
    key), missing required keys, values of the wrong type. Empty when the entry is sound."""
    name = f"document #{index}" + (f" ({raw['file']})" if isinstance(raw.get("file"), str)
                                   else "")
    errors = [f"{name}: unknown key {key!r}{closest(key, KEYS)}" for key in raw
              if key not in KEYS]
    missing = [key for key in REQUIRED if key not in raw]
    if missing:
        errors.append(f"{name} lacks {', '.join(missing)} (required: {', '.join(REQUIRED)})")
    for key, kind in KEYS.items():
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, kind) or (
                kind is list and not all(isinstance(item, str) for item in value)):
            what = {int: "a whole number", list: "a list of names", dict: "a table"}.get(
                kind, "a text")
            errors.append(f"{name}: {key} must be {what}, not {value!r}")
    return errors


def _entry(raw: dict, index: int, catalog: Path, known: set[str]) -> Entry:
    unknown = sorted(set(raw["extractors"]) - known)
    if unknown:
        raise CatalogError(
            f"unknown extractor name(s) {', '.join(unknown)} for {raw['file']} "
            f"(known: {', '.join(sorted(known))}){closest(unknown[0], known)}",
            path=str(catalog))
    layout = raw.get("layout", {})
    try:
        DEFAULT.with_overrides(layout)
    except (ValueError, TypeError) as exc:
        raise CatalogError(f"document #{index} ({raw['file']}): layout: {exc}",
                           path=str(catalog)) from None
    series = raw.get("series") or series_of(raw["publisher"], raw["title"], raw.get("specialty"))
    return Entry(
        doc_id=raw.get("doc_id") or doc_id_of(series, raw["edition_year"]),
        series=series,
        file=raw["file"],
        publisher=raw["publisher"],
        title=raw["title"],
        edition_year=int(raw["edition_year"]),
        extractors=tuple(raw["extractors"]),
        specialty=raw.get("specialty"),
        url=raw.get("url"),
        layout=tuple(sorted(layout.items())),
    )


def load_catalog(root: Path, known_extractors: set[str]) -> Catalog:
    """Read `root/sources.toml`; a syntax error or an entry that breaks the rules (unknown
    or missing key, wrong type) stops the build before anything is written (InvalidCatalog,
    every error listed), since a misspelt key would otherwise turn into silently empty
    columns. An entry naming an unknown extractor or a bad layout setting is reported as a
    problem and skipped, so one typo does not keep every other document out.
    """
    path = root / CATALOG_NAME
    if not path.exists():
        raise CatalogError("catalog file not found", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"syntax error: {exc}", path=str(path)) from exc
    documents = data.get("document", [])
    if not isinstance(documents, list):
        raise CatalogError("'document' must be an array of tables ([[document]])",
                           path=str(path))
    broken = [CatalogError(message, path=str(path)) for i, raw in enumerate(documents, start=1)
              for message in entry_errors(raw, i)]
    broken += [CatalogError(f"unknown top-level key {key!r}{closest(key, {'document'})} "
                            "(only [[document]] tables are read)", path=str(path))
               for key in data if key != "document"]
    if broken:
        raise InvalidCatalog(broken, path=str(path))
    entries: list[Entry] = []
    problems: list[CatalogError] = []
    skipped: set[Path] = set()  # files of bad entries: reported once, not again as strays
    for i, raw in enumerate(documents, start=1):
        try:
            entries.append(_entry(raw, i, path, known_extractors))
        except CatalogError as error:
            problems.append(error)
            skipped.add((root / str(raw.get("file", ""))).resolve())
    ids = [e.doc_id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        files = [e.file for e in entries if e.doc_id in dupes]
        raise CatalogError(f"doc_id used twice: {', '.join(dupes)} ({', '.join(files)}: two "
                           "guides of one series and edition year; give each a series = "
                           "\"...\" of its own)", path=str(path))
    return _reconcile(Catalog(root, entries, problems), skipped)


def _reconcile(catalog: Catalog, skipped: set[Path]) -> Catalog:
    """Keep the entries whose file exists; report missing files and PDFs the catalog lacks."""
    present = []
    for entry in catalog.entries:
        if catalog.path_of(entry).is_file():
            present.append(entry)
        else:
            catalog.problems.append(CatalogError(
                "listed in the catalog but the file is missing", path=str(catalog.path_of(entry))))
    listed = {catalog.path_of(e).resolve() for e in catalog.entries} | skipped
    for pdf in sorted(catalog.root.rglob("*")):
        if pdf.suffix.lower() == ".pdf" and pdf.resolve() not in listed:
            catalog.problems.append(CatalogError(
                f"PDF not in the catalog ({CATALOG_NAME}): add an entry for it", path=str(pdf)))
    catalog.entries = present
    return catalog
