import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import EMAIL_PATTERN, Provenance, subdivision_field, table


@table("unions", source="ISNAR-IMG subdivision fiches", order_by=("subdivision_id", "name", "doc_id"))
class Unions(Provenance):
    """Local residents' union or association of each subdivision (general practice)."""

    subdivision_id: Series[str] = subdivision_field()
    name: Series[str] = pa.Field(description="Association acronym as printed.")
    address: Series[str] = pa.Field(nullable=True, description="Postal address.")
    president: Series[str] = pa.Field(nullable=True, description="President; NULL where the fiche leaves it blank.")
    email: Series[str] = pa.Field(nullable=True, str_matches=EMAIL_PATTERN, description="E-mail address, lower-case.")
    website: Series[str] = pa.Field(nullable=True, description="Web site, without its scheme (http://, https://) however printed.")
    chu: Series[str] = pa.Field(nullable=True, description="University hospital (CHU) as printed.")
    subdivision_as_printed: Series[str] = pa.Field(nullable=True, description="Subdivision name as printed with the fiche (the title under it), before resolution to subdivision_id.")
