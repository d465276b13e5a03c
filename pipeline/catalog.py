"""The catalog of documents in raw/ (`raw/sources.toml`) and its reconciliation with disk."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import CatalogError
from pipeline.structure.settings import DEFAULT

CATALOG_NAME = "sources.toml"
REQUIRED = ("file", "publisher", "title", "edition_year", "extractors")


@dataclass(frozen=True)
class Entry:
    """One document of the catalog."""

    doc_id: str
    file: str
    publisher: str
    title: str
    edition_year: int
    extractors: tuple[str, ...]
    specialty: str | None = None
    url: str | None = None
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


def _entry(raw: dict, index: int, catalog: Path, known: set[str]) -> Entry:
    missing = [key for key in REQUIRED if key not in raw]
    if missing:
        raise CatalogError(f"document #{index} lacks {', '.join(missing)}", path=str(catalog))
    if not isinstance(raw["extractors"], list) or not isinstance(raw["edition_year"], int):
        raise CatalogError(f"document #{index} ({raw['file']}): extractors must be a list and "
                           "edition_year a whole number", path=str(catalog))
    unknown = sorted(set(raw["extractors"]) - known)
    if unknown:
        raise CatalogError(
            f"unknown extractor name(s) {', '.join(unknown)} for {raw['file']} "
            f"(known: {', '.join(sorted(known))})", path=str(catalog))
    layout = raw.get("layout", {})
    try:
        DEFAULT.with_overrides(layout)
    except (ValueError, TypeError) as exc:
        raise CatalogError(f"document #{index} ({raw['file']}): layout: {exc}",
                           path=str(catalog)) from None
    return Entry(
        doc_id=raw.get("doc_id") or Path(raw["file"]).stem,
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
    """Read `root/sources.toml`; a syntax error stops the build, a bad entry is left out.

    An entry naming an unknown extractor or lacking a key is reported as a problem and
    skipped, so one typo does not keep every other document out of the warehouse.
    """
    path = root / CATALOG_NAME
    if not path.exists():
        raise CatalogError("catalog file not found", path=str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"syntax error: {exc}", path=str(path)) from exc
    entries: list[Entry] = []
    problems: list[CatalogError] = []
    skipped: set[Path] = set()  # files of bad entries: reported once, not again as strays
    for i, raw in enumerate(data.get("document", []), start=1):
        try:
            entries.append(_entry(raw, i, path, known_extractors))
        except CatalogError as error:
            problems.append(error)
            skipped.add((root / str(raw.get("file", ""))).resolve())
    ids = [e.doc_id for e in entries]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise CatalogError(f"doc_id used twice: {', '.join(dupes)} (editions with the same "
                           f"file name: give each a doc_id = \"...\" of its own)",
                           path=str(path))
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
