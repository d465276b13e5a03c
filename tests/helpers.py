"""Test helpers: small PDFs made on the fly (reportlab), a copy of raw/ cut down to a few guides."""

from __future__ import annotations

import re
from pathlib import Path


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF with one line of text per page (an empty string leaves the page blank)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for text in pages:
        if text:
            canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    return path


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
