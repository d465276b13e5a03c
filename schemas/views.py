"""What each view of the warehouse means, column by column: the source of its COMMENT ON
VIEW / COMMENT ON COLUMN, of its rows in the `columns` table and of its section of the data
dictionary. The SQL itself is in pipeline/package_data/views/; a test checks that every
view is described here with exactly the columns its SQL gives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ViewSpec:
    """A view: its name, what it is for, the tables it reads and what each column holds."""

    name: str
    description: str
    source: str
    columns: dict[str, str]


VIEWS: dict[str, ViewSpec] = {}


def view(view_name: str, description: str, /, *, source: str, **columns: str) -> None:
    """Register the documentation of a view (columns in the order the view gives)."""
    VIEWS[view_name] = ViewSpec(view_name, " ".join(description.split()), source, columns)


_SPECIALTY = "Specialty, lower-case French name without accents."
_SUBDIVISION = "Canonical subdivision id (subdivisions.subdivision_id)."
_DOC = "Document the value was read from (documents.doc_id)."
_PAGE = "Page of that document, 1-based."

view("rank_trends", """Rank limits beside the posts of the same year, with the change from the
     year before. Each value is the newest edition's, an older one's where the newest prints
     none (as in latest_rank_limits).""",
     source="view over rank_limits, posts (rank_table) and documents",
     specialty=_SPECIALTY, subdivision_id=_SUBDIVISION,
     year="Year of the choice of posts.",
     rank_limit="Rank of the last student who chose the subdivision that year (newest edition's value); NULL where no edition prints one.",
     posts="Posts opened that year, as the rank table prints them (newest edition's value).",
     rank_change="rank_limit minus the rank limit of the previous year listed for the same specialty and subdivision. Positive: the limit rose, a worse-ranked student still got a post, so the subdivision was easier to get; negative: it fell, the subdivision was more sought after. NULL for the first year or when either year has no value.")

view("latest_rank_limits", """For each specialty x subdivision x year, the value of the newest
     edition that prints one: an older edition's rank is kept for years the newest no longer
     prints, or prints as missing ('nc', '-').""",
     source="view over rank_limits and documents",
     specialty=_SPECIALTY, subdivision_id=_SUBDIVISION,
     year="Year of the choice of posts.",
     rank_limit="Rank of the last student who chose the subdivision; NULL only when no edition prints a value.",
     doc_id=_DOC, page=_PAGE,
     edition_year="Edition year of the document the value comes from.",
     series="Guide (documents.series) of that document: the newest value may come from another guide of the specialty.")

view("edition_conflicts", """Cells that two editions print differently: the same rank limit or
     posts number (same specialty, subdivision, year and posts source) read from documents of
     two different edition years, with both values and both documents and pages. A value
     printed by one edition and missing in the other ('nc', '-') counts as a
     disagreement.""",
     source="view over rank_limits, posts and documents",
     table_name="Table the two values come from: 'rank_limits' or 'posts'.",
     column_name="Column compared: 'rank_limit', or 'posts (rank_table)' / 'posts (city_card)'.",
     specialty=_SPECIALTY, subdivision_id=_SUBDIVISION,
     year="Year the value is about.",
     older_edition="Edition year of the older document.",
     older_value="Value the older edition prints; NULL where it prints none.",
     older_doc_id="Older document (documents.doc_id).",
     older_page="Page of the older document.",
     older_series="Guide of the older document (documents.series).",
     newer_edition="Edition year of the newer document.",
     newer_value="Value the newer edition prints; NULL where it prints none.",
     newer_doc_id="Newer document (documents.doc_id).",
     newer_page="Page of the newer document.",
     newer_series="Guide of the newer document (documents.series); another guide than the older one when two guides of the specialty disagree.")

view("posts_check", """Posts of each subdivision and year as the rank table prints them beside
     the city card's figure for the same year and edition. `disagrees` is true when both give
     a number and the numbers differ, NULL when one side is missing; `status` says which case
     it is.""",
     source="view over posts",
     specialty=_SPECIALTY, subdivision_id=_SUBDIVISION,
     year="Year the posts were opened.",
     doc_id="Document both figures come from (documents.doc_id).",
     rank_table_posts="Posts printed in the rank-limit table; NULL when it gives none.",
     city_card_posts="Posts printed on the city card, when a plain number; NULL otherwise.",
     city_card_text="The city card's posts field as printed.",
     disagrees="True when both figures are numbers and differ, false when they agree, NULL when one is missing.",
     status="'agree', 'disagree', 'card not a number', 'rank table only' or 'city card only'.")

view("subdivision_overview", """One row per subdivision and specialty joining what every
     document says of it: the latest rank limit and its change over five years, the latest
     posts, the city card's coordinator and referents, the local union with its president
     and e-mail, the number of support services and of peripheral hospitals, and the
     documents and pages all this comes from. A fact from a specialty's guide is on that
     specialty's row; one from a general document (no specialty) on every row of its
     subdivision. Each fact is the newest edition's. `guides city ID` prints it as a
     profile.""",
     source="view over subdivisions, latest_rank_limits, rank_trends, city_cards, unions, hospitals, support_services and documents",
     subdivision_id=_SUBDIVISION,
     name="Subdivision name as usually written (subdivisions.name).",
     specialty=_SPECIALTY,
     rank_year="Latest year with a rank limit; NULL when no guide of the specialty prints one.",
     rank_limit="Rank limit of that year (latest_rank_limits).",
     rank_limit_5y_before="Rank limit five years before rank_year; NULL when not printed.",
     rank_change_5y="rank_limit minus rank_limit_5y_before. Positive: the limit rose over five years (easier to get); negative: it fell (more sought after).",
     posts_year="Latest year with a posts figure in the rank table.",
     posts="Posts of that year (rank_trends.posts).",
     coordinator="Coordinator of the specialty in the subdivision, as the city card prints it.",
     referents="Resident referents, as the city card prints them.",
     union_name="Local residents' union or association (unions.name).",
     union_president="Its president, as printed.",
     union_email="Its e-mail address.",
     support_services="Number of health and support services listed for the subdivision (support_services).",
     peripheral_hospitals="Number of peripheral hospitals listed for the subdivision (hospitals).",
     sources="Documents and pages the row's facts come from, as 'doc_id p. N', sorted.")
