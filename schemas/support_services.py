import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Provenance, subdivision_field, table


@table("support_services", source="ARS 'Dispositifs pour la santé des étudiants' tables",
       order_by=("doc_id", "page", "subdivision_id", "device"))
class SupportServices(Provenance):
    """Health and support services for students and residents, per subdivision."""

    subdivision_id: Series[str] = subdivision_field(nullable=True, what="Subdivision served; NULL for region-wide services")
    level_as_printed: Series[str] = pa.Field(description="Level as printed (a city, or 'Région ARA').")
    device: Series[str] = pa.Field(description="Name of the service (dispositif).")
    contact_raw: Series[str] = pa.Field(nullable=True, description="Contact cell as printed.")
    structure: Series[str] = pa.Field(nullable=True, description="Structure that runs it.")
