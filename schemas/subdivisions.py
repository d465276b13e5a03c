import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Strict, table


@table("subdivisions", source="schemas/reference/subdivisions.csv (curated)",
       order_by=("subdivision_id",))
class Subdivisions(Strict):
    """The 28 subdivisions (residency regions) every fact is mapped onto."""

    subdivision_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z-]+$", description="Canonical id, e.g. 'ile-de-france'.")
    name: Series[str] = pa.Field(description="Name as usually written.")
    region: Series[str] = pa.Field(description="Administrative region.")
    aliases: Series[str] = pa.Field(nullable=True, description="Other printed forms, separated by '|' (used by name resolution).")
