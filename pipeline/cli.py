"""The `guides` command line: `guides extract` builds the warehouse from raw/; `query`,
`report`, `diff`, `export` and `city` read it (read-only; exit 1 when the SQL or data
fails, 2 when the call is wrong)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.structure.settings import LayoutSettings

DEFAULT_RAW = Path("raw")
DEFAULT_WAREHOUSE = Path("extracted/warehouse.duckdb")
# The committed CSV snapshot, rewritten only with the default warehouse.
DEFAULT_SNAPSHOT = Path("extracted/tables")
DEFAULT_CACHE_DIR = Path(".cache")
CACHE_DIR_VARIABLE = "GUIDES_CACHE_DIR"  # overrides DEFAULT_CACHE_DIR (tests point it to tmp)
WAREHOUSE_VARIABLE = "GUIDES_WAREHOUSE"  # overrides DEFAULT_WAREHOUSE for every command
# Exit statuses of the read-only commands: the SQL or the data failed, the call was wrong.
FAILED, USAGE = 1, 2


def default_warehouse() -> Path:
    """The warehouse every command uses without --warehouse: $GUIDES_WAREHOUSE, else
    extracted/warehouse.duckdb."""
    return Path(os.environ.get(WAREHOUSE_VARIABLE) or DEFAULT_WAREHOUSE)


def _add_warehouse(command: argparse.ArgumentParser) -> None:
    command.add_argument("--warehouse", type=Path, default=default_warehouse(),
                         help=f"DuckDB file (default %(default)s, or ${WAREHOUSE_VARIABLE})")


def _failed(error) -> int:
    """Report a read-only command's error in one line; its exit status (usage: 2, else 1)."""
    from pipeline.output.diff import SelectionError
    from pipeline.output.query import UsageError

    print(f"error: {error.describe()}", file=sys.stderr)
    return USAGE if isinstance(error, UsageError | SelectionError) else FAILED


def _extract(args: argparse.Namespace) -> int:
    from pipeline.load.uptodate import Stamp

    stamp = None if args.no_cache else Stamp.of(
        args.raw, args.warehouse, args.cache_dir,
        {"strict": args.strict, "max_pages": args.max_pages, "seconds": args.seconds,
         "max_memory": args.max_memory})
    if stamp and (last := stamp.last_summary()) is not None:
        print(f"{last}\nNothing changed since that build: {args.warehouse} is up to date.")
        return 0
    from pipeline.build import Options, build
    from pipeline.errors import PipelineError
    from pipeline.load import warehouse
    from pipeline.output.summary import summary
    from pipeline.pdf.loader import Limits

    snapshot = DEFAULT_SNAPSHOT if args.warehouse == DEFAULT_WAREHOUSE else None
    options = Options(Limits(args.max_pages, args.seconds, args.max_memory), args.strict,
                      not args.quiet,
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
        if args.format:
            query.write(args.warehouse, args.sql, args.format, args.output)
            return 0
        with query.connect(args.warehouse) as connection:
            shown = [query.table(r) for r in query.results(connection, args.sql)]
    except query.QueryError as error:
        return _failed(error)
    print("\n\n".join(shown) or "(no result)")
    return 0


def _report(args: argparse.Namespace) -> int:
    from pipeline.output.query import QueryError
    from pipeline.output.report import report

    try:
        print(report(args.warehouse))
    except QueryError as error:
        return _failed(error)
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
        return _failed(error)
    print(diff.as_json(per_series) if args.json else text)
    return 0


def _export(args: argparse.Namespace) -> int:
    from pipeline.output.export import export
    from pipeline.output.query import QueryError

    try:
        descriptor = export(args.warehouse, args.folder, args.format)
    except QueryError as error:
        return _failed(error)
    files = len(list(args.folder.glob(f"*.{args.format}")))
    print(f"wrote {files} {args.format} files and {descriptor}")
    return 0


def _city(args: argparse.Namespace) -> int:
    from pipeline.output.city import profile
    from pipeline.output.query import QueryError

    try:
        print(profile(args.warehouse, args.subdivision))
    except QueryError as error:
        return _failed(error)
    return 0


def _outline(args: argparse.Namespace) -> int:
    from pipeline.errors import PipelineError
    from pipeline.output import outline_view

    if not args.pdf.is_file():
        print(f"error: {args.pdf}: no such file", file=sys.stderr)
        return 2
    try:
        settings, source = _outline_settings(args)
        if source:
            print(source)
        outline = outline_view.read(args.pdf, None if args.no_cache else args.cache_dir,
                                    settings)
        if args.page is not None and args.page > outline.page_count:
            print(f"error: {args.pdf}: no page {args.page} (it has {outline.page_count})",
                  file=sys.stderr)
            return 2
        show = outline_view.render_rows if args.rows else outline_view.render
        print(show(outline, args.page))
        if args.png:
            written = outline_view.draw(args.pdf, outline, args.png, args.page, args.rows)
            print(f"{len(written)} page image(s) written to {args.png}")
    except PipelineError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    return 0


def _outline_settings(args: argparse.Namespace) -> tuple[LayoutSettings, str]:
    """The layout settings to read the PDF with, and a line saying where they come from:
    the catalog entry that lists this file (its `[document.layout]`), then `--layout`."""
    from pipeline import extract
    from pipeline.catalog import load_catalog
    from pipeline.errors import CatalogError, OptionError
    from pipeline.structure.settings import DEFAULT, override_from_text

    overrides, sources = {}, []
    try:
        catalog = load_catalog(args.raw, extract.names())
    except CatalogError:
        catalog = None  # a PDF outside any catalog is read with the defaults
    for entry in catalog.entries if catalog else ():
        if catalog.path_of(entry).resolve() == args.pdf.resolve() and entry.layout:
            overrides.update(entry.layout)
            sources.append(f"{entry.doc_id}'s [document.layout] in {args.raw / 'sources.toml'}")
    try:
        typed = dict(override_from_text(text) for text in args.layout)
    except ValueError as exc:
        raise OptionError(f"--layout {exc}", path=str(args.pdf)) from None
    overrides.update(typed)
    sources += ["--layout"] if typed else []
    settings = DEFAULT.with_overrides(overrides)
    changed = ", ".join(f"{key}={value}" for key, value in sorted(overrides.items()))
    return settings, (f"layout settings: {changed} (from {' and '.join(sources)})"
                      if overrides else "")


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


def _check(args: argparse.Namespace) -> int:
    import duckdb

    from pipeline.load.check import problems
    from pipeline.output.query import QueryError, connect

    try:
        with connect(args.warehouse) as connection:
            found = problems(connection)
    except QueryError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    except duckdb.Error as error:
        print(f"error: {args.warehouse}: cannot be checked "
              f"({' '.join(str(error).split())})", file=sys.stderr)
        return 2
    for problem in found:
        print(f"{args.warehouse}: {problem.describe()}")
    print(f"{args.warehouse}: {len(found)} problem(s)" if found else
          f"{args.warehouse}: sound (references, pages, keys and row counts agree)")
    return 1 if found else 0


def _positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per job."""
    from pipeline import __version__
    from pipeline.pdf.loader import Limits

    main = argparse.ArgumentParser(prog="guides", description=__doc__)
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="build the warehouse from the PDFs in raw/")
    extract.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="folder with sources.toml")
    _add_warehouse(extract)
    extract.add_argument("--strict", action="store_true", help="any rejected row is an error")
    extract.add_argument("--quiet", action="store_true", help="no progress bars")
    extract.add_argument("--max-pages", type=int, default=Limits.max_pages,
                         help="refuse documents with more pages (default %(default)s)")
    extract.add_argument("--seconds", type=float, default=Limits.seconds,
                         help="time budget per document (default %(default)s)")
    extract.add_argument("--max-memory", type=int, default=Limits.memory_mb, metavar="MB",
                         help="memory a document's parse may use, per worker (default "
                              "%(default)s; 0: unbounded)")
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
    query = commands.add_parser(
        "query", help="run SQL on the warehouse (read-only); each result is printed; "
                      "exit 1 when the SQL fails, 2 when the call is wrong")
    query.add_argument("sql", help='e.g. "SELECT * FROM rank_trends LIMIT 5"; several '
                                   'statements separated by ";" print each result')
    _add_warehouse(query)
    shape = query.add_mutually_exclusive_group()
    for name, what in (("csv", "CSV with a header (lists and structs as JSON text)"),
                       ("json", "a JSON array of objects per result"),
                       ("jsonl", "JSON lines, one object per row"),
                       ("parquet", "Parquet (one result; best with --output)")):
        shape.add_argument(f"--{name}", dest="format", action="store_const", const=name,
                           help=f"write {what}, through DuckDB's COPY")
    query.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                       help="write the --csv/--json/--jsonl/--parquet output to FILE")
    query.set_defaults(run=_query)
    report = commands.add_parser("report", help="what the warehouse holds")
    _add_warehouse(report)
    report.set_defaults(run=_report)
    diff = commands.add_parser("diff", help="rows added, removed and changed, series by "
                                            "series between two editions (years), or between "
                                            "two documents (doc ids)")
    diff.add_argument("--from", dest="old", help="edition year (series by series) or doc id; "
                                                 "without --from/--to: each series' two "
                                                 "newest editions")
    diff.add_argument("--to", dest="new", help="edition year or doc id")
    _add_warehouse(diff)
    diff.add_argument("--limit", type=int, default=20,
                      help="rows shown per kind and table, 0 for all (default %(default)s)")
    diff.add_argument("--json", action="store_true",
                      help="every change as JSON (per series: sides, then per table added, "
                           "removed, changed rows), for programs; --limit does not apply")
    diff.set_defaults(run=_diff)
    outline = commands.add_parser("outline", help="how a PDF is read: its headings, lists, "
                                                  "pairs, tables, boxes and captions by page")
    outline.add_argument("pdf", type=Path, metavar="FILE.pdf")
    outline.add_argument("--page", type=_positive, help="show only this page (from 1)")
    outline.add_argument("--rows", action="store_true",
                         help="show the document read as label/value rows (how city cards "
                              "are read) instead of its outline")
    outline.add_argument("--png", type=Path, metavar="DIR",
                         help="also draw each page with its nodes outlined, as PNGs in DIR")
    outline.add_argument("--cache-dir", type=Path,
                         default=Path(os.environ.get(CACHE_DIR_VARIABLE, DEFAULT_CACHE_DIR)),
                         help="parsed documents kept between runs, as for extract")
    outline.add_argument("--no-cache", action="store_true", help="parse the PDF again")
    outline.add_argument("--raw", type=Path, default=DEFAULT_RAW,
                         help="folder with sources.toml: a listed PDF is read with its "
                              "entry's [document.layout] settings (default %(default)s)")
    outline.add_argument("--layout", action="append", default=[], metavar="NAME=VALUE",
                         help="try a layout setting (repeatable), as [document.layout] would "
                              "set it")
    outline.set_defaults(run=_outline)
    check = commands.add_parser("check", help="check that the warehouse agrees with itself "
                                              "(references, pages, keys, row counts)")
    check.add_argument("warehouse", type=Path, nargs="?", default=default_warehouse(),
                       help=f"DuckDB file (default %(default)s, or ${WAREHOUSE_VARIABLE})")
    check.set_defaults(run=_check)
    export = commands.add_parser("export", help="every table and view as Parquet or CSV files "
                                                "plus a datapackage.json describing them")
    export.add_argument("folder", type=Path, metavar="DIR")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                        help="file format (default %(default)s)")
    _add_warehouse(export)
    export.set_defaults(run=_export)
    city = commands.add_parser("city", help="one-page profile of a subdivision: rank trend, "
                                            "posts, contacts, union, services, sources")
    city.add_argument("subdivision", metavar="ID", help="subdivision id, name or alias, "
                                                        "e.g. lyon")
    _add_warehouse(city)
    city.set_defaults(run=_city)
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
    if getattr(args, "output", None) is not None and not args.format:
        parser().error("--output needs --csv, --json, --jsonl or --parquet")
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader of a pipe stopped early (`guides outline F.pdf | head`): what it
        # read is what it wanted. Python would print a traceback on its next flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
