import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Strict, table


@table("build_info", source="written by pipeline/load/build_info.py at each build",
       order_by=("built_at",))
class BuildInfo(Strict):
    """One row saying how this warehouse was built: when, from which commit, with which pipeline and library versions and options. It changes with every build, so it is left out of the CSV snapshot."""

    built_at: Series[pd.Timestamp] = pa.Field(description="When the build wrote the warehouse, UTC.")
    pipeline_version: Series[str] = pa.Field(str_matches=r"^\d+\.\d+\.\d+", description="Version of the pipeline (pipeline.__version__), raised whenever the extraction output can change.")
    git_commit: Series[str] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{40}$", description="Commit of the pipeline's code; NULL when it does not run from a git checkout.")
    git_dirty: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Whether tracked files differed from that commit; NULL without git.")
    python_version: Series[str] = pa.Field(description="Python version that ran the build.")
    pdfplumber_version: Series[str] = pa.Field(description="pdfplumber version (PDF parsing).")
    pandas_version: Series[str] = pa.Field(description="pandas version.")
    pandera_version: Series[str] = pa.Field(description="pandera version (validation).")
    duckdb_version: Series[str] = pa.Field(description="DuckDB version that wrote the file.")
    storage_version: Series[str] = pa.Field(description="DuckDB storage format the file is written in; every DuckDB from that release on opens it.")
    options: Series[str] = pa.Field(description="Options of the build as JSON: strict, max_pages, seconds, jobs, cache, snapshot.")
