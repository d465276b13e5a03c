"""`guides export`: one file per table and view and a datapackage.json that validates as a
Frictionless data package and round-trips through pandas."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import guides

from pipeline.load.warehouse import snapshot_tables


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory):
    """The session warehouse exported once in each format."""
    from pipeline.output.export import export

    folders = {fmt: tmp_path_factory.mktemp(f"export-{fmt}") for fmt in ("parquet", "csv")}
    for fmt, folder in folders.items():
        export(built[1], folder, fmt)
    return folders


def test_csv_package_validates_with_frictionless(exported):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(exported["csv"] / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type",
                                         "note"])[:10]


def test_parquet_round_trips_through_pandas(exported, warehouse):
    folder = exported["parquet"]
    ranks = pd.read_parquet(folder / "rank_limits.parquet")
    lyon = ranks.query("subdivision_id == 'lyon' and year == 2023")
    assert lyon["rank_limit"].tolist() == [4014] and lyon["page"].tolist() == [10]
    for name in (*snapshot_tables(), "build_info", "rank_trends", "posts_check"):
        (count,) = warehouse.execute(f"SELECT count(*) FROM {name}").fetchone()
        assert len(pd.read_parquet(folder / f"{name}.parquet")) == count, name
    checks = pd.read_parquet(folder / "posts_check.parquet")
    assert checks["disagrees"].dtype == "boolean" or checks["disagrees"].dtype == object


def test_descriptor_carries_types_keys_descriptions_and_build_info(exported):
    package = json.loads((exported["parquet"] / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) >= {*snapshot_tables(), "build_info", "rank_trends",
                              "latest_rank_limits", "edition_conflicts", "posts_check"}
    ranks = resources["rank_limits"]
    assert ranks["path"] == "rank_limits.parquet"
    assert ranks["schema"]["primaryKey"] == ["specialty", "subdivision_id", "year", "doc_id"]
    assert {"fields": ["subdivision_id"], "reference": {
        "resource": "subdivisions", "fields": ["subdivision_id"]}} in ranks["schema"]["foreignKeys"]
    fields = {f["name"]: f for f in ranks["schema"]["fields"]}
    assert fields["rank_limit"]["type"] == "integer"
    assert fields["rank_limit"]["constraints"] == {"minimum": 1, "maximum": 20000}
    assert fields["specialty"]["constraints"]["enum"] == ["rhumatologie", "medecine-generale"]
    assert fields["year"]["description"] == "Year of the choice of posts."
    events = {f["name"]: f for f in resources["events"]["schema"]["fields"]}
    assert events["start_date"]["type"] == "date"
    trends = {f["name"]: f for f in resources["rank_trends"]["schema"]["fields"]}
    assert "Positive: the limit rose" in trends["rank_change"]["description"]
    assert package["build_info"]["pipeline_version"] == package["version"] == "0.2.0"


def test_cli_export(capsys, built, tmp_path):
    code, out, _ = guides(capsys, "export", str(tmp_path / "out"), "--format", "csv",
                          "--warehouse", str(built[1]))
    assert code == 0
    assert out.strip().endswith("datapackage.json")
    assert (tmp_path / "out" / "rank_limits.csv").read_text().splitlines()[0] == \
        "specialty,subdivision_id,year,rank_limit,label_as_printed,note,doc_id,page"
