"""Test helpers around raw/ and the CLI: a copy of raw/ cut down to a few guides, and
`guides extract` run as a user runs it. (PDFs: pdfgen; document models: model_pages.)"""

from __future__ import annotations

import re
from pathlib import Path


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


def extract_cli(raw: Path, target: Path, *flags: str) -> int:
    """`guides extract` as a user runs it, quiet and without the cache or the up-to-date
    skip, so each test parses and writes for itself."""
    from pipeline.cli import main

    return main(["extract", "--raw", str(raw), "--warehouse", str(target), "--quiet",
                 "--no-cache", *flags])
