"""What changed between two editions (or two documents) of the warehouse, table by table.

Each side is an edition year (all its documents) or one doc id. Rows are matched on the
table's natural key: the schema's `unique` columns less the document (e.g. specialty,
subdivision and year of a rank limit). A key on one side only is a row added or removed;
a key on both with other values is a row changed. Provenance (document, page) and printed
text (`*_as_printed`, `raw_text`) say how a value was printed, not what it is, so they
are not compared: a relabelled city with the same ranks is no change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pipeline.errors import PipelineError
from pipeline.load.ddl import PROVENANCE
from pipeline.output.query import NULL
from schemas import TABLES, TableSpec

# Tables about the extraction itself (documents are named in the heading instead).
META_TABLES = ("documents", "extraction_report", "rejects")
PRINTED_ONLY = ("raw_text",)

Row = tuple


class SelectionError(PipelineError):
    """A --from/--to value that is neither an edition year nor a doc id of the warehouse."""


@dataclass(frozen=True)
class Side:
    """One side of a comparison: what the user named and the documents it stands for."""

    name: str
    doc_ids: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.name} ({', '.join(self.doc_ids)})" if self.doc_ids != (self.name,) \
            else self.name


@dataclass
class TableDiff:
    """Rows of one table added, removed and changed (key, then before and after values)."""

    table: str
    key: tuple[str, ...]
    values: tuple[str, ...]
    added: list[tuple[Row, Row]] = field(default_factory=list)
    removed: list[tuple[Row, Row]] = field(default_factory=list)
    changed: list[tuple[Row, Row, Row]] = field(default_factory=list)
    rows: int = 0  # rows of the table on either side

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def select(connection, name: str) -> Side:
    """The documents of an edition year, or the one document with that id."""
    found = connection.execute("SELECT doc_id FROM documents WHERE doc_id = ?", [name]).fetchall()
    if not found and name.isdigit():
        found = connection.execute("SELECT doc_id FROM documents WHERE edition_year = ? "
                                   "ORDER BY doc_id", [int(name)]).fetchall()
    if not found:
        editions = [str(r[0]) for r in connection.execute(
            "SELECT DISTINCT edition_year FROM documents ORDER BY 1").fetchall()]
        raise SelectionError(f"{name!r} is neither an edition year nor a doc id of the "
                             f"warehouse (editions: {', '.join(editions) or 'none'})")
    return Side(name, tuple(r[0] for r in found))


def columns(spec: TableSpec) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(key, compared values) of a table; without a declared key every column is key."""
    kept = [c for c in spec.columns if c not in PROVENANCE
            and not c.endswith("_as_printed") and c not in PRINTED_ONLY]
    unique = spec.schema.unique or []
    key = [c for c in kept if c in unique] or kept
    return tuple(key), tuple(c for c in kept if c not in key)


def _rows(connection, spec: TableSpec, key: tuple[str, ...], values: tuple[str, ...],
          side: Side) -> dict[Row, Row]:
    """key -> values for the side's documents (the first doc id wins if two print a key)."""
    marks = ", ".join("?" for _ in side.doc_ids)
    listed = ", ".join((*key, *values))
    found = connection.execute(
        f"SELECT {listed} FROM {spec.name} WHERE doc_id IN ({marks}) "
        f"ORDER BY {', '.join(key)}, doc_id", list(side.doc_ids)).fetchall()
    rows: dict[Row, Row] = {}
    for row in found:
        rows.setdefault(tuple(row[:len(key)]), tuple(row[len(key):]))
    return rows


def compare_table(connection, spec: TableSpec, old: Side, new: Side) -> TableDiff:
    """The rows of one table that differ between two sides."""
    key, values = columns(spec)
    before = _rows(connection, spec, key, values, old)
    after = _rows(connection, spec, key, values, new)
    diff = TableDiff(spec.name, key, values, rows=len(before.keys() | after.keys()))
    diff.added = [(k, after[k]) for k in after if k not in before]
    diff.removed = [(k, before[k]) for k in before if k not in after]
    diff.changed = [(k, before[k], after[k]) for k in before
                    if k in after and before[k] != after[k]]
    return diff


def compare(connection, old: str, new: str) -> tuple[Side, Side, list[TableDiff]]:
    """Both sides and the difference of every fact table, in table-name order."""
    sides = select(connection, old), select(connection, new)
    diffs = [compare_table(connection, spec, *sides) for name, spec in TABLES.items()
             if "doc_id" in spec.columns and name not in META_TABLES]
    return sides[0], sides[1], diffs


def _show(value: object) -> str:
    return NULL if value is None else str(value)


def _line(sign: str, key: Row, text: str) -> str:
    where = " / ".join(_show(k) for k in key)
    return f"  {sign} {where}: {text}" if text else f"  {sign} {where}"


def _values(diff: TableDiff, values: Row) -> str:
    """The values of an added or removed row; NULLs left out ('no value' if all are)."""
    shown = [f"{c} {v}" for c, v in zip(diff.values, values, strict=True) if v is not None]
    return ", ".join(shown) or ("no value" if diff.values else "")


def _changes(diff: TableDiff, before: Row, after: Row) -> str:
    return ", ".join(f"{c} {_show(b)} → {_show(a)}"
                     for c, b, a in zip(diff.values, before, after, strict=True) if b != a)


def describe(old: Side, new: Side, diffs: list[TableDiff], limit: int | None = 20) -> str:
    """The report a person reads: a count line per table, then its rows (+, -, ~).

    Tables without a row on either side are left out.
    """
    lines = [f"Changes from {old.describe()} to {new.describe()}", ""]
    for diff in diffs:
        if diff.empty:
            lines += [f"{diff.table}: no change ({diff.rows} rows)"] if diff.rows else []
            continue
        matched = f"rows by {' / '.join(diff.key)}" if diff.values else "whole rows"
        lines.append(f"{diff.table}: {len(diff.added)} added, {len(diff.removed)} removed, "
                     f"{len(diff.changed)} changed ({matched})")
        lines += _listed([_line("+", k, _values(diff, v)) for k, v in diff.added], limit)
        lines += _listed([_line("-", k, _values(diff, v)) for k, v in diff.removed], limit)
        lines += _listed([_line("~", k, _changes(diff, b, a)) for k, b, a in diff.changed],
                         limit)
    return "\n".join(lines)


def _listed(lines: list[str], limit: int | None) -> list[str]:
    """At most `limit` lines, then how many were left out."""
    if limit is None or len(lines) <= limit:
        return lines
    return [*lines[:limit], f"    … and {len(lines) - limit} more"]


@dataclass
class SeriesDiff:
    """One series compared between two editions, or why it could not be (`note`)."""

    series: str
    old: Side | None
    new: Side | None
    tables: list[TableDiff] = field(default_factory=list)
    note: str = ""  # 'only in 2024', 'one edition only': nothing compared


def _editions(connection) -> dict[str, dict[int, tuple[str, ...]]]:
    """series -> edition year -> its doc ids."""
    found: dict[str, dict[int, list[str]]] = {}
    for series, year, doc_id in connection.execute(
            "SELECT series, edition_year, doc_id FROM documents ORDER BY ALL").fetchall():
        found.setdefault(series, {}).setdefault(year, []).append(doc_id)
    return {s: {y: tuple(ids) for y, ids in years.items()} for s, years in found.items()}


def _series_diff(connection, series: str, old: Side | None, new: Side | None,
                 note: str) -> SeriesDiff:
    if old is None or new is None:
        return SeriesDiff(series, old, new, note=note)
    tables = [compare_table(connection, spec, old, new) for name, spec in TABLES.items()
              if "doc_id" in spec.columns and name not in META_TABLES]
    return SeriesDiff(series, old, new, tables)


def compare_series(connection, old: str | None = None,
                   new: str | None = None) -> list[SeriesDiff] | None:
    """Series by series: each series' two newest editions (no years given), or its
    editions `old` and `new` (edition years). None when `old`/`new` are not both edition
    years of the warehouse (doc ids: compare them as they are, with `compare`)."""
    editions = _editions(connection)
    years = {year for found in editions.values() for year in found}
    if old is None and new is None:
        diffs = []
        for series, found in sorted(editions.items()):
            newest = sorted(found, reverse=True)[:2]
            if len(newest) < 2:
                diffs.append(_series_diff(connection, series, None, None,
                                          f"one edition only ({newest[0]}), nothing to compare"))
                continue
            sides = [Side(str(y), found[y]) for y in reversed(newest)]
            diffs.append(_series_diff(connection, series, *sides, ""))
        return diffs
    if not all(name and name.isdigit() and int(name) in years for name in (old, new)):
        return None
    diffs = []
    for series, found in sorted(editions.items()):
        before, after = (Side(n, found[int(n)]) if int(n) in found else None for n in (old, new))
        if before is None and after is None:
            continue
        only = before or after
        note = "" if before and after else f"only in {only.describe()}, nothing to compare"
        diffs.append(_series_diff(connection, series, before, after, note))
    return diffs


def describe_series(diffs: list[SeriesDiff], limit: int | None = 20) -> str:
    """The report per series: a heading per series, then its tables as `describe` shows."""
    sections = []
    for diff in diffs:
        if diff.note:
            sections.append(f"Series {diff.series}: {diff.note}")
            continue
        body = describe(diff.old, diff.new, diff.tables, limit).splitlines()[2:]
        sections.append("\n".join([f"Series {diff.series}: changes from "
                                   f"{diff.old.describe()} to {diff.new.describe()}", *body]))
    return "\n\n".join(sections) if sections else "No document in the warehouse."


def _named(columns: tuple[str, ...], row: Row) -> dict:
    return dict(zip(columns, row, strict=True))


def table_json(diff: TableDiff) -> dict:
    """One table's changes for scripts: every row named by its columns."""
    return {"table": diff.table, "key": list(diff.key), "rows": diff.rows,
            "added": [{"key": _named(diff.key, k), "values": _named(diff.values, v)}
                      for k, v in diff.added],
            "removed": [{"key": _named(diff.key, k), "values": _named(diff.values, v)}
                        for k, v in diff.removed],
            "changed": [{"key": _named(diff.key, k), "before": _named(diff.values, b),
                         "after": _named(diff.values, a)} for k, b, a in diff.changed]}


def _side_json(side: Side | None) -> dict | None:
    return None if side is None else {"name": side.name, "doc_ids": list(side.doc_ids)}


def as_json(diffs: list[SeriesDiff]) -> str:
    """The comparison as JSON: a list of series with both sides and their tables' changes
    (tables without a change left out); every row, no limit; dates as ISO text."""
    return json.dumps([{"series": d.series, "from": _side_json(d.old), "to": _side_json(d.new),
                        "note": d.note or None,
                        "tables": [table_json(t) for t in d.tables if not t.empty]}
                       for d in diffs], ensure_ascii=False, indent=2, default=str)
