"""`make bench`: the full extract against a bare pdfplumber pass over the same pages.

Every measurement is a fresh process, so Python start-up and imports count, as they do
for a user. Each run measures, in this order:

- bare:    bench/bare_pdfplumber.py over the catalog's PDFs (words + tables, every page);
- cold:    `python -m pipeline extract` with an empty cache, with 1 worker and with one per
           core (`--jobs`);
- re-run:  the same command again, nothing changed (the build is skipped as up to date);
- cached build: the build stamp removed, so a full build whose parsed documents all come
           from the cache (what a change of extractor or catalog costs).

- scale:   an archive of the catalog's guides copied into many editions (one per year
           and guide, bytes varied so each has its own sha256; generated here, never
           committed) built cold, then one edition of the largest guide added with
           `guides add --like` and built: the add's time against a bare pdfplumber pass over
           that one PDF (target <= 2x) and against the cold build, for 10 and 100
           editions (the add should not grow with the archive).

Reported as medians over the runs: pages per second, the extract/bare time ratio, the
re-run's time and peak memory: the largest resident set of the process or a child it
reaped (wait4's ru_maxrss) and, on Linux, the largest sampled sum over the whole process
tree (pool workers run at the same time, and come from a fork server, not the process).
CPU time (user + sys, the whole tree) is given beside wall time because a shared machine
stretches wall time; the load average is recorded for the same reason. Results go to
extracted/bench/bench.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import __version__, extract  # noqa: E402
from pipeline.catalog import load_catalog  # noqa: E402
from pipeline.pdf.loader import page_count  # noqa: E402
from pipeline.pdf.parallel import default_jobs  # noqa: E402

TARGETS = {"ratio": 1.3, "rerun_seconds": 2.0, "peak_mb": 500.0, "add_vs_parse": 2.0}
SCALES = (10, 100)  # editions in the archive of the scale figure


@dataclass(frozen=True)
class Run:
    """One measured process: wall and CPU seconds, peak memory in MB."""

    wall: float
    cpu: float
    max_rss_mb: float
    tree_rss_mb: float | None
    returncode: int


class TreeSampler:
    """Samples the process tree under `root` (Linux /proc): memory summed, CPU per process.

    Needed because pool workers started by a fork server are not children of the measured
    process: wait4 does not count them. Samples miss a process's last instants, so these
    figures, like wait4's, are lower bounds; the report takes the larger of the two.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval = root, interval
        self.peak_rss_mb: float | None = None  # None: ended before the first sample
        self.ticks: dict[int, int] = {}  # pid -> last seen user + system clock ticks
        self.available = Path("/proc/self/stat").exists()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        stats: dict[int, list[str]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:  # the process ended while we looked
                    continue
        family, grew = {self.root}, True
        while grew:
            grown = family | {pid for pid, f in stats.items() if int(f[1]) in family}
            grew, family = len(grown) > len(family), grown
        rss_pages = 0
        for pid in family & stats.keys():
            fields = stats[pid]
            self.ticks[pid] = int(fields[11]) + int(fields[12])  # utime + stime
            rss_pages += int(fields[21])
        if family & stats.keys():
            now = rss_pages * os.sysconf("SC_PAGE_SIZE") / 2**20
            self.peak_rss_mb = max(self.peak_rss_mb or 0.0, now)


def measure(command: list[str]) -> Run:
    """Run `command` to its end; its time, CPU and memory, children included."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    with TreeSampler(process.pid) as tree:
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(f"warning: {' '.join(command[1:4])}… exited {process.returncode}:\n"
              f"{errors.decode(errors='replace')[-2000:]}", file=sys.stderr)
    per_unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KB
    cpu = max(usage.ru_utime + usage.ru_stime, tree.cpu_seconds)
    return Run(wall, cpu, usage.ru_maxrss * per_unit / 2**20, tree.peak_rss_mb,
               process.returncode)


def extract_command(raw: Path, work: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "pipeline", "extract", "--quiet", "--raw", str(raw),
            "--warehouse", str(work / "warehouse.duckdb"), "--cache-dir", str(work / "cache"),
            "--jobs", str(jobs)]


def one_run(raw: Path, pdfs: list[str], worker_counts: list[int]) -> dict[str, Run]:
    """Bare pass, then a cold extract and a no-change re-run per worker count."""
    runs = {"bare": measure([sys.executable, str(ROOT / "bench" / "bare_pdfplumber.py"),
                             *pdfs])}
    for jobs in worker_counts:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            command = extract_command(raw, Path(folder), jobs)
            runs[f"extract_jobs{jobs}"] = measure(command)
            runs[f"rerun_jobs{jobs}"] = measure(command)
            shutil.rmtree(Path(folder) / "cache" / "builds")  # forget the build, keep parses
            runs[f"cached_build_jobs{jobs}"] = measure(command)
    return runs


def medians(runs: list[dict[str, Run]]) -> dict[str, dict[str, float]]:
    """Per measurement, the median of each figure over the runs."""
    result: dict[str, dict[str, float]] = {}
    for name in runs[0]:
        figures = [asdict(r[name]) for r in runs]
        result[name] = {key: statistics.median(f[key] for f in figures)
                        for key in ("wall", "cpu", "max_rss_mb")}
        trees = [f["tree_rss_mb"] for f in figures if f["tree_rss_mb"] is not None]
        result[name]["tree_rss_mb"] = statistics.median(trees) if trees else None
    return result


def report(pages: int, median: dict[str, dict[str, float]], worker_counts: list[int]) -> str:
    """The table printed at the end."""
    bare = median["bare"]["wall"]
    lines = [f"{'measurement':<26}{'wall s':>8}{'cpu s':>8}{'pages/s':>9}{'x bare':>8}"
             f"{'max RSS MB':>12}{'tree RSS MB':>13}"]
    for name, figures in median.items():
        tree = figures["tree_rss_mb"]
        rate = f"{pages / figures['wall']:>9.1f}" if name.startswith(("bare", "extract")) \
            else " " * 9
        lines.append(f"{name:<26}{figures['wall']:>8.2f}{figures['cpu']:>8.2f}{rate}"
                     f"{figures['wall'] / bare:>8.2f}{figures['max_rss_mb']:>12.0f}"
                     f"{(f'{tree:.0f}' if tree is not None else '-'):>13}")
    lines.append("")
    for jobs in worker_counts:
        extract, rerun = median[f"extract_jobs{jobs}"], median[f"rerun_jobs{jobs}"]
        cached = median[f"cached_build_jobs{jobs}"]
        lines.append(f"jobs={jobs}: extract/bare {extract['wall'] / bare:.2f}x wall, "
                     f"{extract['cpu'] / median['bare']['cpu']:.2f}x cpu "
                     f"(target <= {TARGETS['ratio']}); no-change re-run {rerun['wall']:.2f} s "
                     f"(target < {TARGETS['rerun_seconds']:g} s); build from parse cache "
                     f"{cached['wall']:.2f} s wall, {cached['cpu']:.2f} s cpu")
    peak = max(max(f["max_rss_mb"], f["tree_rss_mb"] or 0) for n, f in median.items()
               if n != "bare")
    lines.append(f"peak memory of any extract {peak:.0f} MB (target < {TARGETS['peak_mb']:g} MB)")
    return "\n".join(lines)


def varied_copy(source: Path, target: Path, mark: str) -> None:
    """`source` with a comment appended after its end: the same PDF, its own sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes() + f"\n% bench copy {mark}\n".encode())


def toml_entry(fields: dict) -> str:
    """A [[document]] table; values as JSON, which TOML reads the same."""
    return "[[document]]\n" + "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n"
                                      for key, value in fields.items() if value) + "\n"


def scale_archive(raw: Path, target: Path, editions: int) -> tuple[Path, str]:
    """`editions` editions of the catalog's guides under `target`: the guides in turn, a
    year earlier each round; returns the folder and the doc id of the largest guide's
    newest edition (what the next edition is added `--like`)."""
    catalog = load_catalog(raw, extract.names())
    entries, newest = [], {}
    for number in range(editions):
        entry = catalog.entries[number % len(catalog.entries)]
        year = entry.edition_year - number // len(catalog.entries)
        file = f"{year}/{Path(entry.file).name}"
        varied_copy(catalog.path_of(entry), target / file, str(number))
        entries.append(toml_entry({
            "file": file, "series": entry.series, "publisher": entry.publisher,
            "title": entry.title, "edition_year": year, "specialty": entry.specialty,
            "url": entry.url, "extractors": list(entry.extractors)}))
        newest.setdefault(entry.file, f"{entry.series}-{year}")
    (target / "sources.toml").write_text("".join(entries), encoding="utf-8")
    largest = max(catalog.entries, key=lambda e: catalog.path_of(e).stat().st_size)
    return target, newest[largest.file]


def scale(raw: Path, scales: tuple[int, ...], keep: Callable[[dict], None]) -> dict:
    """Cold build of each archive size, then one edition added: times and ratios, handed to
    `keep` after each size (a long run keeps what it measured)."""
    catalog = load_catalog(raw, extract.names())
    largest = max(catalog.entries, key=lambda e: catalog.path_of(e).stat().st_size)
    figures: dict = {"added": largest.file, "scales": list(scales)}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        new = Path(folder) / "new" / Path(largest.file).name
        varied_copy(catalog.path_of(largest), new, "new")
        for editions in scales:
            print(f"scale: {editions} editions…", file=sys.stderr, flush=True)
            work = Path(folder) / str(editions)
            archive, like = scale_archive(raw, work / "raw", editions)
            command = extract_command(archive, work, default_jobs())
            cold = measure(command)
            # Measured beside the add, so that both see the same load on the machine.
            bare = measure([sys.executable, str(ROOT / "bench" / "bare_pdfplumber.py"), str(new)])
            added = measure([sys.executable, "-m", "pipeline", "add", str(new), "--like", like,
                             "--year", str(largest.edition_year + 1), "--raw", str(archive),
                             "--cache-dir", str(work / "cache")])
            built = measure(command)
            total = added.wall + built.wall
            figures[str(editions)] = {
                "cold": asdict(cold), "bare_parse_of_added": asdict(bare), "add": asdict(added),
                "build_after_add": asdict(built), "add_total_wall": total,
                "add_vs_parse": total / bare.wall, "add_vs_cold": total / cold.wall,
                "load_average": os.getloadavg()}
            keep(figures)
    first, last = str(scales[0]), str(scales[-1])
    figures[f"add_growth_{first}_to_{last}"] = (figures[last]["add_total_wall"]
                                               / figures[first]["add_total_wall"])
    # The same growth with the load on the machine divided out (each add over its bare parse).
    figures[f"add_vs_parse_growth_{first}_to_{last}"] = (figures[last]["add_vs_parse"]
                                                        / figures[first]["add_vs_parse"])
    keep(figures)  # the growth too, not only the sizes measured so far
    return figures


def scale_report(figures: dict) -> str:
    lines = [f"scale: one edition of {figures['added']} added (`guides add --like` + extract), "
             "against a bare pdfplumber pass over it alone measured just before"]
    for editions in figures["scales"]:
        entry = figures[str(editions)]
        lines.append(f"  {editions:>3} editions: cold build {entry['cold']['wall']:.1f} s; add "
                     f"{entry['add']['wall']:.2f} s + build {entry['build_after_add']['wall']:.2f}"
                     f" s = {entry['add_total_wall']:.2f} s = {entry['add_vs_parse']:.2f}x the "
                     f"bare parse of {entry['bare_parse_of_added']['wall']:.2f} s "
                     f"(target <= {TARGETS['add_vs_parse']:g}x), "
                     f"{entry['add_vs_cold']:.2f}x the cold build")
    for prefix, what in (("add_growth_", "add time"), ("add_vs_parse_growth_",
                                                      "add time over the bare parse")):
        lines += [f"  {what}, {k.removeprefix(prefix).replace('_', ' ')} editions: "
                  f"x{figures[k]:.2f}" for k in figures if k.startswith(prefix)]
    return "\n".join(lines)


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--runs", type=int, default=3, help="runs; medians are reported")
    args.add_argument("--raw", type=Path, default=ROOT / "raw")
    args.add_argument("--out", type=Path, default=ROOT / "extracted" / "bench" / "bench.json")
    args.add_argument("--scales", type=int, nargs="+", default=list(SCALES),
                      help="archive sizes of the scale figure (default %(default)s)")
    args.add_argument("--only", choices=("speed", "scale"),
                      help="run one part only (the other's figures in --out are kept)")
    options = args.parse_args()
    previous = json.loads(options.out.read_text()) if options.out.exists() else {}
    if options.only == "scale":
        figures = scale(options.raw, tuple(options.scales),
                        lambda so_far: write(options.out, {**previous, "scale": so_far}))
        print(scale_report(figures))
        return 0
    catalog = load_catalog(options.raw, extract.names())
    pdfs = [str(catalog.path_of(entry)) for entry in catalog.entries]
    worker_counts = sorted({1, default_jobs()})
    load_before = os.getloadavg()
    runs = []
    for number in range(1, options.runs + 1):
        print(f"run {number}/{options.runs}…", file=sys.stderr, flush=True)
        runs.append(one_run(options.raw, pdfs, worker_counts))
    pages = sum(page_count(Path(pdf)) for pdf in pdfs)
    median = medians(runs)
    print(f"{len(pdfs)} documents, {pages} pages, {options.runs} runs (medians), "
          f"{default_jobs()} cores, load average {load_before[0]:.1f} before / "
          f"{os.getloadavg()[0]:.1f} after\n")
    print(report(pages, median, worker_counts))
    speed = {
        "pipeline_version": __version__, "python": platform.python_version(),
        "machine": platform.machine(), "cores": default_jobs(), "documents": len(pdfs),
        "pages": pages, "load_average": {"before": load_before, "after": os.getloadavg()},
        "targets": TARGETS, "median": median,
        "runs": [{name: asdict(run) for name, run in r.items()} for r in runs]}
    write(options.out, {**speed, "scale": previous.get("scale")})
    if options.only is None:
        figures = scale(options.raw, tuple(options.scales),
                        lambda so_far: write(options.out, {**speed, "scale": so_far}))
        print("\n" + scale_report(figures))
    return 0


def write(out: Path, figures: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
