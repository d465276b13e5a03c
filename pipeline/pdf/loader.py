"""Read a PDF with pdfplumber into the document model.

Each page is parsed once: words and tables come from the same pdfplumber Page, which
is closed straight after so memory stays flat however long the document is.
`laparams` is left unset on purpose (layout analysis is slow and not needed here).
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

from pipeline.errors import PdfError, ResourceLimitExceeded
from pipeline.pdf.model import Document, Page, Rect, Rule, Table, Word

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class Limits:
    """Resource limits per document, so a hostile or huge PDF cannot hang a run."""

    max_pages: int = 500
    seconds: float = 300.0
    memory_mb: int = 1024  # address space a parse may add to its process; 0: unbounded


def sha256_of(path: Path) -> str:
    """The file's sha256, which identifies a document whatever its name."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Footnote calls printed as small raised digits after a value ('1413' + raised '1').
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUPERSCRIPT_SIZE = 0.8  # at most this share of the size of the character before it
SUPERSCRIPT_RISE = 0.15  # baseline raised by at least this share of that size


def mark_superscripts(chars: list[dict]) -> None:
    """Turn small raised digits that follow a character into Unicode superscripts, in place.

    Read as plain digits, a footnote call joins the number it marks ('1413' and a raised
    '1' read '14131', a wrong rank no check can catch); as '1413¹' it is a footnote.
    Every later step (words, table cells) reads the corrected characters.
    """
    base = None  # the full-size character a run of raised digits follows
    for before, char in pairwise(chars):
        reference = before if base is None else base
        adjacent = -1.0 <= char["x0"] - before["x1"] <= 2.0
        raised = (char["size"] <= SUPERSCRIPT_SIZE * reference["size"] and char["bottom"]
                  <= reference["bottom"] - SUPERSCRIPT_RISE * reference["size"])
        if adjacent and raised and char["text"].isdigit():
            char["text"] = char["text"].translate(_SUPERSCRIPT_DIGITS)
            base = reference
        else:
            base = None


def _words(page) -> tuple[Word, ...]:
    return tuple(
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("fontname", ""),
             float(w.get("size", 0.0)))
        for w in page.extract_words(extra_attrs=["fontname", "size"])
    )


def _table(found, strategy: str = "lines") -> Table:
    return Table(tuple(tuple(cell for cell in row) for row in _cell_texts(found)),
                 tuple(found.bbox), strategy, tuple(tuple(row.cells) for row in found.rows))


def _cell_texts(found) -> list[list[str | None]]:
    """pdfplumber's `Table.extract`, run over the characters of the table's box only: the
    same text (a character belongs to the cell its middle falls in, and every cell lies in
    the box), but pdfplumber tests every character of the page against every row, which
    on a page of text with a long table cost a tenth of the whole parse."""
    from pdfplumber.table import Table as Found

    x0, top, x1, bottom = found.bbox
    chars = [c for c in found.page.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
             and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    return Found(SimpleNamespace(chars=chars), found.cells).extract()


def _tables(page) -> tuple[Table, ...]:
    return tuple(_table(found) for found in page.find_tables())


def _thin(shape: dict) -> bool:
    return min(shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]) <= MAX_RULE_THICKNESS


# How far (points) a rectangle's side may lie from a rule and still be drawn by it
# (pdfplumber's default snap tolerance).
SNAP = 3.0


def _overlaps(shape: dict, bbox: tuple) -> bool:
    return shape["x0"] < bbox[2] and bbox[0] < shape["x1"] and shape["top"] < bbox[3] \
        and bbox[1] < shape["bottom"]


def _covered(position: float, start: float, end: float, rules: list[tuple[float, float, float]],
             ) -> bool:
    """Rules (position, start, end) at `position` cover [start, end], pieced together
    (a grid's rules are often drawn a cell at a time)."""
    reach = start + SNAP
    for _, first, last in sorted(r for r in rules if abs(r[0] - position) <= SNAP
                                 and r[2] > start and r[1] < end):
        if first > reach:
            return False
        reach = max(reach, last + SNAP)
    return reach >= end


def _stray(rect: dict, vertical: list[tuple[float, float, float]],
           horizontal: list[tuple[float, float, float]]) -> bool:
    """A side of a box or tint that no rule runs along: an edge of its own, which the
    lines strategy takes for a rule (a tinted cell between rules has none)."""
    return not (_covered(rect["x0"], rect["top"], rect["bottom"], vertical)
                and _covered(rect["x1"], rect["top"], rect["bottom"], vertical)
                and _covered(rect["top"], rect["x0"], rect["x1"], horizontal)
                and _covered(rect["bottom"], rect["x0"], rect["x1"], horizontal))


def _rule_tables(page, tables: tuple[Table, ...]) -> tuple[Table, ...]:
    """The tables the page's rules alone draw ('lines-only': pdfplumber's lines strategy
    with the edges of boxes and tints left out, rules drawn as lines or as rectangles
    as thin as a line kept), those that differ from the `tables` read with them.

    A tint that bleeds past a grid, or a panel behind it, adds edges no rule draws: empty
    columns at the table's sides, a row cut in two. Only looked for where a box or tint
    over a table has a side no rule runs along (elsewhere both readings are one)."""
    rules = [*page.lines, *(r for r in page.rects if _thin(r))]
    vertical = [r for r in rules if r["bottom"] - r["top"] > r["x1"] - r["x0"]]
    horizontal = [r for r in rules if r["bottom"] - r["top"] <= r["x1"] - r["x0"]]
    if not vertical or not horizontal or not any(
            _stray(r, [((v["x0"] + v["x1"]) / 2, v["top"], v["bottom"]) for v in vertical],
                   [((h["top"] + h["bottom"]) / 2, h["x0"], h["x1"]) for h in horizontal])
            for r in page.rects if not _thin(r) and any(_overlaps(r, t.bbox) for t in tables)):
        return ()
    found = page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                              "explicit_vertical_lines": vertical,
                              "explicit_horizontal_lines": horizontal})
    read = {t.rows for t in tables}
    return tuple(t for t in (_table(f, "lines-only") for f in found) if t.rows not in read)


# Rectangles smaller than this (points) on either side are rules or dots, not boxes.
MIN_RECT_SIDE = 6.0


def _closed(curve: dict) -> bool:
    """A curve whose path ends where it starts: a shape drawn around an area (a box with
    rounded corners, which pdfplumber reports as a curve), not a line."""
    points = curve["pts"]
    return len(points) > 2 and all(abs(a - b) <= 1 for a, b in zip(points[0], points[-1],
                                                                     strict=True))


def _rects(page) -> tuple[Rect, ...]:
    """The page's framed or tinted rectangles big enough to hold text, rounded or not."""
    shapes = [*page.rects, *(c for c in page.curves if _closed(c))]
    return tuple(
        Rect(r["x0"], r["top"], r["x1"], r["bottom"], bool(r.get("fill")), bool(r.get("stroke")))
        for r in shapes
        if r["x1"] - r["x0"] >= MIN_RECT_SIDE and r["bottom"] - r["top"] >= MIN_RECT_SIDE)


# A rule is at most this thick (points) and at least this long: thicker, it is a box or a
# band (a Rect); shorter, an underline or a dash.
MAX_RULE_THICKNESS = 2.0
MIN_RULE_LENGTH = 20.0


def _rules(page) -> tuple[Rule, ...]:
    """The page's horizontal rules: lines, and rectangles as thin as a line."""
    shapes = [*page.lines, *page.rects]
    found = (Rule(s["x0"], s["x1"], (s["top"] + s["bottom"]) / 2) for s in shapes
             if s["bottom"] - s["top"] <= MAX_RULE_THICKNESS
             and s["x1"] - s["x0"] >= MIN_RULE_LENGTH)
    return tuple(sorted(found, key=lambda r: (r.y, r.x0)))


def _pass_on_memory_error(exc: Exception) -> None:
    """Re-raise a MemoryError, even one pdfplumber wrapped, for the memory cap to report
    as such rather than as a corrupt file. A SystemError counts too: it is what CPython
    raises when, out of memory, it could not even allocate the MemoryError ('returned
    NULL without setting an exception')."""
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(cause, MemoryError | SystemError):
        raise MemoryError from exc


def _open(path: Path):
    """Open with pdfplumber, turning every read failure into a PdfError naming the file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    if path.stat().st_size == 0:
        raise PdfError("empty file (0 bytes)", path=str(path))
    with path.open("rb") as handle:
        head = handle.read(1024)  # the header may follow up to 1 KB of junk
    if head.startswith(b"version https://git-lfs"):
        raise PdfError("Git LFS pointer, not the PDF itself: run `git lfs pull`", path=str(path))
    if b"%PDF-" not in head:
        raise PdfError(f"not a PDF (no %PDF- header; starts with {head[:24]!r})", path=str(path))
    try:
        return pdfplumber.open(path)
    except PdfminerException as exc:
        _pass_on_memory_error(exc)
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise PdfError("password-protected PDF", path=str(path)) from exc
        raise PdfError(f"truncated or corrupt PDF ({type(cause).__name__}: {cause})",
                       path=str(path)) from exc
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        _pass_on_memory_error(exc)
        raise PdfError(f"truncated or corrupt PDF ({type(exc).__name__}: {exc})",
                       path=str(path)) from exc


ALARM_REPEAT = 0.1  # seconds between alarms once the time budget is spent


class _Expired(BaseException):
    """Raised by the alarm wherever parsing is; a BaseException, so that no library's
    `except Exception` swallows it and no page wrapper turns it into a PdfError."""

    def __init__(self, error: ResourceLimitExceeded) -> None:
        super().__init__(error.describe())
        self.error = error


@contextmanager
def _alarm(path: Path, limits: Limits, numbers: range, pages: list[Page]) -> Iterator[None]:
    """Stop parsing when the time budget is spent, even inside one pathological page.

    The check between pages cannot stop a page that takes minutes; SIGALRM can. Signals
    only work in the main thread of a POSIX process: elsewhere the check between pages
    is all there is. The page named is the one being parsed (`numbers[len(pages)]`).
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or limits.seconds <= 0:
        yield
        return

    def expire(signum, frame) -> None:
        page = numbers[len(pages)] if len(pages) < len(numbers) else None
        raise _Expired(ResourceLimitExceeded(
            f"time budget of {limits.seconds:g}s per document exceeded", path=str(path),
            page=page))

    previous = signal.signal(signal.SIGALRM, expire)
    # An alarm that lands while a finaliser (__del__) runs is swallowed by the interpreter,
    # so it repeats until one stops the parse.
    signal.setitimer(signal.ITIMER_REAL, limits.seconds, ALARM_REPEAT)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired as expired:
        raise expired.error from None
    finally:
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int | None:
    """This process's mapped address space in bytes (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def _memory_cap(path: Path, limits: Limits, numbers: range, pages: list[Page]) -> Iterator[None]:
    """Bound what one parse may allocate, so a page of millions of tiny objects (or a
    compression bomb) is refused with a one-line error instead of exhausting the machine.

    The soft RLIMIT_AS is set to the address space in use plus `limits.memory_mb`, and put
    back afterwards (a soft limit may be raised again up to the hard one); an allocation
    beyond it raises MemoryError wherever parsing is, turned here into
    ResourceLimitExceeded naming the page. Worker processes are where this usually runs;
    with --jobs 1 it bounds the parse in the main process the same way.
    """
    import resource

    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = None if used is None or limits.memory_mb <= 0 else used + limits.memory_mb * 2**20
    if cap is not None and hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if cap is None or (soft != resource.RLIM_INFINITY and soft <= cap):
        yield  # nothing to bound, or already bound tighter
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    except MemoryError:
        # Lifted first: what the parse holds is only freed once this error is dropped,
        # and saying so takes memory too.
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        page = numbers[len(pages)] if len(pages) < len(numbers) else None
        raise ResourceLimitExceeded(
            f"memory budget of {limits.memory_mb} MB per document exceeded (too many "
            "objects on a page, or a stream that inflates without end)", path=str(path),
            page=page) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# The cycle collector's thresholds while pages are parsed. pdfplumber allocates millions
# of objects a document (a dict a character, a list a path), nearly all freed by reference
# counting as soon as a page is closed; at Python's default thresholds (700, 10, 10) the
# collector still runs thousands of times meanwhile, each full pass over every object the
# process holds (pandas and the pages read so far in a build): measured, a tenth of the
# parse's time. At these, a few passes a document, and the same peak memory.
PARSE_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cycle collector rarely while parsing (see PARSE_GC_THRESHOLDS)."""
    previous = gc.get_threshold()
    gc.set_threshold(*PARSE_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def parse_pages(path: Path, numbers: range, limits: Limits = Limits(),
                progress: ProgressCallback | None = None) -> list[Page]:
    """Parse the given 1-based page numbers of `path` (a page range, for parallel work)."""
    started = time.monotonic()
    pages: list[Page] = []
    with (_alarm(path, limits, numbers, pages), _memory_cap(path, limits, numbers, pages),
          _rare_collections(), _open(path) as pdf):
        for number in numbers:
            if time.monotonic() - started > limits.seconds:
                raise ResourceLimitExceeded(
                    f"time budget of {limits.seconds:g}s per document exceeded",
                    path=str(path), page=number)
            try:
                page = pdf.pages[number - 1]
            except Exception as exc:
                _pass_on_memory_error(exc)
                raise PdfError(f"page tree unreadable ({type(exc).__name__}: {exc})",
                               path=str(path), page=number) from exc
            try:
                mark_superscripts(page.chars)
                tables = _tables(page)
                pages.append(Page(number, float(page.width), float(page.height),
                                  _words(page), tables, _rects(page), _rules(page),
                                  _rule_tables(page, tables)))
            except Exception as exc:
                _pass_on_memory_error(exc)
                raise PdfError(f"page cannot be parsed ({type(exc).__name__}: {exc})",
                               path=str(path), page=number) from exc
            finally:
                page.close()
            if progress:
                progress(1)
    return pages


def page_count(path: Path, limits: Limits = Limits()) -> int:
    """Number of pages, checked against the limit before any page is parsed."""
    with _alarm(path, limits, range(0), []), _memory_cap(path, limits, range(0), []), \
            _open(path) as pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            _pass_on_memory_error(exc)
            raise PdfError(f"page tree unreadable ({type(exc).__name__}: {exc})",
                           path=str(path)) from exc
    if count > limits.max_pages:
        raise ResourceLimitExceeded(
            f"{count} pages, more than the limit of {limits.max_pages}", path=str(path))
    if count == 0:
        raise PdfError("PDF has no pages", path=str(path))
    return count


def check_text_layer(path: Path, pages: list[Page]) -> None:
    """A PDF whose pages carry no word at all is a scan: say it needs OCR."""
    if not any(page.words for page in pages):
        raise PdfError(f"no text layer on any of its {len(pages)} page(s) (image-only or "
                       "scanned PDF): it needs OCR first", path=str(path))


def load_document(path: Path, doc_id: str, limits: Limits = Limits(),
                  progress: ProgressCallback | None = None) -> Document:
    """Parse a whole PDF into a Document."""
    count = page_count(path, limits)
    pages = parse_pages(path, range(1, count + 1), limits, progress)
    check_text_layer(path, pages)
    return Document(doc_id, str(path), sha256_of(path), tuple(pages))
