"""Parse many documents at once: a process pool, big documents split into page ranges.

pdfplumber Page objects do not pickle; the model does. So a worker opens the PDF, parses
one range of pages with loader.parse_pages (each page once, closed straight after) and
sends back model Pages; the parent puts each document together in page order. Documents
come back in the order they were asked for, and a document is the same whether parsed
whole or in ranges, so a parallel build equals a serial one. A document found in the
cache is not parsed at all, and no pool is started when nothing needs parsing.

The per-document time budget (Limits.seconds) applies to each page range.
"""

from __future__ import annotations

import gc
import math
import os
from collections import Counter, defaultdict
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from pipeline.errors import PdfError, PipelineError
from pipeline.pdf.cache import ParseCache
from pipeline.pdf.loader import Limits, ProgressCallback, check_text_layer, page_count, parse_pages
from pipeline.pdf.model import Document, Page

# Pages per task: small enough to share a big document among workers, big enough that
# re-opening the PDF for each range costs little.
CHUNK_PAGES = 16

Parsed = list[Page] | PipelineError


@dataclass(frozen=True)
class Source:
    """A PDF to parse: its catalog id, its path and its sha256 (the cache key)."""

    doc_id: str
    path: Path
    sha256: str


@dataclass(frozen=True)
class Chunk:
    """A range of pages of the `index`-th source: one task for a worker."""

    index: int
    pages: range


def default_jobs() -> int:
    """One worker per core this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def split(count: int, size: int) -> list[range]:
    """Pages 1..count as consecutive ranges of at most `size` pages, as even as possible."""
    parts = max(1, math.ceil(count / size))
    bounds = [1 + count * i // parts for i in range(parts + 1)]
    return [range(start, stop) for start, stop in pairwise(bounds)]


def parse_range(path: Path, pages: range, limits: Limits,
                progress: ProgressCallback | None = None) -> Parsed:
    """One page range, or the error that stopped it (returned as a value for the parent)."""
    try:
        return parse_pages(path, pages, limits, progress)
    except PipelineError as error:
        # Without its traceback and context, which hold the parse's frames (all it had
        # read before a memory budget ran out, say): freed now, not with the error.
        error.__traceback__ = error.__context__ = None
        return error


class Bars:
    """Progress: one bar over all pages to parse, one per document while it is parsed."""

    def __init__(self, sources: Sequence[Source], chunks: list[Chunk], enabled: bool) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        # None: tqdm shows bars only on a terminal; nothing to parse, nothing to show.
        self._disable = not (enabled and chunks) or None
        self._pages = Counter()
        for chunk in chunks:
            self._pages[chunk.index] += len(chunk.pages)
        self._names = [s.doc_id for s in sources]
        self._bars: dict[int, object] = {}
        self.total = tqdm(total=self._pages.total(), desc="all documents", unit="page",
                          disable=self._disable, leave=False)

    def advance(self, index: int, pages: int) -> None:
        if index not in self._bars:
            self._bars[index] = self._tqdm(total=self._pages[index], desc=self._names[index],
                                           unit="page", disable=self._disable, leave=False)
        self._bars[index].update(pages)
        self.total.update(pages)

    def finish(self, index: int) -> None:
        bar = self._bars.pop(index, None)
        if bar is not None:
            bar.close()

    def close(self) -> None:
        for index in list(self._bars):
            self.finish(index)
        self.total.close()


def _inline(sources: Sequence[Source], chunks: list[Chunk], limits: Limits,
            bars: Bars) -> Iterator[tuple[Chunk, Parsed]]:
    """Ranges parsed one after the other in this process, the bars moving page by page."""
    for chunk in chunks:
        def advance(pages: int, index: int = chunk.index) -> None:
            bars.advance(index, pages)

        yield chunk, parse_range(sources[chunk.index].path, chunk.pages, limits, advance)


def _pooled(sources: Sequence[Source], chunks: list[Chunk], limits: Limits, bars: Bars,
            jobs: int) -> Iterator[tuple[Chunk, Parsed]]:
    """Ranges parsed by a pool of `jobs` processes, yielded as they finish.

    The pool is shut down here, in this generator's `finally`, which the caller reaches by
    closing it: never left to the garbage collector, which may run it at interpreter exit,
    after the pool's pipes are closed ('Exception ignored … Bad file descriptor'). A worker
    that dies (killed, out of memory, crashed in C) breaks the whole pool: the ranges it
    took down are parsed again, each in a pool of its own, so only the range that kills
    its worker again fails, with a one-line error.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    lost: list[Chunk] = []
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=_context())
    try:
        futures = {pool.submit(parse_range, sources[c.index].path, c.pages, limits): c
                   for c in chunks}
        for future in as_completed(futures):
            chunk = futures[future]
            try:
                parsed = future.result()
            except BrokenProcessPool:
                lost.append(chunk)
                continue
            bars.advance(chunk.index, len(chunk.pages))
            yield chunk, parsed
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for chunk in sorted(lost, key=lambda c: (c.index, c.pages.start)):
        bars.advance(chunk.index, len(chunk.pages))
        yield chunk, _alone(sources[chunk.index].path, chunk.pages, limits)


def _alone(path: Path, pages: range, limits: Limits) -> Parsed:
    """One range in a worker of its own; its death is this range's error, no one else's."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            return pool.submit(parse_range, path, pages, limits).result()
        except BrokenProcessPool:
            return PdfError(f"the parser's worker process died on pages {pages.start}-"
                            f"{pages.stop - 1} (killed, out of memory or crashed)",
                            path=str(path), page=pages.start)


def _context():
    """Start workers from a fork server where there is one (spawn elsewhere).

    The server is a fresh single-threaded process that has imported pdfplumber once, so
    workers start fast and small, and never fork a parent that runs threads (progress
    bars, DuckDB), which can deadlock.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.pdf.parallel", "pdfplumber"])
    return context


def _assemble(source: Source, parts: dict[int, Parsed]) -> Document | PipelineError:
    """The document from its ranges; the first failing range (in page order) fails it."""
    ordered = [parts[start] for start in sorted(parts)]
    for part in ordered:
        if isinstance(part, PipelineError):
            return part
    pages = [page for part in ordered for page in part]
    try:
        check_text_layer(source.path, pages)
    except PipelineError as error:
        return error
    return Document(source.doc_id, str(source.path), source.sha256, tuple(pages))


def _plan(sources: Sequence[Source], limits: Limits, cache: ParseCache | None,
          chunk_pages: int) -> tuple[dict[int, Document | PipelineError], list[Chunk]]:
    """Documents known without parsing (cached, or refused on their page count) and tasks.

    The page count is checked for cached documents too, so the limits refuse the same
    documents whatever the cache holds.
    """
    known: dict[int, Document | PipelineError] = {}
    chunks: list[Chunk] = []
    for index, source in enumerate(sources):
        try:
            count = page_count(source.path, limits)
        except PipelineError as error:
            known[index] = error
            continue
        cached = cache.get(source.sha256, source.doc_id, source.path) if cache else None
        if cached is not None and cached.page_count == count:
            known[index] = cached
            continue
        chunks += [Chunk(index, pages) for pages in split(count, chunk_pages)]
    return known, chunks


def parse_documents(sources: Sequence[Source], *, jobs: int | None = None,
                    limits: Limits | None = None, cache: ParseCache | None = None,
                    progress: bool = False,
                    chunk_pages: int | None = None) -> Iterator[Document | PipelineError]:
    """Each source's Document, or the PipelineError that stopped it, in the order given.

    `jobs` worker processes (default: one per core; 1 parses in this process), ranges of
    at most `chunk_pages` pages (default CHUNK_PAGES with several workers; with one, whole
    documents: ranges only share a document among workers, and each costs an opening of
    the PDF). Freshly parsed documents are stored in `cache`.
    """
    limits = limits or Limits()
    jobs = jobs or default_jobs()
    done, chunks = _plan(sources, limits, cache,
                         chunk_pages or (CHUNK_PAGES if jobs > 1 else limits.max_pages))
    if chunks:
        # pdfplumber allocates heavily; while it runs, keep what is alive now (pandas,
        # pandera… imported by the build) out of the collector's sight: full collections
        # stay cheap. Unfrozen at the end, so everything is finalised normally at exit.
        gc.freeze()
    expected = Counter(chunk.index for chunk in chunks)
    parts: dict[int, dict[int, Parsed]] = defaultdict(dict)
    following = 0
    bars = Bars(sources, chunks, progress)
    runner = (_pooled(sources, chunks, limits, bars, jobs) if jobs > 1 and len(chunks) > 1
              else _inline(sources, chunks, limits, bars))
    try:
        for chunk, parsed in runner:
            parts[chunk.index][chunk.pages.start] = parsed
            if len(parts[chunk.index]) == expected[chunk.index]:
                done[chunk.index] = _assemble(sources[chunk.index], parts.pop(chunk.index))
                bars.finish(chunk.index)
                if cache and isinstance(done[chunk.index], Document):
                    cache.put(done[chunk.index])
            following = yield from _flush(done, following)
        yield from _flush(done, following)
    finally:
        runner.close()  # the pool shuts down now, whether or not every document was asked for
        bars.close()
        if chunks:
            gc.unfreeze()


def _flush(done: dict[int, Document | PipelineError],
           following: int) -> Generator[Document | PipelineError, None, int]:
    """Yield the finished documents that come next in order; return the next one awaited."""
    while following in done:
        yield done.pop(following)
        following += 1
    return following
