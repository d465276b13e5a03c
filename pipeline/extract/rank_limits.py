"""Rank-limit table ('Rangs limites / Nombre de postes en YYYY') of a specialty guide.

The table is found by what it says: a header row whose first cell reads like
'Ville\\Année' followed by a run of years, up or down. The years come from the header;
the last column (the first, newest first) is the number of posts when its year is the one
the section title names ('Nombre de poste en 2024') or when its header says so ('Postes
2025'). Rows are resolved to subdivisions; a label that does not resolve, or a cell that
is not a number, goes to rejects with the printed text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from pipeline.catalog import Entry
from pipeline.errors import ContentNotFound
from pipeline.extract.result import Extraction, Report
from pipeline.parse import labels
from pipeline.parse.resolve import subdivision_resolver
from pipeline.parse.values import BadValue, parse_count, split_footnote
from pipeline.structure.outline import Outline
from pipeline.structure.tables import Cells, Grid, stitch

NAME = "rank_limits"
_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*\S{0,3}$")
MIN_YEARS = 3


def header_years(row: Cells) -> list[int] | None:
    """The years of a header row ('Ville\\Année', 2011, …, 2024), or None if it is not one.

    The corner cell may be empty (a header on two rows); years run up or down (newest
    first); the cell at either end may name the posts column with its year ('Postes 2025').
    """
    if not row or not (row[0] is None or labels.match(NAME, "header_corner", row[0])):
        return None
    years = []
    for index, cell in enumerate(row[1:], start=1):
        found = _YEAR.match(cell or "")
        if not found and index in (1, len(row) - 1):
            found = labels.match(NAME, "posts_header", cell)
        if not found or not found.group("year"):
            return None
        years.append(int(found.group("year")))
    steps = [b - a for a, b in pairwise(years)]
    monotonic = all(s > 0 for s in steps) or all(s < 0 for s in steps)
    return years if len(years) >= MIN_YEARS and monotonic else None


def posts_column(header: Cells, years: list[int], title_year: int | None) -> int | None:
    """The 1-based column of the posts, if any: the last (or, newest first, the first)
    column when its header says so ('Postes 2025') or its year is the one the title names."""
    for column in dict.fromkeys((len(years), 1)):
        if (labels.match(NAME, "posts_header", header[column])
                or years[column - 1] == title_year):
            return column
    return None


def posts_year(outline: Outline, page_number: int) -> int | None:
    """The year named by the section title ('Nombre de postes en 2024') on or before the page."""
    for number in (page_number, page_number - 1):
        for line in outline.printed_lines(number) if number >= 1 else ():
            found = labels.match(NAME, "posts_title", line)
            if found:
                return int(found.group("year"))
    return None


def _prints(lines: tuple[str, ...], word: Callable[[str], object]) -> bool:
    """A line holds at least MIN_YEARS words that `word` accepts."""
    return any(sum(bool(word(w)) for w in line.split()) >= MIN_YEARS for line in lines)


_YEAR_WORD = re.compile(r"^(?:19|20)\d\d\b")


def pages_to_read(outline: Outline) -> set[int]:
    """The pages whose words could hold a rank table: a line with a run of years (the
    header), or, on the page after one of them, a line of numbers (rows continued).
    Only these pages are read, by every strategy; the others cost nothing."""
    wanted: set[int] = set()
    for number in range(1, outline.page_count + 1):
        lines = outline.printed_lines(number)
        if _prints(lines, _YEAR_WORD.match) or (
                number - 1 in wanted and _prints(lines, lambda text: text[:1].isdigit())):
            wanted.add(number)
    return wanted


def score(grid: Grid) -> float:
    """How well a candidate reads as a rank table: one point per cell that reads as
    wanted (a header cell, a label that names a subdivision, a count that parses), minus
    one per cell that does not (merged cells, text); an empty cell counts for nothing."""
    good = bad = 0
    for row in grid.rows:
        if header_years(row):
            good += len(row)
            continue
        resolved = subdivision_resolver().resolve(split_footnote(row[0] or "")[0]).id
        good, bad = (good + 1, bad) if resolved else (good, bad + 1)
        for cell in row[1:]:
            try:
                good += parse_count(cell).value is not None
            except BadValue:
                bad += 1
    return float(good - bad)


def rank_tables(outline: Outline) -> tuple[list[Grid], list[tuple[Grid, Grid]]]:
    """Grids that are rank-limit tables, continued pages stitched on; and the (table,
    grid) pairs where a grid on the next page looks like more rows of the table (its
    first label is a subdivision) yet could not be stitched to it (other column count)."""
    found = outline.tables(score, pages_to_read(outline))
    stitched = [_from_header(g) for g in
                stitch(found, lambda row: header_years(row) is not None)]
    tables = [g for g in stitched if header_years(g.header)]
    orphans = [(table, grid) for table, grid in pairwise(stitched)
               if header_years(table.header) and not header_years(grid.header)
               and grid.pages[0] == table.pages[-1] + 1
               and subdivision_resolver().resolve(grid.header[0] or "").id]
    return tables, orphans


def _from_header(grid: Grid) -> Grid:
    """The grid from its header row on: rows above it (a caption, a source line printed
    inside the table) are not data. A grid without a header is returned as it is."""
    start = next((i for i, row in enumerate(grid.rows) if header_years(row)), 0)
    return replace(grid, rows=grid.rows[start:], pages=grid.pages[start:])


def extract(outline: Outline, entry: Entry) -> Extraction:
    """Rows of `rank_limits` and `posts` (source 'rank_table') from every rank table."""
    found, orphans = rank_tables(outline)
    if not found:
        raise ContentNotFound("no rank-limit table (header 'Ville\\Année' and a run of years)",
                              path=outline.path)
    result = Extraction()
    for grid in found:
        result.merge(_read_grid(outline, entry, grid))
    for table, grid in orphans:
        reason = (f"seems to continue the rank table of page {table.pages[0]} but has "
                  f"{grid.width} columns, not {table.width}: not read")
        for cells, page in zip(grid.rows, grid.pages, strict=True):
            result.reject(NAME, {"doc_id": outline.doc_id, "page": page,
                                 "label_as_printed": cells[0], "cells": list(cells[1:])},
                          reason)
    return result


def _read_grid(outline: Outline, entry: Entry, grid: Grid) -> Extraction:
    years = header_years(grid.header) or []
    posts_at = posts_column(grid.header, years, posts_year(outline, grid.pages[0]))
    result = Extraction()
    clean = total = 0
    for cells, page in zip(grid.rows[1:], grid.pages[1:], strict=True):
        base = {"specialty": entry.specialty, "doc_id": outline.doc_id, "page": page}
        label = cells[0] or ""
        printed = dict(zip(map(str, years), cells[1:], strict=False))
        match = subdivision_resolver().resolve(split_footnote(label)[0])
        total += len(years)
        if match.id is None:
            result.reject(NAME, {**base, "label_as_printed": label, "cells": printed}, match.reason)
            continue
        base["subdivision_id"] = match.id
        for column, (year, text) in enumerate(zip(years, cells[1:], strict=False), start=1):
            is_posts = column == posts_at
            table = "posts" if is_posts else NAME
            printed_cell = {**base, "label_as_printed": label, "year": year, "printed": text}
            if year > entry.edition_year:
                result.reject(table, printed_cell,
                              f"year {year} is after the edition year {entry.edition_year}")
                continue
            try:
                count = parse_count(text)
            except BadValue as exc:
                result.reject(table, printed_cell, exc.message)
                continue
            clean += 1
            if is_posts:
                result.add("posts", {**base, "year": year, "posts": count.value,
                                     "source": "rank_table", "raw_text": text})
            else:
                result.add(NAME, {**base, "year": year, "rank_limit": count.value,
                                  "label_as_printed": label, "note": count.note,
                                  "printed": text})
    result.reports.append(Report(outline.doc_id, grid.pages[0], NAME, grid.strategy,
                                 len(grid.rows) - 1, clean / total if total else 0.0,
                                 grid.score, grid.rivals))
    return result
