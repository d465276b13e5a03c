import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Strict, table


@table("documents", source="raw/sources.toml and the PDF files themselves", order_by=("doc_id",))
class Documents(Strict):
    """One row per guide edition loaded: where it is, its fingerprint and what the catalog says of it."""

    doc_id: Series[str] = pa.Field(unique=True, description="Document id: '<series>-<edition year>' unless the catalog sets one.")
    series: Series[str] = pa.Field(description="The guide this document is an edition of, the same across its editions ('sfr-rhumatologie'): the catalog's `series`, else derived from publisher and specialty (or title).")
    path: Series[str] = pa.Field(description="Path of the PDF relative to raw/.")
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$", unique=True, description="SHA-256 of the PDF file.")
    publisher: Series[str] = pa.Field(description="Who published the guide, as the catalog names it.")
    title: Series[str] = pa.Field(description="Title of the guide.")
    edition_year: Series[int] = pa.Field(ge=1990, le=2100, description="Year of the edition (the raw/ folder it sits in).")
    specialty: Series[str] = pa.Field(nullable=True, description="Specialty the guide is about, NULL for a general guide.")
    url: Series[str] = pa.Field(nullable=True, description="Where the guide was published, when known.")
    page_count: Series[int] = pa.Field(ge=1, description="Number of pages of the PDF.")
    pipeline_version: Series[str] = pa.Field(description="Version of the pipeline that extracted it.")
