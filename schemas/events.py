import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, table


@table("events", source="key dates of residency guides", order_by=("start_date", "title", "doc_id"))
class Events(Provenance):
    """Dated events of the start of residency (choices, welcome days, deadlines)."""

    title: Series[str] = pa.Field(description="What happens, as printed.")
    start_date: Series[pa.Date] = pa.Field(nullable=True, description="First day (ISO date); NULL when the guide announces the event without its date yet.")
    end_date: Series[pa.Date] = pa.Field(nullable=True, description="Last day for a range, NULL for a single day.")
    organization: Series[str] = pa.Field(nullable=True, description="Who organises it.")
    date_as_printed: Series[str] = pa.Field(nullable=True, description="The printed text when no date could be given ('Jusqu'au ?? octobre'), else NULL.")
