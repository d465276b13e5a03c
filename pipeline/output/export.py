"""`guides export DIR`: the warehouse as files anyone can read without DuckDB.

One Parquet (or CSV) file per table and view, written by DuckDB's COPY, and a
`datapackage.json` (Frictionless Data Package, Table Schema) generated from the pandera
schemas and schemas/views.py: each field's type, description, allowed values, minimum and
maximum, pattern; each table's primary key and foreign keys; the build_info row. `EXPORT
DATABASE` would drop every comment; this keeps them beside the data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandera.pandas as pa

from pipeline import __version__
from pipeline.load.ddl import column_order, sql_type
from pipeline.output.query import QueryError, UsageError, connect, copy
from schemas import TABLES, VIEWS, TableSpec

# COPY options beyond the format's own (see query.FORMATS), and the media type.
FORMATS = {"parquet": (None, "application/vnd.apache.parquet"),
           "csv": ("TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S'", "text/csv")}
# DuckDB type -> Table Schema type; nested types are JSON arrays and objects.
_TYPES = {"VARCHAR": "string", "BIGINT": "integer", "INTEGER": "integer", "DOUBLE": "number",
          "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "datetime"}
# A description naming the column it refers to: "... (subdivisions.subdivision_id)."
_REFERENCE = re.compile(r"\((\w+)\.(\w+)\)")


def field_type(duckdb_type: str) -> str:
    """The Table Schema type of a DuckDB column type."""
    if duckdb_type.endswith("]"):
        return "array"
    if duckdb_type.startswith(("STRUCT", "MAP")):
        return "object"
    return _TYPES.get(duckdb_type, "string")


def constraints(column: pa.Column) -> dict:
    """Table Schema constraints of a pandera column: required, unique, enum, bounds,
    pattern."""
    found: dict = {"required": True} if not column.nullable else {}
    if column.unique:
        found["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            found["enum"] = list(stats["allowed_values"])
        if check.name == "str_matches":
            found["pattern"] = str(stats["pattern"])
        if check.name in ("greater_than_or_equal_to", "in_range"):
            found["minimum"] = stats["min_value"]
        if check.name in ("less_than_or_equal_to", "in_range"):
            found["maximum"] = stats["max_value"]
    return found


def references(spec: TableSpec) -> list[dict]:
    """Foreign keys: the columns whose description names the table and column they hold."""
    keys = []
    for name in column_order(spec):
        match = _REFERENCE.search(spec.schema.columns[name].description or "")
        if match and match.group(1) in TABLES and match.group(1) != spec.name \
                and match.group(2) in TABLES[match.group(1)].columns:
            keys.append({"fields": [name], "reference": {"resource": match.group(1),
                                                          "fields": [match.group(2)]}})
    return keys


def table_schema(spec: TableSpec) -> dict:
    """The Table Schema of a warehouse table."""
    columns = spec.schema.columns
    fields = []
    for name in column_order(spec):
        field = {"name": name, "type": field_type(sql_type(columns[name].dtype)),
                 "description": columns[name].description or ""}
        if found := constraints(columns[name]):
            field["constraints"] = found
        fields.append(field)
    schema: dict = {"fields": fields}
    unique = list(spec.schema.unique or [])
    primary = unique or [n for n in column_order(spec) if columns[n].unique][:1]
    if primary:
        schema["primaryKey"] = primary
    if foreign := references(spec):
        schema["foreignKeys"] = foreign
    return schema


def view_schema(name: str, types: list[tuple[str, str]]) -> dict:
    """The Table Schema of a view: types from DuckDB, descriptions from schemas/views.py."""
    described = VIEWS[name].columns if name in VIEWS else {}
    return {"fields": [{"name": column, "type": field_type(type_),
                        "description": described.get(column, "")}
                       for column, type_ in types]}


def csv_schema(schema: dict) -> dict:
    """A schema as CSV can honour it: an empty CSV field is NULL or empty text alike, so a
    text field cannot be required there (Parquet keeps the difference)."""
    fields = []
    for field in schema["fields"]:
        kept = {k: v for k, v in field.get("constraints", {}).items()
                if not (k == "required" and field["type"] == "string")}
        fields.append({k: v for k, v in field.items() if k != "constraints"}
                      | ({"constraints": kept} if kept else {}))
    return schema | {"fields": fields}


def _build_info(connection) -> dict:
    """The build_info row as JSON values; empty for a warehouse built before it existed."""
    import duckdb

    try:
        cursor = connection.execute("SELECT * FROM build_info")
    except duckdb.Error:
        return {}
    row = cursor.fetchone()
    names = [d[0] for d in cursor.description]
    return {} if row is None else json.loads(json.dumps(dict(zip(names, row, strict=True)),
                                                        default=str))


def export(warehouse: Path, folder: Path, fmt: str = "parquet") -> Path:
    """Write every table and view of `warehouse` into `folder` plus datapackage.json; the
    path of the descriptor."""
    import duckdb

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (parquet or csv)")
    options, mediatype = FORMATS[fmt]
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    with connect(warehouse) as connection:
        present = {n for (n,) in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        names = [n for n in TABLES if n in present] + sorted(present - TABLES.keys())
        for name in names:
            path = folder / f"{name}.{fmt}"
            try:  # as `guides query` writes it: in CSV, lists and structs as JSON text
                copy(connection.sql(f'SELECT * FROM "{name}"'), fmt, path, options)
                types = [(c, t) for c, t, *_ in
                         connection.execute(f'DESCRIBE "{name}"').fetchall()]
            except duckdb.Error as error:
                raise QueryError(str(error).splitlines()[0], path=str(path)) from error
            is_table = name in TABLES
            schema = table_schema(TABLES[name]) if is_table else view_schema(name, types)
            resources.append({
                "name": name, "path": path.name, "format": fmt, "mediatype": mediatype,
                "description": TABLES[name].description if is_table else
                (VIEWS[name].description if name in VIEWS else ""),
                "sources": [{"title": TABLES[name].source if is_table else
                             (VIEWS[name].source if name in VIEWS else "view")}],
                "schema": csv_schema(schema) if fmt == "csv" else schema})
        info = _build_info(connection)
    package = {"name": "internat-guides", "title": "French medical residency guides",
               "description": "Rank limits, posts, city cards, contacts, unions, hospitals and "
                              "key dates read from the guides French medical students read "
                              "before choosing their residency, each row with its document "
                              "and page.",
               "version": info.get("pipeline_version", __version__),
               "created": info.get("built_at", "").replace(" ", "T") or None,
               "build_info": info, "resources": resources}
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({k: v for k, v in package.items() if v is not None},
                                     ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return descriptor
