"""The `guides` command line: `guides extract` builds the warehouse from raw/."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_WAREHOUSE = Path("extracted/warehouse.duckdb")
# The committed CSV snapshot, rewritten only with the default warehouse.
DEFAULT_SNAPSHOT = Path("extracted/tables")
DEFAULT_CACHE_DIR = Path(".cache")
CACHE_DIR_VARIABLE = "GUIDES_CACHE_DIR"  # overrides DEFAULT_CACHE_DIR (tests point it to tmp)


def _extract(args: argparse.Namespace) -> int:
    from pipeline.load.uptodate import Stamp

    stamp = None if args.no_cache else Stamp.of(
        args.raw, args.warehouse, args.cache_dir,
        {"strict": args.strict, "max_pages": args.max_pages, "seconds": args.seconds})
    if stamp and (last := stamp.last_summary()) is not None:
        print(f"{last}\nNothing changed since that build: {args.warehouse} is up to date.")
        return 0
    from pipeline.build import Options, build
    from pipeline.errors import PipelineError
    from pipeline.load import warehouse
    from pipeline.output.summary import summary
    from pipeline.pdf.loader import Limits

    snapshot = DEFAULT_SNAPSHOT if args.warehouse == DEFAULT_WAREHOUSE else None
    options = Options(Limits(args.max_pages, args.seconds), args.strict, not args.quiet,
                      snapshot=snapshot, jobs=args.jobs,
                      cache_dir=None if args.no_cache else args.cache_dir)
    try:
        with warehouse.lock(args.warehouse):  # a second run stops here, before any work
            result = build(args.raw, args.warehouse, options)
    except PipelineError as error:  # unreadable catalog, warehouse busy: nothing was built
        for line in error.describe().splitlines():  # an invalid catalog lists every error
            print(f"error: {line}", file=sys.stderr)
        return 2
    text = summary(result, args.warehouse)
    print(text)
    if stamp and not result.failures:
        stamp.save(text)
    return 1 if result.failures else 0


def _query(args: argparse.Namespace) -> int:
    from pipeline.output import query

    try:
        result = query.run(args.warehouse, args.sql)
    except query.QueryError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    print({"csv": query.as_csv, "json": query.as_json}.get(args.format, query.table)(result))
    return 0


def _report(args: argparse.Namespace) -> int:
    from pipeline.output.query import QueryError
    from pipeline.output.report import report

    try:
        print(report(args.warehouse))
    except QueryError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    return 0


def _diff(args: argparse.Namespace) -> int:
    from pipeline.output import diff
    from pipeline.output.query import QueryError, connect

    if (args.old is None) != (args.new is None):
        print("error: give both --from and --to, or neither (each series' two newest "
              "editions)", file=sys.stderr)
        return 2
    limit = args.limit or None
    try:
        with connect(args.warehouse) as connection:
            per_series = diff.compare_series(connection, args.old, args.new)
            if per_series is None:  # doc ids: those two documents, whatever their series
                old, new, tables = diff.compare(connection, args.old, args.new)
                per_series = [diff.SeriesDiff("", old, new, tables)]
                text = diff.describe(old, new, tables, limit)
            else:
                text = diff.describe_series(per_series, limit)
    except (QueryError, diff.SelectionError) as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    print(diff.as_json(per_series) if args.json else text)
    return 0


def _add(args: argparse.Namespace) -> int:
    from pipeline.add import add, report
    from pipeline.errors import PipelineError

    try:
        added = add(args.pdf, args.raw, like_id=args.like, year=args.year,
                    specialty=args.specialty, publisher=args.publisher, title=args.title,
                    cache_dir=args.cache_dir)
    except PipelineError as error:  # nothing was copied or written
        for line in error.describe().splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    print(report(added))
    return 0


def _extractors(args: argparse.Namespace) -> int:
    from pipeline.extract import summaries

    found = summaries()
    width = max(map(len, found))
    print("\n".join(f"{name:<{width}}  {what}" for name, what in found.items()))
    return 0


def _positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per job."""
    from pipeline.pdf.loader import Limits

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
    diff = commands.add_parser("diff", help="rows added, removed and changed, series by "
                                            "series between two editions (years), or between "
                                            "two documents (doc ids)")
    diff.add_argument("--from", dest="old", help="edition year (series by series) or doc id; "
                                                 "without --from/--to: each series' two "
                                                 "newest editions")
    diff.add_argument("--to", dest="new", help="edition year or doc id")
    diff.add_argument("--json", action="store_true", help="the changes as JSON, for scripts")
    diff.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    diff.add_argument("--limit", type=int, default=20,
                      help="rows shown per kind and table, 0 for all (default %(default)s)")
    diff.set_defaults(run=_diff)
    adding = commands.add_parser("add", help="copy a new edition's PDF into raw/<year>/ and "
                                             "append its catalog entry")
    adding.add_argument("pdf", type=Path, help="the PDF of the new edition")
    adding.add_argument("--like", metavar="DOC_ID",
                        help="start from this entry (last year's edition of the same guide)")
    adding.add_argument("--year", type=int, help="edition year, when the title page does not "
                                                 "print it")
    adding.add_argument("--specialty", help="the guide's specialty (e.g. rhumatologie)")
    adding.add_argument("--publisher", help="who publishes it, when neither --like nor the "
                                            "PDF's metadata says")
    adding.add_argument("--title", help="its title, when neither the PDF's metadata nor its "
                                        "title page says")
    adding.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder with sources.toml")
    adding.add_argument("--cache-dir", type=Path,
                        default=Path(os.environ.get(CACHE_DIR_VARIABLE, DEFAULT_CACHE_DIR)),
                        help="parse cache the next build reads (default %(default)s)")
    adding.set_defaults(run=_add)
    extractors = commands.add_parser("extractors", help="the extractors a catalog entry may "
                                                        "name, one line each")
    extractors.set_defaults(run=_extractors)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
