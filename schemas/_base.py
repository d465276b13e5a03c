"""What every table schema shares: the registry, provenance columns and common checks.

The schemas are the single source of truth for table and column names, types and
meaning: validation, the warehouse DDL (with COMMENT ON) and the data dictionary are
all generated from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa
from pandera.typing import Series

from schemas._reference import subdivision_ids

SUBDIVISION_IDS = subdivision_ids()
SPECIALTIES = ["rhumatologie", "medecine-generale"]
EMAIL_PATTERN = r"^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"
PHONE_PATTERN = r"^\+[1-9][0-9]{7,14}$"


@dataclass(frozen=True)
class TableSpec:
    """A warehouse table: its name, pandera model, where its rows come from, its order."""

    name: str
    model: type[pa.DataFrameModel]
    source: str
    order_by: tuple[str, ...]

    @property
    def schema(self) -> pa.DataFrameSchema:
        return self.model.to_schema()

    @property
    def description(self) -> str:
        return " ".join((self.model.__doc__ or "").split())

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)


REGISTRY: dict[str, TableSpec] = {}


def table(name: str, *, source: str, order_by: tuple[str, ...]):
    """Register a model as the schema of warehouse table `name`."""

    def register(model: type[pa.DataFrameModel]) -> type[pa.DataFrameModel]:
        REGISTRY[name] = TableSpec(name, model, source, order_by)
        return model

    return register


class Strict(pa.DataFrameModel):
    """Base of every table: exact columns, values coerced to the declared types."""

    class Config:
        strict = "filter"
        coerce = True
        ordered = False


class Provenance(Strict):
    """Columns every fact row carries: the document and page it was read from."""

    doc_id: Series[str] = pa.Field(description="Document the row was read from (documents.doc_id).")
    page: Series[int] = pa.Field(ge=1, description="Page of the document, 1-based as PDF viewers number it.")


def subdivision_field(nullable: bool = False, what: str = "Canonical subdivision id"):
    """The subdivision_id column: one of the 28 ids of the reference table."""
    return pa.Field(isin=SUBDIVISION_IDS, nullable=nullable,
                    description=f"{what} (subdivisions.subdivision_id).")


def specialty_field():
    return pa.Field(isin=SPECIALTIES, description="Specialty, lower-case French name without accents.")
