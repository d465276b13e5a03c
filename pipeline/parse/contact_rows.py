"""Rows of the `contacts` table from printed text: one row per e-mail address or phone number.

A cell or a line may print several ways to reach the same contact ('04 73 … ou 04 73 … /
x@uca.fr'); each becomes its own row so the table can be queried by address or number.
"""

from __future__ import annotations

from typing import Any

from pipeline.parse.contact_info import broken_emails, emails, phones
from pipeline.structure.outline import Outline

Row = dict[str, Any]


def contact_rows(text: str | None, base: Row) -> list[Row]:
    """One row per e-mail address then per phone number (E.164) in `text`, each with `base`.

    A broken address ('jean.dupont@') gets its row too, as printed: validation rejects it
    with the reason, so it is seen in `rejects` rather than lost.
    """
    return ([{**base, "email": address} for address in emails(text) + broken_emails(text)]
            + [{**base, "phone": number} for number in phones(text)])


def swept_contacts(outline: Outline, base: Row) -> list[Row]:
    """A row for every e-mail address and phone number printed anywhere in the outline.

    For documents whose contacts are running text (a 'Mail : …' line) rather than a table:
    nothing printed is lost, and each row carries the page it was read from.
    """
    return [row for node in outline.nodes
            for row in contact_rows(node.text, {**base, "doc_id": outline.doc_id,
                                                "page": node.page})]
