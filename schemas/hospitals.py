import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, subdivision_field, table


@table("hospitals", source="ISNAR-IMG subdivision fiches ('Périphs')",
       order_by=("subdivision_id", "departement", "town", "doc_id"))
class Hospitals(Provenance):
    """Peripheral hospitals where residents of a subdivision may be placed."""

    subdivision_id: Series[str] = subdivision_field()
    departement: Series[str] = pa.Field(nullable=True, description="Département as printed (number or name).")
    town: Series[str] = pa.Field(description="Town of the hospital.")
