"""The `build_info` row: when, from which commit and with what a warehouse was built, so an
analyst holding only the file can tell which code and libraries produced it."""

from __future__ import annotations

import json
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from pipeline import __version__

CODE = Path(__file__).resolve().parents[2]  # the checkout the pipeline runs from
LIBRARIES = ("pdfplumber", "pandas", "pandera", "duckdb")


def _git(*argv: str) -> str | None:
    """Output of a git command in the code's checkout; None without git or a checkout."""
    try:
        done = subprocess.run(["git", "-C", str(CODE), *argv], capture_output=True, text=True,
                              timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_state() -> tuple[str | None, bool | None]:
    """(commit, dirty): dirty when a tracked file differs from the commit."""
    commit = _git("rev-parse", "HEAD")
    if commit is None:
        return None, None
    status = _git("status", "--porcelain", "--untracked-files=no")
    return commit, None if status is None else bool(status)


def frame(options: dict, storage_version: str) -> pd.DataFrame:
    """The one-row build_info table of a build made with `options` (JSON-serialisable)."""
    commit, dirty = git_state()
    row = {"built_at": datetime.now(UTC).replace(tzinfo=None), "pipeline_version": __version__,
           "git_commit": commit, "git_dirty": dirty,
           "python_version": platform.python_version(),
           **{f"{name}_version": metadata.version(name) for name in LIBRARIES},
           "storage_version": storage_version,
           "options": json.dumps(options, sort_keys=True, default=str)}
    return pd.DataFrame([row]).astype({"git_dirty": "boolean"})
