"""Check each table against its pandera schema; rows that fail become rejects with reasons.

Validation is lazy (every failure of every row is collected) so one bad cell costs one
row, never the table. A failure that concerns no row (a missing column) is a bug in the
extractor and is raised, not rejected.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pandera.pandas as pa

from pipeline.extract.result import Reject
from schemas import TableSpec


def _reasons(failures: pd.DataFrame) -> dict[int, str]:
    """One reason per failing row index: 'column: check (value)' joined by '; '."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for case in failures.itertuples(index=False):
        what = f"{case.column}: {case.check}" if case.column else str(case.check)
        grouped[int(case.index)].append(f"{what} (value {_plain(case.failure_case)!r})")
    return {index: "; ".join(dict.fromkeys(items)) for index, items in grouped.items()}


def _own_failures(failures: pd.DataFrame) -> pd.DataFrame:
    """Drop the dtype failures that only follow from another row's failed coercion.

    When one cell of a column cannot be coerced (a date that does not exist), pandera
    leaves the whole column uncoerced and reports a dtype failure for every row; only the
    rows whose own value failed to coerce are bad.
    """
    check = failures["check"].astype(str)
    uncoerced = set(failures.loc[check.str.startswith("coerce_dtype"), "column"])
    return failures[~(failures["column"].isin(uncoerced) & check.str.startswith("dtype("))]


def validate(spec: TableSpec, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Reject]]:
    """The rows that pass `spec`'s schema (coerced to its types) and rejects for the others.

    A reject's record keeps every key the extractor gave, not only the table's columns,
    so the printed text (e.g. `printed`) is there to read next to the reason.
    """
    incoming = frame.reset_index(drop=True)
    frame = incoming.reindex(columns=spec.columns)
    try:
        return spec.schema.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as errors:
        failures = _own_failures(errors.failure_cases)
    if failures["index"].isna().any():
        raise RuntimeError(f"table {spec.name}: schema failure not tied to a row:\n"
                           f"{failures[failures['index'].isna()].to_string()}")
    reasons = _reasons(failures)
    rejects = [
        Reject(spec.name, _plain(frame.at[i, "doc_id"]) if "doc_id" in frame else None,
               _plain(frame.at[i, "page"]) if "page" in frame else None,
               {k: _plain(v) for k, v in incoming.loc[i].items()}, reason)
        for i, reason in sorted(reasons.items())
    ]
    kept = frame.drop(index=list(reasons)).reset_index(drop=True)
    return spec.schema.validate(kept, lazy=True), rejects


def _plain(value):
    """A JSON-friendly Python value (NA becomes None, numpy scalars become Python ones)."""
    if value is None or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
