import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Strict, table


@table("rejects", source="every extractor and validation step",
       order_by=("table_name", "doc_id", "page", "record", "reason"))
class Rejects(Strict):
    """Rows that could not be loaded, with the reason: nothing is dropped in silence."""

    table_name: Series[str] = pa.Field(description="Table the row was meant for.")
    doc_id: Series[str] = pa.Field(nullable=True, description="Document it was read from.")
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, description="Page it was read from.")
    record: Series[str] = pa.Field(description="The row as extracted, as JSON (printed text included).")
    reason: Series[str] = pa.Field(description="Why it was rejected.")
