"""`guides query "SQL"`: run queries against the warehouse, read-only, and print them.

The warehouse is opened read-only, so a query can never change it (a write fails with
DuckDB's own message). Several statements may be given; each one that returns rows is
printed in turn. Output is a plain aligned table for people, or CSV, JSON, JSON lines or
Parquet written by DuckDB itself (`COPY … TO`), so booleans, dates, lists and structs come
out as each format expects (in CSV a list or struct is a JSON text cell).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import PipelineError

NULL = "NULL"


class QueryError(PipelineError):
    """The SQL does not run against the warehouse (the CLI exits 1)."""


class UsageError(QueryError):
    """The command was called wrongly: no warehouse at the path named, several results for
    one Parquet file (the CLI exits 2)."""


# COPY options of each machine-readable format.
FORMATS = {"csv": "FORMAT csv, HEADER", "json": "FORMAT json, ARRAY true",
           "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}
# Statement types that return rows to show (others, e.g. SET, run silently).
_SHOWN = {"SELECT", "PRAGMA", "EXPLAIN", "CALL"}
# Column types CSV has no form for: written as JSON text.
_NESTED = {"list", "struct", "map", "array", "union"}


@dataclass(frozen=True)
class Result:
    """Column names and rows of a query."""

    columns: list[str]
    rows: list[tuple]


def connect(warehouse: Path):
    """A read-only connection; a missing file is a UsageError, not an empty new database."""
    import duckdb

    if not warehouse.is_file():
        raise UsageError("no warehouse here; run `make extract` first", path=str(warehouse))
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
        raise _error(error, sql) from error


def run(warehouse: Path, sql: str) -> Result:
    """Run one query against the warehouse file."""
    with connect(warehouse) as connection:
        return fetch(connection, sql)


def _error(error: Exception, sql: str) -> QueryError:
    first_line = str(error).strip().splitlines()[0]
    return QueryError(first_line, text=" ".join(sql.split()))


def relations(connection, sql: str) -> Iterator:
    """Run each statement of `sql` in turn; yield the DuckDB relation of each one that
    returns rows. A DuckDB error becomes a one-line QueryError naming the statement."""
    import duckdb

    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as error:
        raise _error(error, sql) from error
    for statement in statements:
        try:
            relation = connection.sql(statement.query)
        except duckdb.Error as error:
            raise _error(error, statement.query) from error
        if relation is not None and statement.type.name in _SHOWN:
            yield relation


def results(connection, sql: str) -> list[Result]:
    """Columns and rows of every statement of `sql` that returns rows."""
    return [Result(list(r.columns), r.fetchall()) for r in relations(connection, sql)]


def _copy_select(relation, fmt: str) -> str:
    """The SELECT that COPY writes: nested columns as JSON text when the format is CSV."""
    if fmt != "csv":
        return "SELECT * FROM guides_result"
    nested = [f'to_json("{name}") AS "{name}"' for name, type_ in
              zip(relation.columns, relation.types, strict=True) if type_.id in _NESTED]
    replaced = f" REPLACE ({', '.join(nested)})" if nested else ""
    return f"SELECT *{replaced} FROM guides_result"


def copy(relation, fmt: str, target: Path, options: str | None = None) -> None:
    """Write one result to `target` in `fmt` with DuckDB's own writer (`options`: COPY
    options other than the format's own)."""
    quoted = str(target).replace("'", "''")
    extra = f", {options}" if options else ""
    relation.query("guides_result", f"COPY ({_copy_select(relation, fmt)}) TO '{quoted}' "
                                    f"({FORMATS[fmt]}{extra})")


def export(connection, sql: str, fmt: str, out: BinaryIO) -> int:
    """Every result of `sql` in `fmt`, one after the other (CSV results separated by a blank
    line, one JSON array per line of results); the number of results written. Parquet holds
    one result: several are a QueryError."""
    import duckdb

    found = list(relations(connection, sql))
    if fmt == "parquet" and len(found) > 1:
        raise UsageError(f"Parquet holds one result, the SQL gives {len(found)}")
    with tempfile.TemporaryDirectory(prefix="guides-query-") as folder:
        for number, relation in enumerate(found):
            target = Path(folder) / f"{number}.{fmt}"
            try:
                copy(relation, fmt, target)
            except duckdb.Error as error:
                raise _error(error, sql) from error
            if number and fmt in ("csv", "json"):
                out.write(b"\n")
            with target.open("rb") as handle:
                shutil.copyfileobj(handle, out)
    out.flush()
    return len(found)


def write(warehouse: Path, sql: str, fmt: str, output: Path | None) -> None:
    """`guides query --FORMAT [--output FILE]`: to the file (replaced only when complete)
    or to standard output."""
    with connect(warehouse) as connection:
        if output is None:
            export(connection, sql, fmt, sys.stdout.buffer)
            return
        temporary = output.with_name(f".{output.name}.tmp")
        try:
            with temporary.open("wb") as handle:
                export(connection, sql, fmt, handle)
            os.replace(temporary, output)
        finally:
            temporary.unlink(missing_ok=True)


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
