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
    strategy: Series[str] = pa.Field(description="How it was read. A table: the strategy whose reading was kept, 'lines' (pdfplumber's ruled table), 'lines-only' (its rules alone, fills and the sides of boxes left out), 'bands' (shaded bands), 'rows' (drawn rows, columns from the gutters the words share) or 'text' (aligned words). Other content: the outline nodes it was read from ('cards', 'captions', 'bullets', 'headings', 'column_lines').")
    rows: Series[int] = pa.Field(ge=0, description="Rows extracted.")
    confidence: Series[float] = pa.Field(ge=0, le=1, description="Share of cells that parsed cleanly (1 = all).")
    score: Series[float] = pa.Field(nullable=True, description="For a table chosen among the readings of several strategies: its score (cells that read as wanted minus cells that did not); null for content not read as a table.")
    rivals: Series[str] = pa.Field(nullable=True, description="The other strategies that read the same region and their scores ('bands 392; lines 15'), empty when none competed; null for content not read as a table.")
