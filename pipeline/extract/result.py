"""What an extractor returns: rows per table, rejected rows with reasons, a quality report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Reject:
    """A row that will not be loaded, and why."""

    table_name: str
    doc_id: str | None
    page: int | None
    record: dict[str, Any]
    reason: str

    def as_row(self) -> dict[str, Any]:
        return {"table_name": self.table_name, "doc_id": self.doc_id, "page": self.page,
                "record": json.dumps(self.record, ensure_ascii=False, sort_keys=True, default=str),
                "reason": self.reason}


@dataclass(frozen=True)
class Report:
    """Camelot-style quality report of one table read from a document."""

    doc_id: str
    page: int
    table_name: str
    strategy: str
    rows: int
    confidence: float
    # For a table chosen among candidate readings: its score and the others' ('text 29').
    score: float | None = None
    rivals: str | None = None


@dataclass
class Extraction:
    """Rows per warehouse table plus rejects and reports; extractions merge by concatenation."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)

    def reject(self, table: str, row: dict[str, Any], reason: str) -> None:
        self.rejects.append(Reject(table, row.get("doc_id"), row.get("page"), row, reason))

    def merge(self, other: Extraction) -> Extraction:
        for table, rows in other.rows.items():
            self.rows.setdefault(table, []).extend(rows)
        self.rejects.extend(other.rejects)
        self.reports.extend(other.reports)
        return self

    def frames(self) -> dict[str, pd.DataFrame]:
        """Each table's rows as a DataFrame (reports and rejects included as tables)."""
        frames = {name: pd.DataFrame(rows) for name, rows in self.rows.items()}
        frames["extraction_report"] = pd.DataFrame([vars(r) for r in self.reports])
        frames["rejects"] = pd.DataFrame([r.as_row() for r in self.rejects])
        return frames
