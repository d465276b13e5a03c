"""Write the DuckDB warehouse: the only module that writes outside a temporary directory.

The warehouse is built in a temporary file beside the target and moved into place with
an atomic rename once complete, so a failed or killed run leaves the previous file as it
was. DDL (with COMMENT ON) comes from the schemas; views from `package_data/views/*.sql`.
A lock file beside the warehouse keeps two runs from building it at once, and temporary
files a killed run left behind are removed by the next one.

The file is written in the storage format of DuckDB 1.1 (`STORAGE_VERSION`), not the
newest one of the installed DuckDB: analysts open it with whatever DuckDB their R, DBeaver
or CLI ships, and a 2.x file is unreadable by every 1.x release.

When asked to (the default warehouse of `make extract`), it also rewrites a CSV snapshot of
every table (`extracted/tables/<table>.csv`, committed), so a review of a new edition shows
in git what its extraction changed.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from pipeline.errors import WarehouseBusy, WarehouseCheckFailed
from pipeline.load import check, dictionary
from pipeline.load.ddl import column_order, creation_order, ddl, sorted_frame, view_comments, views
from schemas import TABLES, TableSpec


def snapshot_csv(spec: TableSpec, frame: pd.DataFrame) -> str:
    """A table as CSV text, rows sorted by its order then every column, so that the snapshot
    changes only when the data does."""
    columns = column_order(spec)
    frame = frame.reindex(columns=columns)
    keys = list(dict.fromkeys([k for k in spec.order_by if k in columns] + columns))
    ordered = frame.sort_values(keys, kind="stable", na_position="first") if len(frame) else frame
    return ordered.to_csv(index=False, lineterminator="\n")


# Tables that change with every build (time, commit): never in the snapshot.
UNSNAPSHOTTED = frozenset({"build_info"})


def snapshot_tables() -> list[str]:
    """The tables the CSV snapshot holds."""
    return [name for name in TABLES if name not in UNSNAPSHOTTED]


def write_snapshot(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    """One CSV per table of the schemas (header only when empty) but those that change with
    every build; CSVs of tables that no longer exist are removed. Each file is replaced
    atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in snapshot_tables():
        text = snapshot_csv(TABLES[name], frames.get(name, pd.DataFrame()))
        temporary = folder / f".{name}.csv.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / f"{name}.csv")
    for stale in folder.glob("*.csv"):
        if stale.stem not in snapshot_tables():
            stale.unlink()


def _fill(connection, frames: dict[str, pd.DataFrame]) -> None:
    import duckdb

    for spec in creation_order(TABLES.values()):
        for statement in ddl(spec):
            connection.execute(statement)
        frame = frames.get(spec.name)
        if frame is not None and len(frame):
            connection.register("incoming", sorted_frame(spec, frame))
            columns = ", ".join(column_order(spec))
            try:
                connection.execute(f"INSERT INTO {spec.name} ({columns}) "
                                   f"SELECT {columns} FROM incoming")
            except duckdb.ConstraintException as error:  # a key the DDL declares
                raise WarehouseCheckFailed(
                    f"warehouse check failed: table {spec.name}: "
                    f"{' '.join(str(error).split())}") from None
            connection.unregister("incoming")
    for statement in views() + view_comments():
        connection.execute(statement)


# The oldest DuckDB release whose storage format the warehouse is written in; every DuckDB
# from it onwards (1.1 … 2.x) opens the file. Comments, views, lists and structs all exist
# in that format.
STORAGE_VERSION = "v1.1.0"

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
    import fcntl  # POSIX only, and only a build takes the lock: readers never import it

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


def expected_counts(frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Rows each table must hold once written: all it was given."""
    return {name: len(frames[name]) if name in frames else 0 for name in TABLES}


def with_generated(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The frames plus the tables made at write time: the data dictionary (`columns`),
    always current."""
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
        with duckdb.connect(temporary, config={
                "storage_compatibility_version": STORAGE_VERSION}) as connection:
            # One transaction: committing each of the ~150 statements costs a sync each.
            connection.execute("BEGIN TRANSACTION")
            try:
                _fill(connection, frames)
            except WarehouseCheckFailed as error:
                raise WarehouseCheckFailed(error.message, path=str(target)) from None
            connection.execute("COMMIT")
            if found := check.problems(connection, expected_counts(frames)):
                raise check.failure(found, target)
            connection.execute("CHECKPOINT")
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
