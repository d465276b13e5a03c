"""The warehouse's DDL, generated from the schemas: tables, COMMENT ON and the views.

Kept apart from the writer so that the data dictionary (which reads the DDL) and the
writer (which stores the dictionary as the `columns` table) depend on it, not on each
other.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

import pandas as pd

from schemas import VIEWS, TableSpec

PROVENANCE = ("doc_id", "page")
_TYPES = {"int64": "BIGINT", "Int64": "BIGINT", "int32": "INTEGER", "float64": "DOUBLE",
          "bool": "BOOLEAN", "boolean": "BOOLEAN", "date": "DATE", "datetime64[ns]": "TIMESTAMP"}


def column_order(spec: TableSpec) -> list[str]:
    """Table columns with provenance (doc_id, page) last, as the public schema lists them."""
    columns = spec.columns
    if not set(PROVENANCE) <= set(columns):
        return columns
    return [c for c in columns if c not in PROVENANCE] + [c for c in PROVENANCE if c in columns]


def sql_type(dtype: object) -> str:
    """DuckDB type of a pandera column dtype; anything textual is VARCHAR."""
    return _TYPES.get(str(dtype), "VARCHAR")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# A column of this name, in any table but its own, points at the row of a reference table
# (documents, subdivisions): the table and column it refers to.
REFERENCES = {"doc_id": ("documents", "doc_id"),
              "subdivision_id": ("subdivisions", "subdivision_id")}


def primary_key(spec: TableSpec) -> list[str]:
    """The columns that identify a row: the schema's unique key (Config.unique), else its
    first column declared unique; none when a key column may be NULL (DuckDB's keys may
    not)."""
    schema = spec.schema
    keys = list(schema.unique or []) or [
        name for name in column_order(spec) if schema.columns[name].unique][:1]
    return keys if all(not schema.columns[k].nullable for k in keys) else []


def references(spec: TableSpec) -> list[tuple[str, str, str]]:
    """(column, referenced table, referenced column) for each column of `spec` that points
    at a reference table; nullable ones too (the warehouse check reads them all)."""
    return [(name, *REFERENCES[name]) for name in column_order(spec)
            if name in REFERENCES and REFERENCES[name][0] != spec.name]


def foreign_keys(spec: TableSpec) -> list[tuple[str, str, str]]:
    """The references DuckDB can enforce: those whose column is NOT NULL."""
    return [ref for ref in references(spec) if not spec.schema.columns[ref[0]].nullable]


def creation_order(specs: Iterable[TableSpec]) -> list[TableSpec]:
    """Tables in an order DuckDB can create and fill them: referenced tables first."""
    referenced = {table for table, _ in REFERENCES.values()}
    return sorted(specs, key=lambda spec: spec.name not in referenced)


def ddl(spec: TableSpec) -> list[str]:
    """CREATE TABLE (with its primary and foreign keys) and COMMENT ON statements for one
    table; create the tables in `creation_order`."""
    schema = spec.schema
    lines = [f"{name} {sql_type(schema.columns[name].dtype)}"
             + ("" if schema.columns[name].nullable else " NOT NULL")
             for name in column_order(spec)]
    if keys := primary_key(spec):
        lines.append(f"PRIMARY KEY ({', '.join(keys)})")
    lines += [f"FOREIGN KEY ({column}) REFERENCES {table} ({key})"
              for column, table, key in foreign_keys(spec)]
    body = ",\n  ".join(lines)
    statements = [f"CREATE TABLE {spec.name} (\n  {body}\n)",
                  f"COMMENT ON TABLE {spec.name} IS {_quote(spec.description)}"]
    statements += [f"COMMENT ON COLUMN {spec.name}.{name} IS "
                   f"{_quote(schema.columns[name].description or '')}"
                   for name in column_order(spec)]
    return statements


def views() -> list[str]:
    """The view definitions, in file-name order (later views may use earlier ones)."""
    folder = resources.files("pipeline").joinpath("package_data", "views")
    return [f.read_text(encoding="utf-8")
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".sql")]


def view_comments() -> list[str]:
    """COMMENT ON VIEW and COMMENT ON COLUMN of every documented view (schemas/views.py);
    run after the views are created."""
    statements = []
    for spec in VIEWS.values():
        statements.append(f"COMMENT ON VIEW {spec.name} IS {_quote(spec.description)}")
        statements += [f"COMMENT ON COLUMN {spec.name}.{column} IS {_quote(text)}"
                       for column, text in spec.columns.items()]
    return statements


def sorted_frame(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a stable order so that two builds of the same input are identical."""
    keys = [k for k in spec.order_by if k in frame.columns]
    ordered = frame.sort_values(keys, kind="stable", na_position="first") if keys else frame
    return ordered[column_order(spec)].reset_index(drop=True)
