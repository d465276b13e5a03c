"""`guides report`: what the warehouse holds, read back from the warehouse itself.

Unlike the end-of-build summary (which describes one build in memory), this reads any
warehouse file: its documents, rows per table, rejects by reason and, where the build
has one, the `posts_check` view's disagreements between the places a guide states posts.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.output.query import connect, fetch, table

DOCUMENTS = """
    SELECT doc_id, edition_year, page_count, specialty, publisher
    FROM documents ORDER BY edition_year DESC, doc_id"""
REJECTS = """
    SELECT table_name, reason, count(*) AS rows
    FROM rejects GROUP BY ALL ORDER BY rows DESC, table_name, reason"""
POSTS_CHECK = "posts_check"


def _names(connection, kind: str) -> list[str]:
    """Names of the main schema's relations of one kind ('BASE TABLE' or 'VIEW')."""
    rows = connection.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_type = ? ORDER BY 1", [kind]).fetchall()
    return [name for (name,) in rows]


def _row_counts(connection) -> str:
    """One line per table of the warehouse (whatever it holds, not just known schemas)."""
    names = _names(connection, "BASE TABLE")
    counts = [connection.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
              for name in names]
    width = max((len(name) for name in names), default=0)
    return "\n".join(f"  {name:<{width}}  {count:>7}" for name, count in zip(names, counts,
                                                                               strict=True))


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _section(title: str, body: str) -> list[str]:
    return ["", title, body]


def _disagreements(connection) -> str:
    """The query for the view's disagreeing rows: those flagged by its `disagrees` column
    when it has one (the view puts every year side by side), else all its rows."""
    columns = {name for (name,) in connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [POSTS_CHECK]).fetchall()}
    where = " WHERE disagrees" if "disagrees" in columns else ""
    return f"SELECT * FROM {POSTS_CHECK}{where}"


def report(warehouse: Path) -> str:
    """The whole report as text."""
    with connect(warehouse) as connection:
        lines = [f"Warehouse {warehouse}"]
        documents = fetch(connection, DOCUMENTS)
        lines += _section(f"Documents ({len(documents.rows)}):", _indent(table(documents)))
        lines += _section("Rows per table:", _row_counts(connection))
        rejects = fetch(connection, REJECTS)
        total = sum(row[-1] for row in rejects.rows)
        lines += _section(f"Rejected rows ({total}), by table and reason:",
                          _indent(table(rejects)) if total else "  none")
        if POSTS_CHECK in _names(connection, "VIEW"):
            check = fetch(connection, _disagreements(connection))
            lines += _section(f"Posts disagreements ({POSTS_CHECK}: {len(check.rows)} row(s)):",
                              _indent(table(check)) if check.rows else "  none")
        else:
            lines += _section("Posts disagreements:",
                              f"  not checked: this warehouse has no {POSTS_CHECK} view")
    return "\n".join(lines)
