"""Skip a build whose inputs have not changed since the last successful one.

A re-run of `guides extract` on unchanged inputs should cost next to nothing: no PDF
parsed, not even pandas, pandera or DuckDB imported. After a build that wrote the
warehouse without any failure, a stamp goes into the cache directory: a digest of what
the warehouse is made from, the warehouse file's size and modification time, and the
summary printed. The next run computes the digest again (hashing files, no heavy import);
when it and the warehouse file are unchanged, the last summary is printed and nothing is
built. `--no-cache` (or `make clean`) forces a full build.

The digest covers the catalog and every PDF under raw/ (by content), the pipeline's and
the schemas' code and data files, the installed distributions (name and version) and the
options that change the output. Anything else changed means a full build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.catalog import CATALOG_NAME
from pipeline.pdf.loader import sha256_of

log = logging.getLogger(__name__)
CODE_SUFFIXES = (".py", ".csv", ".sql")


def _inputs(raw: Path) -> list[Path]:
    """The catalog and the PDFs under raw/ (listed or not: unlisted ones are reported)."""
    return sorted(p for p in raw.rglob("*") if p.is_file() and
                  (p.suffix.lower() == ".pdf" or p.name == CATALOG_NAME))


def code_files() -> list[Path]:
    """The files of the pipeline and schemas packages that decide what a build produces."""
    from importlib.util import find_spec

    # Found, not imported: importing schemas would import pandera, which this module avoids.
    roots = [Path(find_spec(name).origin).parent for name in ("pipeline", "schemas")]
    return sorted(p for root in roots for p in root.rglob("*")
                  if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts)


def _distributions() -> list[str]:
    """Installed distributions with their versions (their dist-info folder names)."""
    folders = {Path(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    return sorted(p.name for folder in folders if folder.is_dir()
                  for p in folder.glob("*.dist-info"))


def inputs_digest(raw: Path, settings: dict) -> str:
    """A digest of everything a build of `raw` with `settings` depends on."""
    digest = hashlib.sha256()
    for path in _inputs(raw):
        digest.update(f"raw {path.relative_to(raw)} {sha256_of(path)}\n".encode())
    for path in code_files():
        digest.update(f"code {path.name} {sha256_of(path)}\n".encode())
    digest.update(json.dumps([_distributions(), settings], sort_keys=True).encode())
    return digest.hexdigest()


def _state(target: Path) -> dict | None:
    """The warehouse file as it is now (size, modification time), None when missing."""
    try:
        status = target.stat()
    except FileNotFoundError:
        return None
    return {"size": status.st_size, "mtime_ns": status.st_mtime_ns}


@dataclass(frozen=True)
class Stamp:
    """The record of the last successful build of one warehouse, kept in the cache."""

    path: Path
    target: Path
    inputs: str

    @classmethod
    def of(cls, raw: Path, target: Path, cache_dir: Path, settings: dict) -> Stamp:
        """The stamp a build of `raw` into `target` would leave, with the current inputs."""
        name = hashlib.sha256(str(target.resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir / "builds" / f"{name}.json", target,
                   inputs_digest(raw, {**settings, "warehouse": str(target.resolve())}))

    def last_summary(self) -> str | None:
        """The last build's summary if it came from these inputs and the warehouse is as
        that build left it; None otherwise (a build is needed)."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable build stamp %s (%s); building", self.path, exc)
            return None
        if not isinstance(recorded, dict):
            return None
        current = recorded.get("inputs") == self.inputs
        untouched = _state(self.target) is not None and recorded.get("warehouse") == _state(
            self.target)
        return recorded.get("summary") if current and untouched else None

    def save(self, summary: str) -> None:
        """Record a successful build (atomically: temporary file, then rename)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"inputs": self.inputs, "warehouse": _state(self.target),
                           "summary": summary}, out)
            os.replace(temporary, self.path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
