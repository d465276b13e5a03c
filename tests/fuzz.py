"""Mutation fuzzer: damaged copies of the corpus PDFs through the real build.

Each case is one corpus PDF damaged one way (seeded, so case `i` of seed `s` is the same
file on every machine): truncated at a random offset, bytes flipped inside a content
stream, the xref table removed or its offset shifted, an object duplicated, a stream's
/Length wrong, a page tree that contains itself, a huge declared page count, fonts
without their widths. Cases run in batches: one raw/ holding the batch's damaged PDFs
(catalogued with the extractors of the guide they come from) beside a witness guide (a
small rank table whose 9 rows are known), built by a real `python -m pipeline extract`
process into a copy of the witness's warehouse.

Every case must end as rows of its document (possibly fewer, rejects explaining why) or a
one-line failure naming its file. Anything else is a finding:

- traceback: 'Traceback' or 'Exception ignored' on stderr, or an exit status other than
  0 or 1;
- hang: the batch outlived its time budget (killed);
- silent: the damaged document neither loaded nor reported;
- lost: the witness's rows differ from what it gives alone;
- changed: the build failed but the warehouse file changed.

A batch with a finding is run again case by case, so each finding names its case; its PDF
is kept under the output folder (`crashes/`) for a regression test.

    python tests/fuzz.py --cases 1000 --seed 1 --out extracted/fuzz   (make fuzz N=1000)

writes `fuzz.json`: cases by outcome, findings, the slowest case, the peak memory of a
build. tests/test_fuzz.py runs a fixed sample of 40 cases in `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RAW = ROOT / "raw"
sys.path.insert(0, str(HERE))

from helpers import catalog_entry  # noqa: E402
from pdfgen import rank_raw  # noqa: E402

# Corpus guides damaged by default: the ones parsed in seconds (the 73-page SFR guide and
# the 24-page ISNAR guide can be added with --bases).
BASES = ("2024/syrc-img-formation-pratique.pdf", "2024/ars-ara-accueil-internes.pdf")
WITNESS_ROWS = "SELECT subdivision_id, year, rank_limit FROM rank_limits ORDER BY ALL"
BATCH_SECONDS = 600.0  # a batch running longer is a hang
CASE_SECONDS = 60.0  # --seconds: the time budget per document of the build


# --- mutations: each takes the PDF and a seeded generator, returns the damaged bytes or
# None where it does not apply (the case then falls back to flipping stream bytes).

STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
OBJECT = re.compile(rb"\d+ \d+ obj\b.*?endobj", re.S)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(16, len(data))]


def flip(data: bytes, rng: random.Random) -> bytes:
    """1-16 random bytes changed inside one stream (anywhere when there is none)."""
    spans = [m.span(1) for m in STREAM.finditer(data) if m.end(1) > m.start(1)]
    start, stop = rng.choice(spans) if spans else (0, len(data))
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(start, stop)] = rng.randrange(256)
    return bytes(out)


def xref(data: bytes, rng: random.Random) -> bytes | None:
    """The xref table removed, or the offset `startxref` gives shifted."""
    found = list(re.finditer(rb"startxref\s+(\d+)", data))
    if not found:
        return None
    table = data.rfind(b"\nxref")
    trailer = data.find(b"trailer", table)
    if table >= 0 and trailer > table and rng.random() < 0.5:
        return data[:table + 1] + data[trailer:]
    last = found[-1]
    offset = int(last.group(1)) + rng.choice([-1, 1]) * rng.randint(1, 400)
    return data[:last.start(1)] + str(max(offset, 0)).encode() + data[last.end(1):]


def duplicate(data: bytes, rng: random.Random) -> bytes | None:
    """An object written twice (the copy right after it, every later offset shifted)."""
    objects = list(OBJECT.finditer(data))
    if not objects:
        return None
    chosen = rng.choice(objects)
    return data[:chosen.end()] + b"\n" + chosen.group(0) + data[chosen.end():]


def length(data: bytes, rng: random.Random) -> bytes | None:
    """A stream's /Length wrong: zero, half, double, a little more, or huge."""
    found = list(re.finditer(rb"/Length (\d+)", data))
    if not found:
        return None
    chosen = rng.choice(found)
    value = int(chosen.group(1))
    wrong = rng.choice([0, value // 2, value * 2, value + rng.randint(1, 64), 10**9])
    return data[:chosen.start(1)] + str(wrong).encode() + data[chosen.end(1):]


def page_loop(data: bytes, rng: random.Random) -> bytes | None:
    """The page tree lists itself among its kids."""
    root = re.search(rb"/Pages (\d+) 0 R", data)
    if not root:
        return None
    number = root.group(1)
    tree = re.search(rb"(?<![0-9])" + number + rb" 0 obj.*?/Kids\s*\[", data, re.S)
    if not tree:
        return None
    return data[:tree.end()] + number + b" 0 R " + data[tree.end():]


def huge_count(data: bytes, rng: random.Random) -> bytes | None:
    """A page tree that declares far more pages than it has."""
    found = list(re.finditer(rb"/Count (\d+)", data))
    if not found:
        return None
    chosen = rng.choice(found)
    count = rng.choice([10**6, 2**31 - 1, 10**12])
    return data[:chosen.start(1)] + str(count).encode() + data[chosen.end(1):]


def no_widths(data: bytes, rng: random.Random) -> bytes | None:
    """Fonts without their glyph widths: /Widths and /W arrays blanked (same length, so
    the offsets stay right)."""
    out = bytearray(data)
    found = False
    arrays = list(re.finditer(rb"/W(?:idths)?\s*\[", data))
    for match in rng.sample(arrays, rng.randint(1, len(arrays))) if arrays else []:
        depth, end = 0, match.end() - 1
        while end < len(data):
            depth += {ord("["): 1, ord("]"): -1}.get(data[end], 0)
            if depth == 0:
                break
            end += 1
        out[match.start():end + 1] = b" " * (end + 1 - match.start())
        found = True
    return bytes(out) if found else None


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes | None]] = {
    "truncate": truncate, "flip": flip, "xref": xref, "duplicate": duplicate,
    "length": length, "page-loop": page_loop, "huge-count": huge_count,
    "no-widths": no_widths,
}


@dataclass
class Case:
    """One damaged PDF: its number, the guide and mutation it came from."""

    number: int
    base: str
    mutation: str
    size: int = 0
    outcome: str = ""
    detail: str = ""
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return f"case-{self.number:05d}.pdf"


def make_case(number: int, seed: int, bases: tuple[str, ...]) -> tuple[Case, bytes]:
    """Case `number` of `seed`: the same guide, mutation and bytes on every run."""
    rng = random.Random(f"{seed}:{number}")
    base = bases[number % len(bases)]
    mutation = list(MUTATIONS)[(number // len(bases)) % len(MUTATIONS)]
    data = (RAW / base).read_bytes()
    damaged = MUTATIONS[mutation](data, rng)
    if damaged is None:
        mutation, damaged = "flip", flip(data, rng)
    return Case(number, base, mutation, len(damaged)), damaged


def extractors_of(base: str) -> tuple[tuple[str, ...], str | None]:
    """The extractors and specialty raw/sources.toml gives the guide."""
    catalog = tomllib.loads((RAW / "sources.toml").read_text(encoding="utf-8"))
    for entry in catalog["document"]:
        if entry["file"] == base:
            return tuple(entry["extractors"]), entry.get("specialty")
    raise KeyError(base)


# --- running a batch through the real build


@dataclass
class Witness:
    """The witness raw/ (one small rank table) and the warehouse it builds alone."""

    raw: Path
    warehouse: Path
    rows: list[tuple]


def extract(raw: Path, target: Path, jobs: int, timeout: float
            ) -> tuple[int | None, str, str, float, int]:
    """A real `guides extract`: exit status (None: killed at the timeout), stdout,
    stderr, seconds, peak resident memory in KB (of the process and its waited children).
    """
    command = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw),
               "--warehouse", str(target), "--no-cache", "--quiet", "--jobs", str(jobs),
               "--seconds", str(CASE_SECONDS)]
    started = time.monotonic()
    with open(target.parent / "out.txt", "w+") as out, open(target.parent / "err.txt",
                                                            "w+") as err:
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err,
                                 start_new_session=True)
        status, peak = None, 0
        while status is None:
            pid, code, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                status, peak = os.waitstatus_to_exitcode(code), usage.ru_maxrss
            elif time.monotonic() - started > timeout:
                os.killpg(child.pid, 9)
                _, code, usage = os.wait4(child.pid, 0)
                peak = usage.ru_maxrss
                break
            else:
                time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        return status, out.read(), err.read(), time.monotonic() - started, peak


def rows(target: Path, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(target), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def make_witness(folder: Path, jobs: int) -> Witness:
    raw = rank_raw(folder / "witness-raw")
    target = folder / "witness.duckdb"
    status, out, err, _, _ = extract(raw, target, jobs, BATCH_SECONDS)
    if status != 0:
        raise RuntimeError(f"the witness does not build alone: {out}{err}")
    return Witness(raw, target, rows(target, WITNESS_ROWS))


def run_batch(cases: list[tuple[Case, bytes]], witness: Witness, folder: Path,
              jobs: int) -> int:
    """Build the witness and these cases; set each case's outcome; the peak memory (KB)."""
    if folder.exists():
        shutil.rmtree(folder)
    raw = folder / "raw"
    shutil.copytree(witness.raw, raw)
    with (raw / "sources.toml").open("a", encoding="utf-8") as catalog:
        for case, data in cases:
            (raw / "2024" / case.name).write_bytes(data)
            extractors, specialty = extractors_of(case.base)
            catalog.write(catalog_entry(f"2024/{case.name}", extractors, specialty=specialty))
    target = folder / "warehouse.duckdb"
    shutil.copy(witness.warehouse, target)
    before = target.read_bytes()
    status, out, err, seconds, peak = extract(raw, target, jobs, BATCH_SECONDS)
    for case, _ in cases:
        case.seconds = seconds / len(cases)
    verdict = _batch_finding(status, out, err, target, before, witness)
    loaded = {doc for (doc,) in rows(target, "SELECT doc_id FROM documents")} \
        if verdict is None and target.exists() else set()
    failures = [line.removeprefix("  - ") for line in out.splitlines()
                if line.startswith("  - ")]
    for case, _ in cases:
        if verdict is not None:
            case.outcome, case.detail = verdict
            continue
        path = str(raw / "2024" / case.name)
        named = [line for line in failures if line.startswith(path)]
        if Path(case.name).stem in loaded:
            case.outcome = "loaded"
        elif len(named) == 1:
            case.outcome, case.detail = "refused", named[0].removeprefix(path)
        else:
            case.outcome, case.detail = "silent", f"neither loaded nor reported ({named})"
    return peak


def _batch_finding(status: int | None, out: str, err: str, target: Path, before: bytes,
                   witness: Witness) -> tuple[str, str] | None:
    """What went wrong with the batch as a whole, if anything."""
    if status is None:
        return "hang", f"killed after {BATCH_SECONDS:g}s"
    if "Traceback" in err or "Exception ignored" in err or status not in (0, 1):
        return "traceback", (err.strip().splitlines() or [f"exit {status}"])[-1]
    if "Warehouse NOT written" in out:
        return ("refused", "build failed, warehouse kept") if target.read_bytes() == before \
            else ("changed", "build failed and the warehouse changed")
    if rows(target, WITNESS_ROWS) != witness.rows:
        return "lost", "the witness's rows changed"
    return None


FINDINGS = ("traceback", "hang", "silent", "lost", "changed")


def fuzz(count: int, seed: int, out: Path, bases: tuple[str, ...] = BASES, batch: int = 10,
         jobs: int = 2, first: int = 0, progress: bool = True,
         time_slowest: bool = True) -> dict:
    """Run `count` cases from number `first`; write and return the summary. With
    `time_slowest`, the cases of the slowest batch are run again one by one to time them."""
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)  # what a stopped run left
    work.mkdir(parents=True)
    witness = make_witness(work, jobs)
    cases: list[Case] = []
    peak = 0
    started = time.monotonic()
    numbers = list(range(first, first + count))
    for start in range(0, count, batch):
        made = [make_case(n, seed, bases) for n in numbers[start:start + batch]]
        peak = max(peak, run_batch(made, witness, work / "batch", jobs))
        if any(case.outcome in FINDINGS for case, _ in made) and len(made) > 1:
            for one in made:  # each case alone, so that each finding names its case
                peak = max(peak, run_batch([one], witness, work / "alone", jobs))
        for case, data in made:
            if case.outcome in FINDINGS:
                (out / "crashes").mkdir(exist_ok=True)
                (out / "crashes" / case.name).write_bytes(data)
        cases += [case for case, _ in made]
        write_summary(out, summarise(cases, seed, bases, peak, time.monotonic() - started,
                                     first, complete=False))
        if progress:
            tally = Counter(c.outcome for c in cases)
            print(f"{len(cases)}/{count} cases, {time.monotonic() - started:.0f}s: "
                  f"{dict(sorted(tally.items()))}", flush=True)
    # Times above are a batch's share; the slowest batch's cases are timed one by one.
    slowest = max(range(0, count, batch), key=lambda i: sum(c.seconds for c in cases[i:i + batch]))
    for case in cases[slowest:slowest + batch] if time_slowest else []:
        again = make_case(case.number, seed, bases)
        peak = max(peak, run_batch([again], witness, work / "alone", jobs))
        case.seconds = again[0].seconds
    summary = summarise(cases, seed, bases, peak, time.monotonic() - started, first)
    write_summary(out, summary)
    shutil.rmtree(work, ignore_errors=True)
    return summary


def write_summary(out: Path, summary: dict) -> None:
    """fuzz.json, rewritten after every batch (a long run stopped early keeps its tally)."""
    (out / "fuzz.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")


def summarise(cases: list[Case], seed: int, bases: tuple[str, ...], peak_kb: int,
              seconds: float, first: int = 0, complete: bool = True) -> dict:
    slowest = max(cases, key=lambda c: c.seconds)
    return {
        "seed": seed, "first_case": first, "cases": len(cases), "complete": complete,
        "bases": list(bases),
        "outcomes": dict(sorted(Counter(c.outcome for c in cases).items())),
        "by_mutation": {m: dict(sorted(Counter(c.outcome for c in cases
                                               if c.mutation == m).items()))
                        for m in MUTATIONS},
        "findings": [asdict(c) for c in cases if c.outcome in FINDINGS],
        "slowest_case": asdict(slowest),
        "peak_memory_mb": round(peak_kb / 1024, 1),
        "seconds": round(seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first case")
    parser.add_argument("--batch", type=int, default=10, help="cases per build")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--bases", nargs="+", default=list(BASES),
                        help="corpus PDFs to damage, relative to raw/")
    parser.add_argument("--out", type=Path, default=ROOT / "extracted/fuzz")
    args = parser.parse_args(argv)
    summary = fuzz(args.cases, args.seed, args.out, tuple(args.bases), args.batch, args.jobs,
                   args.first)
    print(json.dumps({k: summary[k] for k in ("cases", "outcomes", "slowest_case",
                                              "peak_memory_mb", "seconds")}, indent=2))
    return 1 if summary["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
