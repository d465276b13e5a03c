"""`guides city ID`: a one-page profile of a subdivision, read from subdivision_overview.

What a reader of the guides wants first about a city: for each specialty, the latest rank
limit and how it moved over five years, the posts, whom to contact, the union, the support
services and peripheral hospitals, and the documents and pages to open to check each fact.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pipeline.output.query import UsageError, connect

# Label and column of each line of a specialty's section, in printed order.
_LINES = (("Coordinator", "coordinator"), ("Referents", "referents"),
          ("Union", "union"), ("Support services", "support_services"),
          ("Peripheral hospitals", "peripheral_hospitals"))


def _plain(text: str) -> str:
    """Lower-case, without accents, spaces or hyphens: 'Océan-Indien' → 'oceanindien'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def resolve(connection, wanted: str) -> tuple[str, str]:
    """(subdivision_id, name) of an id, a name or an alias, however accented or cased."""
    rows = connection.execute("SELECT subdivision_id, name, aliases FROM subdivisions "
                              "ORDER BY subdivision_id").fetchall()
    key = _plain(wanted)
    for subdivision_id, name, aliases in rows:
        forms = [subdivision_id, name, *(aliases or "").split("|")]
        if key in {_plain(form) for form in forms if form}:
            return subdivision_id, name
    raise UsageError(f"no subdivision called {wanted!r}; one of: "
                     + ", ".join(r[0] for r in rows))


def _trend(connection, specialty: str, subdivision_id: str, last: int) -> str:
    """'2019 2482 · 2020 2744 · …': the rank limits of the five years up to `last`."""
    rows = connection.execute(
        "SELECT year, rank_limit FROM latest_rank_limits WHERE specialty = ? AND "
        "subdivision_id = ? AND year BETWEEN ? AND ? ORDER BY year",
        [specialty, subdivision_id, last - 4, last]).fetchall()
    return " · ".join(f"{year} {'—' if rank is None else rank}" for year, rank in rows)


def _rank_lines(connection, row: dict) -> list[str]:
    if row["rank_limit"] is None:
        return []
    lines = [f"Rank limit {row['rank_year']}: {row['rank_limit']}"]
    change = row["rank_change_5y"]
    if change is not None:
        moved = "easier to get" if change > 0 else "more sought after" if change < 0 else "stable"
        lines.append(f"Over five years: {change:+d} since {row['rank_year'] - 5} "
                     f"({row['rank_limit_5y_before']}): {moved}")
    lines.append("Trend: " + _trend(connection, row["specialty"], row["subdivision_id"],
                                    row["rank_year"]))
    return lines


def _section(connection, row: dict) -> list[str]:
    """The lines of one specialty: only what the documents state."""
    lines = _rank_lines(connection, row)
    if row["posts"] is not None:
        lines.append(f"Posts {row['posts_year']}: {row['posts']}")
    union = ", ".join(part for part in (
        row["union_name"], row["union_president"] and f"president {row['union_president']}",
        row["union_email"]) if part)
    values = {**row, "union": union or None}
    lines += [f"{label}: {values[column]}" for label, column in _LINES
              if values[column] not in (None, 0)]
    if row["sources"]:
        lines.append("Sources: " + ", ".join(row["sources"]))
    return [f"  {line}" for line in lines]


def profile(warehouse: Path, wanted: str) -> str:
    """The profile of subdivision `wanted` (an id, name or alias)."""
    with connect(warehouse) as connection:
        subdivision_id, name = resolve(connection, wanted)
        cursor = connection.execute("SELECT * FROM subdivision_overview WHERE "
                                    "subdivision_id = ? ORDER BY specialty", [subdivision_id])
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
        lines = [f"{name} ({subdivision_id})", ""]
        for row in rows:
            section = _section(connection, row)
            if any(not line.startswith("  Sources") for line in section):
                lines += [row["specialty"], *section, ""]
    if len(lines) == 2:
        lines.append("No document says anything of this subdivision yet.")
    return "\n".join(lines).rstrip()
