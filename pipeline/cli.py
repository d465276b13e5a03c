"""The `guides` command line: `guides extract` builds the warehouse from raw/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_WAREHOUSE = Path("extracted/warehouse.duckdb")


def _extract(args: argparse.Namespace) -> int:
    from pipeline.build import Options, build
    from pipeline.errors import CatalogError
    from pipeline.loader import Limits
    from pipeline.summary import summary

    options = Options(Limits(args.max_pages, args.seconds), args.strict, not args.quiet)
    try:
        result = build(args.raw, args.warehouse, options)
    except CatalogError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    print(summary(result, args.warehouse))
    return 1 if result.failures else 0


def _query(args: argparse.Namespace) -> int:
    from pipeline import query

    try:
        result = query.run(args.warehouse, args.sql)
    except query.QueryError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    print({"csv": query.as_csv, "json": query.as_json}.get(args.format, query.table)(result))
    return 0


def _report(args: argparse.Namespace) -> int:
    from pipeline.query import QueryError
    from pipeline.report import report

    try:
        print(report(args.warehouse))
    except QueryError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per job."""
    from pipeline.loader import Limits

    main = argparse.ArgumentParser(prog="guides", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="build the warehouse from the PDFs in raw/")
    extract.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder with sources.toml")
    extract.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    extract.add_argument("--strict", action="store_true", help="any rejected row is an error")
    extract.add_argument("--quiet", action="store_true", help="no progress bars")
    extract.add_argument("--max-pages", type=int, default=Limits.max_pages,
                         help="refuse documents with more pages (default %(default)s)")
    extract.add_argument("--seconds", type=float, default=Limits.seconds,
                         help="time budget per document (default %(default)s)")
    extract.set_defaults(run=_extract)
    query = commands.add_parser("query", help="run one SQL query on the warehouse (read-only)")
    query.add_argument("sql", help='e.g. "SELECT * FROM rank_trends LIMIT 5"')
    query.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    shape = query.add_mutually_exclusive_group()
    shape.add_argument("--csv", dest="format", action="store_const", const="csv")
    shape.add_argument("--json", dest="format", action="store_const", const="json")
    query.set_defaults(run=_query)
    report = commands.add_parser("report", help="what the warehouse holds")
    report.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    report.set_defaults(run=_report)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
