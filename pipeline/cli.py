"""The `guides` command line: `guides extract` builds the warehouse from raw/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_WAREHOUSE = Path("extracted/warehouse.duckdb")
# The committed CSV snapshot, rewritten only with the default warehouse.
DEFAULT_SNAPSHOT = Path("extracted/tables")


def _extract(args: argparse.Namespace) -> int:
    from pipeline.build import Options, build
    from pipeline.errors import CatalogError
    from pipeline.loader import Limits
    from pipeline.summary import summary

    snapshot = DEFAULT_SNAPSHOT if args.warehouse == DEFAULT_WAREHOUSE else None
    options = Options(Limits(args.max_pages, args.seconds), args.strict, not args.quiet, snapshot)
    try:
        result = build(args.raw, args.warehouse, options)
    except CatalogError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    print(summary(result, args.warehouse))
    return 1 if result.failures else 0


def _diff(args: argparse.Namespace) -> int:
    import duckdb

    from pipeline.diff import SelectionError, compare, describe

    if not args.warehouse.is_file():
        print(f"error: {args.warehouse}: no warehouse (run `guides extract` first)",
              file=sys.stderr)
        return 2
    with duckdb.connect(str(args.warehouse), read_only=True) as connection:
        try:
            old, new, diffs = compare(connection, args.old, args.new)
        except SelectionError as error:
            print(f"error: {error.describe()}", file=sys.stderr)
            return 2
    print(describe(old, new, diffs, args.limit or None))
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
    diff = commands.add_parser("diff", help="rows added, removed and changed between two "
                                            "editions (years) or two documents (doc ids)")
    diff.add_argument("--from", dest="old", required=True, help="edition year or doc id")
    diff.add_argument("--to", dest="new", required=True, help="edition year or doc id")
    diff.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    diff.add_argument("--limit", type=int, default=20,
                      help="rows shown per kind and table, 0 for all (default %(default)s)")
    diff.set_defaults(run=_diff)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
