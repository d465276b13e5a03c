import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, specialty_field, subdivision_field, table


@table("services", source="'Guide des villes' cards of specialty guides",
       order_by=("specialty", "subdivision_id", "doc_id", "ordinal"))
class Services(Provenance):
    """One row per hospital department or placement a city card describes: the CHU
    department, each peripheral service, each hospital card of a subdivision (Île-de-France)
    and the private-practice placements. Numbers only where the card states them plainly."""

    specialty: Series[str] = specialty_field()
    subdivision_id: Series[str] = subdivision_field()
    ordinal: Series[int] = pa.Field(ge=1, description="Position of the service within its card, in printed order.")
    kind: Series[str] = pa.Field(isin=["chu", "peripheral", "hospital", "private_practice"], description="'chu' (university hospital department), 'peripheral' (non-university hospital), 'hospital' (a hospital card of its own, as in Île-de-France) or 'private_practice' (placement with private rheumatologists).")
    hospital_name: Series[str] = pa.Field(description="Hospital, department or placement as printed: the 'Service' row, the hospital card title, or the section row.")
    section: Series[str] = pa.Field(nullable=True, description="Section row of the card the service is described under, as printed.")
    beds: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=500, description="Number of beds when the composition field states exactly one 'N lits'; NULL otherwise.")
    resident_posts_min: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=100, description="Resident posts per semester, lower bound ('1 à 2' gives 1), when the posts field is a plain number or range; NULL otherwise.")
    resident_posts_max: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, le=100, description="Resident posts per semester, upper bound ('1 à 2' gives 2); equal to the minimum for a single number.")
    resident_posts_text: Series[str] = pa.Field(nullable=True, description="The posts field as printed, kept whether or not it was a plain number.")

    class Config:
        unique = ["specialty", "subdivision_id", "doc_id", "ordinal"]
