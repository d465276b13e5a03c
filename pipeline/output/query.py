"""`guides query "SQL"`: run one query against the warehouse, read-only, and print it.

The warehouse is opened read-only, so a query can never change it (a write fails with
DuckDB's own message). Output is a plain aligned table for people, or CSV / JSON for
other programs.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pipeline.errors import PipelineError

NULL = "NULL"


class QueryError(PipelineError):
    """The warehouse is missing or the SQL does not run against it."""


@dataclass(frozen=True)
class Result:
    """Column names and rows of a query."""

    columns: list[str]
    rows: list[tuple]


def connect(warehouse: Path):
    """A read-only connection; a missing file is a QueryError, not an empty new database."""
    import duckdb

    if not warehouse.is_file():
        raise QueryError("no warehouse here; run `make extract` first", path=str(warehouse))
    return duckdb.connect(str(warehouse), read_only=True)


def fetch(connection, sql: str) -> Result:
    """Run `sql` on an open connection; a DuckDB error becomes a one-line QueryError."""
    import duckdb

    try:
        cursor = connection.execute(sql)
        if cursor.description is None:
            return Result([], [])
        return Result([d[0] for d in cursor.description], cursor.fetchall())
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0]
        raise QueryError(first_line, text=" ".join(sql.split())) from error


def run(warehouse: Path, sql: str) -> Result:
    """Run one query against the warehouse file."""
    with connect(warehouse) as connection:
        return fetch(connection, sql)


def _text(value: object) -> str:
    return NULL if value is None else str(value)


def table(result: Result) -> str:
    """An aligned plain-text table, numbers right-aligned, NULL spelled out, row count last."""
    if not result.columns:
        return "(no result)"
    cells = [[_text(v) for v in row] for row in result.rows]
    numeric = [all(isinstance(row[i], int | float | Decimal) or row[i] is None
                   for row in result.rows) for i in range(len(result.columns))]
    widths = [max([len(name)] + [len(row[i]) for row in cells])
              for i, name in enumerate(result.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if right else v.ljust(w)
                         for v, w, right in zip(values, widths, numeric, strict=True)).rstrip()

    lines = [line(list(result.columns)), "  ".join("-" * w for w in widths)]
    lines += [line(row) for row in cells]
    count = len(result.rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines)


def as_csv(result: Result) -> str:
    """CSV with a header row; NULL is an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows(["" if v is None else v for v in row] for row in result.rows)
    return buffer.getvalue().rstrip("\n")


def _json_value(value: object) -> object:
    """Dates as ISO text, decimals as numbers; anything else JSON cannot hold as text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def as_json(result: Result) -> str:
    """A JSON array of objects, one per row, keys in column order."""
    records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=_json_value)
