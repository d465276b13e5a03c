"""The README's example SQL runs on a fresh build and answers what it says it answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def statements() -> list[str]:
    """Every query of every ```sql block: paragraphs, each a `--` question and its SQL."""
    return [part.strip() for block in BLOCKS for part in re.split(r"\n\s*\n", block)
            if part.strip()]


STATEMENTS = statements()


def titled(words: str) -> str:
    """The statement whose leading comment contains `words`."""
    return next(s for s in STATEMENTS if words in s.splitlines()[0])


def test_readme_has_the_analysts_questions():
    assert len(BLOCKS) >= 2
    assert len(STATEMENTS) >= 8


@pytest.mark.parametrize("sql", STATEMENTS, ids=lambda s: s.splitlines()[0][:60])
def test_readme_query_runs(warehouse, sql):
    cursor = warehouse.execute(sql)
    assert cursor.description


def test_best_ten_in_2023(warehouse):
    rows = warehouse.execute(titled("1. The ten")).fetchall()
    assert len(rows) == 10
    assert rows[:3] == [("Brest", 537), ("Bordeaux", 1888), ("Grenoble", 2172)]


def test_trend_of_one_city(warehouse):
    rows = warehouse.execute(titled("2. The trend")).fetchall()
    assert rows[-2:] == [(2023, 4014, None, -43), (2024, None, 2, None)]


def test_biggest_moves(warehouse):
    rows = warehouse.execute(titled("4. The five biggest")).fetchall()
    assert rows[0] == ("Brest", 537, -2862)


def test_where_a_number_comes_from(warehouse):
    rows = warehouse.execute(titled("5. Where a number")).fetchall()
    assert rows == [(2019, None, "Océan Indien", "2024/sfr-rhumatologie-2024.pdf", 10),
                    (2020, 2858, "Océan Indien", "2024/sfr-rhumatologie-2024.pdf", 10)]


def test_readme_python_example_reads_the_warehouse(built):
    (block,) = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    namespace: dict = {}
    exec(block.replace("extracted/warehouse.duckdb", str(built[1])), namespace)
    trends = namespace["trends"]
    assert trends.year.min() == 2020
    lyon = trends[(trends.subdivision_id == "lyon") & (trends.year == 2023)]
    assert lyon.rank_limit.tolist() == [4014]
