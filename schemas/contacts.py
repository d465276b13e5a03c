import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import EMAIL_PATTERN, PHONE_PATTERN, Provenance, subdivision_field, table


@table("contacts", source="every document: people, offices and their e-mail, phone or site",
       order_by=("doc_id", "page", "subdivision_id", "organization", "name", "role", "email", "phone", "url"))
class Contacts(Provenance):
    """People and offices to contact, with their role and how to reach them."""

    name: Series[str] = pa.Field(nullable=True, description="Person or office as printed.")
    role: Series[str] = pa.Field(nullable=True, description="Role or function as printed.")
    organization: Series[str] = pa.Field(nullable=True, description="Organisation the contact belongs to.")
    subdivision_id: Series[str] = subdivision_field(nullable=True, what="Subdivision the contact serves, NULL when national or regional")
    email: Series[str] = pa.Field(nullable=True, str_matches=EMAIL_PATTERN, description="E-mail address, lower-case.")
    phone: Series[str] = pa.Field(nullable=True, str_matches=PHONE_PATTERN, description="Phone number in E.164 form (+33…).")
    url: Series[str] = pa.Field(nullable=True, description="Web site, without its scheme (http://, https://) however printed.")
    scope: Series[str] = pa.Field(nullable=True, description="Part of the subdivision's residents the contact serves, as printed (e.g. 'MG', 'spécialités autres que MG'); NULL when not narrowed.")
