"""Write the DuckDB warehouse: the only module that writes outside a temporary directory.

The warehouse is built in a temporary file beside the target and moved into place with
an atomic rename once complete, so a failed or killed run leaves the previous file as it
was. DDL (with COMMENT ON) comes from the schemas; views from `package_data/views/*.sql`.
"""

from __future__ import annotations

import os
import tempfile
from importlib import resources
from pathlib import Path

import pandas as pd

from schemas import TABLES, TableSpec

PROVENANCE = ("doc_id", "page")
_TYPES = {"int64": "BIGINT", "Int64": "BIGINT", "int32": "INTEGER", "float64": "DOUBLE",
          "bool": "BOOLEAN", "date": "DATE", "datetime64[ns]": "TIMESTAMP"}


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


def ddl(spec: TableSpec) -> list[str]:
    """CREATE TABLE and COMMENT ON statements for one table."""
    schema = spec.schema
    body = ",\n  ".join(
        f"{name} {sql_type(schema.columns[name].dtype)}"
        + ("" if schema.columns[name].nullable else " NOT NULL")
        for name in column_order(spec))
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


def sorted_frame(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a stable order so that two builds of the same input are identical."""
    keys = [k for k in spec.order_by if k in frame.columns]
    ordered = frame.sort_values(keys, kind="stable", na_position="first") if keys else frame
    return ordered[column_order(spec)].reset_index(drop=True)


def _fill(connection, frames: dict[str, pd.DataFrame]) -> None:
    for name, spec in TABLES.items():
        for statement in ddl(spec):
            connection.execute(statement)
        frame = frames.get(name)
        if frame is not None and len(frame):
            connection.register("incoming", sorted_frame(spec, frame))
            columns = ", ".join(column_order(spec))
            connection.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM incoming")
            connection.unregister("incoming")
    for view in views():
        connection.execute(view)


def write(target: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Build the whole warehouse in a temporary file, then atomically replace `target`."""
    import duckdb

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    os.close(handle)
    os.unlink(temporary)  # DuckDB wants to create the file itself
    try:
        with duckdb.connect(temporary) as connection:
            # One transaction: committing each of the ~150 statements costs a sync each.
            connection.execute("BEGIN TRANSACTION")
            _fill(connection, frames)
            connection.execute("COMMIT")
            connection.execute("CHECKPOINT")
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
