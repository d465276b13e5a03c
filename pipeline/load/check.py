"""The warehouse checks itself: what the schemas cannot see row by row.

Pandera checks each table alone. What only shows across tables is checked here, on the
warehouse file itself (after every build, before the file is moved into place, and by
`guides check` on any warehouse file):

- references: every `doc_id` is a row of `documents`, every `subdivision_id` a row of
  `subdivisions` (ddl.references, generated from the column names of the schemas);
- pages: every (doc_id, page) lies within the document's `page_count`;
- keys: no two rows share a table's key (ddl.primary_key: the schema's unique key, which
  names the document, so one edition of a guide cannot be loaded twice under one id);
- counts: every table the extraction report says a document fed holds rows of that
  document, or rejects say why not; and, after a build, each table holds exactly the rows
  the build validated.

Only tables present in the file are checked, so a warehouse written by an older version
is still readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import WarehouseCheckFailed
from pipeline.load.ddl import primary_key, references
from schemas import TABLES, TableSpec

SHOWN = 5  # problems spelled out in the one-line error; the rest are counted


@dataclass(frozen=True)
class Problem:
    """One contradiction: the table, column and value at fault, and how many rows."""

    table: str
    column: str
    value: object
    rows: int
    what: str

    def describe(self) -> str:
        return f"{self.table}.{self.column} = {self.value!r}: {self.what} ({self.rows} row(s))"


def _present(connection) -> set[str]:
    return {name for (name,) in connection.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()}


def dangling(connection, spec: TableSpec, present: set[str]) -> list[Problem]:
    """Values of the referencing columns that the referenced table does not hold."""
    found = []
    for column, table, key in references(spec):
        if table not in present:
            continue
        rows = connection.execute(
            f"SELECT {column}, count(*) FROM {spec.name} WHERE {column} IS NOT NULL AND "
            f"{column} NOT IN (SELECT {key} FROM {table}) GROUP BY ALL ORDER BY 1").fetchall()
        found += [Problem(spec.name, column, value, count, f"not in {table}.{key}")
                  for value, count in rows]
    return found


def pages_out_of_range(connection, spec: TableSpec) -> list[Problem]:
    """Rows whose page is past the end of their document (or before its first page)."""
    if not {"doc_id", "page"} <= set(spec.columns) or spec.name == "documents":
        return []
    rows = connection.execute(
        f"SELECT t.doc_id, t.page, d.page_count, count(*) FROM {spec.name} t "
        "JOIN documents d USING (doc_id) WHERE t.page < 1 OR t.page > d.page_count "
        "GROUP BY ALL ORDER BY 1, 2").fetchall()
    return [Problem(spec.name, "page", page, count,
                    f"outside document {doc_id!r} (pages 1-{pages})")
            for doc_id, page, pages, count in rows]


def duplicate_keys(connection, spec: TableSpec) -> list[Problem]:
    """Key values held by more than one row."""
    keys = primary_key(spec)
    if not keys:
        return []
    listed = ", ".join(keys)
    rows = connection.execute(
        f"SELECT {listed}, count(*) FROM {spec.name} GROUP BY ALL HAVING count(*) > 1 "
        "ORDER BY ALL").fetchall()
    return [Problem(spec.name, listed, row[:-1] if len(keys) > 1 else row[0], row[-1],
                    "duplicate key") for row in rows]


def unaccounted(connection, present: set[str]) -> list[Problem]:
    """Tables the extraction report says a document fed, holding none of its rows and no
    reject to say why."""
    fed = connection.execute(
        "SELECT doc_id, table_name, sum(rows) FROM extraction_report WHERE rows > 0 "
        "GROUP BY ALL ORDER BY ALL").fetchall()
    found = []
    for doc_id, table, announced in fed:
        if table not in present or "doc_id" not in TABLES[table].columns:
            continue
        (held,) = connection.execute(
            f"SELECT (SELECT count(*) FROM {table} WHERE doc_id = $1) + (SELECT count(*) "
            "FROM rejects WHERE table_name = $2 AND doc_id = $1)", [doc_id, table]).fetchone()
        if not held:
            found.append(Problem(table, "doc_id", doc_id, 0,
                                 f"extraction_report announced {announced} row(s), none "
                                 "loaded and none rejected"))
    return found


def miscounted(connection, expected: dict[str, int], present: set[str]) -> list[Problem]:
    """Tables that do not hold the number of rows the build validated for them."""
    found = []
    for table, count in sorted(expected.items()):
        if table not in present:
            continue
        (held,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        if held != count:
            found.append(Problem(table, "*", held, held,
                                 f"rows written, but the build validated {count}"))
    return found


def problems(connection, expected: dict[str, int] | None = None) -> list[Problem]:
    """Every contradiction the warehouse on `connection` holds; none when it is sound."""
    present = _present(connection)
    found: list[Problem] = []
    for spec in TABLES.values():
        if spec.name not in present:
            continue
        found += dangling(connection, spec, present)
        if "documents" in present:
            found += pages_out_of_range(connection, spec)
        found += duplicate_keys(connection, spec)
    if {"extraction_report", "rejects"} <= present:
        found += unaccounted(connection, present)
    return found + miscounted(connection, expected or {}, present)


def failure(found: list[Problem], target: Path) -> WarehouseCheckFailed:
    """One error, one line: the first problems spelled out, the others counted."""
    shown = "; ".join(p.describe() for p in found[:SHOWN])
    more = f"; and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    return WarehouseCheckFailed(f"warehouse check failed: {shown}{more}", path=str(target))
