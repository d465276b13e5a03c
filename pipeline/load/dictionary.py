"""The data dictionary, generated from the pandera schemas (the single source of truth).

One generator feeds both the Markdown file analysts read (docs/data-dictionary.md,
`make docs`) and the `columns` table of the warehouse, so the two cannot disagree. It is
generic: every registered table and column is covered, whatever other modules add.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from pipeline.load.ddl import column_order, creation_order, ddl, sql_type, views
from schemas import TABLES, VIEWS, TableSpec, ViewSpec

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "docs" / "data-dictionary.md"


@dataclass(frozen=True)
class ColumnEntry:
    """One row of the dictionary (and of the warehouse's `columns` table)."""

    table_name: str
    column_name: str
    type: str
    nullable: bool
    description: str
    allowed: str | None
    source: str


# Checks of one value, read as "<phrase> <value>".
_PHRASES = {"greater_than_or_equal_to": "at least", "greater_than": "above",
            "less_than_or_equal_to": "at most", "less_than": "below",
            "equal_to": "equal to", "not_equal_to": "not",
            "str_matches": "matches", "str_contains": "contains",
            "str_startswith": "starts with", "str_endswith": "ends with"}


def describe_check(check: pa.Check) -> str:
    """A short, plain-text statement of what one pandera check allows."""
    name, stats = check.name, check.statistics or {}
    if name == "isin":
        return "one of: " + ", ".join(map(str, stats["allowed_values"]))
    if name == "notin":
        return "none of: " + ", ".join(map(str, stats["forbidden_values"]))
    if name == "in_range":
        return f"{stats['min_value']} to {stats['max_value']}"
    if name == "str_length":
        return f"length {stats.get('min_value')} to {stats.get('max_value')}"
    if name in _PHRASES:
        return f"{_PHRASES[name]} {next(iter(stats.values()))}"
    return check.error or name


def allowed(column: pa.Column) -> str | None:
    """Everything a column's checks allow, joined by '; ' (None when unconstrained).

    A lower and an upper inclusive bound read as one range ('1990 to 2100').
    """
    stats = {check.name: check.statistics for check in column.checks}
    parts = [describe_check(check) for check in column.checks]
    if {"greater_than_or_equal_to", "less_than_or_equal_to"} <= stats.keys():
        low = stats["greater_than_or_equal_to"]["min_value"]
        high = stats["less_than_or_equal_to"]["max_value"]
        parts = [p for p in parts if not p.startswith(("at least", "at most"))]
        parts.insert(0, f"{low} to {high}")
    if column.unique:
        parts.append("unique")
    return "; ".join(parts) or None


def table_entries(spec: TableSpec) -> list[ColumnEntry]:
    """The dictionary rows of one table, in the table's column order."""
    columns = spec.schema.columns
    return [ColumnEntry(spec.name, name, sql_type(columns[name].dtype), columns[name].nullable,
                        columns[name].description or "", allowed(columns[name]), spec.source)
            for name in column_order(spec)]


def entries() -> list[ColumnEntry]:
    """Every column of every registered table."""
    return [entry for spec in TABLES.values() for entry in table_entries(spec)]


def frame() -> pd.DataFrame:
    """The dictionary as the rows of the warehouse's `columns` table: tables, then views."""
    return pd.DataFrame([asdict(entry) for entry in entries() + view_entries()])


def _cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell."""
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _code(text: str | None) -> str:
    """Text as a code span in a table cell, so Markdown leaves regex patterns as they are."""
    return f"`{_cell(text)}`" if text else ""


def table_section(spec: TableSpec) -> list[str]:
    """The Markdown section of one table."""
    lines = [f"## `{spec.name}`", "", spec.description, "", f"Source: {spec.source}."]
    key = spec.schema.unique
    if key:
        lines += ["", f"One row per ({', '.join(key)})."]
    lines += ["", "| column | type | nullable | description | allowed values |",
              "|---|---|---|---|---|"]
    lines += [f"| `{e.column_name}` | {e.type} | {'yes' if e.nullable else 'no'} | "
              f"{_cell(e.description)} | {_code(e.allowed)} |" for e in table_entries(spec)]
    return [*lines, ""]


@cache
def view_columns() -> dict[str, list[tuple[str, str]]]:
    """(column, type) of every view, read from an empty in-memory copy of the warehouse
    (once: the dictionary and the `columns` table both ask; do not mutate)."""
    import duckdb

    with duckdb.connect() as connection:
        tables = creation_order(TABLES.values())
        for statement in [s for spec in tables for s in ddl(spec)] + views():
            connection.execute(statement)
        names = [name for (name,) in connection.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
        return {name: [(row[0], row[1]) for row in connection.execute(
            f"DESCRIBE {name}").fetchall()] for name in names}


def _view(name: str) -> ViewSpec:
    """The documentation of a view; an undocumented one gets blanks (a test forbids it)."""
    return VIEWS.get(name) or ViewSpec(name, "", "view", {})


def view_entries() -> list[ColumnEntry]:
    """The dictionary rows of every view: types as DuckDB gives them, meaning from
    schemas/views.py. A view column may always be NULL (a view promises nothing)."""
    found = []
    for name, columns in view_columns().items():
        spec = _view(name)
        found += [ColumnEntry(name, column, type_, True, spec.columns.get(column, ""), None,
                              spec.source) for column, type_ in columns]
    return found


def view_sections(listed: list[ColumnEntry]) -> list[str]:
    """The Markdown section of every view: what it is for and its columns."""
    lines = ["## Views", "",
             "Queries kept in the warehouse (`pipeline/package_data/views/`, documented in "
             "`schemas/views.py`); their SQL is in `SELECT view_name, sql FROM duckdb_views()`.",
             ""]
    for name in dict.fromkeys(e.table_name for e in listed):
        spec = _view(name)
        lines += [f"### `{name}`", "", spec.description, "", f"Source: {spec.source}.", "",
                  "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{e.column_name}` | {e.type} | {_cell(e.description)} |"
                  for e in listed if e.table_name == name]
        lines.append("")
    return lines


def markdown() -> str:
    """The whole dictionary as Markdown: an index of tables, then one section per table."""
    lines = ["# Data dictionary", "",
             "Generated from the pandera schemas in `schemas/` by `pipeline/dictionary.py` "
             "(`make docs`); do not edit by hand. The warehouse holds the same content: "
             "`SELECT * FROM columns`.", "",
             "| table | what it holds |", "|---|---|"]
    lines += [f"| [`{name}`](#{name}) | {_cell(spec.description)} |"
              for name, spec in TABLES.items()]
    listed = view_entries()
    lines += [f"| view [`{name}`](#{name}) | {_cell(_view(name).description)} |"
              for name in dict.fromkeys(e.table_name for e in listed)]
    lines.append("")
    for spec in TABLES.values():
        lines += table_section(spec)
    return "\n".join(lines + view_sections(listed))


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.load.dictionary [--output FILE]`: write the Markdown dictionary."""
    arguments = argparse.ArgumentParser(prog="python -m pipeline.load.dictionary",
                                        description=main.__doc__)
    arguments.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = arguments.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(markdown(), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
