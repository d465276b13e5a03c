import pandera.pandas as pa
from pandera.typing import Series

from schemas._base import Strict, table


@table("columns", source="generated from the schemas by pipeline/dictionary.py",
       order_by=("table_name",))
class Columns(Strict):
    """The data dictionary: every column of every table, with its type, meaning and allowed values (docs/data-dictionary.md is the same content)."""

    table_name: Series[str] = pa.Field(description="Warehouse table.")
    column_name: Series[str] = pa.Field(description="Column, in the table's order.")
    type: Series[str] = pa.Field(description="DuckDB type (VARCHAR, BIGINT, DOUBLE, DATE, …).")
    nullable: Series[bool] = pa.Field(description="Whether the column may be NULL.")
    description: Series[str] = pa.Field(description="What the column holds (the schema's description, also its COMMENT ON).")
    allowed: Series[str] = pa.Field(nullable=True, description="Values the schema allows: list, range, pattern, uniqueness; NULL when anything of the type goes.")
    source: Series[str] = pa.Field(description="Where the table's rows come from.")
