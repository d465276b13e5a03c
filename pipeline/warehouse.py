"""Write the DuckDB warehouse: the only module that writes outside a temporary directory.

The warehouse is built in a temporary file beside the target and moved into place with
an atomic rename once complete, so a failed or killed run leaves the previous file as it
was. DDL (with COMMENT ON) comes from the schemas; views from `package_data/views/*.sql`.
A lock file beside the warehouse keeps two runs from building it at once, and temporary
files a killed run left behind are removed by the next one.

When asked to (the default warehouse of `make extract`), it also rewrites a CSV snapshot of
every table (`extracted/tables/<table>.csv`, committed), so a review of a new edition shows
in git what its extraction changed.
"""

from __future__ import annotations

import fcntl
import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pandas as pd

from pipeline.errors import WarehouseBusy
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


def snapshot_csv(spec: TableSpec, frame: pd.DataFrame) -> str:
    """A table as CSV text, rows sorted by its order then every column, so that the snapshot
    changes only when the data does."""
    columns = column_order(spec)
    frame = frame.reindex(columns=columns)
    keys = list(dict.fromkeys([k for k in spec.order_by if k in columns] + columns))
    ordered = frame.sort_values(keys, kind="stable", na_position="first") if len(frame) else frame
    return ordered.to_csv(index=False, lineterminator="\n")


def write_snapshot(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    """One CSV per table of the schemas (header only when empty); CSVs of tables that no
    longer exist are removed. Each file is replaced atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in TABLES.items():
        text = snapshot_csv(spec, frames.get(name, pd.DataFrame()))
        temporary = folder / f".{name}.csv.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / f"{name}.csv")
    for stale in folder.glob("*.csv"):
        if stale.stem not in TABLES:
            stale.unlink()


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


_HELD: set[Path] = set()


def lock_path(target: Path) -> Path:
    """The lock file of a warehouse: hidden, beside it, never removed (removal would race)."""
    return target.parent / f".{target.name}.lock"


@contextmanager
def lock(target: Path) -> Iterator[None]:
    """Hold the warehouse's lock; a second process is refused at once with WarehouseBusy.

    flock is released by the kernel when the holder dies, even by SIGKILL, so a killed run
    never leaves the warehouse locked. Re-entrant within one process (the CLI holds it for
    the whole run, `write` takes it again).
    """
    key = lock_path(target).resolve()
    if key in _HELD:
        yield
        return
    key.parent.mkdir(parents=True, exist_ok=True)
    with key.open("a+", encoding="ascii") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise WarehouseBusy(f"another extract (pid {holder}) is building this warehouse; "
                                "run again when it has finished", path=str(target)) from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)


def remove_stale(target: Path) -> None:
    """Delete temporary files a killed run left beside `target`; call with the lock held."""
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp*"):
        leftover.unlink()


def with_generated(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames plus the tables made at write time: the data dictionary (`columns`),
    always current."""
    from pipeline import dictionary  # it imports this module

    return {**frames, "columns": dictionary.frame()}


def write(target: Path, frames: dict[str, pd.DataFrame], snapshot: Path | None = None) -> None:
    """Build the whole warehouse in a temporary file, then atomically replace `target`;
    then, if `snapshot` names a folder, rewrite the CSV snapshot there."""
    frames = with_generated(frames)
    with lock(target):
        remove_stale(target)
        _write_unlocked(target, frames)
        if snapshot is not None:
            write_snapshot(snapshot, frames)


def _write_unlocked(target: Path, frames: dict[str, pd.DataFrame]) -> None:
    import duckdb

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
