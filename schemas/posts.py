import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, specialty_field, subdivision_field, table


@table("posts", source="posts column of the rank-limit table and 'Nombre de postes' of city cards",
       order_by=("specialty", "subdivision_id", "year", "source", "doc_id"))
class Posts(Provenance):
    """Number of resident posts opened in a subdivision for a year, from each place a guide states it."""

    specialty: Series[str] = specialty_field()
    subdivision_id: Series[str] = subdivision_field()
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Year the posts were opened.")
    posts: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=2000, description="Number of posts; NULL when the text is not a plain number.")
    source: Series[str] = pa.Field(isin=["rank_table", "city_card"], description="'rank_table' (last column of the rank-limit table) or 'city_card'.")
    raw_text: Series[str] = pa.Field(nullable=True, description="The printed text the number was read from.")

    class Config:
        unique = ["specialty", "subdivision_id", "year", "source", "doc_id"]
