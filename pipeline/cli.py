"""The `guides` command line: `guides extract` builds the warehouse from raw/."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_WAREHOUSE = Path("extracted/warehouse.duckdb")
DEFAULT_CACHE_DIR = Path(".cache")
CACHE_DIR_VARIABLE = "GUIDES_CACHE_DIR"  # overrides DEFAULT_CACHE_DIR (tests point it to tmp)


def _extract(args: argparse.Namespace) -> int:
    from pipeline.uptodate import Stamp

    stamp = None if args.no_cache else Stamp.of(
        args.raw, args.warehouse, args.cache_dir,
        {"strict": args.strict, "max_pages": args.max_pages, "seconds": args.seconds})
    if stamp and (last := stamp.last_summary()) is not None:
        print(f"{last}\nNothing changed since that build: {args.warehouse} is up to date.")
        return 0
    from pipeline.build import Options, build
    from pipeline.errors import CatalogError
    from pipeline.loader import Limits
    from pipeline.summary import summary

    options = Options(Limits(args.max_pages, args.seconds), args.strict, not args.quiet,
                      jobs=args.jobs, cache_dir=None if args.no_cache else args.cache_dir)
    try:
        result = build(args.raw, args.warehouse, options)
    except CatalogError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    text = summary(result, args.warehouse)
    print(text)
    if stamp and not result.failures:
        stamp.save(text)
    return 1 if result.failures else 0


def _positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


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
    extract.add_argument("--jobs", type=_positive, default=None, metavar="N",
                         help="worker processes for parsing (default: one per core)")
    extract.add_argument("--cache-dir", type=Path,
                         default=Path(os.environ.get(CACHE_DIR_VARIABLE, DEFAULT_CACHE_DIR)),
                         help=f"where parsed documents are kept between runs (default "
                              f"%(default)s, or ${CACHE_DIR_VARIABLE})")
    extract.add_argument("--no-cache", action="store_true",
                         help="parse and build everything again; the cache is neither read "
                              "nor written")
    extract.set_defaults(run=_extract)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
