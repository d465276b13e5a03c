"""Script-safe `guides` output: --csv/--json/--jsonl/--parquet written by DuckDB (a boolean,
a date, a list and a struct column each as its format expects), several statements, exit
statuses (SQL error 1, usage 2), `diff --json`, --version, $GUIDES_WAREHOUSE, and no
POSIX-only import on the read-only commands."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from helpers import guides

# One row of real values: Lyon's 2022 and 2023 rank limits (SFR guide, p. 10), the date of
# the JDMG (SRP-IMG), a boolean.
TYPED = """
SELECT (SELECT start_date FROM events WHERE title LIKE 'La Journée Découverte%') AS jdmg,
       (SELECT list(rank_limit ORDER BY year) FROM rank_limits
        WHERE subdivision_id = 'lyon' AND year IN (2022, 2023)) AS ranks,
       {'city': 'lyon', 'rank_2022': 4057} AS card,
       4014 < 4057 AS better
"""


@pytest.fixture
def path(built):
    return str(built[1])


def test_csv_is_duckdb_csv_with_nested_values_as_json(capsysbinary, path):
    code, out, _ = _run(capsysbinary, "query", TYPED, "--csv", "--warehouse", path)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows == [{"jdmg": "2024-06-08", "ranks": "[4057,4014]",
                     "card": '{"city":"lyon","rank_2022":4057}', "better": "true"}]


def test_json_and_jsonl_keep_types(capsysbinary, path):
    expected = {"jdmg": "2024-06-08", "ranks": [4057, 4014],
                "card": {"city": "lyon", "rank_2022": 4057}, "better": True}
    code, out, _ = _run(capsysbinary, "query", TYPED, "--json", "--warehouse", path)
    assert code == 0
    assert json.loads(out) == [expected]
    code, out, _ = _run(capsysbinary, "query", TYPED + "UNION ALL" + TYPED, "--jsonl",
                        "--warehouse", path)
    assert [json.loads(line) for line in out.splitlines()] == [expected, expected]


def test_parquet_round_trips_through_pandas(capsysbinary, path, tmp_path):
    target = tmp_path / "typed.parquet"
    code, _, _ = _run(capsysbinary, "query", TYPED, "--parquet", "-o", str(target),
                      "--warehouse", path)
    assert code == 0
    frame = pd.read_parquet(target)
    assert str(frame.loc[0, "jdmg"]) == "2024-06-08"
    assert list(frame.loc[0, "ranks"]) == [4057, 4014]
    assert frame.loc[0, "card"] == {"city": "lyon", "rank_2022": 4057}
    assert bool(frame.loc[0, "better"]) is True


def test_several_statements_print_each_result(capsys, path):
    code, out, _ = guides(capsys, "query", "SET threads = 1; SELECT 1 AS one; "
                          "SELECT rank_limit FROM rank_limits WHERE subdivision_id = 'lyon' "
                          "AND year = 2023", "--warehouse", path)
    assert code == 0
    assert out.split("\n\n") == ["one\n---\n  1\n(1 row)",
                                 "rank_limit\n----------\n      4014\n(1 row)\n"]


def test_several_statements_in_csv_are_separated_by_a_blank_line(capsysbinary, path):
    code, out, _ = _run(capsysbinary, "query", "SELECT 1 AS a; SELECT true AS b", "--csv",
                        "--warehouse", path)
    assert code == 0
    assert out == "a\n1\n\nb\ntrue\n"


@pytest.mark.parametrize(("argv", "status"), [
    (["query", "SELEC 1"], 1),
    (["query", "SELECT nope FROM rank_limits", "--json"], 1),
    (["query", "SELECT 1; SELECT 2", "--parquet"], 2),
    (["report", "--warehouse", "missing.duckdb"], 2),
    (["diff", "--from", "1999", "--to", "2024"], 2),
])
def test_exit_statuses(capsys, path, argv, status):
    code, _, err = guides(capsys, *argv, *(["--warehouse", path]
                                           if "--warehouse" not in argv else []))
    assert code == status
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(capsys, path):
    with pytest.raises(SystemExit) as stop:
        guides(capsys, "query", "SELECT 1", "--csv", "--json")
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        guides(capsys, "query", "SELECT 1", "--output", "x.csv", "--warehouse", path)
    assert stop.value.code == 2


def test_version(capsys):
    from pipeline import __version__

    with pytest.raises(SystemExit) as stop:
        guides(capsys, "--version")
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"guides {__version__}"


def test_every_command_honours_guides_warehouse(capsys, path, monkeypatch):
    monkeypatch.setenv("GUIDES_WAREHOUSE", path)
    code, out, _ = guides(capsys, "query", "SELECT count(*) AS n FROM subdivisions")
    assert (code, out.splitlines()[2].strip()) == (0, "28")
    assert guides(capsys, "report")[0] == 0
    assert guides(capsys, "diff", "--from", "2024", "--to", "2024")[0] == 0
    from pipeline.cli import parser

    assert str(parser().parse_args(["extract"]).warehouse) == path


def test_diff_json_lists_every_change(capsys, built, tmp_path):
    import shutil

    import duckdb

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(built[1], copy)
    with duckdb.connect(str(copy)) as connection:  # 'other': the guide, one rank changed
        connection.execute("INSERT INTO documents SELECT * REPLACE ('other' AS doc_id, "
                           "repeat('0', 64) AS sha256) FROM documents "
                           "WHERE doc_id = 'sfr-rhumatologie-2024'")
        connection.execute("INSERT INTO rank_limits SELECT * REPLACE ('other' AS doc_id, "
                           "CASE WHEN subdivision_id = 'lyon' AND year = 2023 THEN 4100 "
                           "ELSE rank_limit END AS rank_limit) "
                           "FROM rank_limits WHERE doc_id = 'sfr-rhumatologie-2024'")
    code, out, _ = guides(capsys, "diff", "--from", "sfr-rhumatologie-2024", "--to", "other",
                          "--json", "--warehouse", str(copy))
    assert code == 0
    [found] = json.loads(out)  # two doc ids: one comparison, whatever their series
    assert found["from"] == {"name": "sfr-rhumatologie-2024",
                             "doc_ids": ["sfr-rhumatologie-2024"]}
    ranks = next(t for t in found["tables"] if t["table"] == "rank_limits")
    assert ranks["changed"] == [{
        "key": {"specialty": "rhumatologie", "subdivision_id": "lyon", "year": 2023},
        "before": {"rank_limit": 4014, "note": None},
        "after": {"rank_limit": 4100, "note": None}}]
    assert ranks["added"] == ranks["removed"] == []


def test_diff_shows_null_as_query_does():
    from pipeline.output import diff, query

    assert diff._show(None) == query.NULL == "NULL"


def test_read_only_commands_need_no_fcntl(path):
    """Where fcntl does not exist (Windows), query, report and diff still run."""
    script = ("import sys; sys.modules['fcntl'] = None\n"
              "from pipeline.cli import main\n"
              f"assert main(['query', 'SELECT 1', '--warehouse', {path!r}]) == 0\n"
              f"assert main(['report', '--warehouse', {path!r}]) == 0\n"
              f"assert main(['diff', '--from', '2024', '--to', '2024', '--warehouse', {path!r}])"
              " == 0\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def _run(capsysbinary, *argv: str) -> tuple[int, str, str]:
    """`guides <argv>` with its binary output decoded (machine formats write bytes)."""
    from pipeline.cli import main

    code = main(list(argv))
    captured = capsysbinary.readouterr()
    return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")
