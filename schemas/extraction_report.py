import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Strict, table


@table("extraction_report", source="the extractors themselves",
       order_by=("doc_id", "page", "table_name", "strategy"))
class ExtractionReport(Strict):
    """Quality report per extracted table: where it was found, how, how many rows, how sure."""

    doc_id: Series[str] = pa.Field(description="Document.")
    page: Series[int] = pa.Field(ge=1, description="First page of the table.")
    table_name: Series[str] = pa.Field(description="Warehouse table it fed.")
    strategy: Series[str] = pa.Field(description="How it was read: 'lines' (ruled table), 'text' (aligned words), …")
    rows: Series[int] = pa.Field(ge=0, description="Rows extracted.")
    confidence: Series[float] = pa.Field(ge=0, le=1, description="Share of cells that parsed cleanly (1 = all).")
