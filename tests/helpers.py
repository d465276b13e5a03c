"""Test helpers around raw/, the CLI and the warehouse: catalog entries, a copy of raw/ cut
down to a few guides, `guides extract` run as a user runs it, and a read-only query.
(PDFs: pdfgen; document models: model_pages.)"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path


def catalog_entry(file: str, extractors: Sequence[str] = (), *, title: str = "Guide",
                  edition_year: int = 2024, specialty: str | None = "rhumatologie",
                  **extra: str | None) -> str:
    """One `[[document]]` of a sources.toml, then a blank line (nine lines without
    `extra`); values are written as JSON, which TOML reads the same; None leaves a key out.
    Its doc_id is the file name without .pdf unless `extra` sets one (None: derived from
    the series, as for a user's entry)."""
    fields = {"file": file, "publisher": "Test", "title": title, "edition_year": edition_year,
              "specialty": specialty, "extractors": list(extractors),
              "doc_id": Path(file).stem, **extra}
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}"
             for key, value in fields.items() if value is not None]
    return "[[document]]\n" + "\n".join(lines) + "\n\n"


def query(target: Path, sql: str) -> list[tuple]:
    """Rows of a query on a built warehouse, opened read-only."""
    import duckdb

    with duckdb.connect(str(target), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def keep_only(raw: Path, files: tuple[str, ...]) -> Path:
    """Cut a copy of raw/ down to `files`: their catalog entries and PDFs, nothing else."""
    catalog = raw / "sources.toml"
    head, *blocks = re.split(r"(?m)^(?=\[\[document\]\])", catalog.read_text(encoding="utf-8"))
    kept = [b for b in blocks if any(f'file = "{f}"' in b for f in files)]
    catalog.write_text(head + "".join(kept), encoding="utf-8")
    for pdf in raw.rglob("*.pdf"):
        if str(pdf.relative_to(raw)) not in files:
            pdf.unlink()
    return raw


def extract_cli(raw: Path, target: Path, *flags: str, cache: Path | None = None) -> int:
    """`guides extract` as a user runs it, quiet and without the cache or the up-to-date
    skip, so each test parses and writes for itself; with `cache` (the session's parse
    cache), a copy of a real guide the session already parsed is not parsed again."""
    from pipeline.cli import main

    caching = ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    return main(["extract", "--raw", str(raw), "--warehouse", str(target), "--quiet",
                 *caching, *flags])


def guides(capsys, *argv: str) -> tuple[int, str, str]:
    """`guides <argv>` as typed: its exit code, what it printed and what it reported."""
    from pipeline.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def failed_lines(stdout: str) -> list[str]:
    """The failures the end-of-build summary lists (its '  - ' lines), without the dash."""
    return [line.removeprefix("  - ") for line in stdout.splitlines() if line.startswith("  - ")]


def count_extractor_runs(patch) -> list[str]:
    """From now on (`patch`: a pytest MonkeyPatch), the doc ids the build runs the
    extractors on, in order."""
    from pipeline import build as building

    calls: list[str] = []
    real = building.run_extractors

    def counted(document, entry, *rest):
        calls.append(entry.doc_id)
        return real(document, entry, *rest)

    patch.setattr(building, "run_extractors", counted)
    return calls
