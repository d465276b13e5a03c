import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, specialty_field, subdivision_field, table


@table("card_fields", source="'Guide des villes' cards of specialty guides",
       order_by=("specialty", "subdivision_id", "doc_id", "ordinal"))
class CardFields(Provenance):
    """Every label/value pair of every city card, in printed order."""

    specialty: Series[str] = specialty_field()
    subdivision_id: Series[str] = subdivision_field()
    section: Series[str] = pa.Field(nullable=True, description="Section row the pair sits under (e.g. 'Rhumatologie en périphérie').")
    service: Series[str] = pa.Field(nullable=True, description="Hospital or department the pair describes, inside a section.")
    label: Series[str] = pa.Field(description="Label cell as printed.")
    value: Series[str] = pa.Field(nullable=True, description="Value cell; list items one per line.")
    ordinal: Series[int] = pa.Field(ge=1, description="Position of the pair within its card.")

    class Config:
        unique = ["specialty", "subdivision_id", "doc_id", "ordinal"]
