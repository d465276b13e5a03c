import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, specialty_field, subdivision_field, table


@table("city_cards", source="'Guide des villes' cards of specialty guides",
       order_by=("specialty", "subdivision_id", "doc_id"))
class CityCards(Provenance):
    """One row per city card: the headline facts of a subdivision in a specialty guide."""

    specialty: Series[str] = specialty_field()
    subdivision_id: Series[str] = subdivision_field()
    title_as_printed: Series[str] = pa.Field(description="Card title as printed, e.g. 'BESANÇON (mise à jour 2024)'.")
    updated_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="Year of '(mise à jour YYYY)' in the title.")
    posts_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="Year named in the 'Nombre de postes ECN/EDN YYYY' label.")
    posts: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=2000, description="Number of posts stated; NULL when the text is not a plain number.")
    coordinator: Series[str] = pa.Field(nullable=True, description="DES coordinator as printed.")
    referents: Series[str] = pa.Field(nullable=True, description="Resident referent(s) as printed.")

    class Config:
        unique = ["specialty", "subdivision_id", "doc_id"]
