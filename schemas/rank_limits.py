import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, specialty_field, subdivision_field, table


@table("rank_limits", source="rank-limit table ('Rangs limites') of specialty guides",
       order_by=("specialty", "subdivision_id", "year", "doc_id"))
class RankLimits(Provenance):
    """Rank limit of each subdivision and year: the worst national rank that still got a post."""

    specialty: Series[str] = specialty_field()
    subdivision_id: Series[str] = subdivision_field()
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Year of the choice of posts.")
    rank_limit: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, le=20000, description="Rank of the last student who chose this subdivision; NULL where the guide prints no value ('-').")
    label_as_printed: Series[str] = pa.Field(description="Subdivision label exactly as printed.")
    note: Series[str] = pa.Field(nullable=True, description="Footnote mark printed beside the value, if any.")

    class Config:
        unique = ["specialty", "subdivision_id", "year", "doc_id"]
